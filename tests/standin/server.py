"""The stand-in's HTTP side: a real server on 127.0.0.1 with PISTE-like OAuth2.

Routes:

* ``POST /api/oauth/token``: client_credentials (form or HTTP Basic), tokens
  expire after ``token_ttl`` seconds;
* ``POST /dume/{dumeA,dumeOE,donnees,metadonnees,referentiels}``: bearer token
  required (401 ``invalid_token`` otherwise, as the gateway does), JSON body
  dispatched on ``operation`` (:mod:`tests.standin.service`);
* ``POST /signature/verifier``: a toy remote signature verifier (the real
  contract is unknown).

It binds 127.0.0.1 only, can be stopped and started again on the same port
(the stored DUMEs survive, as they would on the real service), and
:meth:`StandinServer.stop` closes every socket and joins every thread.
"""

from __future__ import annotations

import base64
import contextlib
import json
import logging
import secrets
import socket
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.standin.faults import Fault, FaultKind, FaultPlan
from tests.standin.service import DumeService, ServiceError

log = logging.getLogger("dume.standin")

HOST = "127.0.0.1"
API_NAMES = ("dumeA", "dumeOE", "donnees", "metadonnees", "referentiels")

DEMO_CLIENT_ID = "standin-client"
DEMO_CLIENT_SECRET = "standin-secret-not-for-production"
DEMO_PLATFORM_ID = "13002526500013"
DEMO_TECHNICAL_ID = "DUMEDESKTOP01"


@dataclass
class Call:
    api: str
    operation: str | None
    status: int | None  # None: connection dropped
    fault: FaultKind | None


class _HttpServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = True  # server_close() joins the handler threads
    allow_reuse_address = True

    def __init__(self, standin: StandinServer, port: int) -> None:
        self.standin = standin
        super().__init__((HOST, port), _Handler)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that went away (dropped faults, stop()) is expected here.
        log.debug("stand-in: connection from %s ended abruptly", client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _HttpServer
    timeout = 30  # idle keep-alive connections do not hold a thread forever

    def setup(self) -> None:
        super().setup()
        self.server.standin._track(self.connection)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.standin._untrack(self.connection)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("stand-in: %s", format % args)

    def do_GET(self) -> None:
        self.send_json(405, {"error": "method_not_allowed"})

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        self.server.standin._dispatch(self, urlsplit(self.path).path, raw)

    # helpers used by the dispatcher
    def send_json(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
        self.send_bytes(status, json.dumps(data, ensure_ascii=False).encode("utf-8"), headers)

    def send_bytes(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def drop(self) -> None:
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)


class StandinServer:
    """``with StandinServer() as server:`` ... ``server.base_url``, ``server.token_url``."""

    def __init__(
        self,
        port: int = 0,
        *,
        client_id: str = DEMO_CLIENT_ID,
        client_secret: str = DEMO_CLIENT_SECRET,
        platform_id: str = DEMO_PLATFORM_ID,
        technical_id: str = DEMO_TECHNICAL_ID,
        token_ttl: float = 3600.0,
        validate_xml: bool = True,
        honour_idempotency_key: bool = False,
        error_status: int = 200,
        tls: tuple[str, str] | None = None,
    ) -> None:
        self.port = port
        self.client_id = client_id
        self._client_secret = client_secret
        self.token_ttl = token_ttl
        #: HTTP status of functional errors (the real one is unknown; 200 as documented)
        self.error_status = error_status
        self.tls = tls
        self.service = DumeService(
            platform_id=platform_id,
            technical_id=technical_id,
            validate_xml=validate_xml,
            honour_idempotency_key=honour_idempotency_key,
        )
        self.faults = FaultPlan()
        self.calls: list[Call] = []
        self.issued_tokens: list[str] = []
        self._tokens: dict[str, float] = {}
        self._lock = threading.Lock()
        self._httpd: _HttpServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = threading.Event()
        self._connections: set[socket.socket] = set()
        self._busy = 0
        self._idle = threading.Condition(self._lock)

    # ------------------------------------------------------------ life cycle
    def start(self) -> StandinServer:
        if self._httpd is not None:
            return self
        self._stopping.clear()
        httpd = _HttpServer(self, self.port)
        if self.tls is not None:
            import ssl

            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self.tls)
            httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
        self.port = httpd.server_address[1]
        self._httpd = httpd
        self._thread = threading.Thread(
            target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, name="standin", daemon=True
        )
        self._thread.start()
        log.info("stand-in listening on %s", self.origin)
        return self

    def stop(self) -> None:
        httpd, thread = self._httpd, self._thread
        if httpd is None or thread is None:
            return
        self._stopping.set()  # wakes injected delays
        httpd.shutdown()
        with self._lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
        httpd.server_close()  # joins the handler threads
        thread.join()
        self._httpd = self._thread = None
        log.info("stand-in stopped")

    @property
    def running(self) -> bool:
        return self._httpd is not None

    def __enter__(self) -> StandinServer:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    @property
    def origin(self) -> str:
        scheme = "https" if self.tls else "http"
        return f"{scheme}://{HOST}:{self.port}"

    @property
    def base_url(self) -> str:
        return f"{self.origin}/dume"

    @property
    def token_url(self) -> str:
        return f"{self.origin}/api/oauth/token"

    @property
    def signature_url(self) -> str:
        return f"{self.origin}/signature/verifier"

    # ------------------------------------------------------------ test helpers
    def inject(self, kind: FaultKind, **options: Any) -> Fault:
        return self.faults.add(Fault(kind, **options))

    def expire_tokens(self) -> None:
        with self._lock:
            for token in self._tokens:
                self._tokens[token] = 0.0

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """Wait until no request is being processed (e.g. after an injected delay)."""
        deadline = time.monotonic() + timeout
        with self._idle:
            while self._busy:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._idle.wait(remaining)
        return True

    def operations(self, operation: str | None = None) -> list[Call]:
        with self._lock:
            return [c for c in self.calls if operation is None or c.operation == operation]

    # ------------------------------------------------------------ internals
    def _track(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.add(connection)

    def _untrack(self, connection: socket.socket) -> None:
        with self._lock:
            self._connections.discard(connection)

    def _record(
        self, api: str, operation: str | None, status: int | None, fault: Fault | None
    ) -> None:
        with self._lock:
            self.calls.append(Call(api, operation, status, fault.kind if fault else None))

    def _dispatch(self, handler: _Handler, path: str, raw: bytes) -> None:
        with self._idle:
            self._busy += 1
        try:
            if path == "/api/oauth/token":
                self._token(handler, raw)
            elif path.startswith("/dume/") and path.removeprefix("/dume/") in API_NAMES:
                self._api(handler, path.removeprefix("/dume/"), raw)
            elif path == "/signature/verifier":
                self._signature(handler, raw)
            else:
                handler.send_json(404, {"error": "not_found"})
        finally:
            with self._idle:
                self._busy -= 1
                self._idle.notify_all()

    def _pre_fault(
        self, handler: _Handler, api: str, operation: str | None, fault: Fault | None
    ) -> bool:
        """Apply a fault that strikes before processing; True when the call is over."""
        if fault is None:
            return False
        if fault.kind is FaultKind.DELAY:
            self._stopping.wait(fault.delay)
            return False
        if fault.kind is FaultKind.DROP_BEFORE:
            handler.drop()
            self._record(api, operation, None, fault)
            return True
        if fault.kind is FaultKind.RATE_LIMIT:
            handler.send_json(
                429, {"error": "too_many_requests"}, {"Retry-After": str(fault.retry_after)}
            )
            self._record(api, operation, 429, fault)
            return True
        if fault.kind is FaultKind.UNAVAILABLE:
            handler.send_json(503, {"error": "unavailable"})
            self._record(api, operation, 503, fault)
            return True
        if fault.kind is FaultKind.SERVER_ERROR and not fault.after_processing:
            handler.send_bytes(500, b"<html>Internal Server Error</html>")
            self._record(api, operation, 500, fault)
            return True
        return False

    def _post_fault(
        self, handler: _Handler, api: str, operation: str | None, fault: Fault | None
    ) -> bool:
        """Apply a fault that strikes after processing; True when the call is over."""
        if fault is None:
            return False
        if fault.kind is FaultKind.DROP_AFTER:
            handler.drop()
            self._record(api, operation, None, fault)
            return True
        if fault.kind is FaultKind.SERVER_ERROR and fault.after_processing:
            handler.send_bytes(500, b"<html>Internal Server Error</html>")
            self._record(api, operation, 500, fault)
            return True
        if fault.kind is FaultKind.MALFORMED:
            handler.send_bytes(200, b'{"response": {"messageList": [{"type": "INF')
            self._record(api, operation, 200, fault)
            return True
        return False

    def _token(self, handler: _Handler, raw: bytes) -> None:
        fault = self.faults.take("token", None)
        if self._pre_fault(handler, "token", None, fault):
            return
        form = {k: v[0] for k, v in parse_qs(raw.decode("utf-8", "replace")).items()}
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        basic = handler.headers.get("Authorization", "")
        if basic.startswith("Basic "):
            with contextlib.suppress(ValueError):
                client_id, _, secret = base64.b64decode(basic[6:]).decode().partition(":")
        if form.get("grant_type") != "client_credentials":
            handler.send_json(400, {"error": "unsupported_grant_type"})
            self._record("token", None, 400, fault)
            return
        if not (
            secrets.compare_digest(client_id.encode(), self.client_id.encode())
            and secrets.compare_digest(secret.encode(), self._client_secret.encode())
        ):
            handler.send_json(401, {"error": "invalid_client", "error_description": "Bad client"})
            self._record("token", None, 401, fault)
            return
        token = secrets.token_urlsafe(24)
        with self._lock:
            self._tokens[token] = time.monotonic() + self.token_ttl
            self.issued_tokens.append(token)
        if self._post_fault(handler, "token", None, fault):
            return
        handler.send_json(
            200,
            {
                "access_token": token,
                "token_type": "Bearer",
                "expires_in": int(self.token_ttl),
                "scope": form.get("scope", "openid"),
            },
        )
        self._record("token", None, 200, fault)

    def _bearer_ok(self, handler: _Handler, fault: Fault | None) -> bool:
        header = handler.headers.get("Authorization", "")
        token = header.removeprefix("Bearer ").strip() if header.startswith("Bearer ") else ""
        with self._lock:
            if (
                fault is not None
                and fault.kind is FaultKind.EXPIRED_TOKEN
                and token in self._tokens
            ):
                self._tokens[token] = 0.0
            expiry = self._tokens.get(token)
            return expiry is not None and time.monotonic() < expiry

    def _api(self, handler: _Handler, api: str, raw: bytes) -> None:
        try:
            body = json.loads(raw) if raw else {}
        except ValueError:
            body = None
        operation = body.get("operation") if isinstance(body, dict) else None
        fault = self.faults.take(api, operation)
        if self._pre_fault(handler, api, operation, fault):
            return
        if not self._bearer_ok(handler, fault):
            handler.send_json(
                401,
                {"error": "invalid_token", "error_description": "Access token expired or invalid"},
                {"WWW-Authenticate": 'Bearer error="invalid_token"'},
            )
            self._record(api, operation, 401, fault)
            return
        if not isinstance(body, dict):
            self._send_error(
                handler, api, None, "PARAMETRE_INVALIDE", "Corps JSON invalide.", fault, 400
            )
            return
        try:
            response = self.service.handle(api, body, handler.headers.get("Idempotency-Key"))
        except ServiceError as exc:
            if self._post_fault(handler, api, operation, fault):
                return
            self._send_error(handler, api, operation, exc.code, exc.message, fault)
            return
        if self._post_fault(handler, api, operation, fault):
            return
        handler.send_json(200, {"response": response})
        self._record(api, operation, 200, fault)

    def _send_error(
        self,
        handler: _Handler,
        api: str,
        operation: str | None,
        code: str,
        message: str,
        fault: Fault | None,
        status: int | None = None,
    ) -> None:
        http_status = status or self.error_status
        handler.send_json(
            http_status,
            {"response": {"messageList": [{"type": "ERREUR", "code": code, "message": message}]}},
        )
        self._record(api, operation, http_status, fault)

    def _signature(self, handler: _Handler, raw: bytes) -> None:
        fault = self.faults.take("signature", None)
        if self._pre_fault(handler, "signature", None, fault):
            return
        if not self._bearer_ok(handler, fault):
            handler.send_json(401, {"error": "invalid_token"})
            self._record("signature", None, 401, fault)
            return
        try:
            body = json.loads(raw)
            document = base64.b64decode(body["document"])
        except (ValueError, KeyError, TypeError):
            self._send_error(
                handler, "signature", None, "PARAMETRE_INVALIDE", "document attendu.", fault, 400
            )
            return
        signed = b"<ds:Signature" in document or b"/ByteRange" in document
        report = {
            "indication": "INDETERMINATE" if signed else "TOTAL_FAILED",
            "sousIndication": "NO_CERTIFICATE_CHAIN_FOUND" if signed else "FORMAT_FAILURE",
            "signataire": "",
            "rapport": {"nomDocument": body.get("nomDocument", ""), "service": "stand-in"},
            "messageList": [],
        }
        handler.send_json(200, {"response": report})
        self._record("signature", None, 200, fault)
