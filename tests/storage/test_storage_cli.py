"""``dume library``: import an official document, list it, export it back as valid XML."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core.cli_support import run_dume


@pytest.mark.slow
def test_import_list_export_round_trip(tmp_path: Path, example_response: Path) -> None:
    db = tmp_path / "library.sqlite3"
    imported = run_dume("library", "--db", db, "import", example_response, "--json")
    assert imported.returncode == 0, imported.stderr
    doc_id = json.loads(imported.stdout)["id"]

    listing = json.loads(run_dume("library", "--db", db, "list", "--json").stdout)
    assert [row["id"] for row in listing] == [doc_id]
    assert listing[0]["kind"] == "response"
    assert listing[0]["reference"] == "PP.20170419.1024-9"

    out = tmp_path / "export.xml"
    exported = run_dume("library", "--db", db, "export", doc_id, "--out", out, "--json")
    assert exported.returncode == 0, exported.stderr
    assert run_dume("validate", out).returncode == 0


def test_export_of_an_unknown_document_is_a_clear_error(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    result = run_dume("library", "--db", db, "export", "nope", "--out", tmp_path / "x.xml")
    assert result.returncode == 2
    assert "n'existe plus" in result.stderr
    assert not (tmp_path / "x.xml").exists()


def test_import_of_a_hostile_file_stores_nothing(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite3"
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>')
    result = run_dume("library", "--db", db, "import", bad)
    assert result.returncode == 2
    assert "DTD" in result.stderr
    assert json.loads(run_dume("library", "--db", db, "list", "--json").stdout) == []
