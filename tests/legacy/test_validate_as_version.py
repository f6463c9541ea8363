"""``validate --as-version``: each release checked with its own XSD and rules."""

from __future__ import annotations

from pathlib import Path

import pytest

import espd_schemas
from app.errors import ArtefactsMissingError, DocumentRefusedError, UnsupportedVersionError
from app.legacy import legacy_artefacts, validate_as_version
from tests.legacy.conftest import EXAMPLE_NAMES


@pytest.mark.slow
@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_official_examples_pass_their_own_rules(name: str, examples: dict[str, Path]) -> None:
    report = validate_as_version(examples[name].read_bytes(), name=name)
    assert report.version == name.split("-")[0]
    assert report.rules_ran
    assert [f.rule_id for f in report.findings if f.blocking] == []


@pytest.mark.slow
def test_checking_with_another_release_says_so_first(examples: dict[str, Path]) -> None:
    report = validate_as_version(examples["3.3.0-request"].read_bytes(), "4.1.0")
    assert report.version == "4.1.0"
    assert report.findings[0].rule_id == "version"
    assert "3.3.0" in report.findings[0].message
    assert not report.valid  # thousands of findings: the wrong rules for this document


def test_a_broken_legacy_document_gets_the_xsd_findings_of_its_release(
    examples: dict[str, Path],
) -> None:
    data = (
        examples["2.1.1-BASIC-request"]
        .read_bytes()
        .replace(b"<cbc:ContractFolderID", b"<cbc:Unknown", 1)
        .replace(b"</cbc:ContractFolderID>", b"</cbc:Unknown>", 1)
    )
    report = validate_as_version(data)
    assert report.version == "2.1.1"
    assert not report.rules_ran
    assert report.findings
    assert report.findings[0].rule_id.startswith("xsd:")


def test_unreadable_and_1_0_2_documents_are_refused() -> None:
    with pytest.raises(DocumentRefusedError):
        validate_as_version(b"<not-closed")
    with pytest.raises(UnsupportedVersionError) as caught:
        validate_as_version(
            b'<ESPDRequest xmlns="urn:grow:names:specification:ubl:schema:xsd:ESPDRequest-1"/>'
        )
    assert caught.value.version == "1.0.2"
    assert "2.1.1 ou plus récent" in caught.value.one_line()


def test_missing_release_files_are_named_with_the_way_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(espd_schemas.ESPD_HOME_ENV, str(tmp_path))
    with pytest.raises(ArtefactsMissingError) as caught:
        legacy_artefacts("2.1.1")
    assert "2.1.1" in caught.value.message
    assert "introuvables" in caught.value.message
    assert caught.value.hint == espd_schemas.INSTALL_HINT
