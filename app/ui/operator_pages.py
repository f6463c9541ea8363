"""The operator's pages: the procedure summary, the lot choice, Part II (who answers),
and the company profile dialog (the same identity form, kept in the library)."""

from __future__ import annotations

import datetime as dt
import html
from decimal import Decimal
from typing import Any, ClassVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.espdxml.codelists import code_list
from app.models.builder import lot_groups
from app.models.criteria import Criterion
from app.models.document import (
    EconomicOperator,
    EspdDocument,
    PartyIdentifier,
    Representative,
)
from app.models.editing import SetField
from app.models.identifiers import check_identifier, compact
from app.models.procedures import PROCEDURE_TYPES
from app.models.profile import (
    OperatorProfile,
    ProfileError,
    StaffYear,
    TurnoverYear,
    WorkReference,
    load_profile,
    save_profile,
)
from app.models.response_ops import SetOperatorField
from app.storage.library import Library
from app.ui.answer_form import requirement_text
from app.ui.errors import error_text, show_error
from app.ui.request_pages import Page
from app.ui.session import DocumentSession
from app.ui.value_inputs import CURRENCIES, format_decimal, parse_decimal

_FAMILY_TITLES = {
    "EG": "Motifs d'exclusion",
    "SC": "Critères de sélection",
    "OT": "Autres informations demandées",
}


def dialog_buttons(ok_text: str) -> QDialogButtonBox:
    """OK / Annuler, worded in French whatever Qt's own translations."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    if ok is not None:
        ok.setText(ok_text)
    if cancel is not None:
        cancel.setText(QCoreApplication.translate("OperatorPages", "Annuler"))
    return buttons


def _combo(items: list[tuple[str, str]], empty: bool = True) -> QComboBox:
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(24)
    if empty:
        combo.addItem("—", "")
    for code, label in items:
        combo.addItem(label, code)
    return combo


def _code_items(name: str) -> list[tuple[str, str]]:
    codes = code_list(name)
    return [(code, f"{codes.label(code)} ({code})") for code in codes.codes]


# ---------------------------------------------------------------- procedure summary
def procedure_html(document: EspdDocument, lots: list[tuple[str, str]] | None = None) -> str:
    """The summary an operator reads before answering: buyer, reference, lots, criteria."""
    esc = html.escape
    buyer = document.buyer
    procedure = document.procedure
    kinds = dict(PROCEDURE_TYPES)
    identifiers = ", ".join(i.value for i in buyer.identifiers)
    place = " ".join(x for x in (buyer.address.postal_zone, buyer.address.city) if x)
    rows = [
        ("Acheteur", buyer.name),
        ("Identifiant", identifiers),
        ("Ville", f"{place} ({buyer.address.country})" if place else buyer.address.country),
        ("Référence", procedure.reference),
        ("Intitulé", procedure.title),
        ("Procédure", kinds.get(procedure.procedure_code, procedure.procedure_code)),
        ("Description", procedure.description),
    ]
    parts = ["<h2>Résumé de la procédure</h2><table cellpadding='3'>"]
    for label, value in rows:
        if value:
            parts.append(f"<tr><td><b>{esc(label)}</b></td><td>{esc(value)}</td></tr>")
    parts.append("</table>")
    lot_rows = lots if lots is not None else [(lot.id, lot.title) for lot in document.lots]
    parts.append(f"<h3>Lots ({len(lot_rows)})</h3><ul>")
    for lot_id, title in lot_rows:
        parts.append(f"<li>{esc(lot_id)}{' – ' + esc(title) if title else ''}</li>")
    parts.append("</ul>")
    for family, title in _FAMILY_TITLES.items():
        criteria = [c for c in document.criteria if c.family == family]
        if not criteria:
            continue
        parts.append(f"<h3>{esc(title)} ({len(criteria)})</h3><ul>")
        for criterion in criteria:
            scope = f" <i>({', '.join(criterion.lot_refs)})</i>" if criterion.lot_refs else ""
            parts.append(f"<li>{esc(criterion.name)}{scope}</li>")
        parts.append("</ul>")
    return "".join(parts)


class ProcedureSummaryPage(Page):
    """What the operator is answering (read-only), and where reuse starts."""

    merge_requested = Signal()

    def __init__(
        self,
        session: DocumentSession,
        request: EspdDocument | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.request = request
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Résumé de la procédure"))
        self.merge_button = QPushButton(self.tr("Reprendre les réponses d'une réponse précédente…"))
        self.merge_button.clicked.connect(self.merge_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.merge_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        source = self.request or self.document
        lots = [(lot.id, lot.title) for lot in source.lots]
        shown = self.document if self.request is None else self.request
        self.browser.setHtml(procedure_html(shown, lots))


# ---------------------------------------------------------------- lots
def _lot_requirements(criterion: Criterion, lot_id: str) -> list[str]:
    """What the buyer set for this lot, as "label : value" lines."""
    group = lot_groups(criterion).get(lot_id)
    if group is None:
        return []
    lines = []
    for inner in group.iter_groups():
        for prop in inner.properties:
            if (
                prop.is_requirement
                and prop.expected is not None
                and prop.data_type != "LOT_IDENTIFIER"
            ):
                lines.append(f"{prop.description or prop.name} : {requirement_text(prop)}")
    return lines


class LotChoicePage(Page):
    """The lots the operator tenders for; this response covers exactly one (BR-LOT-10)."""

    lot_chosen = Signal(str)
    #: create one response for each of these other lots
    other_lots_requested = Signal(list)

    def __init__(
        self,
        session: DocumentSession,
        request: EspdDocument | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(session, parent)
        self.request = request
        hint = QLabel(
            self.tr(
                "Cochez les lots pour lesquels vous soumissionnez. Une réponse (un DUME) "
                "couvre exactement un lot : celle-ci porte sur le lot en gras ; l'application "
                "peut préparer les réponses des autres lots cochés, avec les mêmes réponses."
            )
        )
        hint.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Lots de la consultation"))
        self.list.currentItemChanged.connect(self._show_details)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.choose_button = QPushButton(self.tr("Cette réponse porte sur le lot sélectionné"))
        self.choose_button.clicked.connect(self._choose)
        self.others_button = QPushButton(
            self.tr("Préparer une réponse pour chaque autre lot coché")
        )
        self.others_button.clicked.connect(self._others)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        details_box = QGroupBox(self.tr("Ce que demande le lot"))
        details_layout = QVBoxLayout(details_box)
        details_layout.addWidget(self.details)
        details_layout.addStretch(1)
        splitter.addWidget(details_box)
        splitter.setSizes([420, 540])
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.others_button)
        buttons.addStretch(1)
        self.no_request = QLabel(
            self.tr(
                "La demande à laquelle répond ce document n'est pas dans la bibliothèque : "
                "le lot ne peut pas être changé."
            )
        )
        self.no_request.setWordWrap(True)
        box = QGroupBox(self.tr("Lots"))
        inner = QVBoxLayout(box)
        inner.addWidget(hint)
        inner.addWidget(splitter, 1)
        inner.addLayout(buttons)
        inner.addWidget(self.no_request)
        layout = QVBoxLayout(self)
        layout.addWidget(box)
        self.reload()

    def current_lot(self) -> str | None:
        lots = self.document.lot_ids()
        return lots[0] if lots else None

    def reload(self) -> None:
        tendered = set(self.tendered_lots()) if self.list.count() else set()
        current = self.current_lot()
        source = self.request.lots if self.request is not None else self.document.lots
        self.list.blockSignals(True)
        self.list.clear()
        for lot in source:
            text = f"{lot.id} – {lot.title}" if lot.title else lot.id
            if lot.id == current:
                text += self.tr("  (cette réponse)")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, lot.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            checked = lot.id == current or lot.id in tendered
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
            if lot.id == current:
                font = QFont(item.font())
                font.setBold(True)
                item.setFont(font)
            self.list.addItem(item)
        self.list.blockSignals(False)
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == current:
                self.list.setCurrentRow(row)
        has_request = self.request is not None
        self.no_request.setVisible(not has_request)
        self.choose_button.setEnabled(has_request and len(source) > 1)
        self.others_button.setEnabled(has_request and len(source) > 1)
        self._show_details(self.list.currentItem())

    def item_for(self, lot_id: str) -> QListWidgetItem | None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None and item.data(Qt.ItemDataRole.UserRole) == lot_id:
                return item
        return None

    def tendered_lots(self) -> list[str]:
        result = []
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                result.append(str(item.data(Qt.ItemDataRole.UserRole)))
        return result

    def _show_details(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            self.details.setText("")
            return
        lot_id = str(item.data(Qt.ItemDataRole.UserRole))
        source = self.request or self.document
        title = next((lot.title for lot in source.lots if lot.id == lot_id), "")
        selection = [c for c in source.criteria if c.family == "SC" and lot_id in c.lot_refs]
        exclusion = [c for c in source.criteria if c.family == "EG"]
        parts = [f"<h3>{html.escape(lot_id)}{' – ' + html.escape(title) if title else ''}</h3>"]
        parts.append(
            "<p>"
            + self.tr("%s motif(s) d'exclusion, communs à tous les lots.") % len(exclusion)
            + "</p>"
        )
        if selection:
            parts.append("<p>" + self.tr("Critères de sélection de ce lot :") + "</p><ul>")
            for criterion in selection:
                wanted = _lot_requirements(criterion, lot_id)
                details = "".join(f"<br><small>{html.escape(w)}</small>" for w in wanted)
                parts.append(f"<li>{html.escape(criterion.name)}{details}</li>")
            parts.append("</ul>")
        else:
            parts.append("<p>" + self.tr("Aucun critère de sélection pour ce lot.") + "</p>")
        self.details.setText("".join(parts))

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        lot_id = str(item.data(Qt.ItemDataRole.UserRole))
        if lot_id != self.current_lot():
            self.lot_chosen.emit(lot_id)

    def _others(self) -> None:
        others = [lot for lot in self.tendered_lots() if lot != self.current_lot()]
        if others:
            self.other_lots_requested.emit(others)

    def focus_subject(self, subject: str) -> bool:
        if subject != "lots":
            return False
        self.list.setFocus()
        return True


# ---------------------------------------------------------------- Part II: the operator
_REPRESENTATIVE_COLUMNS: list[tuple[str, Any]] = [  # labels marked for lupdate
    ("first_name", QT_TRANSLATE_NOOP("OperatorForm", "Prénom")),
    ("family_name", QT_TRANSLATE_NOOP("OperatorForm", "Nom")),
    ("role", QT_TRANSLATE_NOOP("OperatorForm", "Qualité")),
    ("powers", QT_TRANSLATE_NOOP("OperatorForm", "Pouvoirs")),
    ("contact.email", QT_TRANSLATE_NOOP("OperatorForm", "Courriel")),
    ("contact.telephone", QT_TRANSLATE_NOOP("OperatorForm", "Téléphone")),
    ("address.country", QT_TRANSLATE_NOOP("OperatorForm", "Pays (FRA…)")),
]

_IDENTIFIER_LABELS: dict[str, Any] = {  # labels marked for lupdate
    "NATIONAL": QT_TRANSLATE_NOOP("OperatorForm", "SIRET ou SIREN"),
    "VAT": QT_TRANSLATE_NOOP("OperatorForm", "N° de TVA intracommunautaire"),
    "LEI": QT_TRANSLATE_NOOP("OperatorForm", "LEI"),
    "DUNS": QT_TRANSLATE_NOOP("OperatorForm", "N° DUNS"),
    "BRIS": QT_TRANSLATE_NOOP("OperatorForm", "EUID (registre européen)"),
}
_IDENTIFIER_ORDER = ["NATIONAL", "VAT", "LEI", "DUNS", "BRIS"]


def _agency(scheme: str, value: str) -> str:
    if scheme == "NATIONAL" and value.isdigit() and len(value) in (9, 14):
        return "INSEE"
    if scheme == "VAT":
        return "VIES"
    return "OP"


class OperatorForm(QWidget):
    """Who answers: identity, identifiers, address, contact, size, representatives.

    Bound to nothing: it shows an :class:`EconomicOperator` and says what was
    edited (``field_edited(path, value)``, the path relative to the operator).
    """

    field_edited = Signal(str, object)

    TEXT_FIELDS: ClassVar[list[tuple[str, Any]]] = [  # labels marked for lupdate
        ("name", QT_TRANSLATE_NOOP("OperatorForm", "Raison sociale")),
        ("website", QT_TRANSLATE_NOOP("OperatorForm", "Site internet")),
        ("address.street", QT_TRANSLATE_NOOP("OperatorForm", "Adresse")),
        ("address.postal_zone", QT_TRANSLATE_NOOP("OperatorForm", "Code postal")),
        ("address.city", QT_TRANSLATE_NOOP("OperatorForm", "Ville")),
        ("contact.name", QT_TRANSLATE_NOOP("OperatorForm", "Personne à contacter")),
        ("contact.telephone", QT_TRANSLATE_NOOP("OperatorForm", "Téléphone")),
        ("contact.email", QT_TRANSLATE_NOOP("OperatorForm", "Courriel")),
    ]

    def __init__(self, parent: QWidget | None = None, with_role: bool = True) -> None:
        super().__init__(parent)
        self._loading = False
        self._operator = EconomicOperator()
        self.widgets: dict[str, QWidget] = {}
        self.identifier_lines: dict[str, QLineEdit] = {}
        self.identifier_status: dict[str, QLabel] = {}

        identity = QFormLayout()
        identity.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._add_line(identity, "name")
        schemes = code_list("EOIDType").codes
        for scheme in sorted(
            schemes, key=lambda s: _IDENTIFIER_ORDER.index(s) if s in _IDENTIFIER_ORDER else 99
        ):
            line = QLineEdit()
            line.setObjectName(f"identifiers.{scheme}")
            label = self.tr(_IDENTIFIER_LABELS.get(scheme, scheme))
            line.setAccessibleName(label)
            line.textEdited.connect(lambda _text: self._identifiers_edited())
            self.identifier_lines[scheme] = line
            status = QLabel()
            status.setObjectName(f"identifier-status.{scheme}")
            self.identifier_status[scheme] = status
            row = QHBoxLayout()
            row.addWidget(line, 1)
            row.addWidget(status)
            identity.addRow(label, row)
        self.widgets["identifiers"] = self.identifier_lines["NATIONAL"]
        self._add_line(identity, "website")
        size = _combo(_code_items("EconomicOperatorSize"))
        size.setObjectName("size_code")
        size.setAccessibleName(self.tr("Taille de l'entreprise"))
        size.currentIndexChanged.connect(
            lambda _i: self._emit("size_code", size.currentData() or "")
        )
        self.widgets["size_code"] = size
        identity.addRow(self.tr("Taille de l'entreprise (PME…)"), size)
        if with_role:
            role = _combo(_code_items("EoRoleType"), empty=False)
            role.setObjectName("role_code")
            role.setAccessibleName(self.tr("Rôle dans la candidature"))
            role.currentIndexChanged.connect(
                lambda _i: self._emit("role_code", role.currentData() or "")
            )
            self.widgets["role_code"] = role
            identity.addRow(self.tr("Rôle dans la candidature"), role)
        identity_box = QGroupBox(self.tr("Identification"))
        identity_box.setLayout(identity)

        address = QFormLayout()
        address.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for path in ("address.street", "address.postal_zone", "address.city"):
            self._add_line(address, path)
        countries = code_list("Country")
        country = _combo(
            sorted(
                ((c, f"{countries.label(c)} ({c})") for c in countries.codes), key=lambda x: x[1]
            )
        )
        country.setObjectName("address.country")
        country.setAccessibleName(self.tr("Pays"))
        country.currentIndexChanged.connect(
            lambda _i: self._emit("address.country", country.currentData() or "")
        )
        self.widgets["address.country"] = country
        address.addRow(self.tr("Pays"), country)
        for path in ("contact.name", "contact.telephone", "contact.email"):
            self._add_line(address, path)
        address_box = QGroupBox(self.tr("Adresse et contact"))
        address_box.setLayout(address)

        self.representatives = QTableWidget(0, len(_REPRESENTATIVE_COLUMNS))
        self.representatives.setHorizontalHeaderLabels(
            [self.tr(t) for _k, t in _REPRESENTATIVE_COLUMNS]
        )
        self.representatives.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        for column, tip in (
            (
                3,
                QT_TRANSLATE_NOOP(
                    "OperatorForm",
                    "Étendue de la représentation (pouvoir général, signature des marchés…)",
                ),
            ),
            (
                6,
                QT_TRANSLATE_NOOP(
                    "OperatorForm", "Pays de résidence, code ISO à trois lettres (FRA, BEL…)"
                ),
            ),
        ):
            header = self.representatives.horizontalHeaderItem(column)
            if header is not None:
                header.setToolTip(self.tr(str(tip)))
        self.representatives.setAccessibleName(self.tr("Représentants"))
        self.representatives.setMinimumHeight(110)
        self.representatives.itemChanged.connect(lambda _item: self._representatives_edited())
        add = QPushButton(self.tr("Ajouter un représentant"))
        add.clicked.connect(self.add_representative)
        remove = QPushButton(self.tr("Retirer"))
        remove.clicked.connect(self._remove_representative)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        people = QGroupBox(self.tr("Représentants habilités à engager l'entreprise"))
        people_layout = QVBoxLayout(people)
        people_layout.addWidget(self.representatives)
        people_layout.addLayout(buttons)
        self.widgets["representatives"] = self.representatives

        columns = QHBoxLayout()
        columns.addWidget(identity_box, 1)
        columns.addWidget(address_box, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(columns)
        layout.addWidget(people, 1)

    def _add_line(self, form: QFormLayout, path: str) -> None:
        label = self.tr(dict(self.TEXT_FIELDS)[path])
        line = QLineEdit()
        line.setObjectName(path)
        line.setAccessibleName(label)
        line.textEdited.connect(lambda value, p=path: self._emit(p, value))
        self.widgets[path] = line
        form.addRow(label, line)

    def _emit(self, path: str, value: Any) -> None:
        if not self._loading:
            self.field_edited.emit(path, value)

    # ------------------------------------------------------------ identifiers
    def identifiers(self) -> list[PartyIdentifier]:
        result = []
        for scheme, line in self.identifier_lines.items():
            value = compact(line.text()) if scheme in ("NATIONAL", "VAT") else line.text().strip()
            if value:
                result.append(
                    PartyIdentifier(
                        value=value, scheme_id=scheme, scheme_agency_id=_agency(scheme, value)
                    )
                )
        known = set(self.identifier_lines)
        result += [i for i in self._operator.identifiers if (i.scheme_id or "") not in known]
        return result

    def _identifiers_edited(self) -> None:
        self._show_identifier_status()
        self._emit("identifiers", self.identifiers())

    def _show_identifier_status(self) -> None:
        for scheme in ("NATIONAL", "VAT"):
            text = self.identifier_lines[scheme].text()
            status = self.identifier_status[scheme]
            if not text.strip():
                status.setText("")
                continue
            result = check_identifier(text)
            status.setText(
                self.tr("✓ %s valide") % result.kind if result.valid else "✗ " + result.message
            )

    # ------------------------------------------------------------ representatives
    def representatives_value(self) -> list[Representative]:
        result = []
        for row in range(self.representatives.rowCount()):
            base = (
                self._operator.representatives[row]
                if row < len(self._operator.representatives)
                else Representative()
            )
            data = base.model_dump()
            for column, (key, _title) in enumerate(_REPRESENTATIVE_COLUMNS):
                item = self.representatives.item(row, column)
                text = item.text().strip() if item is not None else ""
                if key == "address.country":
                    text = text.upper()
                *parents, leaf = key.split(".")
                target = data
                for part in parents:
                    target = target[part]
                target[leaf] = text
            result.append(Representative.model_validate(data))
        return result

    def _representatives_edited(self) -> None:
        if not self._loading:
            value = self.representatives_value()
            self._operator = self._operator.model_copy(update={"representatives": value})
            self._emit("representatives", value)

    def add_representative(self) -> None:
        self._loading = True
        row = self.representatives.rowCount()
        self.representatives.insertRow(row)
        country = self._operator.address.country or "FRA"  # the usual case, and required
        for column, (key, _title) in enumerate(_REPRESENTATIVE_COLUMNS):
            text = country if key == "address.country" else ""
            self.representatives.setItem(row, column, QTableWidgetItem(text))
        self._loading = False
        self._representatives_edited()
        self.representatives.setCurrentCell(row, 0)

    def _remove_representative(self) -> None:
        row = self.representatives.currentRow()
        if row < 0:
            return
        self._loading = True
        self.representatives.removeRow(row)
        people = list(self._operator.representatives)
        if row < len(people):
            people.pop(row)
        self._operator = self._operator.model_copy(update={"representatives": people})
        self._loading = False
        self._representatives_edited()

    # ------------------------------------------------------------ showing
    def show_operator(self, operator: EconomicOperator | None) -> None:
        operator = operator or EconomicOperator()
        self._operator = operator
        self._loading = True
        try:
            for path, widget in self.widgets.items():
                if isinstance(widget, QLineEdit) and path != "identifiers":
                    value: Any = operator
                    for part in path.split("."):
                        value = getattr(value, part)
                    if widget.text() != value:
                        widget.setText(str(value))
                elif isinstance(widget, QComboBox):
                    code = (
                        operator.address.country
                        if path == "address.country"
                        else getattr(operator, path)
                    )
                    widget.setCurrentIndex(max(0, widget.findData(code)))
            by_scheme = {i.scheme_id: i.value for i in operator.identifiers}
            for scheme, line in self.identifier_lines.items():
                text = by_scheme.get(scheme, "")
                if compact(line.text()) != compact(text):
                    line.setText(text)
            self._show_identifier_status()
            people = operator.representatives
            self.representatives.setRowCount(len(people))
            for row, person in enumerate(people):
                for column, (key, _title) in enumerate(_REPRESENTATIVE_COLUMNS):
                    value = person
                    for part in key.split("."):
                        value = getattr(value, part)
                    item = self.representatives.item(row, column)
                    if item is None:
                        self.representatives.setItem(row, column, QTableWidgetItem(str(value)))
                    elif item.text() != value:
                        item.setText(str(value))
        finally:
            self._loading = False

    def focus_subject(self, subject: str) -> bool:
        path = subject.removeprefix("economic_operator.")
        if path.startswith("identifiers."):
            widget: QWidget | None = self.identifier_lines.get(path.split(".", 1)[1])
        else:
            widget = self.widgets.get(path)
        if widget is None:
            return False
        widget.setFocus()
        return True


class OperatorPage(Page):
    """Part II: the economic operator answering (from the company profile, editable here)."""

    apply_profile_requested = Signal()
    save_profile_requested = Signal()

    def __init__(self, session: DocumentSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.form = OperatorForm()
        self.form.field_edited.connect(self._edited)
        self.group_name = QLineEdit()
        self.group_name.setObjectName("group_name")
        self.group_name.setAccessibleName(self.tr("Nom du groupement"))
        self.group_name.setPlaceholderText(self.tr("seulement pour une candidature groupée"))
        self.group_name.textEdited.connect(
            lambda value: self.session.push(SetField("group_name", value, "Nom du groupement"))
        )
        self.apply_button = QPushButton(self.tr("Reprendre le profil de l'entreprise…"))
        self.apply_button.clicked.connect(self.apply_profile_requested)
        self.save_button = QPushButton(self.tr("Enregistrer dans le profil de l'entreprise…"))
        self.save_button.clicked.connect(self.save_profile_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.apply_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        group_row = QFormLayout()
        group_row.addRow(self.tr("Nom du groupement"), self.group_name)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.form, 1)
        layout.addLayout(group_row)
        self.reload()

    def _edited(self, path: str, value: Any) -> None:
        self.session.push(SetOperatorField(path, value))

    def reload(self) -> None:
        self.form.show_operator(self.document.economic_operator)
        if self.group_name.text() != self.document.group_name:
            self.group_name.setText(self.document.group_name)

    def focus_subject(self, subject: str) -> bool:
        if subject == "group_name":
            self.group_name.setFocus()
            return True
        if not subject.startswith("economic_operator"):
            return False
        return self.form.focus_subject(subject) or subject == "economic_operator"


# ---------------------------------------------------------------- company profile
def _parse_year(text: str) -> int:
    value = text.strip()
    if not (value.isdigit() and 1900 <= int(value) <= 2100):
        raise ProfileError(f"Année invalide : « {text} » (quatre chiffres attendus).")
    return int(value)


def _parse_amount(text: str) -> Decimal:
    number = parse_decimal(text)
    if number is None or number < 0:
        raise ProfileError(f"Montant invalide : « {text} ».")
    return number


def _parse_date(text: str) -> dt.date | None:
    value = text.strip()
    if not value:
        return None
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ProfileError(f"Date invalide : « {text} » (JJ/MM/AAAA attendu).")


def _date_text(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


class _Table(QWidget):
    """An editable table of rows (turnover, staff, references) with add/remove."""

    def __init__(self, columns: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels(columns)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        add = QPushButton(self.tr("Ajouter une ligne"))
        add.clicked.connect(lambda: self.add_row([""] * len(columns)))
        remove = QPushButton(self.tr("Retirer la ligne"))
        remove.clicked.connect(lambda: self.table.removeRow(self.table.currentRow()))
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

    def add_row(self, values: list[str]) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, value in enumerate(values):
            self.table.setItem(row, column, QTableWidgetItem(value))

    def set_rows(self, rows: list[list[str]]) -> None:
        self.table.setRowCount(0)
        for values in rows:
            self.add_row(values)

    def rows(self) -> list[list[str]]:
        result = []
        for row in range(self.table.rowCount()):
            values = []
            for column in range(self.table.columnCount()):
                item = self.table.item(row, column)
                values.append(item.text() if item is not None else "")
            if any(v.strip() for v in values):
                result.append(values)
        return result


class ProfileDialog(QDialog):
    """Edit the company profile kept in the library (identity, tables, standing answers)."""

    def __init__(
        self, library: Library, profile_id: str | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Profil de l'entreprise"))
        self.resize(980, 640)
        self.library = library
        if profile_id is None:
            existing = library.list_profiles()
            profile_id = existing[0].id if existing else None
        self.profile_id = profile_id
        self.profile = load_profile(library, profile_id) if profile_id else OperatorProfile()
        self.identity = OperatorForm(with_role=False)
        self.identity.show_operator(self.profile.operator)
        self.identity.field_edited.connect(self._identity_edited)
        currency_hint = "/".join(CURRENCIES[:3])
        self.turnover = _Table(
            [
                self.tr("Année"),
                self.tr("Chiffre d'affaires"),
                self.tr("Devise (%s…)") % currency_hint,
            ]
        )
        self.turnover.set_rows(
            [[str(t.year), format_decimal(t.amount), t.currency] for t in self.profile.turnover]
        )
        self.staff = _Table([self.tr("Année"), self.tr("Effectif moyen")])
        self.staff.set_rows([[str(s.year), str(s.headcount)] for s in self.profile.staff])
        self.references = _Table(
            [
                self.tr("Description"),
                self.tr("Montant (EUR)"),
                self.tr("Début (JJ/MM/AAAA)"),
                self.tr("Fin"),
                self.tr("Client"),
            ]
        )
        self.references.set_rows(
            [
                [
                    r.description,
                    format_decimal(r.amount) if r.amount is not None else "",
                    _date_text(r.start),
                    _date_text(r.end),
                    r.recipient,
                ]
                for r in self.profile.references
            ]
        )
        self.answers = QListWidget()
        self.answers.setAccessibleName(self.tr("Réponses enregistrées"))
        forget = QPushButton(self.tr("Oublier la réponse sélectionnée"))
        forget.clicked.connect(self._forget)
        answers_page = QWidget()
        answers_layout = QVBoxLayout(answers_page)
        answers_layout.addWidget(
            QLabel(
                self.tr(
                    "Réponses reprises automatiquement dans chaque nouvelle réponse "
                    "(par critère et par question)."
                )
            )
        )
        answers_layout.addWidget(self.answers)
        answers_layout.addWidget(forget)
        self._show_answers()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.identity, self.tr("Identité"))
        self.tabs.addTab(self.turnover, self.tr("Chiffre d'affaires"))
        self.tabs.addTab(self.staff, self.tr("Effectifs"))
        self.tabs.addTab(self.references, self.tr("Références"))
        self.tabs.addTab(answers_page, self.tr("Réponses enregistrées"))
        self.error = QLabel()
        self.error.setStyleSheet("color: #a00;")
        self.error.setWordWrap(True)
        buttons = dialog_buttons(self.tr("Enregistrer"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def _identity_edited(self, path: str, value: Any) -> None:
        data = self.profile.operator.model_dump()
        *parents, leaf = path.split(".")
        target = data
        for part in parents:
            target = target[part]
        target[leaf] = [v.model_dump() for v in value] if isinstance(value, list) else value
        self.profile.operator = EconomicOperator.model_validate(data)

    def _show_answers(self) -> None:
        self.answers.clear()
        for answer in self.profile.answers:
            shown = ", ".join(
                str(getattr(v, "value", getattr(v, "evidence_id", "")))
                for v in answer.values
                if v is not None
            )
            item = QListWidgetItem(
                f"{answer.criterion} — {answer.property_id.split('/', 1)[-1]} : {shown}"
            )
            item.setData(Qt.ItemDataRole.UserRole, answer.property_id)
            self.answers.addItem(item)

    def _forget(self) -> None:
        item = self.answers.currentItem()
        if item is None:
            return
        property_id = item.data(Qt.ItemDataRole.UserRole)
        self.profile.answers = [a for a in self.profile.answers if a.property_id != property_id]
        self._show_answers()

    def collect(self) -> OperatorProfile:
        """The profile as edited (raises :class:`ProfileError` on a bad cell)."""
        profile = self.profile.model_copy(deep=True)
        profile.turnover = [
            TurnoverYear(
                year=_parse_year(year),
                amount=_parse_amount(amount),
                currency=currency.strip().upper() or "EUR",
            )
            for year, amount, currency in self.turnover.rows()
        ]
        profile.staff = []
        for year, count in self.staff.rows():
            if not count.strip().isdigit():
                raise ProfileError(f"Effectif invalide : « {count} » (nombre entier attendu).")
            profile.staff.append(StaffYear(year=_parse_year(year), headcount=int(count)))
        profile.references = [
            WorkReference(
                description=description.strip(),
                amount=_parse_amount(amount) if amount.strip() else None,
                start=_parse_date(start),
                end=_parse_date(end),
                recipient=recipient.strip(),
            )
            for description, amount, start, end, recipient in self.references.rows()
        ]
        return profile

    def save(self) -> str | None:
        try:
            profile = self.collect()
            self.profile_id = save_profile(self.library, profile, self.profile_id)
        except UserFacingError as error:
            self.error.setText(error_text(error))
            return None
        self.profile = profile
        self.error.setText("")
        return self.profile_id

    def _accept(self) -> None:
        if self.save() is not None:
            self.accept()


def edit_company_profile(parent: QWidget, library: Library) -> str | None:
    """The "Profil de l'entreprise…" action: edit (or create) the profile; its id if saved."""
    try:
        dialog = ProfileDialog(library, parent=parent)
    except UserFacingError as error:
        show_error(parent, error)
        return None
    return dialog.profile_id if dialog.exec() == QDialog.DialogCode.Accepted else None
