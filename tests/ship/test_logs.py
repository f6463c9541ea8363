"""Named loggers to a rotating file and an in-memory tail; redaction of secrets and content."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.logs import (
    LOG_FILE_NAME,
    LoggingSetup,
    TailHandler,
    redact_report,
    redact_secrets,
    setup_logging,
    shutdown_logging,
)

SECRET = "S3cr3t-PISTE-0d8f7a1c"


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[LoggingSetup]:
    setup = setup_logging(tmp_path / "logs", max_bytes=2000, backup_count=2, tail_capacity=50)
    yield setup
    shutdown_logging()


def test_named_loggers_reach_the_rotating_file_and_the_tail(logs: LoggingSetup) -> None:
    logging.getLogger("dume.sync").info("connexion au service %s", "bac à sable")
    logging.getLogger("dume.ui.session").warning("autosave lent : %d ms", 1200)
    logging.getLogger("other.library").warning("not ours")
    assert [line.split(None, 3)[3] for line in logs.tail.lines()] == [
        "dume.sync: connexion au service bac à sable",
        "dume.ui.session: autosave lent : 1200 ms",
    ]
    for index in range(200):  # past max_bytes: the file rotates, two backups are kept
        logging.getLogger("dume.storage").info("ligne %03d de remplissage du journal", index)
    logs.file_handler.flush()
    files = sorted(p.name for p in logs.log_file.parent.iterdir())
    assert files == [LOG_FILE_NAME, f"{LOG_FILE_NAME}.1", f"{LOG_FILE_NAME}.2"]
    assert "ligne 199" in logs.log_file.read_text(encoding="utf-8")
    assert len(logs.tail.lines()) == 50


def test_credentials_in_a_message_never_reach_the_file(logs: LoggingSetup) -> None:
    log = logging.getLogger("dume.sync.http")
    log.info("POST token client_secret=%s grant_type=client_credentials", SECRET)
    log.info(
        "headers {'Authorization': 'Bearer %s'}", "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2ln"
    )
    log.info("proxy https://agent:%s@proxy.example:3128", SECRET)
    logs.file_handler.flush()
    written = logs.log_file.read_text(encoding="utf-8")
    assert SECRET not in written
    assert "eyJzdWIiOiIxMjM0In0" not in written
    assert "client_secret=[masqué]" in written
    assert SECRET not in "\n".join(logs.tail.lines())


def test_the_tail_tells_listeners_and_drops_a_broken_one() -> None:
    tail = TailHandler(capacity=3)
    tail.setFormatter(logging.Formatter("%(message)s"))
    seen: list[str] = []
    unsubscribe = tail.subscribe(seen.append)

    def broken(_line: str) -> None:
        raise RuntimeError("window deleted")

    tail.subscribe(broken)
    record = logging.LogRecord("dume.x", logging.INFO, __file__, 1, "un", None, None)
    worker = threading.Thread(target=tail.handle, args=(record,))
    worker.start()
    worker.join()
    tail.handle(logging.LogRecord("dume.x", logging.INFO, __file__, 1, "deux", None, None))
    assert seen == ["un", "deux"]
    unsubscribe()
    tail.handle(logging.LogRecord("dume.x", logging.INFO, __file__, 1, "trois", None, None))
    assert seen == ["un", "deux"]
    assert tail.lines() == ["un", "deux", "trois"]


@pytest.mark.parametrize(
    ("text", "gone", "kept"),
    [
        ('{"client_secret": "abc-123-xyz"}', "abc-123-xyz", "client_secret"),
        ("password: hunter22", "hunter22", "password"),
        ("Authorization: Basic dXNlcjpwYXNz", "dXNlcjpwYXNz", "Authorization"),
        ("https://bob:hunter22@proxy.example", "hunter22", "proxy.example"),
        ("-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----", "MIIE", ""),
    ],
)
def test_redact_secrets(text: str, gone: str, kept: str) -> None:
    redacted = redact_secrets(text)
    assert gone not in redacted
    assert kept in redacted


def test_redact_report_removes_document_content_but_keeps_the_diagnosis() -> None:
    text = (
        "ValueError: titre « Réfection de l'école Jean Jaurès » refusé\n"
        "SIRET 732 829 320 00074, courriel marie.dupont@mairie.fr\n"
        "<cbc:Name>Commune de Sainte-Ève</cbc:Name>\n"
        "KeyError: 'gen-year-to' rule BR-TCR-06-01 at line 42\n"
        "l'import n'a pas abouti: 'Travaux de voirie 2026'\n"
        f"token={SECRET} known {SECRET}"
    )
    redacted = redact_report(text, [SECRET, None, "ab"])
    for gone in ("Jaurès", "732 829", "marie.dupont", "Sainte-Ève", "Travaux de voirie", SECRET):
        assert gone not in redacted
    for kept in (
        "ValueError",
        "'gen-year-to'",
        "BR-TCR-06-01",
        "line 42",
        "l'import n'a pas abouti",
    ):
        assert kept in redacted
