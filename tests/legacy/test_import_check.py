"""``dume import-check``: every file of a batch is read, converted or refused with its reason."""

from __future__ import annotations

import argparse
import json
import zipfile
from pathlib import Path

import pytest

from app.legacy import importing, triage
from app.legacy.cli import EXIT_DEFECT, EXIT_INVALID, EXIT_OK, register
from app.legacy.importing import Received, espd_files, read_files, received
from app.legacy.triage import tally, triage_file

ESPD_1_0_2 = b"""<?xml version="1.0" encoding="UTF-8"?>
<espd-req:ESPDRequest xmlns:espd-req="urn:grow:names:specification:ubl:schema:xsd:ESPDRequest-1"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:ID>old</cbc:ID>
</espd-req:ESPDRequest>"""


def _run(*argv: str | Path) -> int:
    parser = argparse.ArgumentParser(prog="dume")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["import-check", *map(str, argv)])
    code: int = args.handler(args)
    return code


@pytest.fixture
def batch(tmp_path: Path, examples: dict[str, Path]) -> Path:
    """A folder as a platform receives it: two legacy documents, one too old, one broken."""
    folder = tmp_path / "recus"
    (folder / "lot-2").mkdir(parents=True)
    (folder / "a-response-3.3.0.xml").write_bytes(examples["3.3.0-response"].read_bytes())
    (folder / "lot-2" / "b-request-2.1.1.xml").write_bytes(
        examples["2.1.1-BASIC-request"].read_bytes()
    )
    (folder / "c-espd-1.0.2.xml").write_bytes(ESPD_1_0_2)
    (folder / "d-truncated.xml").write_bytes(examples["4.0.0-request"].read_bytes()[:900])
    (folder / "notes.txt").write_text("not an ESPD file, and not *.xml")
    return folder


def test_each_file_is_converted_or_refused_with_its_reason(batch: Path) -> None:
    results = {Path(r.file).name: r for r in map(triage_file, espd_files([batch]))}
    assert sorted(results) == [
        "a-response-3.3.0.xml",
        "b-request-2.1.1.xml",
        "c-espd-1.0.2.xml",
        "d-truncated.xml",
    ]
    converted = results["a-response-3.3.0.xml"]
    assert (converted.outcome, converted.source_version, converted.kind) == (
        "converted",
        "3.3.0",
        "response",
    )
    assert converted.valid is True
    assert "converti en ESPD-EDM 4.1.0" in converted.summary
    assert converted.counts["lost"] > 0  # what did not carry is counted, not hidden
    basic = results["b-request-2.1.1.xml"]
    assert (basic.outcome, basic.flavour, basic.valid) == ("converted", "BASIC", True)
    too_old = results["c-espd-1.0.2.xml"]
    assert too_old.outcome == "refused"
    assert "1.0.2" in too_old.reason
    truncated = results["d-truncated.xml"]
    assert truncated.outcome == "refused"
    assert "d-truncated.xml" in truncated.reason
    assert all(r.explained() for r in results.values())
    assert tally(results.values()) == {"converted": 2, "refused": 2}


def test_the_cli_lists_every_file_and_exits_1_when_some_are_refused(
    batch: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run(batch, "--json") == EXIT_INVALID
    report = json.loads(capsys.readouterr().out)
    assert report["counts"] == {"converted": 2, "refused": 2}
    refused = [f for f in report["files"] if f["outcome"] == "refused"]
    assert all(f["reason"] for f in refused)

    assert _run(batch / "a-response-3.3.0.xml") == EXIT_OK
    text = capsys.readouterr().out
    assert "3.3.0 converti, valide 4.1.0" in text
    assert "1 converted" in text


def test_an_importer_defect_is_reported_and_the_batch_goes_on(
    batch: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug met on one file must not hide the verdict on the others (fault injected)."""
    real_import = triage._import

    def failing_on_b(item: Received, result: triage.TriageResult, validate: bool) -> None:
        if item.label.startswith("b-"):
            raise KeyError("no such slot")
        real_import(item, result, validate)

    monkeypatch.setattr(triage, "_import", failing_on_b)
    assert _run(batch, "--no-validate", "--json") == EXIT_DEFECT
    report = json.loads(capsys.readouterr().out)
    outcomes = {Path(f["file"]).name: f["outcome"] for f in report["files"]}
    assert outcomes["b-request-2.1.1.xml"] == "crashed"
    assert outcomes["a-response-3.3.0.xml"] == "converted"
    crashed = next(f for f in report["files"] if f["outcome"] == "crashed")
    assert crashed["reason"] == "KeyError: 'no such slot'"
    assert all(f["valid"] is None for f in report["files"])  # --no-validate


def _zip(path: Path, entries: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return path


NOTICE = b'<ContractNotice xmlns="urn:oasis:names:specification:ubl:schema:xsd:ContractNotice-2"/>'


def test_a_consultation_archive_gives_its_espd_documents(
    tmp_path: Path, examples: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """A DCE as platforms hand it over: regulations, a notice and the buyer's DUME, zipped."""
    dce = _zip(
        tmp_path / "DCE.zip",
        {
            "RC.pdf": b"%PDF-1.7 reglement de consultation",
            "avis/avis.xml": NOTICE,
            "DUME/demande.xml": examples["2.1.1-EXTENDED-request"].read_bytes(),
        },
    )
    empty = _zip(tmp_path / "sans-dume.zip", {"RC.pdf": b"%PDF-1.7", "avis.xml": NOTICE})
    broken = tmp_path / "abime.zip"
    broken.write_bytes(dce.read_bytes()[:200])

    items, refused = received([dce, empty, broken])
    assert [item.label for item in items] == ["DCE.zip › DUME/demande.xml"]
    reasons = {path.name: error.one_line() for path, error in refused}
    assert "aucun DUME" in reasons["sans-dume.zip"]
    assert "archive ZIP illisible" in reasons["abime.zip"]

    batch = read_files([dce])
    [(origin, document)] = batch.documents
    assert (origin, document.kind, document.source_version) == (dce, "request", "2.1.1")
    assert document.conversion_report is not None

    assert _run(dce, empty, broken, "--json") == EXIT_INVALID
    report = json.loads(capsys.readouterr().out)
    verdicts = {f["file"]: f["outcome"] for f in report["files"]}
    assert verdicts == {
        str(empty): "refused",
        str(broken): "refused",
        "DCE.zip › DUME/demande.xml": "converted",
    }


def test_an_oversized_archive_is_refused_before_it_is_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = _zip(
        tmp_path / "bombe.zip", {"a.xml": b"<QualificationApplicationRequest/>" + b" " * 5000}
    )
    monkeypatch.setattr(importing, "MAX_ARCHIVE_BYTES", 4096)  # the real cap is 500 MB
    _items, [(path, error)] = received([bomb])
    assert path == bomb
    assert "trop volumineuse" in error.one_line()
