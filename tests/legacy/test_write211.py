"""Answering in the buyer's version: a 4.1.0 response written as 2.1.1 passes the 2.1.1 rules."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from app.errors import DocumentRefusedError
from app.espdxml.detect import detect
from app.espdxml.names import NSMAP
from app.espdxml.reader import read_file
from app.legacy import (
    ConversionResult,
    export_2_1_1,
    legacy_artefacts,
    validate_as_version,
    write_2_1_1,
)
from tests.legacy.helpers import plain, source_answers

pytestmark = pytest.mark.slow


def _blocking(data: bytes) -> list[str]:
    report = validate_as_version(data, "2.1.1")
    assert report.rules_ran
    return [f"{f.rule_id}: {f.message}" for f in report.findings if f.blocking]


@pytest.mark.parametrize("flavour", ["BASIC", "EXTENDED"])
def test_a_converted_2_1_1_response_goes_back_to_2_1_1_with_the_buyer_criteria(
    flavour: str, examples: dict[str, Path], converted: dict[str, ConversionResult]
) -> None:
    request = examples[f"2.1.1-{flavour}-request"].read_bytes()
    response = converted[f"2.1.1-{flavour}-response"].document
    exported = export_2_1_1(response, request=request)
    tree = etree.ElementTree(etree.fromstring(exported.data))
    detected = detect(tree)
    assert (detected.version, detected.flavour, detected.kind) == ("2.1.1", flavour, "response")
    assert _blocking(exported.data) == []
    # The buyer's own criteria, with their IDs, are answered.
    request_ids = etree.fromstring(request).xpath(
        "cac:TenderingCriterion/cbc:ID/text()", namespaces=NSMAP
    )
    assert tree.getroot().xpath("cac:TenderingCriterion/cbc:ID/text()", namespaces=NSMAP) == [
        *request_ids
    ]


def test_the_official_4_1_0_response_in_2_1_1_passes_its_rules() -> None:
    response = read_file(legacy_artefacts("4.1.0").example("response"))
    exported = export_2_1_1(response, flavour="EXTENDED")
    assert _blocking(exported.data) == []
    # Every 4.1.0 answer is written or named in the report.
    dropped = {e.source_id for e in exported.report.of_kind("answer_dropped")}
    written = exported.report.answers_carried
    assert written + len([a for a in response.answers if a.property_id in dropped]) >= len(
        response.answers
    )
    assert written > 300
    root = etree.fromstring(exported.data)
    assert root.findtext("cbc:UBLVersionID", namespaces=NSMAP) == "2.2"
    countries = set(root.xpath("//cac:Country/cbc:IdentificationCode/text()", namespaces=NSMAP))
    assert countries == {"BE"}


def test_answers_keep_their_values_in_2_1_1(converted: dict[str, ConversionResult]) -> None:
    response = converted["2.1.1-EXTENDED-response"].document
    data = write_2_1_1(response, flavour="EXTENDED")
    values = sorted((str(v) for _, vs in source_answers(data).values() for v in vs), key=str)
    expected = sorted((str(plain(a.value)) for a in response.answers), key=str)
    # Every value written comes from the 4.1.0 answers (periods and amounts included).
    assert set(values) <= set(expected) | {"À COMPLÉTER", "(None, None)"}
    assert len(values) >= len(expected) - 5


def test_only_a_2_1_1_request_can_frame_a_2_1_1_response(
    examples: dict[str, Path], converted: dict[str, ConversionResult]
) -> None:
    response = converted["3.3.0-response"].document
    with pytest.raises(DocumentRefusedError, match=r"2\.1\.1"):
        export_2_1_1(response, request=examples["3.3.0-request"].read_bytes())
    with pytest.raises(ValueError, match="responses"):
        export_2_1_1(converted["3.3.0-request"].document)
