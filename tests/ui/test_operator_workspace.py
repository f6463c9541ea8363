"""The economic operator's flow, through the real widgets: answer, reuse the profile, export."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from app.espdxml.reader import read_file
from app.espdxml.taxonomy import load_taxonomy
from app.models.answering import completeness
from app.models.builder import request_from_spec
from app.models.profile import ProfileChanges, load_profile, start_response
from app.models.response_checks import export_ready_response
from app.models.reuse import ReusePlan, active_answer_map, answer_slots
from app.models.values import (
    AmountValue,
    EvidenceRefValue,
    IndicatorValue,
    TextValue,
    display,
)
from app.storage import documents as stored
from app.storage.library import Library
from app.ui.answer_form import AnswerField, AnswerPage, CriterionForm, EvidenceEditor
from app.ui.main_window import MainWindow
from app.ui.operator_pages import ProfileDialog
from app.ui.response_editor import ResponseEditor, StartResponseDialog
from app.ui.session import DocumentSession, open_session
from app.ui.tasks import TaskRunner
from app.ui.value_inputs import (
    AmountEditor,
    ChoiceEditor,
    DateEditor,
    NumberEditor,
    PeriodEditor,
    TextEditor,
)
from app.validation import ValidationReport, validate_bytes
from tests.screenshots import SCREENSHOTS

pytestmark = pytest.mark.slow

TAXONOMY = load_taxonomy()
TURNOVER = "C29_SC_gen-year-to/RG1/RSG1/QSG2"
CONVICTION = "C1_EG_crime-org/QG1/QSG1"

SPEC = {
    "buyer": {"name": "Commune de Sainte-Ève", "identifier": "73282932000074", "country": "FRA"},
    "procedure": {"reference": "2026-TRX-014", "title": "Réfection de l'école", "type": "open"},
    "lots": [
        {"id": "LOT-0001", "title": "Menuiseries extérieures"},
        {"id": "LOT-0002", "title": "Électricité"},
        {"id": "LOT-0003", "title": "Peinture"},
    ],
    "criteria": [
        "crime-org",
        {"code": "gen-year-to", "requirements": {"C29_SC_gen-year-to/RG1/RSG1/RQ1/R1/R1/R1": 2}},
        {"code": "indem-insu", "lots": ["LOT-0002"]},
        {"code": "year-manpower", "lots": ["LOT-0001", "LOT-0003"]},
    ],
}


def _type(qtbot: QtBot, widget: QLineEdit, text: str) -> None:
    """Type like a keyboard would, accents included (QTest.keyClicks is ASCII only)."""
    widget.setFocus()
    widget.selectAll()
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    qtbot.wait(1)


@dataclass
class Workspace:
    library: Library
    runner: TaskRunner
    qtbot: QtBot
    sessions: list[DocumentSession]
    hosts: list[QWidget]

    def open(self, response_id: str) -> ResponseEditor:
        session = open_session(self.library, response_id)
        self.sessions.append(session)
        host = QWidget()
        self.qtbot.addWidget(host)
        host.resize(1280, 720)
        layout = QVBoxLayout(host)
        layout.setContentsMargins(0, 0, 0, 0)
        editor = ResponseEditor(session, TAXONOMY, self.runner, self.library)
        layout.addWidget(editor)
        host.show()
        self.hosts.append(host)
        return editor


@pytest.fixture
def workspace(qtbot: QtBot, library: Library) -> Iterator[Workspace]:
    runner = TaskRunner()
    space = Workspace(library, runner, qtbot, [], [])
    yield space
    runner.cancel_all()
    runner.wait(30_000)
    for session in space.sessions:
        session.close()


# ---------------------------------------------------------------- filling through the widgets
def _fill(qtbot: QtBot, field: AnswerField, choice: str | None = None) -> None:
    """Give one answer through its input widget, as a user would."""
    editor = field.editor
    data_type = field.question.data_type
    if isinstance(editor, EvidenceEditor):
        _type(qtbot, editor.lines["uri"], "https://preuves.example.fr/attestation-urssaf")
        _type(qtbot, editor.lines["issuer_name"], "URSSAF Rhône-Alpes")
        _type(qtbot, editor.lines["document_id"], "ATT-2025-0042")
    elif isinstance(editor, ChoiceEditor):
        wanted = choice or {"INDICATOR": "false", "CODE_COUNTRY": "FRA"}.get(data_type)
        editor.combo.setCurrentIndex(editor.combo.findData(wanted) if wanted else 1)
    elif isinstance(editor, AmountEditor):
        _type(qtbot, editor.line, choice or "1250000")
    elif isinstance(editor, NumberEditor):
        _type(qtbot, editor.line, choice or ("2024" if "YEAR" in data_type else "12"))
    elif isinstance(editor, DateEditor | PeriodEditor):
        editor.enabled.setChecked(True)
    elif isinstance(editor, TextEditor):
        default = "https://www.menuiseries-dupre.fr" if data_type == "URL" else "Néant — déclaré"
        _type(qtbot, editor.line, choice or default)
    else:  # pragma: no cover - a new data type without a test input
        raise AssertionError(f"no way to fill {type(editor).__name__} ({data_type})")


def _fiscal_year(field: AnswerField | None, year: int) -> None:
    """Pick a whole fiscal year in a period input (its check box, then both dates)."""
    assert field is not None
    editor = field.editor
    assert isinstance(editor, PeriodEditor)
    editor.enabled.setChecked(True)
    editor.start.setDate(QDate(year, 1, 1))
    editor.end.setDate(QDate(year, 12, 31))


def _settle(qtbot: QtBot, form: CriterionForm) -> None:
    """Wait for a rebuild (occurrences added or removed) to happen."""
    qtbot.waitUntil(lambda: not form._rebuild_timer.isActive(), timeout=2000)


def _empty_required(form: CriterionForm) -> list[AnswerField]:
    return [f for f in form.visible_fields() if f.required and f.value() is None]


def _fill_criterion(qtbot: QtBot, page: AnswerPage, code: str, choices: dict[str, str]) -> int:
    form = page.select_criterion(code)
    assert form is not None
    given = 0
    while empty := _empty_required(form):
        _fill(qtbot, empty[0], choices.get(empty[0].question.id))
        _settle(qtbot, form)
        given += 1
        assert given < 200, f"{code}: the form never completes"
    return given


def _fill_everything(
    qtbot: QtBot, editor: ResponseEditor, choices: dict[str, str] | None = None
) -> int:
    given = 0
    for page in editor.answer_pages:
        editor.show_page(page)
        for code in list(page._items):
            given += _fill_criterion(qtbot, page, code, choices or {})
    return given


def _identify(qtbot: QtBot, editor: ResponseEditor) -> None:
    form = editor.operator.form
    editor.show_page(editor.operator)
    _type(qtbot, form.widgets["name"], "Menuiseries Dupré & Fils")  # type: ignore[arg-type]
    _type(qtbot, form.identifier_lines["NATIONAL"], "732 829 320 00074")
    assert "valide" in form.identifier_status["NATIONAL"].text()
    _type(qtbot, form.widgets["address.city"], "Sainte-Étienne")  # type: ignore[arg-type]
    _type(qtbot, form.widgets["contact.email"], "contact@dupre.example.fr")  # type: ignore[arg-type]
    country = form.widgets["address.country"]
    country.setCurrentIndex(country.findData("FRA"))  # type: ignore[attr-defined]
    size = form.widgets["size_code"]
    size.setCurrentIndex(size.findData("small"))  # type: ignore[attr-defined]
    form.add_representative()
    form.representatives.item(0, 0).setText("Élise")  # type: ignore[union-attr]
    form.representatives.item(0, 1).setText("Dupré")  # type: ignore[union-attr]
    form.representatives.item(0, 2).setText("Gérante")  # type: ignore[union-attr]
    form.representatives.item(0, 3).setText("Pouvoir général d'engager la société")  # type: ignore[union-attr]


def _open_branch_repeat_and_evidence(qtbot: QtBot, editor: ResponseEditor) -> None:
    """One ONTRUE branch (a conviction), one repeated group (two turnover years), one evidence."""
    page = editor.exclusion
    editor.show_page(page)
    form = page.select_criterion("crime-org")
    assert form is not None
    branch = form.field(f"{CONVICTION}/Q2")
    assert branch is not None
    assert not branch.editor.isVisibleTo(form)
    _fill(qtbot, form.field("C1_EG_crime-org/QG1/Q1"), "true")  # type: ignore[arg-type]
    assert branch.editor.isVisibleTo(form)  # the ONTRUE group appeared
    _fill(qtbot, branch, "Entente sur les prix, 2019 — mesures correctrices prises")
    _fill_criterion(qtbot, page, "crime-org", {})

    form = page.select_criterion("socsec-pay")
    assert form is not None
    _fill(qtbot, form.field("C8_EG_socsec-pay/QG1/Q1"), "true")  # type: ignore[arg-type]
    evidence = form.field("C8_EG_socsec-pay/QG1/QSG1/Q1")
    assert evidence is not None
    assert isinstance(evidence.editor, EvidenceEditor)
    _fill(qtbot, evidence)

    editor.show_page(editor.selection)
    form = editor.selection.select_criterion("gen-year-to")
    assert form is not None
    _fiscal_year(form.field(f"{TURNOVER}/Q1", 0), 2024)
    _fill(qtbot, form.field(f"{TURNOVER}/Q2", 0), "1 200 000")  # type: ignore[arg-type]
    _fill(qtbot, form.field(f"{TURNOVER}/QSG1/Q1", 0), "false")  # type: ignore[arg-type]
    add = form._repeats[TURNOVER].add_button
    assert add is not None
    assert add.isEnabled()
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    _settle(qtbot, form)
    second_amount = form.field(f"{TURNOVER}/Q2", 1)
    assert second_amount is not None
    assert second_amount.occurrence == 1
    _fill(qtbot, second_amount, "1 100 000")
    _fiscal_year(form.field(f"{TURNOVER}/Q1", 1), 2023)


def _confirmations(editor: ResponseEditor) -> list[ProfileChanges]:
    asked: list[ProfileChanges] = []

    def refuse(report: ValidationReport) -> bool:
        editor.refused = report  # type: ignore[attr-defined]
        return False

    def confirm(_name: str, changes: ProfileChanges) -> bool:
        asked.append(changes)
        return True

    editor.confirm_export_with_errors = refuse  # type: ignore[method-assign]
    editor.confirm_profile_update = confirm  # type: ignore[method-assign]
    return asked


def _export(qtbot: QtBot, editor: ResponseEditor, out: Path) -> bytes:
    exported: list[str] = []
    editor.exported.connect(exported.append)
    editor.export_to(out)
    qtbot.waitUntil(lambda: bool(exported) or hasattr(editor, "refused"), timeout=60_000)
    assert not hasattr(editor, "refused"), editor.refused  # type: ignore[attr-defined]
    data = out.read_bytes()
    report = validate_bytes(data)
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []
    return data


def _shown_values(editor: ResponseEditor, codes: list[str]) -> dict[str, object]:
    shown: dict[str, object] = {}
    for page in editor.answer_pages:
        for code in codes:
            form = page.select_criterion(code)
            if form is None:
                continue
            for field in form.visible_fields():
                shown[f"{field.question.id}#{field.occurrence}"] = field.value()
    return shown


# ---------------------------------------------------------------- acceptance
def test_official_request_answered_exported_and_reused_for_a_buyer_request(
    workspace: Workspace, example_request: Path, tmp_path: Path
) -> None:
    qtbot, library = workspace.qtbot, workspace.library
    started = time.perf_counter()
    request_id = stored.import_file(library, example_request).id
    response_id = start_response(library, request_id, "LOT-0000")
    editor = workspace.open(response_id)
    editor.show_page(editor.exclusion)
    assert editor.exclusion.form is not None
    rendered = time.perf_counter() - started
    assert rendered < 10
    document = editor.document
    assert len(document.criteria) == 62

    _identify(qtbot, editor)
    operator = document.economic_operator
    assert operator is not None
    assert operator.name == "Menuiseries Dupré & Fils"
    assert operator.identifiers[0].value == "73282932000074"
    assert operator.representatives[0].powers == "Pouvoir général d'engager la société"
    _open_branch_repeat_and_evidence(qtbot, editor)
    given = _fill_everything(qtbot, editor)
    assert given > 100
    answered, required = completeness(document)
    assert answered == required
    qtbot.waitUntil(
        lambda: editor.progress_label.text() == f"{required} sur {required} réponses obligatoires"
    )
    assert answer_slots(document, f"{TURNOVER}/Q2") == [
        AmountValue(value=1_200_000),
        AmountValue(value=1_100_000),
    ]
    assert answer_slots(document, f"{TURNOVER}/QSG1/Q1") == [IndicatorValue(value=False)] * 2
    reference = answer_slots(document, "C8_EG_socsec-pay/QG1/QSG1/Q1")[0]
    assert isinstance(reference, EvidenceRefValue)
    assert document.evidence(reference.evidence_id).issuer_name == "URSSAF Rhône-Alpes"  # type: ignore[union-attr]

    editor.show_page(editor.lots)
    assert editor.lots.tendered_lots() == ["LOT-0000"]
    asked = _confirmations(editor)
    out = tmp_path / "reponse-officielle.xml"
    with qtbot.waitSignal(editor.profile_saved, timeout=5_000):
        _export(qtbot, editor, out)
    assert len(asked) == 1  # confirmed once, after the export
    assert asked[0].added > 100
    assert asked[0].identity_changed

    # Round trip: the exported file, imported again, shows the same answers.
    reread = read_file(out)
    assert active_answer_map(reread) == active_answer_map(export_ready_response(document))
    again = workspace.open(stored.import_file(library, out).id)
    codes = ["crime-org", "socsec-pay", "gen-year-to", "registered"]
    assert _shown_values(again, codes) == _shown_values(editor, codes)
    assert again.operator.form.widgets["name"].text() == "Menuiseries Dupré & Fils"  # type: ignore[attr-defined]
    proof = again.exclusion.select_criterion("socsec-pay").field("C8_EG_socsec-pay/QG1/QSG1/Q1")  # type: ignore[union-attr]
    assert isinstance(proof.editor, EvidenceEditor)  # type: ignore[union-attr]
    assert proof.editor.data() == {  # type: ignore[union-attr]
        "uri": "https://preuves.example.fr/attestation-urssaf",
        "issuer_name": "URSSAF Rhône-Alpes",
        "document_id": "ATT-2025-0042",
    }

    # Profile reuse: a response to the buyer's request starts with these answers filled.
    profile = library.list_profiles()[0]
    assert [t.amount for t in load_profile(library, profile.id).turnover] == [1_200_000, 1_100_000]
    buyer_request = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
    dialog = StartResponseDialog(library, buyer_request)
    qtbot.addWidget(dialog)
    dialog.lot.setCurrentIndex(dialog.lot.findData("LOT-0001"))
    assert dialog.chosen() == ("LOT-0001", profile.id)
    second = workspace.open(dialog.start())
    prefilled = second.document
    assert prefilled.economic_operator == document.economic_operator
    for property_id in (
        "C1_EG_crime-org/QG1/Q1",
        f"{CONVICTION}/Q2",
        "C8_EG_socsec-pay/QG1/QSG1/Q1",
        f"{TURNOVER}/Q2",
    ):
        assert answer_slots(prefilled, property_id) == answer_slots(document, property_id)
    conviction = _shown_values(second, ["crime-org"])[f"{CONVICTION}/Q2#0"]
    assert conviction == TextValue(value="Entente sur les prix, 2019 — mesures correctrices prises")
    answered, required = completeness(prefilled)
    assert answered == required  # every criterion was answered before: nothing left to type
    qtbot.waitUntil(
        lambda: second.progress_label.text() == f"{required} sur {required} réponses obligatoires"
    )
    assert _fill_everything(qtbot, second) == 0
    _confirmations(second)
    _export(qtbot, second, tmp_path / "reponse-lot1.xml")


def test_branches_follow_the_indicator_and_undo_restores_them(
    workspace: Workspace, library: Library
) -> None:
    qtbot = workspace.qtbot
    request_id = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
    editor = workspace.open(start_response(library, request_id, "LOT-0001"))
    page = editor.exclusion
    form = page.select_criterion("socsec-pay")
    assert form is not None
    indicator = form.field("C8_EG_socsec-pay/RG1/QSG1/Q1")
    amount = form.field("C8_EG_socsec-pay/RG1/QSG1/QSG1/Q2")
    assert indicator is not None
    assert amount is not None
    assert not amount.editor.isVisibleTo(form)
    _fill(qtbot, indicator, "true")
    assert amount.editor.isVisibleTo(form)
    _fill(qtbot, amount, "4 500,50")
    assert answer_slots(editor.document, amount.question.id) == [AmountValue(value="4500.50")]
    _fill(qtbot, indicator, "false")
    assert not amount.editor.isVisibleTo(form)  # hidden, kept for a change of mind
    stack = editor.session.undo_stack
    stack.undo()
    form = page.form
    assert form is not None
    assert form.field(amount.question.id).editor.isVisibleTo(form)  # type: ignore[union-attr]
    stack.undo()
    shown = page.form.field(amount.question.id)  # type: ignore[union-attr]
    assert shown is not None
    assert shown.value() is None
    stack.redo()
    shown = page.form.field(amount.question.id)  # type: ignore[union-attr]
    assert shown is not None
    assert shown.value() == AmountValue(value="4500.50")


def test_occurrences_are_added_and_removed_with_the_buttons(
    workspace: Workspace, library: Library
) -> None:
    qtbot = workspace.qtbot
    request_id = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
    editor = workspace.open(start_response(library, request_id, "LOT-0001"))
    editor.show_page(editor.selection)
    form = editor.selection.select_criterion("year-manpower")
    assert form is not None
    root = next(iter(form._repeats))
    year = form._repeats[root].property_ids[0]
    add = form._repeats[root].add_button
    assert add is not None
    assert not add.isEnabled()  # nothing to repeat yet
    _fill(qtbot, form.field(year, 0), "2025")  # type: ignore[arg-type]
    assert add.isEnabled()
    qtbot.mouseClick(add, Qt.MouseButton.LeftButton)
    _settle(qtbot, form)
    # the new row steps back one year, shown in the second occurrence
    assert [display(f.value()) for f in form.fields if f.question.id == year] == ["2025", "2024"]
    assert [display(v) for v in answer_slots(editor.document, year)] == ["2025", "2024"]
    remove = form.findChild(QWidget, f"remove:{root}#0")
    assert remove is not None
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)  # type: ignore[arg-type]
    _settle(qtbot, form)
    assert [display(v) for v in answer_slots(editor.document, year)] == ["2024"]
    assert form.findChild(QWidget, f"remove:{root}#0") is None


def test_lot_choice_moves_the_response_and_prepares_the_other_lots(
    workspace: Workspace, library: Library
) -> None:
    qtbot = workspace.qtbot
    request_id = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
    editor = workspace.open(start_response(library, request_id, "LOT-0001"))
    document = editor.document
    _fill_criterion(qtbot, editor.exclusion, "crime-org", {})
    page = editor.lots
    editor.show_page(page)
    assert page.tendered_lots() == ["LOT-0001"]
    assert "(cette réponse)" in page.item_for("LOT-0001").text()  # type: ignore[union-attr]
    page.list.setCurrentItem(page.item_for("LOT-0002"))
    assert "Professional risk indemnity insurance" in page.details.text()
    qtbot.mouseClick(page.choose_button, Qt.MouseButton.LeftButton)
    assert document.lot_ids() == ["LOT-0002"]
    assert document.criterion("indem-insu") is not None
    assert document.criterion("year-manpower") is None
    assert document.answers_for("C1_EG_crime-org/QG1/Q1")  # shared answers kept
    qtbot.waitUntil(lambda: "indem-insu" in editor.selection._items)
    assert "LOT-0002" in editor.title.text()
    assert page.tendered_lots() == ["LOT-0001", "LOT-0002"]  # still ticked: the user decides
    page.item_for("LOT-0001").setCheckState(Qt.CheckState.Unchecked)  # type: ignore[union-attr]
    page.item_for("LOT-0003").setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    with qtbot.waitSignal(editor.library_changed):
        qtbot.mouseClick(page.others_button, Qt.MouseButton.LeftButton)
    responses = library.responses_to(request_id)
    assert len(responses) == 2
    other = next(stored.load(library, s.id) for s in responses if s.id != editor.session.doc_id)
    assert other.lot_ids() == ["LOT-0003"]
    assert other.answers_for("C1_EG_crime-org/QG1/Q1")
    editor.session.undo_stack.undo()
    assert document.lot_ids() == ["LOT-0001"]


def test_merge_previous_response_after_review(workspace: Workspace, library: Library) -> None:
    qtbot = workspace.qtbot
    request_id = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
    first = workspace.open(start_response(library, request_id, "LOT-0001"))
    _fill_criterion(qtbot, first.exclusion, "crime-org", {"C1_EG_crime-org/QG1/Q1": "true"})
    first.session.flush()
    second = workspace.open(start_response(library, request_id, "LOT-0002"))
    reviewed: list[ReusePlan] = []

    def review(plan: ReusePlan) -> bool:
        reviewed.append(plan)
        return True

    second.review_merge = review  # type: ignore[method-assign]
    second.choose_previous_response = lambda candidates: candidates[0].id  # type: ignore[method-assign]
    qtbot.mouseClick(second.summary.merge_button, Qt.MouseButton.LeftButton)
    assert reviewed
    plan = reviewed[0]
    assert {a.criterion_code for a in plan.copied} == {"crime-org"}
    assert "Professional risk indemnity insurance" in plan.new_criteria()
    assert answer_slots(second.document, "C1_EG_crime-org/QG1/Q1") == [IndicatorValue(value=True)]
    form = second.exclusion.select_criterion("crime-org")
    assert form is not None
    assert form.field(f"{CONVICTION}/Q2").editor.isVisibleTo(form)  # type: ignore[union-attr]
    second.session.undo_stack.undo()
    assert second.document.answers == []


def test_profile_dialog_saves_identity_and_tables_then_a_response_takes_them(
    workspace: Workspace, library: Library
) -> None:
    qtbot = workspace.qtbot
    dialog = ProfileDialog(library)
    qtbot.addWidget(dialog)
    _type(qtbot, dialog.identity.widgets["name"], "Électricité Générale Ardéchoise")  # type: ignore[arg-type]
    _type(qtbot, dialog.identity.identifier_lines["VAT"], "FR40123456824")
    dialog.turnover.add_row(["2024", "850 000,00", "EUR"])
    dialog.staff.add_row(["2024", "14"])
    dialog.references.add_row(
        ["Groupe scolaire Jean-Moulin", "120000", "01/03/2023", "30/11/2023", "Ville d'Annonay"]
    )
    profile_id = dialog.save()
    assert profile_id is not None
    profile = load_profile(library, profile_id)
    assert profile.name == "Électricité Générale Ardéchoise"
    assert profile.operator.identifiers[0].scheme_id == "VAT"
    assert [(t.year, str(t.amount)) for t in profile.turnover] == [(2024, "850000.00")]
    assert profile.staff[0].headcount == 14
    assert profile.references[0].recipient == "Ville d'Annonay"

    dialog.staff.add_row(["deux mille", "3"])
    assert dialog.save() is None
    assert "Année invalide" in dialog.error.text()
    assert load_profile(library, profile_id).staff[0].headcount == 14  # nothing lost

    # The operator page takes the profile into a response: identity and tables.
    request_id = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
    editor = workspace.open(start_response(library, request_id, "LOT-0001"))
    editor.show_page(editor.operator)
    qtbot.mouseClick(editor.operator.apply_button, Qt.MouseButton.LeftButton)
    document = editor.document
    assert document.economic_operator is not None
    assert document.economic_operator.name == "Électricité Générale Ardéchoise"
    assert editor.operator.form.identifier_lines["VAT"].text() == "FR40123456824"
    assert display(answer_slots(document, f"{TURNOVER}/Q2")[0]) == "850000.00 EUR"
    staff = editor.last_plan
    assert staff is not None
    assert "Average annual manpower" in staff.copied_criteria()
    editor.session.undo_stack.undo()  # one step
    assert document.answers == []
    assert document.economic_operator is not None
    assert document.economic_operator.name == ""


def test_a_finding_leads_to_its_field(workspace: Workspace, library: Library) -> None:
    request_id = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
    editor = workspace.open(start_response(library, request_id, "LOT-0001"))
    panel = editor.validation
    editor.show_page(panel)
    findings = panel.run_quick()
    subjects = [f.subject for f in findings]
    assert "economic_operator.size_code" in subjects
    items = [panel.list.item(row) for row in range(panel.list.count())]
    size = next(i for i in items if i is not None and "Taille" in i.text())
    panel.list.itemClicked.emit(size)
    assert editor.current_page_title() == "Partie II – Opérateur"
    crime = next(i for i in items if i is not None and "criminal" in i.text())
    panel.list.itemClicked.emit(crime)
    assert editor.current_page_title() == "Partie III – Exclusion"
    form = editor.exclusion.form
    assert form is not None
    assert form.criterion.code == "crime-org"


def test_screenshots_of_the_answer_editor_and_the_lot_choice(
    workspace: Workspace, library: Library, example_request: Path
) -> None:
    qtbot = workspace.qtbot
    request_id = stored.import_file(library, example_request).id
    editor = workspace.open(start_response(library, request_id, "LOT-0000"))
    page = editor.exclusion
    editor.show_page(page)
    form = page.select_criterion("socsec-pay")
    assert form is not None
    for property_id, choice in (
        ("C8_EG_socsec-pay/RG1/QSG1/Q1", "true"),
        ("C8_EG_socsec-pay/RG1/QSG1/QSG1/Q1", None),
        ("C8_EG_socsec-pay/RG1/QSG1/QSG1/Q2", "18 450"),
        ("C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/Q1", "false"),
        ("C8_EG_socsec-pay/RG1/QSG1/QSG1/QSG1/QSG2/Q1", "true"),
    ):
        _fill(qtbot, form.field(property_id), choice)  # type: ignore[arg-type]
    qtbot.waitUntil(lambda: not editor.progress_label.text().startswith("0 sur"))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    host = editor.window()
    image = host.grab()
    assert (image.width(), image.height()) == (1280, 720)
    assert image.save(str(SCREENSHOTS / "operator-answers.png"))

    lots_request = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
    lots_editor = workspace.open(start_response(library, lots_request, "LOT-0001"))
    lots_editor.show_page(lots_editor.lots)
    lots_editor.lots.item_for("LOT-0003").setCheckState(Qt.CheckState.Checked)  # type: ignore[union-attr]
    assert "Number of fiscal years : 2" in lots_editor.lots.details.text()
    qtbot.wait(50)
    image = lots_editor.window().grab()
    assert image.save(str(SCREENSHOTS / "operator-lots.png"))


# ---------------------------------------------------------------- once MainWindow is wired


def test_main_window_opens_a_response_and_exports_it(
    qtbot: QtBot, make_main_window: Callable[[], MainWindow], tmp_path: Path
) -> None:
    window = make_main_window()
    assert window.respond_action.text()  # type: ignore[attr-defined]
    assert window.profile_action.text()  # type: ignore[attr-defined]
    request_id = stored.save_new(window.library, request_from_spec(SPEC, TAXONOMY))
    window.library_panel.refresh()
    response_id = start_response(window.library, request_id, "LOT-0002")
    window.open_document(response_id)
    editor = window.editor
    assert isinstance(editor, ResponseEditor)
    _identify(qtbot, editor)
    _fill_everything(qtbot, editor)
    _confirmations(editor)
    editor.choose_profile = lambda profiles, creating: None  # type: ignore[method-assign]
    out = tmp_path / "reponse-lot2.xml"
    with qtbot.waitSignal(window.exported, timeout=60_000):
        window.export_to(out)
    assert validate_bytes(out.read_bytes()).findings == []
    assert window.library.exports(response_id)[0].path == str(out.resolve())
