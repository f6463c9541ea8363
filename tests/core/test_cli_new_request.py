"""``dume new-request``: a scripted request is valid, and ``dume info`` shows what was asked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.cli_support import run_dume

pytestmark = pytest.mark.slow

SPEC = {
    "buyer": {"name": "Métropole de Lyon", "identifier": "73282932000074", "country": "FRA"},
    "procedure": {"reference": "2026-TRX-014", "title": "Réfection de l'école", "type": "open"},
    "lots": ["LOT-0001", "LOT-0002"],
    "criteria": [
        "gen-year-to",
        {
            "code": "indem-insu",
            "lots": ["LOT-0002"],
            "requirements": {
                "C35_SC_indem-insu/RG1/RSG1/RQ1/R1/R1/R1": "Responsabilité civile décennale",
                "C35_SC_indem-insu/RG1/RSG1/RQ2/R1/R1/R1": {"amount": 1500000},
            },
        },
        "work-perform",
    ],
}


def _write_spec(tmp_path: Path, spec: object) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def test_new_request_is_valid_and_info_matches(tmp_path: Path) -> None:
    out = tmp_path / "request.xml"
    result = run_dume("new-request", "--spec", _write_spec(tmp_path, SPEC), "--out", out, "--json")
    assert result.returncode == 0, result.stderr
    created = json.loads(result.stdout)
    # Mandatory exclusion grounds were added (convictions, taxes, social security).
    assert {"crime-org", "tax-pay", "socsec-pay"} <= set(created["criteria"])

    validation = run_dume("validate", out, "--json")
    assert validation.returncode == 0, validation.stdout
    assert json.loads(validation.stdout) == {
        "valid": True,
        "kind": "request",
        "version": "4.1.0",
        "rules_ran": True,
        "findings": [],
    }
    info = json.loads(run_dume("info", out, "--json").stdout)
    assert info["lots"] == ["LOT-0001", "LOT-0002"]
    assert info["criteria"] == created["criteria"]
    assert info["procedure_reference"] == "2026-TRX-014"
    text = out.read_text(encoding="utf-8")
    assert 'currencyID="EUR">1500000</cbc:MinimumAmount>' in text
    assert "<cbc:ExpectedDescription>Responsabilité civile décennale<" in text


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"buyer": {"name": "X", "country": "FRA"}, "criteria": ["nope"]}, "Critère inconnu"),
        ({"buyer": {"name": "X", "country": "FR"}}, "alpha-3"),
        ({"buyer": {"country": "FRA"}}, "buyer.name"),
        (
            {
                "buyer": {"name": "X", "country": "FRA"},
                "criteria": [{"code": "gen-year-to", "lots": ["LOT-0009"]}],
            },
            "lot(s) inconnu(s)",
        ),
        ([], "objet JSON"),
    ],
)
def test_bad_spec_is_a_clear_error(tmp_path: Path, spec: object, message: str) -> None:
    out = tmp_path / "request.xml"
    result = run_dume("new-request", "--spec", _write_spec(tmp_path, spec), "--out", out)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_unreadable_spec_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "spec.json"
    bad.write_text("{ not json", encoding="utf-8")
    result = run_dume("new-request", "--spec", bad, "--out", tmp_path / "o.xml")
    assert result.returncode == 2
    assert "JSON invalide" in result.stderr
