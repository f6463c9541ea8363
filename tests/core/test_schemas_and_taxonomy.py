"""The artefact locator and manifest, and the taxonomy loaded from them."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

import espd_schemas
from app.errors import ArtefactsMissingError
from app.espdxml.taxonomy import load_taxonomy, read_cardinalities
from app.models.values import ANSWER_CARRIER, REQUIREMENT_CARRIER
from tests.core.cli_support import run_dume


def test_installed_artefacts_match_the_manifest() -> None:
    report = espd_schemas.check()
    assert report.ok, (report.missing, report.altered)
    result = run_dume("schemas", "--check", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["ok"] is True


def test_missing_artefacts_give_install_instructions(tmp_path: Path) -> None:
    env = {espd_schemas.ESPD_HOME_ENV: str(tmp_path / "nowhere")}
    result = run_dume("validate", tmp_path / "x.xml", env=env)
    # The file check comes first; use a real file so the locator is reached.
    real = tmp_path / "r.xml"
    real.write_text(
        '<QualificationApplicationRequest xmlns="urn:oasis:names:specification:ubl:schema:xsd:'
        'QualificationApplicationRequest-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:'
        'xsd:CommonBasicComponents-2"><cbc:ProfileExecutionID>ESPD-EDMv4.1.0'
        "</cbc:ProfileExecutionID></QualificationApplicationRequest>",
        encoding="utf-8",
    )
    result = run_dume("validate", real, env=env)
    assert result.returncode == 2
    assert "introuvables" in result.stderr
    assert "scripts/setup" in result.stderr
    assert "Traceback" not in result.stderr

    check = run_dume("schemas", "--check", env=env)
    assert check.returncode == 1
    assert (
        "manquant : ubl-2.3/xsdrt/maindoc/UBL-QualificationApplicationRequest-2.3.xsd"
        in check.stdout
    )


def test_altered_and_missing_files_are_named(
    tmp_path: Path, artefacts: espd_schemas.ArtefactSet
) -> None:
    copy = tmp_path / "espd" / artefacts.version
    shutil.copytree(artefacts.root, copy)
    (copy / "codelists/gc/Country.gc").write_bytes(b"<tampered/>")
    (copy / "validation/ESPDRequest/xsl/01-ESPD-codelist-values.xsl").unlink()
    result = run_dume(
        "schemas", "--check", "--json", env={espd_schemas.ESPD_HOME_ENV: str(copy.parent)}
    )
    assert result.returncode == 1
    state = json.loads(result.stdout)["versions"][artefacts.version]
    assert state["altered"] == ["codelists/gc/Country.gc"]
    assert state["missing"] == ["validation/ESPDRequest/xsl/01-ESPD-codelist-values.xsl"]


def test_install_refuses_a_wrong_source_and_keeps_the_good_set(tmp_path: Path) -> None:
    env = {espd_schemas.ESPD_HOME_ENV: str(tmp_path / "home")}
    bad_source = tmp_path / "bad"
    bad_source.mkdir()
    result = run_dume("schemas", "--install", bad_source, env=env)
    assert result.returncode == 2
    assert "ne contient pas les artefacts" in result.stderr
    assert not (tmp_path / "home" / "4.1.0").exists()


def test_locate_raises_a_user_error_when_absent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(espd_schemas.ESPD_HOME_ENV, str(tmp_path))
    with pytest.raises(ArtefactsMissingError, match="introuvables"):
        espd_schemas.locate()


def test_taxonomy_has_the_62_official_criteria() -> None:
    taxonomy = load_taxonomy()
    assert Counter(c.family for c in taxonomy.criteria) == {"EG": 24, "SC": 31, "OT": 7}
    assert taxonomy.mandatory_codes == {
        "crime-org", "corruption", "fraud", "terr-offence", "finan-laund", "human-traffic",
        "tax-pay", "socsec-pay",
    }  # fmt: skip
    properties = [p for c in taxonomy.criteria for p in c.iter_properties()]
    assert len(properties) == 623
    assert Counter(p.type_code for p in properties) == {
        "QUESTION": 511,
        "REQUIREMENT": 88,
        "CAPTION": 24,
    }


def test_every_data_type_of_the_taxonomy_has_a_typed_carrier() -> None:
    taxonomy = load_taxonomy()
    for prop in (p for c in taxonomy.criteria for p in c.iter_properties()):
        if prop.is_question:
            assert prop.data_type in ANSWER_CARRIER, prop.id
        elif prop.is_requirement:
            assert prop.data_type in REQUIREMENT_CARRIER, prop.id


def test_cardinalities_come_from_the_spreadsheet(artefacts: espd_schemas.ArtefactSet) -> None:
    table = read_cardinalities(artefacts.criterion_xlsx)
    taxonomy = load_taxonomy()
    ids = [g.id for c in taxonomy.criteria for g in c.iter_groups()]
    ids += [p.id for c in taxonomy.criteria for p in c.iter_properties()]
    assert all(i in table for i in ids)
    gen_year = taxonomy.get("gen-year-to")
    assert gen_year.groups[0].cardinality == "1..n"  # one requirement group per lot
    cardinalities = Counter(g.cardinality for c in taxonomy.criteria for g in c.iter_groups())
    assert set(cardinalities) == {"1", "0..1", "1..n", "0..n"}
