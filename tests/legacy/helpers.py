"""Helpers shared by the legacy tests: plain values and the source answers of a document."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from lxml import etree

from app.espdxml.names import NSMAP
from app.espdxml.value_elements import ValueProblem, read_period, read_value
from app.legacy import ConversionResult
from app.models.values import (
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
    TimeValue,
    UriValue,
    Value,
)


def plain(value: Value) -> Any:
    """What a value says, without its list or unit attributes (numbers compare as numbers)."""
    match value:
        case IndicatorValue(value=flag):
            return flag
        case AmountValue(value=amount, currency=currency):
            return (Decimal(amount), currency)
        case NumericValue(value=number) | QuantityValue(value=number):
            return Decimal(number)
        case PeriodValue(start=start, end=end):
            return (start, end)
        case EvidenceRefValue(evidence_id=evidence):
            return evidence
        case DateValue(value=day):
            return day
        case (
            TextValue(value=text)
            | CodeValue(value=text)
            | UriValue(value=text)
            | IdentifierValue(value=text)
            | TimeValue(value=text)
        ):
            return text.strip()
    raise AssertionError(value)


def source_answers(path: Path | bytes) -> dict[str, tuple[str, list[Any]]]:
    """XPath of each TenderingCriterionResponse -> (validated property ID, plain values)."""
    data = path if isinstance(path, bytes) else path.read_bytes()
    tree = etree.ElementTree(etree.fromstring(data))
    result = {}
    for element in tree.getroot().findall("cac:TenderingCriterionResponse", NSMAP):
        values: list[Any] = []
        for carrier in element.xpath(
            "cac:ResponseValue/*[local-name() != 'ID'] | cac:ApplicablePeriod", namespaces=NSMAP
        ):
            try:
                if etree.QName(carrier).localname == "ApplicablePeriod":
                    values.append(plain(read_period(carrier)))
                else:
                    values.append(plain(read_value(carrier)))
            except ValueProblem:
                values.append(None)
        values += element.xpath("cac:EvidenceSupplied/cbc:ID/text()", namespaces=NSMAP)
        prop = element.findtext("cbc:ValidatedCriterionPropertyID", namespaces=NSMAP) or ""
        result[tree.getpath(element)] = (prop.strip(), values)
    return result


def reported_paths(result: ConversionResult, *kinds: str) -> set[str]:
    return {e.source_path for e in result.report.entries if not kinds or e.kind in kinds}
