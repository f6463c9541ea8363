"""The stand-in itself: the documented contract, and a clean life cycle."""

from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests

from app.espdxml.writer import to_bytes
from tests.standin import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_PLATFORM_ID,
    DEMO_TECHNICAL_ID,
    HOST,
    FaultKind,
    StandinServer,
)
from tests.sync.support import BUYER, buyer_request, operator_response

ROOT = Path(__file__).resolve().parents[2]


def _token(
    session: requests.Session, server: StandinServer, secret: str = DEMO_CLIENT_SECRET
) -> requests.Response:
    return session.post(
        server.token_url,
        data={"grant_type": "client_credentials", "client_id": DEMO_CLIENT_ID,
              "client_secret": secret, "scope": "openid"},
        timeout=5,
    )  # fmt: skip


def _call(
    session: requests.Session, server: StandinServer, api: str, token: str, **body: object
) -> requests.Response:
    payload = {
        "plateforme": {
            "typeIdPlateforme": "1",
            "idPlateforme": DEMO_PLATFORM_ID,
            "idTechniquePlateforme": DEMO_TECHNICAL_ID,
        },
        "idDemandeur": BUYER.id,
        "rsDemandeur": BUYER.name,
        **body,
    }
    return session.post(
        f"{server.base_url}/{api}",
        json=payload,
        headers={"Authorization": f"Bearer {token}"},
        timeout=5,
    )


def test_it_binds_the_loopback_only(server: StandinServer) -> None:
    assert server.origin.startswith(f"http://{HOST}:")
    with socket.create_connection((HOST, server.port), timeout=2) as connection:
        assert connection.getpeername()[0] == "127.0.0.1"
    assert server._httpd is not None
    assert server._httpd.server_address[0] == "127.0.0.1"


def test_token_endpoint_and_bearer_checks(server: StandinServer) -> None:
    with requests.Session() as session:
        refused = _token(session, server, "wrong")
        assert refused.status_code == 401
        assert refused.json()["error"] == "invalid_client"
        granted = _token(session, server).json()
        assert granted["token_type"] == "Bearer"
        assert granted["expires_in"] == 3600
        token = granted["access_token"]
        health = _call(session, server, "dumeA", token, operation="healthCheck")
        assert health.status_code == 200
        assert "messageList" in health.json()["response"]
        assert _call(session, server, "dumeA", "forged", operation="healthCheck").status_code == 401
        server.expire_tokens()
        expired = _call(session, server, "dumeA", token, operation="healthCheck")
        assert expired.status_code == 401
        assert "invalid_token" in expired.headers["WWW-Authenticate"]


def test_contract_ids_statuses_envelope_and_platform_rules(server: StandinServer) -> None:
    server.service.validate_xml = True
    request = buyer_request()
    encoded = base64.encodebytes(to_bytes(request)).decode()  # with line breaks: accepted
    with requests.Session() as session:
        token = _token(session, server).json()["access_token"]

        saved = _call(session, server, "dumeA", token, operation="enregistrerDume", dume=encoded)
        body = saved.json()["response"]
        assert saved.status_code == 200
        assert body["statut"] == "01"
        dume_id = body["idDume"]
        assert len(dume_id) == 8
        assert dume_id.isalnum()
        assert dume_id == dume_id.lower()

        both = _call(session, server, "dumeA", token, operation="recupererDumeFormate",
                     idDume=dume_id, dume=encoded, format="2")  # fmt: skip
        [error] = both.json()["response"]["messageList"]
        assert both.status_code == 200
        assert error["type"] == "ERREUR"
        assert error["code"] == "PARAMETRE_INVALIDE"
        assert "pas les deux" in error["message"]

        lot_only = _call(session, server, "dumeOE", token, operation="rechercherDumes", idLot="1")
        assert "idConsultation est obligatoire" in lot_only.text

        wrong_kind = _call(session, server, "dumeA", token, operation="enregistrerDume",
                           dume=base64.b64encode(to_bytes(operator_response(request))).decode())  # fmt: skip
        assert wrong_kind.json()["response"]["messageList"][0]["code"] == "TYPE_DUME_INVALIDE"

        invalid = request.model_copy(deep=True)
        invalid.buyer.address.country = "FR"
        refused = _call(session, server, "dumeA", token, operation="enregistrerDume",
                        dume=base64.b64encode(to_bytes(invalid)).decode())  # fmt: skip
        assert refused.json()["response"]["messageList"][0]["code"] == "DUME_INVALIDE"

        deleted = _call(session, server, "dumeA", token, operation="supprimerDume", idDume=dume_id)
        assert deleted.status_code == 200
        found = _call(session, server, "dumeA", token, operation="rechercherDumes").json()
        assert found["response"]["responseRecherche"]["1"]["dumeAcheteur"]["Statut"] == "04"

        flat = session.post(
            f"{server.base_url}/dumeA",
            json={"operation": "rechercherDumes", "idPlateforme": "123",
                  "idTechniquePlateforme": DEMO_TECHNICAL_ID, "idDemandeur": BUYER.id,
                  "rsDemandeur": BUYER.name},
            headers={"Authorization": f"Bearer {token}"},
            timeout=5,
        )  # fmt: skip
        assert "longueur 3" in flat.json()["response"]["messageList"][0]["message"]
        unknown = _call(session, server, "dumeA", token, operation="creerDume")
        assert unknown.json()["response"]["messageList"][0]["code"] == "OPERATION_INCONNUE"
    assert server.service.count() == 0
    assert len(server.service.documents(include_deleted=True)) == 1


def test_faults_strike_the_calls_they_target(server: StandinServer) -> None:
    server.inject(FaultKind.RATE_LIMIT, api="dumeA", operation="healthCheck", retry_after=4)
    with requests.Session() as session:
        token = _token(session, server).json()["access_token"]
        limited = _call(session, server, "dumeA", token, operation="healthCheck")
        assert limited.status_code == 429
        assert limited.headers["Retry-After"] == "4"
        assert _call(session, server, "dumeA", token, operation="healthCheck").status_code == 200
        server.inject(FaultKind.MALFORMED, api="dumeA")
        garbled = _call(session, server, "dumeA", token, operation="healthCheck")
        with pytest.raises(json.JSONDecodeError):
            garbled.json()
        server.inject(FaultKind.DROP_BEFORE, api="dumeA")
        with pytest.raises(requests.ConnectionError):
            _call(session, server, "dumeA", token, operation="healthCheck")
    assert [kind for kind, _, _ in server.faults.fired] == [
        FaultKind.RATE_LIMIT, FaultKind.MALFORMED, FaultKind.DROP_BEFORE,
    ]  # fmt: skip


def test_stop_interrupts_delays_closes_sockets_and_keeps_the_data() -> None:
    server = StandinServer(validate_xml=False).start()
    port = server.port
    server.inject(FaultKind.DELAY, api="dumeA", delay=30)
    session = requests.Session()
    outcome: list[object] = []

    def slow_call() -> None:
        token = _token(session, server).json()["access_token"]
        try:
            outcome.append(
                _call(session, server, "dumeA", token, operation="healthCheck").status_code
            )
        except requests.RequestException as exc:
            outcome.append(type(exc))

    caller = threading.Thread(target=slow_call)
    caller.start()
    time.sleep(0.3)
    started = time.monotonic()
    server.stop()
    caller.join(10)
    session.close()
    assert time.monotonic() - started < 5
    assert outcome
    with pytest.raises(ConnectionRefusedError):  # nothing listens any more
        socket.create_connection((HOST, port), timeout=1).close()
    server.start()
    assert server.port == port
    server.stop()


def test_it_runs_as_a_module_for_manual_tries(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.standin", "--port", str(port), "--no-validation"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        assert f"http://127.0.0.1:{port}" in first
        with requests.Session() as session:
            reply = session.post(
                f"http://127.0.0.1:{port}/api/oauth/token",
                data={"grant_type": "client_credentials", "client_id": DEMO_CLIENT_ID,
                      "client_secret": DEMO_CLIENT_SECRET},
                timeout=5,
            )  # fmt: skip
            assert reply.status_code == 200
    finally:
        process.terminate()
        _, err = process.communicate(timeout=10)
    assert process.returncode == 0, err
