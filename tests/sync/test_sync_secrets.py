"""After a full sync run, the client secret and the tokens appear nowhere: not in the
SQLite files, not in any file written, not in the logs, not in any exception text."""

from __future__ import annotations

import json
import logging
import traceback
from collections.abc import Callable
from pathlib import Path

import pytest

from app.storage.documents import save_new
from app.sync.client import connect
from app.sync.credentials import Credentials, CredentialStore
from app.sync.errors import SyncError
from tests.standin import FaultKind, StandinServer
from tests.sync.support import OPERATOR, OPERATOR_SIRET, Node, Sleeps, buyer_request

SECRET = "S3cr3t-PISTE-0d8f7a1c-do-not-leak"


def _texts_of(exc: BaseException) -> list[str]:
    texts = ["".join(traceback.format_exception(exc))]
    current: BaseException | None = exc
    while current is not None:
        texts += [str(current), repr(current), repr(current.args)]
        if isinstance(current, SyncError):
            texts += [current.one_line(), str(current.hint)]
        current = current.__cause__ or current.__context__
    return texts


def test_no_secret_or_token_leaks_anywhere(
    server: StandinServer,
    make_user: Callable[..., Node],
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)  # every logger, urllib3 included
    server._client_secret = SECRET  # the stand-in accepts only this secret
    buyer = make_user(credentials=False)
    store = CredentialStore(buyer.client.profile.keyring_service)
    store.save(Credentials("standin-client", SECRET))
    exception_texts: list[str] = []

    # a full run with renewals, ambiguous failures and checks
    documents = [buyer_request("Un"), buyer_request("Deux")]
    for document in documents:
        buyer.engine.queue_document(save_new(buyer.library, document), validated=True)
    server.inject(FaultKind.EXPIRED_TOKEN, api="dumeA", operation="enregistrerDume")
    server.inject(FaultKind.DROP_AFTER, api="dumeA", operation="enregistrerDume")
    server.inject(FaultKind.MALFORMED, api="dumeA", operation="rechercherDumes")
    report = buyer.settle(server)
    assert report.complete
    [(_, dume_id), _] = report.delivered
    buyer.client.fetch_request(dume_id)
    buyer.client.search("request")
    operator = make_user("operator", OPERATOR, credentials=False)  # same keyring entry
    operator.client.company_data(OPERATOR_SIRET)
    exception_texts += [e.last_error or "" for e in buyer.engine.entries()]
    exception_texts.append(str(buyer.engine.status()))

    # failures whose messages could be tempted to quote a request
    server.expire_tokens()
    with connect(buyer.client.profile, sleep=Sleeps()) as client:
        client.auth.store.use_for_session(Credentials("standin-client", SECRET + "-wrong"))
        with pytest.raises(SyncError) as refused:
            client.health()
        exception_texts += _texts_of(refused.value)
    server.stop()
    with connect(buyer.client.profile, sleep=Sleeps()) as client, pytest.raises(SyncError) as down:
        client.health()
    exception_texts += _texts_of(down.value)
    exception_texts += [repr(store.load()), repr(buyer.client.auth), repr(buyer.client.profile)]
    exception_texts.append(json.dumps(buyer.client.profile.to_settings()))
    buyer.close()
    operator.close()

    secrets = [SECRET, SECRET + "-wrong", *server.issued_tokens]
    assert len(server.issued_tokens) >= 3  # first token, renewal after the 401, operator's
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    sqlite_files = [p for p in files if ".sqlite3" in p.name]
    assert {p.name for p in sqlite_files} >= {"library.sqlite3", "sync-ledger.sqlite3"}
    for path in files:
        data = path.read_bytes()
        for secret in secrets:
            assert secret.encode() not in data, f"{secret[:6]}… found in {path.name}"
    logs = caplog.text + "\n".join(r.getMessage() for r in caplog.records)
    assert "enregistrerDume" in logs  # the logs were captured
    for secret in secrets:
        assert secret not in logs
        for text in exception_texts:
            assert secret not in text
