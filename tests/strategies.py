"""Hypothesis strategies: random but rule-valid requests and responses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from app.espdxml.codelists import code_list
from app.espdxml.taxonomy import load_taxonomy
from app.models.answering import new_response
from app.models.builder import add_criterion, ensure_mandatory, requirement_value
from app.models.criteria import PropertyGroup
from app.models.document import EspdDocument, Evidence, Lot, PartyIdentifier, new_request
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

TAXONOMY = load_taxonomy()
ALL_CODES = TAXONOMY.codes

# XML-safe text, with the accents and signs French users type.
text = st.text(
    alphabet=st.characters(
        whitelist_categories=("Lu", "Ll", "Nd", "Zs"), whitelist_characters="éèàçœ«»€'-.,/"
    ),
    min_size=1,
    max_size=30,
).map(lambda s: s.strip() or "x")
amount = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
day = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))


@st.composite
def requests(draw: st.DrawFn) -> EspdDocument:
    document = new_request()
    document.buyer.name = draw(text)
    document.buyer.identifiers = [
        PartyIdentifier(value="73282932000074", scheme_id="NATIONAL", scheme_agency_id="INSEE")
    ]
    document.buyer.address.country = draw(st.sampled_from(["FRA", "BEL", "DEU", "ITA"]))
    document.procedure.reference = draw(text)
    document.procedure.title = draw(text)
    document.procedure.procedure_code = draw(st.sampled_from(["open", "restricted", "neg-w-call"]))
    lot_count = draw(st.integers(min_value=0, max_value=3))
    for n in range(1, lot_count + 1):
        document.lots.append(Lot(id=f"LOT-{n:04d}", title=draw(text)))
    if not document.lots:
        document.lots.append(Lot(id="LOT-0000"))
    codes = draw(st.lists(st.sampled_from(ALL_CODES), max_size=8, unique=True))
    for code in codes:
        lots = document.lot_ids()
        chosen = draw(st.lists(st.sampled_from(lots), min_size=1, max_size=len(lots), unique=True))
        criterion = add_criterion(document, TAXONOMY, code, chosen)
        for prop in criterion.requirements():
            if prop.data_type == "LOT_IDENTIFIER" or prop.expected is not None:
                continue
            if draw(st.booleans()):
                value = draw(requirement_values(prop.data_type, prop.code_list))
                if value is not None:
                    document.set_requirement(prop.id, value)
    ensure_mandatory(document, TAXONOMY)
    return document


def requirement_values(data_type: str, list_id: str | None) -> st.SearchStrategy[Value | None]:
    raw: st.SearchStrategy[object]
    if data_type == "CODE":
        if list_id != "financial-ratio-type":
            return st.none()  # the ESCO occupation list is not in the release
        return st.sampled_from(code_list("FinancialRatioType").codes).map(
            lambda code: requirement_value(data_type, code, code_list=list_id)
        )
    if data_type in ("MINIMUM_AMOUNT", "MAXIMUM_AMOUNT", "AMOUNT"):
        raw = st.fixed_dictionaries({"amount": amount, "currency": st.sampled_from(["EUR", "USD"])})
    elif data_type == "PERIOD":
        raw = st.fixed_dictionaries({"start": day.map(str), "end": day.map(str)})
    elif data_type == "URL":
        raw = st.just("https://marches.example.fr/dce")
    elif data_type == "CODE_BOOLEAN":
        raw = st.just("CHECK_BOX_TRUE")
    elif "QUANTITY" in data_type or "NUMERIC" in data_type or data_type == "PERCENTAGE":
        raw = st.integers(min_value=0, max_value=50)
    else:
        raw = text
    return raw.map(lambda value: requirement_value(data_type, value))


def answer_values(data_type: str, evidence_ids: list[str]) -> st.SearchStrategy[Value]:
    if data_type == "INDICATOR":
        return st.builds(IndicatorValue, value=st.booleans())
    if data_type == "DATE":
        return st.builds(DateValue, value=day)
    if data_type == "TIME":
        return st.just(TimeValue(value="10:30:00"))
    if data_type == "AMOUNT":
        return st.builds(AmountValue, value=amount, currency=st.sampled_from(["EUR", "GBP"]))
    if data_type == "PERCENTAGE":
        return st.builds(NumericValue, value=st.integers(0, 100).map(Decimal))
    if data_type.startswith("QUANTITY"):
        return st.builds(QuantityValue, value=st.integers(0, 2030).map(Decimal))
    if data_type == "CODE_COUNTRY":
        return st.sampled_from(["FRA", "BEL"]).map(
            lambda c: CodeValue(
                value=c,
                list_id="http://publications.europa.eu/resource/authority/country",
                list_agency_id="OP",
                list_version_id="20250924-0",
            )
        )
    if data_type.startswith("CODE"):
        return st.just(CodeValue(value="CHECK_BOX_TRUE"))
    if data_type == "URL":
        return st.just(UriValue(value="https://www.entreprise.example.fr"))
    if data_type in (
        "IDENTIFIER",
        "ECONOMIC_OPERATOR_IDENTIFIER",
        "QUAL_IDENTIFIER",
        "LOT_IDENTIFIER",
    ):
        return text.map(lambda v: IdentifierValue(value=v, scheme_agency_id="OP"))
    if data_type == "PERIOD":
        return st.builds(PeriodValue, start=day, end=day)
    if data_type == "EVIDENCE_IDENTIFIER":
        return st.sampled_from(evidence_ids).map(lambda e: EvidenceRefValue(evidence_id=e))
    return text.map(lambda v: TextValue(value=v))


def _answer_group(
    draw: st.DrawFn,
    document: EspdDocument,
    group: PropertyGroup,
    evidence_ids: list[str],
    lot: str | None,
) -> None:
    from app.models.answering import subgroup_applies

    for prop in group.properties:
        if not prop.is_question or document.answers_for(prop.id):
            continue
        repeat = 1
        if group.repeatable and group.type_code != "ONFALSE":
            repeat = draw(st.integers(min_value=1, max_value=2))
        values = [draw(answer_values(prop.data_type, evidence_ids)) for _ in range(repeat)]
        if prop.data_type == "INDICATOR":
            # The rules look up an indicator's answers by property id, so the
            # occurrences of a repeated group must agree on the branch taken.
            values = [values[0]] * repeat
        document.set_answers(prop.id, values, lot_ref=lot)
    for sub in group.subgroups:
        if subgroup_applies(document, group, sub):
            _answer_group(draw, document, sub, evidence_ids, lot)


@st.composite
def responses(draw: st.DrawFn) -> EspdDocument:
    request = draw(requests())
    lot = draw(st.sampled_from(request.lot_ids()))
    response = new_response(request, lot)
    operator = response.economic_operator
    assert operator is not None
    operator.name = draw(text)
    operator.address.country = "FRA"
    operator.size_code = draw(st.sampled_from(["micro", "small", "medium", "large", "sme"]))
    operator.identifiers = [
        PartyIdentifier(value="FR40123456824", scheme_id="VAT", scheme_agency_id="VIES")
    ]
    evidence_ids = [f"EVIDENCE-{n}" for n in range(1, 3)]
    response.evidences = [
        Evidence(
            id=e,
            document_id=f"DOC-{e}",
            uri="https://preuves.example.fr/" + e,
            issuer_name=draw(text),
        )
        for e in evidence_ids
    ]
    for criterion in response.criteria:
        lot_ref = lot if criterion.family == "SC" else None
        for group in criterion.groups:
            _answer_group(draw, response, group, evidence_ids, lot_ref)
    return response
