"""Read the values of a legacy document, and fit them to the 4.1.0 data types.

Reading is lenient (a malformed value becomes a :class:`ValueProblem`, never a
crash) because a legacy file is read to be rescued: whatever cannot be read is
reported with its text.  Fitting a value to the data type of its 4.1.0
property is explicit: the same kind is kept, a close kind is converted
(number to quantity, text holding two dates to a period ...) with a note, and
anything else is refused with the reason.
"""

from __future__ import annotations

import re

from lxml import etree

from app.espdxml.codelists import element_attributes
from app.espdxml.value_elements import ValueProblem, parse_date
from app.legacy.tables import countries
from app.models.values import (
    ANSWER_CARRIER,
    QUANTITY_UNITS,
    REQUIREMENT_CARRIER,
    AmountValue,
    CodeValue,
    DateValue,
    EvidenceRefValue,
    IdentifierValue,
    IndicatorValue,
    NumericValue,
    PeriodValue,
    QuantityValue,
    TextValue,
    UriValue,
    Value,
    ValueClass,
)

_E = etree._Element


# ---------------------------------------------------------------- countries
def country_alpha3(code: str) -> str | None:
    """The 4.1.0 country code of *code* (alpha-2 of 2.x, or already alpha-3)."""
    code = code.strip().upper()
    if len(code) == 3 and code.isalpha():
        return code
    return countries().get(code)


# ---------------------------------------------------------------- fitting
_PERIOD_IN_TEXT = re.compile(r"(\d{4}-\d{2}-\d{2}).*?(\d{4}-\d{2}-\d{2})", re.DOTALL)


def _target_class(data_type: str, requirement: bool) -> ValueClass | None:
    table = REQUIREMENT_CARRIER if requirement else ANSWER_CARRIER
    entry = table.get(data_type)
    return entry[0] if entry else None


def _country_code(value: CodeValue) -> tuple[CodeValue, str | None]:
    alpha3 = country_alpha3(value.value)
    attributes = element_attributes("Country")
    if alpha3 is None:
        kept = CodeValue(
            value=value.value,
            list_id=attributes["listID"],
            list_agency_id=attributes["listAgencyID"],
            list_version_id=attributes["listVersionID"],
        )
        return kept, f"code pays inconnu « {value.value} » : conservé tel quel, à corriger"
    converted = CodeValue(
        value=alpha3,
        list_id=attributes["listID"],
        list_agency_id=attributes["listAgencyID"],
        list_version_id=attributes["listVersionID"],
    )
    note = None if alpha3 == value.value else f"code pays {value.value} devenu {alpha3}"
    return converted, note


def fit(value: Value, data_type: str, *, requirement: bool = False) -> tuple[Value, str | None]:
    """*value* as the 4.1.0 *data_type* expects it, with a note when it had to change.

    Raises :class:`ValueProblem` when the value cannot take that type.
    """
    wanted = _target_class(data_type, requirement)
    if wanted is None:
        raise ValueProblem(f"le type {data_type} ne porte pas de valeur")
    if isinstance(value, CodeValue) and data_type == "CODE_COUNTRY":
        return _country_code(value)
    if isinstance(value, wanted):
        if isinstance(value, QuantityValue) and value.unit is None and data_type in QUANTITY_UNITS:
            return value.model_copy(update={"unit": QUANTITY_UNITS[data_type]}), None
        if isinstance(value, IdentifierValue) and not value.scheme_agency_id:
            return value.model_copy(update={"scheme_agency_id": "OP"}), None
        return value, None
    return _convert(value, wanted, data_type)


def _convert(value: Value, wanted: ValueClass, data_type: str) -> tuple[Value, str | None]:
    kind = value.type
    if wanted is QuantityValue and isinstance(value, NumericValue | AmountValue):
        return QuantityValue(value=value.value, unit=QUANTITY_UNITS.get(data_type)), None
    if wanted is NumericValue and isinstance(value, QuantityValue | AmountValue):
        note = (
            f"le montant {value.value} {value.currency} devient un nombre sans devise"
            if isinstance(value, AmountValue)
            else None
        )
        return NumericValue(value=value.value), note
    if wanted is AmountValue and isinstance(value, NumericValue | QuantityValue):
        return AmountValue(value=value.value), "montant sans devise : EUR supposé"
    if wanted is TextValue:
        text = _as_text(value)
        if text is not None:
            return TextValue(value=text), f"valeur ({kind}) reprise comme texte"
    if wanted is IdentifierValue and isinstance(value, TextValue | CodeValue | UriValue):
        return IdentifierValue(value=value.value.strip(), scheme_agency_id="OP"), None
    if wanted is UriValue and isinstance(value, TextValue | IdentifierValue):
        text = value.value.strip()
        if re.match(r"^[a-z][a-z0-9+.-]*://", text, re.IGNORECASE) or text.startswith("www."):
            return UriValue(value=text), None
    if wanted is PeriodValue:
        if isinstance(value, TextValue | IdentifierValue):
            match = _PERIOD_IN_TEXT.search(value.value)
            if match:
                start, end = parse_date(match.group(1)), parse_date(match.group(2))
                return PeriodValue(start=start, end=end), "texte lu comme une période (début – fin)"
        if isinstance(value, DateValue):
            return PeriodValue(start=value.value), "date reprise comme début de période"
    if wanted is DateValue:
        if isinstance(value, PeriodValue) and value.start:
            return DateValue(value=value.start), "seule la date de début de la période est reprise"
        if isinstance(value, TextValue):
            try:
                return DateValue(value=parse_date(value.value)), None
            except ValueProblem:
                pass
    if wanted is IndicatorValue and isinstance(value, CodeValue | TextValue):
        lowered = value.value.strip().lower()
        if lowered in ("true", "false", "yes", "no", "1", "0"):
            return IndicatorValue(value=lowered in ("true", "yes", "1")), None
    if wanted is CodeValue and isinstance(value, TextValue | IdentifierValue):
        return CodeValue(value=value.value.strip()), "texte repris comme code"
    raise ValueProblem(f"une valeur de type « {kind} » ne peut pas devenir {data_type}")


def _as_text(value: Value) -> str | None:
    match value:
        case TextValue(value=text) | CodeValue(value=text) | UriValue(value=text):
            return text
        case IdentifierValue(value=text):
            return text
        case DateValue(value=day):
            return day.isoformat()
        case PeriodValue(start=start, end=end):
            return f"{start.isoformat() if start else ''} – {end.isoformat() if end else ''}"
        case AmountValue(value=amount, currency=currency):
            return f"{amount} {currency}"
        case NumericValue(value=number) | QuantityValue(value=number):
            return str(number)
        case IndicatorValue(value=flag):
            return "oui" if flag else "non"
        case EvidenceRefValue():
            return None
    return None
