"""The answer editor, generated from the request's criteria (never one form per criterion).

:class:`CriterionForm` walks a criterion's groups: each QUESTION gets the typed
input of its ValueDataTypeCode (:func:`app.ui.value_inputs.editor_for`, or an
:class:`EvidenceEditor` for evidence references), each REQUIREMENT shows the
buyer's value read-only beside the answers, ONTRUE/ONFALSE groups appear and
hide as their indicator is answered (:func:`app.models.answering.subgroup_applies`),
and repeatable groups get add/remove.  Every edit is an operation pushed on the
session; the form follows the model's changes.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.models.answering import CONDITIONAL, required_questions, subgroup_applies
from app.models.criteria import Criterion, CriterionProperty, PropertyGroup
from app.models.document import EspdDocument, Evidence
from app.models.editing import Batch, Operation
from app.models.events import Change
from app.models.response_ops import (
    AddOccurrence,
    RemoveOccurrence,
    SetAnswers,
    SetEvidence,
    seed_occurrence,
)
from app.models.reuse import (
    answer_lot_ref,
    answer_slots,
    occurrence_count,
    operator_repeatable,
    questions_below,
)
from app.models.sections import SECTION_TITLES_FR, sections
from app.models.taxonomy import Taxonomy
from app.models.values import CodeValue, EvidenceRefValue, Value, display
from app.ui.request_pages import Page
from app.ui.session import DocumentSession
from app.ui.value_inputs import ValueEditor, editor_for

#: the editors' maximum width: a yes/no or an amount does not need the whole window
FIELD_WIDTH = 520
INDENT = 16


def _same(a: Value | None, b: Value | None) -> bool:
    """Equal as shown (a quantity's unit is added by the model, not typed)."""
    if a is None or b is None:
        return a is b
    return a == b or (type(a) is type(b) and display(a) == display(b))


def _label(prop: CriterionProperty) -> str:
    return prop.description or prop.name or prop.data_type


def requirement_text(prop: CriterionProperty) -> str:
    value = prop.expected
    if value is None:
        return "(non précisée)"
    if isinstance(value, CodeValue) and prop.data_type == "CODE_BOOLEAN":
        # a yes/no the buyer ticked (the official example spells it CHECKBOX_TRUE)
        code = value.value.upper()
        return "Oui" if code.endswith("TRUE") else "Non" if code.endswith("FALSE") else "—"
    return display(value)


# ---------------------------------------------------------------- evidence
class EvidenceEditor(QWidget):
    """An evidence reference: where it is (URL), who issued it, its reference."""

    #: {"uri", "issuer_name", "document_id"} as typed
    edited = Signal(dict)

    FIELDS = (
        ("uri", QT_TRANSLATE_NOOP("EvidenceEditor", "Adresse web (URL)"), "https://…"),
        ("issuer_name", QT_TRANSLATE_NOOP("EvidenceEditor", "Émetteur"), "URSSAF, greffe, DGFiP…"),
        ("document_id", QT_TRANSLATE_NOOP("EvidenceEditor", "Référence"), "n° d'attestation"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_type = "EVIDENCE_IDENTIFIER"
        self.lines: dict[str, QLineEdit] = {}
        self.evidence_id: str | None = None
        self._loading = False
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, label, hint in self.FIELDS:
            line = QLineEdit()
            line.setPlaceholderText(hint)
            line.setAccessibleName(self.tr(str(label)))
            line.setToolTip(self.tr(str(label)))
            line.textEdited.connect(lambda _text: self._emit())
            self.lines[key] = line
            layout.addWidget(line, 2 if key == "uri" else 1)

    def data(self) -> dict[str, str]:
        return {key: line.text().strip() for key, line in self.lines.items()}

    def set_evidence(self, evidence: Evidence | None) -> None:
        self._loading = True
        try:
            self.evidence_id = evidence.id if evidence is not None else None
            for key, line in self.lines.items():
                text = getattr(evidence, key) if evidence is not None else ""
                if line.text().strip() != text:
                    line.setText(text)
        finally:
            self._loading = False

    def _emit(self) -> None:
        if not self._loading:
            self.edited.emit(self.data())

    def set_accessible_name(self, name: str) -> None:
        self.setAccessibleName(name)


# ---------------------------------------------------------------- one criterion
@dataclass
class AnswerField:
    """One input of the form: a question, in one occurrence of its repeatable group."""

    question: CriterionProperty
    #: the occurrence in the repeatable group above it (None: not repeated)
    occurrence: int | None
    #: the repeatable group above it, by id
    root: str | None
    editor: ValueEditor | EvidenceEditor
    required: bool

    def value(self) -> Value | None:
        if isinstance(self.editor, EvidenceEditor):
            if self.editor.evidence_id is None:
                return None
            return EvidenceRefValue(evidence_id=self.editor.evidence_id)
        return self.editor.value()


@dataclass
class _Repeat:
    group: PropertyGroup
    property_ids: list[str]
    count: int
    add_button: QPushButton | None = None


class CriterionForm(QWidget):
    """The generated answer form of one criterion."""

    #: the form was rebuilt (occurrences added or removed, undo)
    rebuilt = Signal()

    def __init__(
        self, session: DocumentSession, criterion: Criterion, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.criterion = criterion
        self.fields: list[AnswerField] = []
        self._conditionals: list[tuple[PropertyGroup, PropertyGroup, QWidget]] = []
        self._repeats: dict[str, _Repeat] = {}
        self._question_ids = {p.id for p in criterion.questions()}
        self._source: AnswerField | None = None
        self._required: set[str] = set()
        self._layout = QVBoxLayout(self)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._rebuild_timer = QTimer(self)
        self._rebuild_timer.setSingleShot(True)
        self._rebuild_timer.setInterval(0)
        self._rebuild_timer.timeout.connect(self.rebuild)
        self.rebuild()

    @property
    def document(self) -> EspdDocument:
        return self.session.document

    # ------------------------------------------------------------ building
    def rebuild(self) -> None:
        self._rebuild_timer.stop()
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        self.fields, self._conditionals, self._repeats = [], [], {}
        self._required = {
            item.question.id
            for item in required_questions(self.document)
            if item.criterion.code == self.criterion.code
        }
        header = QLabel(
            f"<h3>{html.escape(self.criterion.name)}</h3>"
            f"<p>{html.escape(self.criterion.description)}</p>"
        )
        header.setWordWrap(True)
        header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._layout.addWidget(header)
        for group in self.criterion.groups:
            self._layout.addWidget(self._group(group, None, None, None, 0))
        self._layout.addStretch(1)
        self.refresh()
        self.rebuilt.emit()

    def _group(
        self,
        group: PropertyGroup,
        parent: PropertyGroup | None,
        occurrence: int | None,
        root: str | None,
        depth: int,
    ) -> QWidget:
        if root is None and operator_repeatable(group):
            content = self._repeat_block(group, depth)
        else:
            content = self._group_body(group, occurrence, root, depth)
        if parent is None or group.type_code not in CONDITIONAL:
            return content
        # A branch: shown only while its indicator has the matching answer.
        frame = QFrame()
        frame.setObjectName("branch")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setStyleSheet("QFrame#branch { border: none; border-left: 3px solid #8fb3e0; }")
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(INDENT, 2, 0, 2)
        when = self.tr("Si « Oui » :") if group.type_code == "ONTRUE" else self.tr("Si « Non » :")
        caption = QLabel(f"<i>{when}</i>")
        layout.addWidget(caption)
        layout.addWidget(content)
        if not subgroup_applies(self.document, parent, group):
            frame.hide()  # never show() a widget without parent: it would open a window
        self._conditionals.append((parent, group, frame))
        return frame

    def _group_body(
        self, group: PropertyGroup, occurrence: int | None, root: str | None, depth: int
    ) -> QWidget:
        body = QWidget()
        body.setObjectName(group.id)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(INDENT if depth else 0, 0, 0, 0)
        layout.setSpacing(4)
        for prop in group.properties:
            if prop.type_code == "CAPTION":
                text = _label(prop)
                if text and not text.startswith("["):
                    caption = QLabel(html.escape(text))
                    caption.setWordWrap(True)
                    caption.setStyleSheet("font-style: italic;")
                    layout.addWidget(caption)
            elif prop.is_requirement:
                if prop.data_type != "LOT_IDENTIFIER":
                    layout.addWidget(self._requirement_row(prop))
            elif prop.is_question:
                layout.addWidget(self._question_row(prop, group, occurrence, root))
        for sub in group.subgroups:
            layout.addWidget(self._group(sub, group, occurrence, root, depth + 1))
        return body

    def _requirement_row(self, prop: CriterionProperty) -> QWidget:
        row = QLabel(
            self.tr("Exigence de l'acheteur")
            + f" — {html.escape(_label(prop))} : <b>{html.escape(requirement_text(prop))}</b>"
        )
        row.setObjectName("requirement")
        row.setWordWrap(True)
        row.setStyleSheet(
            "QLabel#requirement { background: #eef3fb; border: 1px solid #c9d8ee;"
            " border-radius: 3px; padding: 4px; }"
        )
        row.setAccessibleName(self.tr("Exigence de l'acheteur : %s") % _label(prop))
        return row

    def _question_row(
        self,
        prop: CriterionProperty,
        group: PropertyGroup,
        occurrence: int | None,
        root: str | None,
    ) -> QWidget:
        row = QWidget()
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(2)
        # The rule of required_questions, also for branches not opened yet.
        required = prop.id in self._required or not (
            prop.cardinality.startswith("0")
            or (group.optional and group.type_code not in CONDITIONAL)
        )
        text = html.escape(_label(prop)) + (
            " <span style='color:#a00'>*</span>" if required else ""
        )
        title = QLabel(text)
        title.setWordWrap(True)
        layout.addWidget(title)
        editor: ValueEditor | EvidenceEditor
        if prop.data_type == "EVIDENCE_IDENTIFIER":
            editor = EvidenceEditor()
        else:
            editor = editor_for(prop.data_type, prop.code_list)
        editor.setObjectName(prop.id if occurrence is None else f"{prop.id}#{occurrence}")
        editor.set_accessible_name(_label(prop))
        editor.setMaximumWidth(FIELD_WIDTH if prop.data_type != "EVIDENCE_IDENTIFIER" else 760)
        field = AnswerField(prop, occurrence, root, editor, required)
        self._show_value(field)
        if isinstance(editor, EvidenceEditor):
            editor.edited.connect(lambda data, f=field: self._evidence_edited(f, data))
        else:
            editor.edited.connect(lambda value, f=field: self._edited(f, value))
        self.fields.append(field)
        title.setBuddy(editor)
        layout.addWidget(editor)
        return row

    def _repeat_block(self, group: PropertyGroup, depth: int) -> QWidget:
        questions = questions_below(group)
        ids = [q.id for q in questions]
        count = occurrence_count(self.document, ids)
        repeat = _Repeat(group, ids, count)
        self._repeats[group.id] = repeat
        block = QWidget()
        layout = QVBoxLayout(block)
        layout.setContentsMargins(INDENT if depth else 0, 0, 0, 0)
        for index in range(count):
            frame = QFrame()
            frame.setObjectName("occurrence")
            frame.setFrameShape(QFrame.Shape.StyledPanel)
            inner = QVBoxLayout(frame)
            inner.setContentsMargins(8, 4, 8, 8)
            head = QHBoxLayout()
            head.addWidget(QLabel(f"<b>{self.tr('Occurrence n° %s') % (index + 1)}</b>"))
            head.addStretch(1)
            if count > 1:
                remove = QPushButton(self.tr("Retirer"))
                remove.setObjectName(f"remove:{group.id}#{index}")
                remove.setAccessibleName(self.tr("Retirer l'occurrence n° %s") % (index + 1))
                remove.clicked.connect(
                    lambda _c=False, i=index, g=group.id: self.remove_occurrence(g, i)
                )
                head.addWidget(remove)
            inner.addLayout(head)
            inner.addWidget(self._group_body(group, index, group.id, 0))
            layout.addWidget(frame)
        add = QPushButton(self.tr("+ Ajouter une occurrence"))
        add.setObjectName(f"add:{group.id}")
        add.setToolTip(
            self.tr(
                "La nouvelle occurrence reprend les réponses oui/non de la précédente "
                "(toutes les occurrences suivent la même branche)."
            )
        )
        add.clicked.connect(lambda _c=False, g=group.id: self.add_occurrence(g))
        repeat.add_button = add
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return block

    # ------------------------------------------------------------ following the model
    def _show_value(self, field: AnswerField) -> None:
        slots = answer_slots(self.document, field.question.id)
        index = field.occurrence or 0
        value = slots[index] if index < len(slots) else None
        if isinstance(field.editor, EvidenceEditor):
            evidence = (
                self.document.evidence(value.evidence_id)
                if isinstance(value, EvidenceRefValue)
                else None
            )
            field.editor.set_evidence(evidence)
        elif not _same(field.editor.value(), value):
            field.editor.set_value(value)

    def follows(self, change: Change) -> bool:
        path = change.path
        if path.startswith("answers/"):
            return path.removeprefix("answers/") in self._question_ids
        return path.startswith(("evidences/", "economic_operator"))

    def model_changed(self, change: Change) -> None:
        if self.follows(change):
            self.refresh()

    def refresh(self) -> None:
        """Show the model again: branches, values, occurrence counts (rebuilt if they moved)."""
        for repeat in self._repeats.values():
            if occurrence_count(self.document, repeat.property_ids) != repeat.count:
                # Rebuilt once the click or keystroke that caused it has returned.
                self._rebuild_timer.start()
                return
        for parent, group, frame in self._conditionals:
            frame.setVisible(subgroup_applies(self.document, parent, group))
        for field in self.fields:
            if field is not self._source:
                self._show_value(field)
        for repeat in self._repeats.values():
            if repeat.add_button is not None:
                last = [
                    answer_slots(self.document, pid)[repeat.count - 1 :]
                    for pid in repeat.property_ids
                ]
                repeat.add_button.setEnabled(any(v is not None for s in last for v in s))

    # ------------------------------------------------------------ edits
    def _lot(self) -> str | None:
        return answer_lot_ref(self.document, self.criterion)

    def _push(self, field: AnswerField | None, operation: Operation) -> None:
        self._source = field
        try:
            self.session.push(operation)
        finally:
            self._source = None

    def _slots_with(self, field: AnswerField, value: Value | None) -> list[Value | None]:
        question = field.question
        if field.occurrence is None:
            return [value]
        if question.data_type == "INDICATOR" and field.root is not None:
            # Every occurrence takes the same branch (the rules read an indicator by id).
            return [value] * self._repeats[field.root].count
        slots = answer_slots(self.document, question.id)
        slots += [None] * (field.occurrence + 1 - len(slots))
        slots[field.occurrence] = value
        return slots

    def _edited(self, field: AnswerField, value: Value | None) -> None:
        label = self.tr("Répondre : %s") % _label(field.question)[:40]
        self._push(
            field, SetAnswers(field.question.id, self._slots_with(field, value), self._lot(), label)
        )

    def _evidence_edited(self, field: AnswerField, data: dict[str, str]) -> None:
        assert isinstance(field.editor, EvidenceEditor)
        current_id = field.editor.evidence_id
        current = self.document.evidence(current_id) if current_id else None
        empty = not any(data.values())
        question = field.question
        if current is not None and empty:
            operation: Operation = Batch(
                [
                    SetAnswers(question.id, self._slots_with(field, None), self._lot()),
                    SetEvidence(current.id, None),
                ],
                self.tr("Retirer une preuve"),
            )
            field.editor.evidence_id = None
        elif current is not None:
            operation = SetEvidence(current.id, current.model_copy(update=data))
        elif not empty:
            evidence = Evidence(id=f"EVIDENCE-{uuid.uuid4()}", **data)
            field.editor.evidence_id = evidence.id
            reference = EvidenceRefValue(evidence_id=evidence.id)
            operation = Batch(
                [
                    SetEvidence(evidence.id, evidence),
                    SetAnswers(question.id, self._slots_with(field, reference), self._lot()),
                ],
                self.tr("Ajouter une preuve"),
            )
        else:
            return
        self._push(field, operation)

    def add_occurrence(self, root_id: str) -> None:
        repeat = self._repeats[root_id]
        questions = questions_below(repeat.group)
        seed = seed_occurrence(self.document, questions, repeat.count - 1)
        self._push(None, AddOccurrence(repeat.property_ids, repeat.count, seed, self._lot()))

    def remove_occurrence(self, root_id: str, index: int) -> None:
        repeat = self._repeats[root_id]
        self._push(None, RemoveOccurrence(repeat.property_ids, index, self._lot()))

    # ------------------------------------------------------------ for the page and tests
    def visible_fields(self) -> list[AnswerField]:
        """The inputs the user can see (inside the branches that apply)."""
        return [f for f in self.fields if f.editor.isVisibleTo(self)]

    def field(self, property_id: str, occurrence: int | None = None) -> AnswerField | None:
        for candidate in self.fields:
            if candidate.question.id == property_id and (
                occurrence is None or candidate.occurrence in (occurrence, None)
            ):
                return candidate
        return None

    def focus_question(self, property_id: str) -> bool:
        found = self.field(property_id)
        if found is None:
            return False
        found.editor.setFocus()
        child = found.editor.focusProxy() or next(iter(found.editor.findChildren(QWidget)), None)
        if child is not None:
            child.setFocus()
        return True


# ---------------------------------------------------------------- a part of the response
def criterion_status(document: EspdDocument) -> dict[str, tuple[int, int]]:
    """{criterion code: (answered, required)} in one pass."""
    status: dict[str, tuple[int, int]] = {c.code: (0, 0) for c in document.criteria}
    for item in required_questions(document):
        answered, required = status[item.criterion.code]
        given = 1 if document.answers_for(item.question.id) else 0
        status[item.criterion.code] = (answered + given, required + 1)
    return status


class AnswerPage(Page):
    """The criteria of one part (II, III or IV): a list on the left, the form on the right."""

    FAMILY_TEXT: ClassVar[dict[str, Any]] = {  # labels marked for lupdate
        "EG": QT_TRANSLATE_NOOP(
            "AnswerPage", "Motifs d'exclusion : déclarez votre situation pour chacun."
        ),
        "SC": QT_TRANSLATE_NOOP(
            "AnswerPage",
            "Critères de sélection : démontrez que vous remplissez les exigences de l'acheteur.",
        ),
        "OT": QT_TRANSLATE_NOOP(
            "AnswerPage", "Informations complémentaires sur l'opérateur économique."
        ),
    }

    def __init__(
        self,
        session: DocumentSession,
        taxonomy: Taxonomy,
        family: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.family = family
        self.section_of = sections(taxonomy.criteria)
        self.form: CriterionForm | None = None
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Critères à renseigner"))
        self.tree.setMinimumWidth(260)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.setFrameShape(QScrollArea.Shape.NoFrame)
        self.empty = QLabel(self.tr("La demande ne contient aucun critère de cette partie."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        splitter = QSplitter()
        splitter.addWidget(self.tree)
        splitter.addWidget(self.form_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 700])
        splitter.setChildrenCollapsible(False)
        intro = QLabel(self.tr(self.FAMILY_TEXT.get(family, "")))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.empty)
        self._items: dict[str, QTreeWidgetItem] = {}
        self.reload()

    def criteria(self) -> list[Criterion]:
        return [c for c in self.document.criteria if c.family == self.family]

    def reload(self) -> None:
        current = self.form.criterion.code if self.form is not None else None
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items = {}
        parents: dict[str, QTreeWidgetItem] = {}
        for criterion in self.criteria():
            key = self.section_of.get(criterion.code, "")
            parent = parents.get(key)
            if parent is None:
                parent = QTreeWidgetItem([SECTION_TITLES_FR.get(key, key) or self.tr("Autres")])
                parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.tree.addTopLevelItem(parent)
                parents[key] = parent
            item = QTreeWidgetItem([criterion.name])
            item.setData(0, Qt.ItemDataRole.UserRole, criterion.code)
            item.setToolTip(0, criterion.name)
            parent.addChild(item)
            self._items[criterion.code] = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        self.empty.setVisible(not self._items)
        self.update_status()
        codes = list(self._items)
        target = current if current in self._items else (codes[0] if codes else None)
        self.form = None
        if target is not None:
            self.select_criterion(target)
        else:
            self._show(None)

    def update_status(self, status: dict[str, tuple[int, int]] | None = None) -> None:
        """Mark each criterion done (✓) or "given/required"; the editor calls it after edits."""
        status = status if status is not None else criterion_status(self.document)
        for code, item in self._items.items():
            answered, required = status.get(code, (0, 0))
            mark = "✓" if answered == required else f"{answered}/{required}"
            name = item.toolTip(0)
            item.setText(0, f"{mark}  {name}")
            item.setData(
                0, Qt.ItemDataRole.AccessibleTextRole, f"{name} : {answered} sur {required}"
            )

    def select_criterion(self, code: str) -> CriterionForm | None:
        item = self._items.get(code)
        if item is None:
            return None
        if self.tree.currentItem() is item and self.form is not None:
            return self.form
        self.tree.setCurrentItem(item)
        return self.form

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        code = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        if code is None:
            return
        self._show(self.document.criterion(code))

    def _show(self, criterion: Criterion | None) -> None:
        old = self.form_area.takeWidget()
        if old is not None:
            old.hide()
            old.deleteLater()
        self.form = CriterionForm(self.session, criterion) if criterion is not None else None
        if self.form is not None:
            self.form_area.setWidget(self.form)
        self.form_area.verticalScrollBar().setValue(0)

    def model_changed(self, change: Change) -> None:
        if self.form is not None:
            self.form.model_changed(change)

    def refresh_form(self) -> None:
        """After undo/redo: the form shows the model again from scratch."""
        if self.form is not None:
            criterion = self.document.criterion(self.form.criterion.code)
            if criterion is not self.form.criterion:
                self.reload()
                return
            self.form.rebuild()
        self.update_status()

    def focus_subject(self, subject: str) -> bool:
        if subject.startswith("answers/"):
            property_id = subject.removeprefix("answers/")
            code = next(
                (c.code for c in self.criteria() if c.find_property(property_id) is not None), None
            )
        else:
            property_id = ""
            code = subject.removeprefix("criteria/").split("/")[0]
        if code is None or code not in self._items:
            return False
        form = self.select_criterion(code)
        if form is not None and property_id:
            form.focus_question(property_id)
        else:
            self.tree.setFocus()
        return True
