"""The main window lists the library and imports documents (real widgets, real SQLite)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.storage.library import Library
from app.ui.main_window import MainWindow


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library.sqlite3") as opened:
        yield opened


def test_import_then_search(qtbot: QtBot, library: Library, example_request: Path) -> None:
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    assert window.library_panel.model.rowCount() == 0
    assert window.welcome.isVisible()

    assert window.import_path(example_request)
    assert window.library_panel.model.rowCount() == 1
    assert window.library_panel.model.index(0, 2).data() == "PP.20170419.1024-9"

    qtbot.keyClicks(window.library_panel.search, "aucun-resultat")
    assert window.library_panel.model.rowCount() == 0
    window.library_panel.search.clear()
    assert window.library_panel.model.rowCount() == 1


def test_refused_import_keeps_the_library_intact(
    qtbot: QtBot, library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(
        "app.ui.main_window.QMessageBox.warning", lambda _p, _t, text: shown.append(text)
    )
    window = MainWindow(library)
    qtbot.addWidget(window)
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<not-espd/>")
    assert not window.import_path(bad)
    assert shown
    assert "pas un document DUME" in shown[0]
    assert window.library_panel.model.rowCount() == 0


def test_procedure_labels_are_all_marked_for_translation() -> None:
    from app.models.procedures import PROCEDURE_TYPES
    from app.ui.procedure_labels import PROCEDURE_LABELS

    assert [label for _code, label in PROCEDURE_TYPES] == PROCEDURE_LABELS


def test_the_verifier_follows_the_online_setting(qtbot: QtBot, library: Library) -> None:
    from app.settings import (
        ONLINE_SIGNATURE_CHECKS,
        TRUSTED_LIST_REFRESH_DAYS,
        MemoryBackend,
        Settings,
    )
    from app.signature.trust import default_http_get

    settings = Settings(MemoryBackend())
    settings.set(TRUSTED_LIST_REFRESH_DAYS, 0)  # no list download in a test
    window = MainWindow(library, settings=settings)
    qtbot.addWidget(window)
    online = window.make_verifier()
    assert (online.online, online.http_get) == (True, default_http_get)
    settings.set(ONLINE_SIGNATURE_CHECKS, False)
    offline = window.make_verifier()
    assert (offline.online, offline.http_get) == (False, None)
