"""A real HTTP server on 127.0.0.1: CRLs (GET /crl/NAME), an RFC 3161 TSA (POST /tsa).

The TSA answers with pyHanko's ``DummyTimeStamper`` signing real TSTInfo
structures with the test PKI's TSA key: a real timestamp authority, over a real
socket, only its key is a test key.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from asn1crypto import keys, tsp
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper


@dataclass
class ServerState:
    files: dict[str, bytes] = field(default_factory=dict)
    timestamper: DummyTimeStamper | None = None
    requests: list[str] = field(default_factory=list)
    fail_tsa: bool = False


class _Handler(BaseHTTPRequestHandler):
    state: ServerState

    def log_message(self, format: str, *args: object) -> None:
        pass

    def _reply(self, status: int, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self.state.requests.append(f"GET {self.path}")
        body = self.state.files.get(self.path)
        if body is None:
            self._reply(404, b"not found", "text/plain")
        else:
            self._reply(200, body, "application/octet-stream")

    def do_POST(self) -> None:
        self.state.requests.append(f"POST {self.path}")
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)
        stamper = self.state.timestamper
        if self.path != "/tsa" or stamper is None or self.state.fail_tsa:
            self._reply(503, b"unavailable", "text/plain")
            return
        request = tsp.TimeStampReq.load(body)
        response = stamper.request_tsa_response(request)
        self._reply(200, response.dump(), "application/timestamp-reply")


@contextmanager
def local_server() -> Iterator[tuple[str, ServerState]]:
    state = ServerState()
    handler = type("Handler", (_Handler,), {"state": state})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def make_timestamper(
    tsa_cert_der: bytes, tsa_key_pem: bytes, chain_der: list[bytes]
) -> DummyTimeStamper:
    key = serialization.load_pem_private_key(tsa_key_pem, password=None)
    key_der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return DummyTimeStamper(
        tsa_cert=asn1_x509.Certificate.load(tsa_cert_der),
        tsa_key=keys.PrivateKeyInfo.load(key_der),
        certs_to_embed=[asn1_x509.Certificate.load(c) for c in chain_der],
    )
