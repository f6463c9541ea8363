"""Importing several files or a folder: off the GUI thread, one transaction, one report.

Real widgets, a real SQLite library, real files; the one dialog at the end is
captured by overriding its presenter (a modal box would hang offscreen).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from pytestqt.qtbot import QtBot

from app.errors import UserFacingError
from app.ui.main_window import MainWindow

V1 = b'<ESPDRequest xmlns="urn:grow:names:specification:ubl:schema:xsd:ESPDRequest-1"/>'
WAIT_MS = 30000


@pytest.fixture
def received(tmp_path: Path, shared_espd_edm: Path) -> Path:
    """A folder as a buyer's platform hands it over: old and new, good and bad."""
    folder = tmp_path / "DCE"
    (folder / "lot-1").mkdir(parents=True)
    (folder / "a-reponse-3.3.0.xml").write_bytes(
        (shared_espd_edm / "3.3.0" / "xml-examples" / "ESPD-Response.xml").read_bytes()
    )
    (folder / "lot-1" / "b-demande-4.1.0.xml").write_bytes(
        (shared_espd_edm / "4.1.0" / "xml-examples" / "ESPD-Request.xml").read_bytes()
    )
    (folder / "c-ancien-1.0.2.xml").write_bytes(V1)
    (folder / "d-casse.xml").write_bytes(b"<QualificationApplicationRequest")
    (folder / "notice.pdf").write_bytes(b"%PDF-1.7 not ESPD")
    return folder


@pytest.fixture
def window(
    make_main_window: Callable[[], MainWindow], monkeypatch: pytest.MonkeyPatch
) -> MainWindow:
    made = make_main_window()
    made.refused_reports = []  # type: ignore[attr-defined]
    monkeypatch.setattr(
        made.importer,
        "present_refused",
        made.refused_reports.append,  # type: ignore[attr-defined]
    )
    return made


def test_a_folder_imports_in_the_background_and_reports_the_refused_once(
    qtbot: QtBot, window: MainWindow, received: Path
) -> None:
    with qtbot.waitSignal(window.importer.imported, timeout=WAIT_MS) as imported:
        task = window.import_paths([received])
        assert task is not None
        assert window.task_progress.isVisible()  # progress and cancel while it reads
        assert window.task_progress.task is task
    ids = imported.args[0] if imported.args else []
    assert len(ids) == 2
    titles = {s.id: s for s in window.library.list_documents()}
    assert set(titles) == set(ids)
    assert window.library_panel.selected_id() == ids[-1]
    qtbot.waitUntil(lambda: not window.task_progress.isVisible(), timeout=WAIT_MS)

    message = window.statusBar().currentMessage()
    assert "2 document(s) importé(s)" in message
    assert "dont 1 converti(s)" in message
    assert "2 fichier(s) refusé(s)" in message
    [refused] = window.refused_reports  # type: ignore[attr-defined]
    reasons = {path.name: error for path, error in refused}
    assert set(reasons) == {"c-ancien-1.0.2.xml", "d-casse.xml"}
    assert all(isinstance(e, UserFacingError) for e in reasons.values())
    assert "1.0.2" in reasons["c-ancien-1.0.2.xml"].one_line()
    assert "mal formé" in reasons["d-casse.xml"].one_line()


def test_a_cancelled_import_adds_nothing(qtbot: QtBot, window: MainWindow, received: Path) -> None:
    task = window.import_paths([received] * 20)  # the same folder many times: long enough
    assert task is not None
    with qtbot.waitSignal(task.cancelled, timeout=WAIT_MS):
        window.task_progress.cancel_button.click()
    qtbot.waitUntil(lambda: not window.task_progress.isVisible(), timeout=WAIT_MS)
    assert window.library.list_documents() == []
    assert "annulée" in window.statusBar().currentMessage()
    assert window.refused_reports == []  # type: ignore[attr-defined]


def _accepts_drag(window: MainWindow, paths: list[Path]) -> bool:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    event = QDragEnterEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime,
        Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    event.ignore()
    window.dragEnterEvent(event)
    return event.isAccepted()


def test_a_dragged_folder_is_accepted(window: MainWindow, received: Path) -> None:
    assert _accepts_drag(window, [received, received / "d-casse.xml"])
    assert not _accepts_drag(window, [received / "notice.pdf"])


def test_a_consultation_archive_imports_its_dume(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, shared_espd_edm: Path
) -> None:
    dce = tmp_path / "DCE.zip"
    with zipfile.ZipFile(dce, "w") as archive:
        archive.writestr("RC.pdf", b"%PDF-1.7 reglement")
        archive.writestr(
            "DUME/demande.xml",
            (shared_espd_edm / "4.1.0" / "xml-examples" / "ESPD-Request.xml").read_bytes(),
        )
    assert _accepts_drag(window, [dce])
    with qtbot.waitSignal(window.importer.imported, timeout=WAIT_MS) as imported:
        window.import_paths([dce])
    assert imported.args is not None
    [doc_id] = imported.args[0]
    assert window.library.get(doc_id).kind == "request"
    assert window.refused_reports == []  # type: ignore[attr-defined]
