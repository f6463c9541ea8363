"""Typed values carried by requirements (set by the buyer) and answers (given by the operator).

One class per XML value carrier.  Which carrier a property uses is decided by
its ``ValueDataTypeCode``: see :data:`ANSWER_CARRIER` and
:data:`REQUIREMENT_CARRIER`, the single table the reader, writer, forms and
checks all use.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field


class _Value(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IndicatorValue(_Value):
    type: Literal["indicator"] = "indicator"
    value: bool


class TextValue(_Value):
    type: Literal["text"] = "text"
    value: str


class DateValue(_Value):
    type: Literal["date"] = "date"
    value: dt.date


class TimeValue(_Value):
    type: Literal["time"] = "time"
    value: str  # xsd:time lexical form, kept as written (offsets included)


class AmountValue(_Value):
    type: Literal["amount"] = "amount"
    value: Decimal
    currency: str = "EUR"


class NumericValue(_Value):
    type: Literal["numeric"] = "numeric"
    value: Decimal


class QuantityValue(_Value):
    type: Literal["quantity"] = "quantity"
    value: Decimal
    unit: str | None = None


class CodeValue(_Value):
    type: Literal["code"] = "code"
    value: str
    list_id: str | None = None
    list_agency_id: str | None = None
    list_version_id: str | None = None


class UriValue(_Value):
    type: Literal["uri"] = "uri"
    value: str


class IdentifierValue(_Value):
    type: Literal["identifier"] = "identifier"
    value: str
    scheme_id: str | None = None
    scheme_agency_id: str | None = None


class PeriodValue(_Value):
    type: Literal["period"] = "period"
    start: dt.date | None = None
    end: dt.date | None = None


class EvidenceRefValue(_Value):
    type: Literal["evidence"] = "evidence"
    evidence_id: str


AnyValue = (
    IndicatorValue
    | TextValue
    | DateValue
    | TimeValue
    | AmountValue
    | NumericValue
    | QuantityValue
    | CodeValue
    | UriValue
    | IdentifierValue
    | PeriodValue
    | EvidenceRefValue
)
Value = Annotated[AnyValue, Field(discriminator="type")]
ValueClass = type[AnyValue]

#: The text a converted document carries in a required answer its old format never
#: asked for: visible in the form and the PDF, and an export error until replaced.
PLACEHOLDER_TEXT = "À COMPLÉTER"


def is_placeholder(value: AnyValue) -> bool:
    """An answer left « À COMPLÉTER » by a conversion (or an empty period)."""
    if isinstance(value, PeriodValue):
        return value.start is None and value.end is None
    if isinstance(value, TextValue | IdentifierValue | CodeValue):
        return value.value == PLACEHOLDER_TEXT
    return False


#: ValueDataTypeCode of a QUESTION -> (value class, element that carries the answer).
#: Elements prefixed "ResponseValue/" sit inside cac:ResponseValue; the others
#: are direct children of cac:TenderingCriterionResponse (BR-TCR-08-*).
ANSWER_CARRIER: dict[str, tuple[ValueClass, str]] = {
    "INDICATOR": (IndicatorValue, "ResponseValue/ResponseIndicator"),
    "DATE": (DateValue, "ResponseValue/ResponseDate"),
    "TIME": (TimeValue, "ResponseValue/ResponseTime"),
    "DESCRIPTION": (TextValue, "ResponseValue/Description"),
    "CERTIFICATION_LEVEL_DESCRIPTION": (TextValue, "ResponseValue/Description"),
    "AMOUNT": (AmountValue, "ResponseValue/ResponseAmount"),
    "PERCENTAGE": (NumericValue, "ResponseValue/ResponseNumeric"),
    "QUANTITY": (QuantityValue, "ResponseValue/ResponseQuantity"),
    "QUANTITY_INTEGER": (QuantityValue, "ResponseValue/ResponseQuantity"),
    "QUANTITY_YEAR": (QuantityValue, "ResponseValue/ResponseQuantity"),
    "CODE": (CodeValue, "ResponseValue/ResponseCode"),
    "CODE_COUNTRY": (CodeValue, "ResponseValue/ResponseCode"),
    "CODE_BOOLEAN": (CodeValue, "ResponseValue/ResponseCode"),
    "COPY_QUALITY_TYPE_CODE": (CodeValue, "ResponseValue/ResponseCode"),
    "TRANSLATION_TYPE_CODE": (CodeValue, "ResponseValue/ResponseCode"),
    "URL": (UriValue, "ResponseValue/ResponseURI"),
    "IDENTIFIER": (IdentifierValue, "ResponseValue/ResponseID"),
    "ECONOMIC_OPERATOR_IDENTIFIER": (IdentifierValue, "ResponseValue/ResponseID"),
    "QUAL_IDENTIFIER": (IdentifierValue, "ResponseValue/ResponseID"),
    "LOT_IDENTIFIER": (IdentifierValue, "ResponseValue/ResponseID"),
    "PERIOD": (PeriodValue, "ApplicablePeriod"),
    "EVIDENCE_IDENTIFIER": (EvidenceRefValue, "EvidenceSupplied"),
}

#: ValueDataTypeCode of a REQUIREMENT -> (value class, element of the property that holds it).
REQUIREMENT_CARRIER: dict[str, tuple[ValueClass, str]] = {
    "LOT_IDENTIFIER": (IdentifierValue, "ExpectedID"),
    "IDENTIFIER": (IdentifierValue, "ExpectedID"),
    "DESCRIPTION": (TextValue, "ExpectedDescription"),
    "CODE": (CodeValue, "ExpectedCode"),
    "CODE_BOOLEAN": (CodeValue, "ExpectedCode"),
    "MINIMUM_AMOUNT": (AmountValue, "MinimumAmount"),
    "MAXIMUM_AMOUNT": (AmountValue, "MaximumAmount"),
    "AMOUNT": (AmountValue, "ExpectedAmount"),
    "QUANTITY_YEAR": (NumericValue, "ExpectedValueNumeric"),
    "QUANTITY": (NumericValue, "ExpectedValueNumeric"),
    "QUANTITY_INTEGER": (NumericValue, "ExpectedValueNumeric"),
    "PERCENTAGE": (NumericValue, "ExpectedValueNumeric"),
    "MINIMUM_QUANTITY": (NumericValue, "ExpectedValueNumeric"),
    "MINIMUM_QUANTITY_INTEGER": (NumericValue, "ExpectedValueNumeric"),
    "MINIMUM_QUANTITY_YEAR": (NumericValue, "ExpectedValueNumeric"),
    "MINIMUM_VALUE_NUMERIC": (NumericValue, "MinimumValueNumeric"),
    "MAXIMUM_VALUE_NUMERIC": (NumericValue, "MaximumValueNumeric"),
    "URL": (UriValue, "ExpectedURI"),
    "PERIOD": (PeriodValue, "ApplicablePeriod"),
}

#: The unitCode written on cbc:ResponseQuantity, per data type (as in the official example).
QUANTITY_UNITS: dict[str, str] = {"QUANTITY_YEAR": "YEAR", "QUANTITY_INTEGER": "INTEGER"}

#: The format attribute BR-TCR-08 expects on cbc:ResponseNumeric, per data type.
NUMERIC_FORMATS: dict[str, str] = {"PERCENTAGE": "PERCENTAGE"}


def display(value: Value | None) -> str:
    """A plain-text rendering used by summaries, the CLI and the PDF."""
    if value is None:
        return ""
    match value:
        case IndicatorValue(value=flag):
            return "true" if flag else "false"
        case AmountValue(value=amount, currency=currency):
            return f"{amount} {currency}"
        case PeriodValue(start=start, end=end):
            return f"{start.isoformat() if start else ''} – {end.isoformat() if end else ''}"
        case EvidenceRefValue(evidence_id=evidence_id):
            return evidence_id
        case DateValue(value=day):
            return day.isoformat()
        case _:
            return str(value.value)
