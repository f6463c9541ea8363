"""A bug in a slot: the drafts are saved first, then a French dialog offers a report that
holds no secret (keyring, settings, log lines) and no document content."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from PySide6.QtCore import QTimer, qInfo
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.logs import setup_logging, shutdown_logging
from app.models.editing import SetField
from app.settings import PROXY_KEYRING_ENTRY, PROXY_KEYRING_SERVICE, PROXY_USER, Settings
from app.storage import documents as stored
from app.storage.library import Library
from app.sync.credentials import Credentials, CredentialStore
from app.sync.profiles import SANDBOX
from app.ui.crash import CrashDialog, CrashHandler, CrashReport
from app.ui.main_window import MainWindow

PISTE_SECRET = "S3cr3t-PISTE-7f1e2d3c4b5a"
PROXY_SECRET = "pr0xy-P@ss-9988"
TITLE = "Réfection de l'école Jean Jaurès"


@pytest.fixture
def logs(tmp_path: Path) -> Iterator[Path]:
    setup = setup_logging(tmp_path / "logs")
    yield setup.log_file
    shutdown_logging()


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, example_request: Path) -> Iterator[MainWindow]:
    with Library.open(tmp_path / "library.sqlite3") as library:
        main = MainWindow(library)
        qtbot.addWidget(main)
        main.show()
        doc_id = main.import_path(example_request)
        assert doc_id is not None
        main.open_document(doc_id)
        yield main
        main.close()


def _save_all(window: MainWindow) -> None:
    if window.session is not None:
        window.session.flush()


def test_a_crash_in_a_slot_saves_the_draft_and_reports_no_secret(
    qtbot: QtBot, window: MainWindow, settings: Settings, logs: Path, tmp_path: Path
) -> None:
    CredentialStore(SANDBOX.keyring_service).save(Credentials("client-demo", PISTE_SECRET))
    keyring.set_password(PROXY_KEYRING_SERVICE, PROXY_KEYRING_ENTRY, PROXY_SECRET)
    settings.set(PROXY_USER, "agent.mairie")
    logging.getLogger("dume.sync.auth").info("jeton demandé avec le secret %s", PISTE_SECRET)
    logging.getLogger("dume.ui").info("titre modifié : « %s »", TITLE)
    assert window.session is not None
    doc_id = window.session.doc_id
    window.session.push(SetField("procedure.title", TITLE))  # not yet autosaved

    handler = CrashHandler(lambda: _save_all(window), settings=settings)
    handler.install(fault_log_dir=tmp_path / "logs")
    shown: list[CrashDialog] = []

    def answer_the_dialog() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog)]
        if not dialogs or not dialogs[0].isVisible():
            QTimer.singleShot(20, answer_the_dialog)
            return
        shown.append(dialogs[0])
        dialogs[0].copy_report()
        dialogs[0].continue_button.click()

    def broken_slot() -> None:
        raise ValueError(f"titre invalide « {TITLE} » avec {PISTE_SECRET}")

    button = QPushButton("boum")
    qtbot.addWidget(button)
    button.clicked.connect(broken_slot)
    try:
        QTimer.singleShot(0, answer_the_dialog)
        button.click()
    finally:
        handler.uninstall()

    assert shown, "the crash dialog was not shown"
    assert "Vos brouillons ont été enregistrés." in shown[0].message.text()
    # the draft reached the library before the dialog appeared
    assert stored.load(window.library, doc_id).procedure.title == TITLE
    report = QGuiApplication.clipboard().text()
    assert handler.last_report is not None
    assert report == handler.last_report.text
    assert "ValueError" in report
    assert "broken_slot" in report
    assert "Brouillons enregistrés : oui" in report
    for secret in (PISTE_SECRET, PROXY_SECRET, "Jean Jaurès", TITLE):
        assert secret not in report
    # the full traceback stays in the local log file (secrets masked there too)
    assert "ValueError" in logs.read_text(encoding="utf-8")


def test_a_worker_thread_crash_is_shown_on_the_gui_thread(qtbot: QtBot, settings: Settings) -> None:
    reports: list[tuple[CrashReport, bool]] = []
    saved: list[bool] = []
    handler = CrashHandler(
        lambda: saved.append(True),
        settings=settings,
        present=lambda r: reports.append(
            (r, threading.current_thread() is threading.main_thread())
        ),
    )
    handler.install()
    try:

        def work() -> None:
            raise RuntimeError("le calcul a échoué")

        worker = threading.Thread(target=work)
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: bool(reports), timeout=5000)
    finally:
        handler.uninstall()
    report, on_gui_thread = reports[0]
    assert on_gui_thread
    assert saved == [True]
    assert report.error_name == "RuntimeError"
    assert "RuntimeError: le calcul a échoué" in report.text


def test_when_saving_fails_the_dialog_says_so(qtbot: QtBot, settings: Settings) -> None:
    reports: list[CrashReport] = []

    def save_all() -> None:
        raise OSError(28, "No space left on device")

    handler = CrashHandler(save_all, settings=settings, present=reports.append)
    try:
        raise KeyError("gen-year-to")
    except KeyError as error:
        handler.handle((KeyError, error, error.__traceback__))
    assert not reports[0].drafts_saved
    assert "Brouillons enregistrés : non (OSError)" in reports[0].text
    dialog = CrashDialog(reports[0])
    qtbot.addWidget(dialog)
    assert "n'ont pas pu être tous enregistrés" in dialog.message.text()


def test_qt_messages_go_to_the_dume_qt_logger(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    handler = CrashHandler(lambda: None, settings=settings, present=lambda _r: None)
    handler.install()
    try:
        with caplog.at_level(logging.INFO, logger="dume.qt"):
            qInfo("message de Qt")
    finally:
        handler.uninstall()
    assert ("dume.qt", logging.INFO, "message de Qt") in caplog.record_tuples
