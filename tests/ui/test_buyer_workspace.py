"""The buyer's whole flow, through the real widgets: create, fill, lots, criteria, undo, export."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QScrollArea, QTreeWidgetItem
from pytestqt.qtbot import QtBot

from app.espdxml.reader import read_file
from app.ui.main_window import MainWindow
from app.ui.value_inputs import AmountEditor, NumberEditor, TextEditor
from tests.core.cli_support import run_dume
from tests.screenshots import SCREENSHOTS

pytestmark = pytest.mark.slow


def _type(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    """Type like a keyboard would, accents included (QTest.keyClicks is ASCII only)."""
    widget.setFocus()
    widget.selectAll()  # typing replaces what the field held, as a user would
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    qtbot.wait(1)


def _check(item: QTreeWidgetItem | None) -> None:
    assert item is not None
    item.setCheckState(0, Qt.CheckState.Checked)


def test_buyer_drafts_and_exports_a_valid_request(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    window = make_main_window()
    window.new_action.trigger()
    editor = window.editor
    assert editor is not None
    procedure = editor.procedure

    _type(qtbot, procedure.widgets["buyer.name"], "Commune de Sainte-Ève")  # type: ignore[arg-type]
    _type(qtbot, procedure.widgets["buyer.identifier"], "732 829 320 00074")  # type: ignore[arg-type]
    assert "valide" in procedure.identifier_status.text()
    _type(qtbot, procedure.widgets["buyer.address.city"], "Sainte-Ève")  # type: ignore[arg-type]
    _type(qtbot, procedure.widgets["buyer.contact.email"], "achats@sainte-eve.fr")  # type: ignore[arg-type]
    _type(qtbot, procedure.widgets["procedure.reference"], "2026-TRX-014")  # type: ignore[arg-type]
    _type(qtbot, procedure.widgets["procedure.title"], "Réfection de l'école")  # type: ignore[arg-type]
    document = window.session.document  # type: ignore[union-attr]
    assert document.buyer.name == "Commune de Sainte-Ève"
    assert document.buyer.identifiers[0].scheme_id == "NATIONAL"

    # Undo the title typed last (one step for the whole word), then redo it.
    window.undo_action.trigger()
    assert document.procedure.title == "Nouvelle demande"
    assert procedure.widgets["procedure.title"].text() == "Nouvelle demande"  # type: ignore[attr-defined]
    window.redo_action.trigger()
    assert document.procedure.title == "Réfection de l'école"

    editor.show_page(editor.lots)
    qtbot.mouseClick(editor.lots.add_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.lots.add_button, Qt.MouseButton.LeftButton)
    assert document.lot_ids() == ["LOT-0001", "LOT-0002"]

    editor.show_page(editor.exclusion)
    mandatory = {"crime-org", "corruption", "fraud", "terr-offence", "finan-laund",
                 "human-traffic", "tax-pay", "socsec-pay"}  # fmt: skip
    assert mandatory <= set(document.criterion_codes())
    first = editor.exclusion.list.item(0)
    assert first is not None
    assert not first.flags() & Qt.ItemFlag.ItemIsUserCheckable  # cannot be unticked

    selection = editor.selection
    editor.show_page(selection)
    qtbot.keyClicks(selection.search, "turnover")
    assert selection.select_criterion("gen-year-to") is not None
    selection.search.clear()
    for code in ("gen-year-to", "indem-insu", "year-manpower"):
        _check(selection.select_criterion(code))
        qtbot.wait(5)  # the lists redraw once the click has been handled
    assert {"gen-year-to", "indem-insu", "year-manpower"} <= set(document.criterion_codes())

    selection.select_criterion("gen-year-to")
    amounts = [e for e in selection.details.editors.values() if isinstance(e, AmountEditor)]
    years = [e for e in selection.details.editors.values() if isinstance(e, NumberEditor)]
    _type(qtbot, amounts[0].line, "250000")
    _type(qtbot, years[0].line, "3")

    selection.select_criterion("indem-insu")
    lot_one = selection.details.lot_boxes["LOT-0001"]
    assert isinstance(lot_one, QCheckBox)
    lot_one.setChecked(False)  # restricted to lot 2
    qtbot.wait(5)
    texts = [e for e in selection.details.editors.values() if isinstance(e, TextEditor)]
    _type(qtbot, texts[0].line, "Responsabilité civile décennale")
    insurance = document.criterion("indem-insu")
    assert insurance is not None
    assert insurance.lot_refs == ["LOT-0002"]

    def refuse(report: object) -> bool:
        raise AssertionError(f"export asked to confirm errors: {report}")

    window.confirm_export_with_errors = refuse  # type: ignore[method-assign]
    out = tmp_path / "demande.xml"
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.export_to(out)

    report = json.loads(run_dume("validate", out, "--json").stdout)
    assert report["valid"] is True
    assert report["findings"] == []
    info = json.loads(run_dume("info", out, "--json").stdout)
    assert info["lots"] == ["LOT-0001", "LOT-0002"]
    assert info["criteria"] == document.criterion_codes()
    exported = read_file(out)
    assert exported.criterion("indem-insu").lot_refs == ["LOT-0002"]  # type: ignore[union-attr]
    assert "250000" in out.read_text(encoding="utf-8")


def test_delete_is_undoable_and_drop_imports(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow], example_request: Path
) -> None:
    window = make_main_window()
    doc_id = window.import_path(example_request)
    assert doc_id is not None
    window.library_panel.select(doc_id)
    window.delete_selected()
    assert window.library_panel.model.rowCount() == 0
    qtbot.mouseClick(window.undo_delete_button, Qt.MouseButton.LeftButton)
    assert window.library_panel.model.rowCount() == 1


def test_screenshots_of_each_editor_page(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow], example_request: Path
) -> None:
    window = make_main_window()
    doc_id = window.import_path(example_request)
    assert doc_id is not None
    window.open_document(doc_id)
    editor = window.editor
    assert editor is not None
    assert window.minimumSizeHint().width() <= 1280
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    names = ["procedure", "lots", "exclusion", "selection", "validation"]
    for name, (_title, page) in zip(names, editor.pages, strict=True):
        editor.show_page(page)
        if page is editor.selection:
            editor.selection.select_criterion("gen-year-to")
        if page is editor.exclusion:
            editor.exclusion.list.setCurrentRow(0)
        qtbot.wait(50)
        image = window.grab()
        assert (image.width(), image.height()) == (1280, 720)
        assert image.save(str(SCREENSHOTS / f"buyer-{name}.png"))


def test_double_font_size_keeps_every_page_reachable(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow]
) -> None:
    window = make_main_window()
    font = window.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    window.setFont(font)
    window.new_request()
    editor = window.editor
    assert editor is not None
    # Fits a 1280x720 screen; the pages scroll instead of clipping.
    assert window.minimumSizeHint().width() <= 1280
    assert window.minimumSizeHint().height() <= 720
    for _title, page in editor.pages:
        assert isinstance(page.parentWidget().parentWidget(), QScrollArea)
    # Every field of Part I has an accessible name for screen readers.
    assert all(w.accessibleName() for w in editor.procedure.widgets.values())


def test_duplicate_is_a_new_document_and_undoable(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow], example_request: Path
) -> None:
    from app.storage import documents as stored

    window = make_main_window()
    doc_id = window.import_path(example_request)
    assert doc_id is not None
    window.library_panel.select(doc_id)
    window.duplicate_selected()
    assert window.library_panel.model.rowCount() == 2
    ids = {window.library_panel.model.summary(r).id for r in range(2)} - {doc_id}
    copy = stored.load(window.library, ids.pop())
    original = stored.load(window.library, doc_id)
    assert copy.uuid != original.uuid
    assert copy.id != original.id
    assert copy.criterion_codes() == original.criterion_codes()
    window.library_undo.undo()
    assert window.library_panel.model.rowCount() == 1


@pytest.mark.parametrize(("suffix", "magic"), [(".pdf", b"%PDF"), (".zip", b"PK")])
def test_export_as_pdf_or_zip(
    qtbot: QtBot,
    make_main_window: Callable[[], MainWindow],
    example_request: Path,
    tmp_path: Path,
    suffix: str,
    magic: bytes,
) -> None:
    from app.ui.main_window import with_filter_suffix

    window = make_main_window()
    asked: list[object] = []
    # The example's placeholder e-mail "DV" fails the quick checks: the user exports anyway.
    window.confirm_export_with_errors = lambda report: asked.append(report) or True  # type: ignore[method-assign,func-returns-value]
    doc_id = window.import_path(example_request)
    assert doc_id is not None
    window.open_document(doc_id)
    chosen = next(f for f in window.export_filters() if suffix in f)
    out = with_filter_suffix(tmp_path / "dume.xml", chosen)
    assert out.suffix == suffix
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.export_to(out)
    assert out.read_bytes().startswith(magic)
    assert len(asked) == 1
    exports = window.library.exports(doc_id)
    assert [e.format for e in exports] == [suffix.removeprefix(".")]


def test_legacy_request_is_converted_with_a_banner_and_report(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow], shared_espd_edm: Path
) -> None:
    source = shared_espd_edm / "3.3.0" / "xml-examples" / "ESPD-Request.xml"
    window = make_main_window()
    doc_id = window.import_path(source)
    assert doc_id is not None
    window.open_document(doc_id)
    editor = window.editor
    assert editor is not None
    assert editor.banner.isVisible()
    assert "3.3.0" in editor.banner.label.text()
    dialog = editor.banner.show_report()
    assert dialog is not None
    assert dialog.table.rowCount() == len(window.session.document.conversion_report["entries"])  # type: ignore[union-attr,index]
    dialog.close()
    native = window.import_path(shared_espd_edm / "4.1.0" / "xml-examples" / "ESPD-Request.xml")
    assert native is not None
    window.open_document(native)
    assert window.editor is not None
    assert not window.editor.banner.isVisible()
