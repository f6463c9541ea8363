"""The official 4.1.0 examples: valid, and read -> write -> read loses nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from app.espdxml.reader import read_bytes, read_file
from app.espdxml.writer import to_bytes
from app.validation import validate_bytes, validate_path
from tests.core.cli_support import run_dume

pytestmark = pytest.mark.slow

NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}

#: What must survive a round trip: every ID, code, requirement value and answer value.
KEPT = {
    "ids": "//cbc:ID",
    "codes": "//cbc:CriterionTypeCode | //cbc:PropertyGroupTypeCode | //cbc:TypeCode"
    " | //cbc:ValueDataTypeCode | //cbc:IdentificationCode | //cbc:RoleCode"
    " | //cbc:IndustryClassificationCode | //cbc:ConfidentialityLevelCode | //cbc:ProcedureCode",
    "requirements": "//cac:TenderingCriterionProperty/*[starts-with(local-name(), 'Expected')"
    " or starts-with(local-name(), 'Minimum') or starts-with(local-name(), 'Maximum')]",
    "answers": "//cac:ResponseValue/*[local-name() != 'ID']",
    "periods": "//cac:TenderingCriterionResponse/cac:ApplicablePeriod/*",
    "evidence": "//cac:EvidenceSupplied/cbc:ID | //cac:Evidence//cbc:URI | //cac:Evidence//cbc:Name",
    "validated": "//cbc:ValidatedCriterionPropertyID",
    "names": "//cac:PartyName/cbc:Name | //cbc:StreetName | //cbc:CityName | //cbc:ElectronicMail",
}

RESPONSE_ONLY = {"answers", "periods", "evidence", "validated"}


def _values(data: bytes, xpath: str) -> list[tuple[str, str]]:
    root = etree.fromstring(data)
    return sorted(
        (etree.QName(e).localname, " ".join((e.text or "").split()))
        for e in root.xpath(xpath, namespaces=NS)
    )


@pytest.mark.parametrize("kind", ["request", "response"])
def test_official_example_is_valid(kind: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(f"example_{kind}")
    report = validate_path(path)
    assert report.rules_ran
    assert report.valid
    assert report.findings == []


@pytest.mark.parametrize("kind", ["request", "response"])
def test_official_example_round_trips_without_loss(
    kind: str, request: pytest.FixtureRequest
) -> None:
    path: Path = request.getfixturevalue(f"example_{kind}")
    original = path.read_bytes()
    written = to_bytes(read_file(path))
    for what, xpath in KEPT.items():
        before, after = _values(original, xpath), _values(written, xpath)
        if kind == "response" or what not in RESPONSE_ONLY:
            assert before, what
        assert after == before, what
    # The document we write is itself valid, and reading it again is stable.
    report = validate_bytes(written)
    assert report.valid, [f.message for f in report.findings]
    assert to_bytes(read_bytes(written)) == written


def test_official_example_response_model_counts(example_response: Path) -> None:
    document = read_file(example_response)
    assert document.kind == "response"
    assert len(document.criteria) == 62
    assert len(document.answers) == 393
    assert len(document.evidences) == 76
    assert document.economic_operator is not None
    assert document.economic_operator.size_code == "sme"
    assert document.unmapped_elements == []


@pytest.mark.parametrize("kind", ["request", "response"])
def test_cli_validate_prints_valid(kind: str, request: pytest.FixtureRequest) -> None:
    path: Path = request.getfixturevalue(f"example_{kind}")
    result = run_dume("validate", path)
    assert result.returncode == 0, result.stderr
    assert "valide" in result.stdout
    assert "invalide" not in result.stdout
