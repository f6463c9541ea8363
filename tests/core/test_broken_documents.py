"""Deliberately broken documents are caught, with the rule that catches them."""

from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree

from app.espdxml.names import cbc
from app.espdxml.writer import build_tree, to_bytes
from app.models.answering import new_response
from app.models.builder import request_from_spec
from app.models.document import EspdDocument, PartyIdentifier
from app.models.taxonomy import Taxonomy
from app.models.values import IndicatorValue, PeriodValue, TextValue
from app.validation import ValidationReport, validate_bytes

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def taxonomy() -> Taxonomy:
    from app.espdxml.taxonomy import load_taxonomy

    return load_taxonomy()


@pytest.fixture(scope="module")
def request_doc(taxonomy: Taxonomy) -> EspdDocument:
    spec = {
        "buyer": {"name": "Commune d'Écouen", "identifier": "73282932000074", "country": "FRA"},
        "procedure": {"reference": "2026-001", "title": "Travaux", "type": "open"},
        "lots": ["LOT-0001"],
        "criteria": ["gen-year-to"],
    }
    return request_from_spec(spec, taxonomy)


def _response(request: EspdDocument) -> EspdDocument:
    response = new_response(request)
    operator = response.economic_operator
    assert operator is not None
    operator.name, operator.address.country, operator.size_code = "Menuiserie Dupré", "FRA", "micro"
    operator.identifiers = [PartyIdentifier(value="FR40123456824", scheme_id="VAT",
                                            scheme_agency_id="VIES")]  # fmt: skip
    for item in response.criteria:
        for prop in item.questions():
            if prop.data_type == "INDICATOR" and prop.id.count("/") <= 2:
                response.set_answers(prop.id, [IndicatorValue(value=False)])
    return response


def _rules(report: ValidationReport) -> set[str]:
    return {f.rule_id for f in report.findings if f.blocking}


def _messages(report: ValidationReport) -> str:
    return " | ".join(f.message for f in report.findings)


def test_the_baseline_documents_are_valid(request_doc: EspdDocument) -> None:
    assert validate_bytes(to_bytes(request_doc)).valid
    report = validate_bytes(to_bytes(_response(request_doc)))
    assert report.valid, _messages(report)


def test_wrong_code_list_value_is_caught(request_doc: EspdDocument) -> None:
    document = request_doc.clone()
    document.buyer.address.country = "FR"  # alpha-2: the classic 2.x -> 4.x mistake
    report = validate_bytes(to_bytes(document))
    assert not report.valid
    assert "Invalid value: 'FR'" in _messages(report)
    assert any(f.subject.endswith("IdentificationCode") for f in report.findings)


def test_missing_uuid_is_caught(request_doc: EspdDocument) -> None:
    root = build_tree(request_doc)
    uuid = root.find(cbc("UUID"))
    assert uuid is not None
    root.remove(uuid)
    report = validate_bytes(etree.tostring(root))
    assert "BR-OTH-04-04" in _rules(report)
    assert report.rules_ran


def test_dangling_validated_property_id_is_caught(request_doc: EspdDocument) -> None:
    response = _response(request_doc)
    answer = response.answers[0]
    response.answers[0] = answer.model_copy(update={"property_id": answer.property_id + "/Q9"})
    report = validate_bytes(to_bytes(response))
    assert "BR-TCR-01-02" in _rules(report)


def test_wrong_answer_type_is_caught(request_doc: EspdDocument) -> None:
    response = _response(request_doc)
    crime = response.criterion("crime-org")
    assert crime is not None
    indicator = crime.questions()[0]
    response.set_answers(indicator.id, [IndicatorValue(value=True)])
    date_question = crime.groups[0].subgroups[0].properties[0]
    assert date_question.data_type == "DATE"
    # A DATE question answered with a description: BR-TCR-08-04.
    response.set_answers(date_question.id, [TextValue(value="le 3 mars")])
    for prop in crime.groups[0].subgroups[0].properties[1:]:
        value = PeriodValue(start=dt.date(2020, 1, 1), end=dt.date(2021, 1, 1))
        response.set_answers(
            prop.id, [value if prop.data_type == "PERIOD" else TextValue(value="x")]
        )
    report = validate_bytes(to_bytes(response))
    assert "BR-TCR-08-04" in _rules(report)
    assert any(
        f.subject == date_question.id for f in report.findings if f.rule_id == "BR-TCR-08-04"
    )


def test_unanswered_required_question_is_caught(request_doc: EspdDocument) -> None:
    response = _response(request_doc)
    crime = response.criterion("crime-org")
    assert crime is not None
    # "Yes, convicted" opens the ONTRUE branch, whose questions are then required.
    response.set_answers(crime.questions()[0].id, [IndicatorValue(value=True)])
    report = validate_bytes(to_bytes(response))
    assert "BR-TCR-06-01" in _rules(report)
    first_branch_question = crime.groups[0].subgroups[0].properties[0].id
    assert first_branch_question in _messages(report)


def test_schema_invalid_input_stops_before_the_rules(request_doc: EspdDocument) -> None:
    response = _response(request_doc)
    root = build_tree(response)
    indicator = next(root.iter(cbc("ResponseIndicator")))
    indicator.text = "yes"
    report = validate_bytes(etree.tostring(root))
    assert not report.valid
    assert not report.rules_ran
    assert {f.source for f in report.findings} == {"xsd"}
    assert any("ResponseIndicator" in f.location for f in report.findings)


def test_a_stylesheet_that_aborts_becomes_a_finding(request_doc: EspdDocument) -> None:
    from app.validation.service import run_rules
    from espd_schemas import locate

    response = _response(request_doc)
    root = build_tree(response)
    next(root.iter(cbc("ResponseIndicator"))).text = "yes"  # FORG0001 inside the XSLT
    findings = run_rules(etree.tostring(root), locate(), "response")
    aborted = [f for f in findings if f.source == "stylesheet"]
    assert aborted
    assert all(f.blocking for f in aborted)
    assert any("03-ESPD-resp-criterion-br" in f.rule_id for f in aborted)
    # The other stylesheets still ran and reported.
    assert len({f.rule_id for f in findings}) >= 1


def test_lot_references_on_exclusion_grounds_are_caught(request_doc: EspdDocument) -> None:
    document = request_doc.clone()
    crime = document.criterion("crime-org")
    assert crime is not None
    crime.lot_refs = ["LOT-0001"]
    report = validate_bytes(to_bytes(document))
    assert "BR-LOT-40" in _rules(report) or "Lots apply only to Selection" in _messages(report)
