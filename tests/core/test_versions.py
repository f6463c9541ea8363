"""Version detection on every release's examples, and refusal by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.errors import UnsupportedVersionError
from app.espdxml.reader import read_bytes
from tests.core.cli_support import run_dume

V1_REQUEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<espd-req:ESPDRequest xmlns:espd-req="urn:grow:names:specification:ubl:schema:xsd:ESPDRequest-1"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:ID>X</cbc:ID>
</espd-req:ESPDRequest>"""


def _examples(root: Path) -> list[tuple[Path, str, str]]:
    cases = []
    for version in ("4.1.0", "4.0.0", "3.3.0"):
        for kind in ("Request", "Response"):
            cases.append(
                (root / version / "xml-examples" / f"ESPD-{kind}.xml", version, kind.lower())
            )
    xml_211 = root / "2.1.1" / "docs/src/main/asciidoc/modules/ROOT/dist/xml"
    for flavour in ("BASIC", "EXTENDED"):
        for kind in ("Request", "Response"):
            cases.append((xml_211 / f"{flavour}-ESPD{kind}-2.1.1.xml", "2.1.1", kind.lower()))
    return cases


def test_info_reports_the_version_of_every_release(shared_espd_edm: Path) -> None:
    for path, version, kind in _examples(shared_espd_edm):
        result = run_dume("info", path, "--json")
        assert result.returncode == 0, result.stderr
        summary = json.loads(result.stdout)
        assert (summary["version"], summary["kind"]) == (version, kind), path.name
        assert summary["importable"] is (version == "4.1.0")
        assert summary["criteria"], path.name


def test_info_lists_ids_criteria_and_lots_of_a_current_document(example_request: Path) -> None:
    summary = json.loads(run_dume("info", example_request, "--json").stdout)
    assert summary["id"].startswith("ESPDREQ-")
    assert summary["uuid"] == "bab8714d-d58e-42ab-95fd-2984c03d4498"
    assert summary["lots"] == ["LOT-0000"]
    assert len(summary["criteria"]) == 62
    assert summary["criteria"][0] == "crime-org"


def test_version_1_0_2_is_refused_with_a_way_out(tmp_path: Path) -> None:
    path = tmp_path / "v1.xml"
    path.write_bytes(V1_REQUEST)
    result = run_dume("info", path, "--json")
    assert result.returncode == 2
    assert "1.0.2" in result.stderr
    assert "2.1.1 ou plus récent" in result.stderr
    with pytest.raises(UnsupportedVersionError) as caught:
        read_bytes(V1_REQUEST, "v1.xml")
    assert caught.value.version == "1.0.2"


def test_older_versions_are_refused_by_name_on_import(shared_espd_edm: Path) -> None:
    path = shared_espd_edm / "3.3.0" / "xml-examples" / "ESPD-Request.xml"
    with pytest.raises(UnsupportedVersionError, match=r"3\.3\.0"):
        read_bytes(path.read_bytes(), path.name)
    result = run_dume("validate", path)
    assert result.returncode == 2
    assert "3.3.0" in result.stderr


@pytest.mark.parametrize(
    ("xml", "said"),
    [
        (
            b'<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"/>',
            "avis de marché (eForms)",
        ),
        (
            b"<TED_EXPORT xmlns='http://publications.europa.eu/resource/schema/ted/R2.0.9/publication'/>",
            "avis publié au JOUE",
        ),
        (
            b'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
            "facture UBL",
        ),
        (
            b'<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>',
            "Vérifier des signatures",
        ),
        (b"<ESPDRequestV3 xmlns='urn:example'/>", "format ESPD inconnu (urn:example)"),
        (b"<offre/>", "élément racine « offre » inattendu"),
    ],
)
def test_a_look_alike_is_named_for_what_it_is(tmp_path: Path, xml: bytes, said: str) -> None:
    """A notice or an invoice dropped by mistake is named, not just "unexpected root"."""
    path = tmp_path / "document.xml"
    path.write_bytes(xml)
    result = run_dume("info", path, "--json")
    assert result.returncode == 2
    assert "document.xml : ce n'est pas un document DUME/ESPD" in result.stderr
    assert said in result.stderr
    assert "QualificationApplicationRequest" in result.stderr  # what a DUME looks like
