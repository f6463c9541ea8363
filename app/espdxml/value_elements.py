"""Typed values from their XML carrier elements (ResponseIndicator, ExpectedAmount ...).

One parser for every reader: the 4.1.0 reader and the legacy converter.  The
element's own name decides the value class, so a value is read the same way
wherever it stands.  A value that cannot be read raises :class:`ValueProblem`
with a French reason.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from lxml import etree

from app.models.values import (
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

_E = etree._Element


class ValueProblem(ValueError):
    """A value that cannot be read, or cannot take the 4.1.0 data type."""


def _local(element: _E) -> str:
    return etree.QName(element).localname


def _decimal(text: str) -> Decimal:
    try:
        number = Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        raise ValueProblem(f"nombre illisible « {text.strip()} »") from None
    if not number.is_finite():
        raise ValueProblem(f"nombre illisible « {text.strip()} »")
    return number


def parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        raise ValueProblem(f"date illisible « {text.strip()} »") from None


def optional_date(element: _E | None) -> dt.date | None:
    if element is None or not (element.text or "").strip():
        return None
    return parse_date(element.text or "")


def read_period(element: _E) -> PeriodValue:
    start = end = None
    for child in element:
        if not isinstance(child.tag, str):
            continue
        if _local(child) == "StartDate":
            start = optional_date(child)
        elif _local(child) == "EndDate":
            end = optional_date(child)
    return PeriodValue(start=start, end=end)


_TEXT_ELEMENTS = ("Description", "ExpectedDescription", "CertificationLevelDescription")
_AMOUNT_ELEMENTS = ("ResponseAmount", "MinimumAmount", "MaximumAmount", "ExpectedAmount")
_NUMERIC_ELEMENTS = (
    "ResponseNumeric",
    "ExpectedValueNumeric",
    "MinimumValueNumeric",
    "MaximumValueNumeric",
)
_QUANTITY_ELEMENTS = ("ResponseQuantity", "MinimumQuantity", "MaximumQuantity")
_CODE_ELEMENTS = ("ResponseCode", "ExpectedCode", "CopyQualityTypeCode", "TranslationTypeCode")


def read_value(element: _E) -> Value:
    """The typed value of a carrier element (ResponseIndicator, ExpectedAmount ...)."""
    local = _local(element)
    text = (element.text or "").strip()
    if local in ("ResponseIndicator", "ExpectedIndicator"):
        lowered = text.lower()
        if lowered not in ("true", "false", "1", "0"):
            raise ValueProblem(f"indicateur illisible « {text} » (true ou false attendu)")
        return IndicatorValue(value=lowered in ("true", "1"))
    if local == "ResponseDate":
        return DateValue(value=parse_date(text))
    if local == "ResponseTime":
        return TimeValue(value=text)
    if local in _TEXT_ELEMENTS:
        return TextValue(value=element.text or "")
    if local in _AMOUNT_ELEMENTS:
        return AmountValue(value=_decimal(text), currency=element.get("currencyID") or "EUR")
    if local in _NUMERIC_ELEMENTS:
        return NumericValue(value=_decimal(text))
    if local in _QUANTITY_ELEMENTS:
        return QuantityValue(value=_decimal(text), unit=element.get("unitCode"))
    if local in _CODE_ELEMENTS:
        return CodeValue(
            value=text,
            list_id=element.get("listID"),
            list_agency_id=element.get("listAgencyID"),
            list_version_id=element.get("listVersionID"),
        )
    if local in ("ResponseURI", "ExpectedURI"):
        return UriValue(value=text)
    if local in ("ResponseID", "ExpectedID"):
        return IdentifierValue(
            value=text,
            scheme_id=element.get("schemeID"),
            scheme_agency_id=element.get("schemeAgencyID"),
        )
    if local == "ApplicablePeriod":
        return read_period(element)
    raise ValueProblem(f"élément de valeur inconnu « {local} »")
