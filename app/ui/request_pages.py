"""The pages of the request editor.  They read the model and push operations; no logic here."""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.espdxml.codelists import code_list
from app.models.criteria import Criterion
from app.models.document import EspdDocument
from app.models.editing import (
    AddCriterion,
    AddLot,
    MoveLot,
    RemoveCriterion,
    RemoveLot,
    RenameLot,
    ScopeCriterion,
    SetBuyerIdentifier,
    SetField,
    SetRequirement,
)
from app.models.identifiers import check_identifier
from app.models.procedures import PROCEDURE_TYPES
from app.models.sections import SECTION_TITLES_FR, sections
from app.models.taxonomy import Taxonomy
from app.ui.session import DocumentSession
from app.ui.value_inputs import ValueEditor, editor_for


def _compact_combo() -> QComboBox:
    """A combo box whose width does not grow with its longest entry (country names)."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    return combo


class Page(QWidget):
    """A page knows how to show the document again, and where a field is."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session

    @property
    def document(self) -> EspdDocument:
        return self.session.document

    def reload(self) -> None:
        raise NotImplementedError

    def focus_subject(self, subject: str) -> bool:
        """Put the keyboard focus on the widget for *subject*; False if not here."""
        return False


# ---------------------------------------------------------------- Part I
class ProcedurePage(Page):
    FIELDS: ClassVar[list[tuple[str, object]]] = [  # labels marked for lupdate
        ("buyer.name", QT_TRANSLATE_NOOP("ProcedurePage", "Nom officiel de l'acheteur")),
        ("buyer.identifier", QT_TRANSLATE_NOOP("ProcedurePage", "SIRET, SIREN ou n° de TVA")),
        ("buyer.address.street", QT_TRANSLATE_NOOP("ProcedurePage", "Adresse")),
        ("buyer.address.postal_zone", QT_TRANSLATE_NOOP("ProcedurePage", "Code postal")),
        ("buyer.address.city", QT_TRANSLATE_NOOP("ProcedurePage", "Ville")),
        ("buyer.address.country", QT_TRANSLATE_NOOP("ProcedurePage", "Pays")),
        ("buyer.contact.name", QT_TRANSLATE_NOOP("ProcedurePage", "Contact")),
        ("buyer.contact.telephone", QT_TRANSLATE_NOOP("ProcedurePage", "Téléphone")),
        ("buyer.contact.email", QT_TRANSLATE_NOOP("ProcedurePage", "Courriel")),
        ("procedure.procedure_code", QT_TRANSLATE_NOOP("ProcedurePage", "Type de procédure")),
        ("procedure.reference", QT_TRANSLATE_NOOP("ProcedurePage", "Référence de la consultation")),
        ("procedure.title", QT_TRANSLATE_NOOP("ProcedurePage", "Intitulé")),
        ("procedure.description", QT_TRANSLATE_NOOP("ProcedurePage", "Description")),
    ]

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for path, label in self.FIELDS:
            widget = self._make(path)
            widget.setAccessibleName(self.tr(str(label)))
            widget.setObjectName(path)
            self.widgets[path] = widget
            form.addRow(self.tr(str(label)), widget)
            if path == "buyer.identifier":
                self.identifier_status = QLabel()
                self.identifier_status.setObjectName("identifier-status")
                form.addRow("", self.identifier_status)
        box = QGroupBox(self.tr("Partie I – Procédure et acheteur"))
        box.setLayout(form)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addStretch(1)
        self.reload()

    def _make(self, path: str) -> QWidget:
        if path == "buyer.address.country":
            combo = _compact_combo()
            countries = code_list("Country")
            for code in sorted(countries.codes, key=lambda c: countries.label(c)):
                combo.addItem(f"{countries.label(code)} ({code})", code)
            combo.currentIndexChanged.connect(
                lambda _i: self._push(SetField(path, combo.currentData() or "", "Modifier le pays"))
            )
            return combo
        if path == "procedure.procedure_code":
            combo = _compact_combo()
            for code, label in PROCEDURE_TYPES:
                combo.addItem(QCoreApplication.translate("ProcedureTypes", label), code)
            combo.currentIndexChanged.connect(
                lambda _i: self._push(SetField(path, combo.currentData(), "Type de procédure"))
            )
            return combo
        if path == "procedure.description":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.setMaximumHeight(90)
            text.textChanged.connect(
                lambda: self._push(SetField(path, text.toPlainText(), "Modifier la description"))
            )
            return text
        line = QLineEdit()
        if path == "buyer.identifier":
            line.textEdited.connect(self._identifier_edited)
        else:
            line.textEdited.connect(
                lambda value: self._push(SetField(path, value, "Modifier un champ"))
            )
        return line

    def _push(self, operation: SetField | SetBuyerIdentifier) -> None:
        if not self._loading:
            self.session.push(operation)

    _loading = False

    def _identifier_edited(self, value: str) -> None:
        self._push(SetBuyerIdentifier(value))
        self._show_identifier_status(value)

    def _show_identifier_status(self, value: str) -> None:
        if not value.strip():
            self.identifier_status.setText("")
            return
        result = check_identifier(value)
        if result.valid and result.kind == "OTHER":
            self.identifier_status.setText(self.tr("✓ identifiant accepté"))
        elif result.valid:
            self.identifier_status.setText(self.tr("✓ %s valide") % result.kind)
        else:
            self.identifier_status.setText(self.tr("✗ ") + result.message)

    def value_of(self, path: str) -> str:
        if path == "buyer.identifier":
            ids = self.document.buyer.identifiers
            return ids[0].value if ids else ""
        target: object = self.document
        for part in path.split("."):
            target = getattr(target, part)
        return str(target)

    def reload(self) -> None:
        self._loading = True
        try:
            for path, widget in self.widgets.items():
                value = self.value_of(path)
                if isinstance(widget, QLineEdit):
                    if widget.text() != value:
                        widget.setText(value)
                elif isinstance(widget, QPlainTextEdit):
                    if widget.toPlainText() != value:
                        widget.setPlainText(value)
                elif isinstance(widget, QComboBox):
                    index = widget.findData(value)
                    if index < 0:
                        # A code the lists do not know (an imported "Open"): show it as is.
                        match = next(
                            (
                                i
                                for i in range(widget.count())
                                if str(widget.itemData(i)).lower() == value.lower()
                            ),
                            -1,
                        )
                        index = match
                    if index < 0 and value:
                        widget.addItem(value, value)
                        index = widget.count() - 1
                    widget.setCurrentIndex(index)
            self._show_identifier_status(self.value_of("buyer.identifier"))
        finally:
            self._loading = False

    def focus_subject(self, subject: str) -> bool:
        widget = self.widgets.get(subject)
        if widget is None:
            return False
        widget.setFocus()
        return True


# ---------------------------------------------------------------- lots
class _LotDelegate(QStyledItemDelegate):
    def initStyleOption(self, option: QStyleOptionViewItem, index: object) -> None:
        super().initStyleOption(option, index)  # type: ignore[arg-type]
        lot_id = index.data(Qt.ItemDataRole.UserRole)  # type: ignore[attr-defined]
        option.text = f"{lot_id} – {option.text}" if option.text else str(lot_id)


class LotsPage(Page):
    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Lots de la consultation"))
        self.list.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.list.itemChanged.connect(self._renamed)
        self.list.setItemDelegate(_LotDelegate(self.list))
        self.add_button = QPushButton(self.tr("&Ajouter un lot"))
        self.remove_button = QPushButton(self.tr("&Supprimer"))
        self.up_button = QPushButton(self.tr("Monter"))
        self.down_button = QPushButton(self.tr("Descendre"))
        self.add_button.clicked.connect(self.add_lot)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        hint = QLabel(
            self.tr(
                "Double-cliquez sur un lot (ou F2) pour le renommer. Sans allotissement, "
                "gardez un seul lot LOT-0000."
            )
        )
        hint.setWordWrap(True)
        box = QGroupBox(self.tr("Lots"))
        inner = QVBoxLayout(box)
        inner.addWidget(hint)
        inner.addWidget(self.list)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        self._loading = False
        self.reload()

    def reload(self) -> None:
        self._loading = True
        current = self.list.currentRow()
        self.list.clear()
        for lot in self.document.lots:
            # The text is the editable title; the delegate prefixes the lot id.
            item = QListWidgetItem(lot.title)
            item.setData(Qt.ItemDataRole.UserRole, lot.id)
            item.setToolTip(lot.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
            self.list.addItem(item)
        if 0 <= current < self.list.count():
            self.list.setCurrentRow(current)
        self._loading = False

    def add_lot(self) -> None:
        self.session.push(AddLot(title=self.tr("Nouveau lot")))
        self.list.setCurrentRow(self.list.count() - 1)

    def _current_lot(self) -> str | None:
        item = self.list.currentItem()
        return str(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _remove(self) -> None:
        lot_id = self._current_lot()
        if lot_id is not None:
            self.session.push(RemoveLot(lot_id))

    def _move(self, delta: int) -> None:
        lot_id = self._current_lot()
        row = self.list.currentRow()
        target = row + delta
        if lot_id is None or not 0 <= target < self.list.count():
            return
        self.session.push(MoveLot(lot_id, target))
        self.list.setCurrentRow(target)

    def _renamed(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        lot_id = item.data(Qt.ItemDataRole.UserRole)
        title = item.text()
        current = next((lot.title for lot in self.document.lots if lot.id == lot_id), None)
        if current is not None and current != title:
            self.session.push(RenameLot(lot_id, title))

    def focus_subject(self, subject: str) -> bool:
        if subject != "lots":
            return False
        self.list.setFocus()
        return True


# ---------------------------------------------------------------- criteria
def _criterion_html(criterion: Criterion) -> str:
    parts = [
        f"<h3>{html.escape(criterion.name)}</h3>",
        f"<p>{html.escape(criterion.description)}</p>",
    ]
    for legislation in criterion.legislation:
        bits = [legislation.title, legislation.article, legislation.uri]
        text = " — ".join(html.escape(b) for b in bits if b and not b.startswith("["))
        if text:
            parts.append(f"<p><i>{text}</i></p>")
    return "".join(parts)


class ExclusionPage(Page):
    """Part III: the exclusion grounds; the mandatory ones are always in."""

    def __init__(
        self, session: DocumentSession, taxonomy: Taxonomy, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.taxonomy = taxonomy
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Motifs d'exclusion"))
        self.details = QTextBrowser()
        self.details.setAccessibleName(self.tr("Description du motif d'exclusion"))
        self.list.currentItemChanged.connect(self._show_details)
        self.list.itemChanged.connect(self._toggled)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(self.details)
        splitter.setSizes([420, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr(
                    "Les motifs obligatoires (condamnations, impôts, cotisations "
                    "sociales) sont toujours inclus."
                )
            )
        )
        layout.addWidget(splitter)
        self._loading = False
        self.reload()

    def reload(self) -> None:
        self._loading = True
        current = self.list.currentRow()
        self.list.clear()
        selected = set(self.document.criterion_codes())
        for criterion in self.taxonomy.family("EG"):
            item = QListWidgetItem(criterion.name)
            item.setData(Qt.ItemDataRole.UserRole, criterion.code)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if criterion.code in self.taxonomy.mandatory_codes:
                flags &= ~Qt.ItemFlag.ItemIsUserCheckable
                item.setToolTip(self.tr("Motif obligatoire"))
                item.setText(criterion.name + self.tr(" (obligatoire)"))
            item.setFlags(flags)
            checked = criterion.code in selected
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            self.list.addItem(item)
        self.list.setCurrentRow(max(0, current))
        self._loading = False

    def _show_details(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is not None:
            self.details.setHtml(
                _criterion_html(self.taxonomy.get(item.data(Qt.ItemDataRole.UserRole)))
            )

    def _toggled(self, item: QListWidgetItem) -> None:
        if self._loading:
            return
        code = item.data(Qt.ItemDataRole.UserRole)
        present = self.document.criterion(code) is not None
        wanted = item.checkState() == Qt.CheckState.Checked
        if wanted and not present:
            self.session.push(
                AddCriterion(self.taxonomy, code, label="Ajouter un motif d'exclusion")
            )
        elif present and not wanted:
            self.session.push(
                RemoveCriterion(self.taxonomy, code, label="Retirer un motif d'exclusion")
            )

    def focus_subject(self, subject: str) -> bool:
        code = subject.removeprefix("criteria/")
        for row in range(self.list.count()):
            if self.list.item(row).data(Qt.ItemDataRole.UserRole) == code:
                self.list.setCurrentRow(row)
                self.list.setFocus()
                return True
        return False


class CriterionDetails(QWidget):
    """Requirements and lots of one selected criterion, built from its properties."""

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.code: str | None = None
        self.editors: dict[str, ValueEditor] = {}
        self.lot_boxes: dict[str, QWidget] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setAlignment(Qt.AlignmentFlag.AlignTop)

    def show_criterion(
        self, criterion: Criterion | None, template: Criterion | None = None
    ) -> None:
        """Show *criterion* (in the document), or only describe *template* (not selected)."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.editors, self.lot_boxes = {}, {}
        self.code = criterion.code if criterion else None
        if criterion is None:
            if template is not None:
                about = QLabel(
                    f"<b>{html.escape(template.name)}</b><br>{html.escape(template.description)}"
                    "<p><i>"
                    + self.tr("Cochez ce critère pour l'exiger et fixer ses exigences.")
                    + "</i></p>"
                )
                about.setWordWrap(True)
                self._layout.addWidget(about)
            return
        description = QLabel(
            f"<b>{html.escape(criterion.name)}</b><br>{html.escape(criterion.description)}"
        )
        description.setWordWrap(True)
        self._layout.addWidget(description)
        document = self.session.document
        if criterion.family == "SC" and document.lots:
            from PySide6.QtWidgets import QCheckBox

            lots_box = QGroupBox(self.tr("Lots concernés"))
            lots_layout = QHBoxLayout(lots_box)
            for lot in document.lots:
                check = QCheckBox(f"{lot.id} {lot.title}".strip())
                check.setObjectName(f"lot:{lot.id}")
                check.setChecked(lot.id in criterion.lot_refs)
                check.toggled.connect(self._lots_changed)
                self.lot_boxes[lot.id] = check
                lots_layout.addWidget(check)
            lots_layout.addStretch(1)
            self._layout.addWidget(lots_box)
        requirements = [p for p in criterion.requirements() if p.data_type != "LOT_IDENTIFIER"]
        seen: set[str] = set()
        if requirements:
            box = QGroupBox(self.tr("Exigences de l'acheteur"))
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for prop in requirements:
                if prop.id in seen:
                    continue
                seen.add(prop.id)
                editor = editor_for(prop.data_type, prop.code_list, role="requirement")
                editor.setObjectName(prop.id)
                label = prop.description or prop.name or prop.data_type
                editor.set_accessible_name(label)
                editor.set_value(prop.expected)
                editor.edited.connect(
                    lambda value, pid=prop.id: self.session.push(SetRequirement(pid, value))
                )
                self.editors[prop.id] = editor
                title = QLabel(label)
                title.setWordWrap(True)
                form.addRow(title, editor)
            self._layout.addWidget(box)
        else:
            self._layout.addWidget(QLabel(self.tr("Ce critère n'a pas d'exigence à fixer.")))

    def _lots_changed(self) -> None:
        if self.code is None:
            return
        lots = [lot for lot, box in self.lot_boxes.items() if box.isChecked()]  # type: ignore[attr-defined]
        if not lots:
            return  # a selection criterion must keep at least one lot
        self.session.push(ScopeCriterion(self.code, lots))


class SelectionPage(Page):
    """Part IV: pick selection criteria from the taxonomy and set their requirements."""

    presetRequested = Signal(str)

    def __init__(
        self, session: DocumentSession, taxonomy: Taxonomy, parent: QWidget | None = None
    ) -> None:
        super().__init__(session, parent)
        self.taxonomy = taxonomy
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Rechercher un critère…"))
        self.search.setAccessibleName(self.tr("Rechercher un critère de sélection"))
        self.search.textChanged.connect(self._filter)
        self.tree = QTreeWidget()
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName(self.tr("Critères de sélection"))
        self.tree.itemChanged.connect(self._toggled)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.details = CriterionDetails(session)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.details)
        self.simplified_button = QPushButton(self.tr("Préréglage « DUME simplifié »"))
        self.simplified_button.setToolTip(self.tr("Chiffre d'affaires et effectifs seulement"))
        self.simplified_button.clicked.connect(lambda: self.presetRequested.emit("simplified"))
        self.previous_button = QPushButton(self.tr("Repartir d'une demande précédente…"))
        self.previous_button.clicked.connect(lambda: self.presetRequested.emit("previous"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.tree)
        presets = QVBoxLayout()
        presets.addWidget(self.simplified_button)
        presets.addWidget(self.previous_button)
        left_layout.addLayout(presets)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([430, 560])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)
        self._loading = False
        self._sections: dict[str, QTreeWidgetItem] = {}
        self.reload()

    def reload(self) -> None:
        self._loading = True
        current = self.tree.currentItem()
        current_code = current.data(0, Qt.ItemDataRole.UserRole) if current else None
        self.tree.clear()
        self._sections = {}
        selected = set(self.document.criterion_codes())
        section_of = sections(self.taxonomy.criteria)
        for criterion in self.taxonomy.family("SC"):
            key = section_of[criterion.code]
            parent = self._sections.get(key)
            if parent is None:
                parent = QTreeWidgetItem([SECTION_TITLES_FR.get(key, key)])
                parent.setFlags(parent.flags() & ~Qt.ItemFlag.ItemIsUserCheckable)
                self.tree.addTopLevelItem(parent)
                self._sections[key] = parent
            item = QTreeWidgetItem([criterion.name])
            item.setData(0, Qt.ItemDataRole.UserRole, criterion.code)
            item.setToolTip(0, criterion.description)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(
                0, Qt.CheckState.Checked if criterion.code in selected else Qt.CheckState.Unchecked
            )
            parent.addChild(item)
            if criterion.code == current_code:
                self.tree.setCurrentItem(item)
        self.tree.expandAll()
        self._filter(self.search.text())
        self._loading = False
        self._current_changed(self.tree.currentItem())

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for parent in self._sections.values():
            visible = 0
            for index in range(parent.childCount()):
                child = parent.child(index)
                if child is None:
                    continue
                code = child.data(0, Qt.ItemDataRole.UserRole)
                hit = not needle or needle in child.text(0).casefold() or needle in code
                child.setHidden(not hit)
                visible += hit
            parent.setHidden(visible == 0)

    def _toggled(self, item: QTreeWidgetItem, _column: int) -> None:
        code = item.data(0, Qt.ItemDataRole.UserRole)
        if self._loading or code is None:
            return
        present = self.document.criterion(code) is not None
        wanted = item.checkState(0) == Qt.CheckState.Checked
        if wanted and not present:
            self.session.push(
                AddCriterion(self.taxonomy, code, label="Ajouter un critère de sélection")
            )
        elif present and not wanted:
            self.session.push(RemoveCriterion(self.taxonomy, code))

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        code = item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None
        template = self.taxonomy.get(code) if code else None
        self.details.show_criterion(self.document.criterion(code) if code else None, template)

    def select_criterion(self, code: str) -> QTreeWidgetItem | None:
        for parent in self._sections.values():
            for index in range(parent.childCount()):
                child = parent.child(index)
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole) == code:
                    self.tree.setCurrentItem(child)
                    return child
        return None

    def focus_subject(self, subject: str) -> bool:
        item = self.select_criterion(subject.removeprefix("criteria/").split("/")[0])
        if item is None:
            return False
        self.tree.setFocus()
        return True


PageFactory = Callable[[DocumentSession], Page]
