"""The official examples of 2.1.1, 3.3.0 and 4.0.0 converted to 4.1.0.

Acceptance: each converted document passes the official 4.1.0 rules, and every
source answer is either carried (value by value) or named in the mismatch
report with the reason.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lxml import etree

from app.errors import UnsupportedVersionError
from app.espdxml.names import NSMAP
from app.espdxml.reader import read_criterion
from app.espdxml.taxonomy import load_taxonomy
from app.espdxml.writer import to_bytes
from app.legacy import ConversionResult, convert, legacy_artefacts
from app.models.response_checks import check_response
from app.models.values import PeriodValue, is_placeholder
from app.validation import validate_bytes
from tests.legacy.conftest import EXAMPLE_NAMES
from tests.legacy.helpers import plain, reported_paths, source_answers

RESPONSES = [name for name in EXAMPLE_NAMES if name.endswith("response")]


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_official_example_converts_to_a_document_the_4_1_0_rules_accept(
    name: str, converted: dict[str, ConversionResult]
) -> None:
    result = converted[name]
    data = to_bytes(result.document)
    assert b">ESPD-EDMv4.1.0</cbc:ProfileExecutionID>" in data
    report = validate_bytes(data, name)
    assert report.rules_ran
    assert [f for f in report.findings if f.blocking] == []
    assert result.document.kind == name.rsplit("-", 1)[1]
    assert result.document.criteria


@pytest.mark.parametrize("name", RESPONSES)
def test_every_source_answer_is_carried_or_reported(
    name: str, examples: dict[str, Path], converted: dict[str, ConversionResult]
) -> None:
    result = converted[name]
    carried = set(result.provenance.values())
    reported = reported_paths(result)
    answers = source_answers(examples[name])
    missing = [path for path in answers if path not in carried and path not in reported]
    assert missing == []
    assert result.report.answers_in_source == len(answers)
    assert result.report.answers_carried == len(carried)
    # Nothing appears from nowhere: other answers are derived or provisional, and reported.
    explained = {e.target_id for e in result.report.of_kind("answer_derived", "answer_missing")}
    for answer in result.document.answers:
        assert answer.id in result.provenance or answer.property_id in explained, answer.id


@pytest.mark.parametrize("name", RESPONSES)
def test_carried_answers_keep_their_values(
    name: str, examples: dict[str, Path], converted: dict[str, ConversionResult]
) -> None:
    result = converted[name]
    answers = source_answers(examples[name])
    changed = reported_paths(result, "answer_changed")
    by_path: dict[str, list[object]] = {}
    for answer in result.document.answers:
        source = result.provenance.get(answer.id)
        if source is not None:
            by_path.setdefault(source, []).append(plain(answer.value))
    assert by_path
    for path, values in by_path.items():
        expected = [v for v in answers[path][1] if v is not None]
        if path in changed:
            continue
        assert values == expected[: len(values)], path


def test_4_0_0_answers_on_unchanged_questions_are_all_carried(
    examples: dict[str, Path], converted: dict[str, ConversionResult]
) -> None:
    """An independent check: 4.0.0 and 4.1.0 share path IDs; where a question kept its
    ID, type and wording, the 4.1.0 answer must be the 4.0.0 one."""
    old_root = etree.parse(str(legacy_artefacts("4.0.0").taxonomy_xml)).getroot()
    old = {
        p.id: p
        for e in old_root.findall("cac:TenderingCriterion", NSMAP)
        for p in read_criterion(e).iter_properties()
    }
    new = {p.id: p for c in load_taxonomy().criteria for p in c.iter_properties()}
    same = {
        pid
        for pid, prop in old.items()
        if pid in new
        and (prop.data_type, prop.description) == (new[pid].data_type, new[pid].description)
    }
    result = converted["4.0.0-response"]
    dropped = reported_paths(result, "branch_dropped", "repetition_dropped", "lot_dropped")
    checked = 0
    for path, (pid, values) in source_answers(examples["4.0.0-response"]).items():
        if pid not in same or path in dropped:
            continue
        target = [plain(a.value) for a in result.document.answers_for(pid)]
        assert values[0] in target, (pid, values, target)
        checked += 1
    assert checked > 200


def test_4_0_0_request_requirements_are_carried_per_lot(
    converted: dict[str, ConversionResult],
) -> None:
    document = converted["4.0.0-request"].document
    assert document.lot_ids() == [
        "LOT-0000",
        "LOT-0001",
        "LOT-0002",
        "LOT-0003",
        "LOT-0004",
        "LOT-0005",
    ]
    turnover = document.criterion("gen-year-to")
    assert turnover is not None
    amounts = {
        str(p.expected.value)  # type: ignore[union-attr]
        for p in turnover.requirements()
        if p.data_type == "MINIMUM_AMOUNT" and p.expected is not None
    }
    assert amounts == {"100000"}
    assert converted["4.0.0-request"].report.requirements_carried == 53


def test_2_1_1_codes_and_countries_become_4_1_0_ones(
    converted: dict[str, ConversionResult],
) -> None:
    result = converted["2.1.1-BASIC-response"]
    document = result.document
    assert document.buyer.address.country == "AND"
    operator = document.economic_operator
    assert operator is not None
    assert (operator.address.country, operator.size_code) == ("DEU", "sme")
    assert operator.representatives[0].address.country == "NLD"
    assert document.procedure.procedure_code == "neg-wo-call"
    changes = {e.label: e for e in result.report.of_kind("field_changed")}
    assert changes["ProcedureCode"].value == "AWARD_WO_PUB"
    # Basic 2.1.1 has no operator role; 4.1.0 requires one: deduced from the answer
    # "together with others? yes", and said so.
    assert operator.role_code == "group-mem"
    assert "groupement" in changes["EconomicOperatorRole/RoleCode"].reason


def test_a_multi_lot_response_keeps_one_lot_and_names_the_others(
    examples: dict[str, Path], converted: dict[str, ConversionResult]
) -> None:
    result = converted["2.1.1-EXTENDED-response"]
    assert result.document.lot_ids() == ["Lot1"]
    dropped = result.report.of_kind("lot_dropped")
    assert [e.value for e in dropped] == ["Lot2"]
    other = convert(examples["2.1.1-EXTENDED-response"], lot="Lot2")
    assert other.document.lot_ids() == ["Lot2"]


def test_dropped_criteria_and_national_sub_criteria_are_reported_with_a_reason(
    examples: dict[str, Path], converted: dict[str, ConversionResult]
) -> None:
    report = converted["2.1.1-EXTENDED-request"].report
    dropped = {e.criterion: e.reason for e in report.of_kind("criterion_dropped")}
    assert "CRITERION.SELECTION.ECONOMIC_FINANCIAL_STANDING.TURNOVER.SET_UP" in dropped
    assert all(reason for reason in dropped.values())
    national = [e for e in converted["3.3.0-response"].report.entries if "Sous-critère" in e.reason]
    root = etree.parse(str(examples["3.3.0-response"])).getroot()
    sub_ids = set(
        root.xpath(
            "//cac:SubTenderingCriterion//cac:TenderingCriterionProperty/cbc:ID/text()",
            namespaces=NSMAP,
        )
    )
    answered = root.xpath(
        "//cac:TenderingCriterionResponse/cbc:ValidatedCriterionPropertyID/text()", namespaces=NSMAP
    )
    assert len(national) == sum(1 for pid in answered if pid in sub_ids) > 50
    assert all(e.value for e in national)
    assert all(e.source_path for e in national)


def test_report_is_json_and_french(converted: dict[str, ConversionResult]) -> None:
    for name, result in converted.items():
        data = json.loads(json.dumps(result.to_json()))
        report = data["report"]
        assert report["source_version"] == name.split("-")[0]
        assert "converti en ESPD-EDM 4.1.0" in report["summary"]
        for entry in report["entries"]:
            assert entry["reason"]
            assert entry["impact"] in ("lost", "changed", "to_complete", "info")


@pytest.mark.slow
def test_without_provisional_values_the_report_names_exactly_what_the_rules_miss(
    examples: dict[str, Path],
) -> None:
    result = convert(examples["2.1.1-BASIC-response"], fill_required=False)
    missing = {e.target_id for e in result.report.of_kind("answer_missing")}
    assert missing
    assert all(not e.target_value for e in result.report.of_kind("answer_missing"))
    findings = validate_bytes(to_bytes(result.document)).findings
    blocking = [f for f in findings if f.blocking]
    assert {f.rule_id for f in blocking} == {"BR-TCR-06-01"}
    named = {f.message.split("cbc:ID = ")[1].split("'")[0] for f in blocking}
    assert named == missing


def test_4_1_0_passes_through_and_1_0_2_is_refused_with_a_way_out(tmp_path: Path) -> None:
    current = convert(legacy_artefacts("4.1.0").example("response"))
    assert current.report.entries == []
    assert len(current.document.answers) == 393
    v1 = tmp_path / "v1.xml"
    v1.write_bytes(
        b'<ESPDResponse xmlns="urn:grow:names:specification:ubl:schema:xsd:ESPDResponse-1"/>'
    )
    with pytest.raises(UnsupportedVersionError) as caught:
        convert(v1)
    assert caught.value.version == "1.0.2"
    assert "2.1.1 ou plus récent" in caught.value.one_line()


def test_provisional_values_block_the_export_until_replaced(
    converted: dict[str, ConversionResult],
) -> None:
    """« À COMPLÉTER » passes the rules, so the app's own check must stop it being sent."""
    document = converted["2.1.1-BASIC-response"].document.model_copy(deep=True)
    to_complete = converted["2.1.1-BASIC-response"].report.of_kind("answer_missing")
    filled = [a for a in document.answers if is_placeholder(a.value)]
    assert filled
    assert len(filled) <= len(to_complete)
    flagged = [f for f in check_response(document) if f.rule_id == "CHECK-PLACEHOLDER"]
    assert flagged
    assert all(f.blocking for f in flagged)
    assert sum(int(f.message.split(" : ")[1].split()[0]) for f in flagged) == len(filled)
    assert {f.subject for f in flagged} <= {f"answers/{a.property_id}" for a in filled}

    for answer in filled:
        if isinstance(answer.value, PeriodValue):
            answer.value = PeriodValue(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31))
        else:
            answer.value = answer.value.model_copy(update={"value": "Réponse donnée"})
    assert not [f for f in check_response(document) if f.rule_id == "CHECK-PLACEHOLDER"]
