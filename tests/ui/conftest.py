"""Fixtures for the Qt tests: a real library file and the real main window."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.storage.library import Library
from app.ui.main_window import MainWindow


@pytest.fixture
def library(tmp_path: Path) -> Iterator[Library]:
    with Library.open(tmp_path / "library.sqlite3") as opened:
        yield opened


@pytest.fixture
def make_main_window(qtbot: QtBot, library: Library) -> Iterator[Callable[[], MainWindow]]:
    """Build the real main window (in the style of napari's make_napari_viewer)."""
    windows: list[MainWindow] = []

    def make() -> MainWindow:
        window = MainWindow(library)

        # A modal question would hang an offscreen test: fail fast unless a test answers.
        def unexpected_confirmation(report: object) -> bool:
            raise AssertionError(f"unexpected confirmation dialog: {report}")

        window.confirm_export_with_errors = unexpected_confirmation  # type: ignore[method-assign]
        qtbot.addWidget(window)
        window.resize(1280, 720)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
