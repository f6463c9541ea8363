"""A response to a 2.1.1 request is offered, by default, in the buyer's own version (issue 9)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.models.profile import start_response
from app.ui.main_window import MainWindow
from tests.core.cli_support import run_dume

pytestmark = pytest.mark.slow


def test_response_to_a_2_1_1_request_exports_in_2_1_1(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow], shared_espd_edm: Path, tmp_path: Path
) -> None:
    source = (
        shared_espd_edm
        / "2.1.1/docs/src/main/asciidoc/modules/ROOT/dist/xml/BASIC-ESPDRequest-2.1.1.xml"
    )
    window = make_main_window()
    asked: list[object] = []
    # The response is not filled in: the user exports anyway, after the warning.
    window.confirm_export_with_errors = lambda report: asked.append(report) or True  # type: ignore[method-assign,func-returns-value]
    request_id = window.import_path(source)
    assert request_id is not None
    response_id = start_response(window.library, request_id, None)
    window.open_document(response_id)
    filters = window.export_filters()
    assert "2.1.1" in filters[0]  # the buyer's version comes first
    assert any("4.1.0" in f for f in filters)

    out = tmp_path / "reponse.xml"
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.export_to(out, buyer_version=True)
    info = json.loads(run_dume("info", out, "--json").stdout)
    assert (info["version"], info["kind"]) == ("2.1.1", "response")
    assert [e.format for e in window.library.exports(response_id)] == ["xml-2.1.1"]


def test_response_to_a_4_1_0_request_has_no_legacy_choice(
    make_main_window: Callable[[], MainWindow], example_request: Path
) -> None:
    window = make_main_window()
    request_id = window.import_path(example_request)
    assert request_id is not None
    window.open_document(start_response(window.library, request_id, None))
    assert not any("2.1.1" in f for f in window.export_filters())
