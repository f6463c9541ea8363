"""Kill the app right after an edit was saved; on restart the edit is there, and the user is told."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.storage.library import Library
from app.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def killed_session(tmp_path: Path) -> tuple[Path, str, str]:
    library_path = tmp_path / "library.sqlite3"
    title = "Travaux de voirie — tranche 2"
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.ui.kill_child", str(library_path), title],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    try:
        assert child.stdout is not None
        line = child.stdout.readline()
        assert line.startswith("SAVED "), line
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    return library_path, line.split()[1], title


def test_edit_survives_a_kill_and_is_reported_as_recovered(
    qtbot: QtBot, killed_session: tuple[Path, str, str]
) -> None:
    library_path, doc_id, title = killed_session
    with Library.open(library_path) as library:
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        assert window.recover() == [doc_id]
        assert window.session is not None
        assert window.session.document.procedure.title == title
        assert window.editor is not None
        assert window.editor.procedure.widgets["procedure.title"].text() == title  # type: ignore[attr-defined]
        assert "récupéré" in window.statusBar().currentMessage()
        window.close()
