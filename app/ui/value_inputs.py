"""Typed inputs, chosen from the property's ValueDataTypeCode (never one form per criterion).

:func:`editor_for` maps each data type of the taxonomy to a small editor that
reads and writes :mod:`app.models.values` objects.  Empty input means "no value".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication, QDate, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from app.models.values import (
    ANSWER_CARRIER,
    REQUIREMENT_CARRIER,
    AmountValue,
    CodeValue,
    DateValue,
    IdentifierValue,
    IndicatorValue,
    NumericValue,
    PeriodValue,
    QuantityValue,
    TextValue,
    TimeValue,
    UriValue,
    Value,
)

CURRENCIES = ["EUR", "CHF", "GBP", "USD", "PLN", "CZK", "SEK", "DKK", "HUF", "RON", "BGN"]
_NUMBER = QRegularExpression(r"^-?[0-9 ]*([.,][0-9]*)?$")


def parse_decimal(text: str) -> Decimal | None:
    cleaned = text.replace(" ", "").replace("\u202f", "").replace(",", ".")
    if not cleaned:
        return None
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        return None


def format_decimal(value: Decimal) -> str:
    return format(value, "f").replace(".", ",")


class ValueEditor(QWidget):
    """Base class: ``edited`` carries the new :class:`Value` (or ``None``)."""

    edited = Signal(object)

    def __init__(self, data_type: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data_type = data_type
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._loading = False

    def value(self) -> Value | None:
        raise NotImplementedError

    def set_value(self, value: Value | None) -> None:
        self._loading = True
        try:
            self._show(value)
        finally:
            self._loading = False

    def _show(self, value: Value | None) -> None:
        raise NotImplementedError

    def _emit(self) -> None:
        if not self._loading:
            self.edited.emit(self.value())

    def set_accessible_name(self, name: str) -> None:
        self.setAccessibleName(name)
        for child in self.findChildren(QWidget):
            if not child.accessibleName():
                child.setAccessibleName(name)


class TextEditor(ValueEditor):
    def __init__(self, data_type: str, kind: str = "text", parent: QWidget | None = None) -> None:
        super().__init__(data_type, parent)
        self._kind = kind
        self.line = QLineEdit()
        self.line.textEdited.connect(lambda _text: self._emit())
        self._layout.addWidget(self.line)
        if kind == "uri":
            self.line.setPlaceholderText("https://…")

    def value(self) -> Value | None:
        text = self.line.text()
        if not text.strip():
            return None
        if self._kind == "uri":
            return UriValue(value=text.strip())
        if self._kind == "identifier":
            return IdentifierValue(value=text.strip(), scheme_agency_id="OP")
        if self._kind == "time":
            return TimeValue(value=text.strip())
        return TextValue(value=text)

    def _show(self, value: Value | None) -> None:
        if isinstance(value, IdentifierValue | TextValue | UriValue | TimeValue):
            self.line.setText(value.value)
        else:
            self.line.clear()


class NumberEditor(ValueEditor):
    def __init__(self, data_type: str, role: str = "answer", parent: QWidget | None = None) -> None:
        super().__init__(data_type, parent)
        # The value class comes from the same carrier table the XML writer uses.
        table = REQUIREMENT_CARRIER if role == "requirement" else ANSWER_CARRIER
        self._value_class = table.get(data_type, (NumericValue, ""))[0]
        self.line = QLineEdit()
        self.line.setValidator(QRegularExpressionValidator(_NUMBER, self.line))
        self.line.textEdited.connect(lambda _text: self._emit())
        self._layout.addWidget(self.line)
        if data_type == "PERCENTAGE":
            self._layout.addWidget(QLabel("%"))
        elif "YEAR" in data_type:
            self._layout.addWidget(QLabel(self.tr("an(s)")))

    def value(self) -> Value | None:
        number = parse_decimal(self.line.text())
        if number is None:
            return None
        if self._value_class is QuantityValue:
            return QuantityValue(value=number)
        return NumericValue(value=number)

    def _show(self, value: Value | None) -> None:
        if isinstance(value, NumericValue | QuantityValue):
            self.line.setText(format_decimal(value.value))
        else:
            self.line.clear()


class AmountEditor(ValueEditor):
    def __init__(self, data_type: str, parent: QWidget | None = None) -> None:
        super().__init__(data_type, parent)
        self.line = QLineEdit()
        self.line.setValidator(QRegularExpressionValidator(_NUMBER, self.line))
        self.currency = QComboBox()
        self.currency.addItems(CURRENCIES)
        self.line.textEdited.connect(lambda _text: self._emit())
        self.currency.currentIndexChanged.connect(lambda _i: self._emit())
        self._layout.addWidget(self.line, 1)
        self._layout.addWidget(self.currency)

    def value(self) -> Value | None:
        number = parse_decimal(self.line.text())
        if number is None:
            return None
        return AmountValue(value=number, currency=self.currency.currentText())

    def _show(self, value: Value | None) -> None:
        if isinstance(value, AmountValue):
            self.line.setText(format_decimal(value.value))
            if self.currency.findText(value.currency) < 0:
                self.currency.addItem(value.currency)
            self.currency.setCurrentText(value.currency)
        else:
            self.line.clear()


class DateEditor(ValueEditor):
    def __init__(self, data_type: str, parent: QWidget | None = None) -> None:
        super().__init__(data_type, parent)
        self.enabled = QCheckBox(self.tr("renseignée"))
        self.date = QDateEdit()
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setDate(QDate.currentDate())
        self.date.setEnabled(False)
        self.enabled.toggled.connect(self.date.setEnabled)
        self.enabled.toggled.connect(lambda _on: self._emit())
        self.date.dateChanged.connect(lambda _d: self._emit())
        self._layout.addWidget(self.enabled)
        self._layout.addWidget(self.date, 1)

    def value(self) -> Value | None:
        if not self.enabled.isChecked():
            return None
        return DateValue(value=self.date.date().toPython())

    def _show(self, value: Value | None) -> None:
        self.enabled.setChecked(isinstance(value, DateValue))
        if isinstance(value, DateValue):
            self.date.setDate(QDate(value.value.year, value.value.month, value.value.day))


class PeriodEditor(ValueEditor):
    def __init__(self, data_type: str, parent: QWidget | None = None) -> None:
        super().__init__(data_type, parent)
        self.enabled = QCheckBox(self.tr("du"))
        self.start, self.end = QDateEdit(), QDateEdit()
        for edit in (self.start, self.end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
            edit.setDate(QDate.currentDate())
            edit.setEnabled(False)
            self.enabled.toggled.connect(edit.setEnabled)
            edit.dateChanged.connect(lambda _d: self._emit())
        self.enabled.toggled.connect(lambda _on: self._emit())
        self._layout.addWidget(self.enabled)
        self._layout.addWidget(self.start, 1)
        self._layout.addWidget(QLabel(self.tr("au")))
        self._layout.addWidget(self.end, 1)

    def value(self) -> Value | None:
        if not self.enabled.isChecked():
            return None
        start = self.start.date().toPython()
        end = self.end.date().toPython()
        assert isinstance(start, dt.date)
        assert isinstance(end, dt.date)
        return PeriodValue(start=start, end=end)

    def _show(self, value: Value | None) -> None:
        self.enabled.setChecked(isinstance(value, PeriodValue))
        if isinstance(value, PeriodValue):
            for edit, day in ((self.start, value.start), (self.end, value.end)):
                if day:
                    edit.setDate(QDate(day.year, day.month, day.day))


class ChoiceEditor(ValueEditor):
    """Codes from a list (code lists, yes/no), with an empty first entry."""

    def __init__(
        self,
        data_type: str,
        choices: list[tuple[str, str]],
        list_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(data_type, parent)
        self._list_id = list_id
        self.combo = QComboBox()
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(16)
        self.combo.addItem("—", None)
        for code, label in choices:
            self.combo.addItem(label, code)
        self.combo.currentIndexChanged.connect(lambda _i: self._emit())
        self._layout.addWidget(self.combo, 1)

    def value(self) -> Value | None:
        code = self.combo.currentData()
        if code is None:
            return None
        if self.data_type == "INDICATOR":
            return IndicatorValue(value=code == "true")
        local = self._list_id is not None and not self._list_id.startswith("http")
        return CodeValue(
            value=code,
            list_id=self._list_id,
            list_agency_id="OP" if self._list_id else None,
            list_version_id="4.1.0" if local else None,
        )

    def _show(self, value: Value | None) -> None:
        code: str | None = None
        if isinstance(value, IndicatorValue):
            code = "true" if value.value else "false"
        elif isinstance(value, CodeValue):
            code = value.value
            if self.combo.findData(code) < 0:
                self.combo.addItem(code, code)
        self.combo.setCurrentIndex(max(0, self.combo.findData(code)) if code else 0)


def _code_choices(list_name: str) -> list[tuple[str, str]]:
    from app.espdxml.codelists import code_list

    codes = code_list(list_name)
    return [(code, f"{codes.label(code)} ({code})") for code in codes.codes]


def editor_for(
    data_type: str,
    code_list: str | None = None,
    parent: QWidget | None = None,
    role: str = "answer",
) -> ValueEditor:
    """The input for one property, by its data type; *role* is "answer" or "requirement"."""
    if data_type == "INDICATOR":
        yes_no = [
            ("true", QCoreApplication.translate("ValueEditor", "Oui")),
            ("false", QCoreApplication.translate("ValueEditor", "Non")),
        ]
        return ChoiceEditor(data_type, yes_no, parent=parent)
    if data_type in ("AMOUNT", "MINIMUM_AMOUNT", "MAXIMUM_AMOUNT"):
        return AmountEditor(data_type, parent)
    if data_type == "DATE":
        return DateEditor(data_type, parent)
    if data_type == "PERIOD":
        return PeriodEditor(data_type, parent)
    if data_type == "CODE_BOOLEAN":
        return ChoiceEditor(
            data_type, _code_choices("BooleanGUIControlType"), "boolean-gui-control-type", parent
        )
    if data_type == "CODE_COUNTRY":
        from app.espdxml.codelists import code_list as load

        countries = load("Country")
        return ChoiceEditor(data_type, _code_choices("Country"), countries.list_id, parent)
    if data_type == "CODE" and code_list == "financial-ratio-type":
        return ChoiceEditor(data_type, _code_choices("FinancialRatioType"), code_list, parent)
    if data_type == "CODE":
        return TextEditor(data_type, "text", parent)
    if "QUANTITY" in data_type or "NUMERIC" in data_type or data_type == "PERCENTAGE":
        return NumberEditor(data_type, role, parent)
    if data_type == "URL":
        return TextEditor(data_type, "uri", parent)
    if data_type in (
        "IDENTIFIER",
        "ECONOMIC_OPERATOR_IDENTIFIER",
        "QUAL_IDENTIFIER",
        "LOT_IDENTIFIER",
    ):
        return TextEditor(data_type, "identifier", parent)
    if data_type == "TIME":
        return TextEditor(data_type, "time", parent)
    return TextEditor(data_type, "text", parent)
