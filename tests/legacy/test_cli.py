"""``dume convert`` and ``dume validate --as-version``, through their argparse registration.

The commands are wired into ``app/cli.py`` by ``register``; these tests build
the same sub-parser so they run whether or not the wiring is in place.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.espdxml import safe
from app.espdxml.detect import detect
from app.legacy.cli import register, validate_as_version_command


def _run(*argv: str | Path) -> int:
    parser = argparse.ArgumentParser(prog="dume")
    commands = parser.add_subparsers(dest="command", required=True)
    register(commands)
    validate = commands.add_parser("validate")
    validate.add_argument("file")
    validate.add_argument("--as-version", default="auto")
    validate.add_argument("--json", action="store_true")
    validate.set_defaults(handler=validate_as_version_command)
    args = parser.parse_args([str(a) for a in argv])
    code: int = args.handler(args)
    return code


def test_convert_writes_the_4_1_0_document_and_the_report(
    tmp_path: Path, examples: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out, report = tmp_path / "out.xml", tmp_path / "report.json"
    code = _run("convert", examples["3.3.0-response"], "--out", out, "--report", report, "--json")
    assert code == 0
    summary = json.loads(capsys.readouterr().out)
    assert (summary["source_version"], summary["kind"], summary["to"]) == (
        "3.3.0",
        "response",
        "4.1.0",
    )
    assert detect(safe.parse_file(out)).version == "4.1.0"
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["source_version"] == "3.3.0"
    assert data["entries"]
    assert summary["counts"] == data["counts"]


def test_convert_to_2_1_1_answers_in_the_buyer_version(
    tmp_path: Path, examples: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "reponse-2.1.1.xml"
    request = examples["2.1.1-EXTENDED-request"]
    code = _run(
        "convert",
        examples["2.1.1-EXTENDED-response"],
        "--to",
        "2.1.1",
        "--out",
        out,
        "--request",
        request,
    )
    assert code == 0
    assert "écrit (ESPD-EDM 2.1.1)" in capsys.readouterr().out
    detected = detect(safe.parse_file(out))
    assert (detected.version, detected.flavour) == ("2.1.1", "EXTENDED")


def test_a_request_cannot_be_written_as_a_2_1_1_response(
    tmp_path: Path, examples: dict[str, Path]
) -> None:
    with pytest.raises(UserFacingError, match="seule une réponse"):
        _run("convert", examples["4.0.0-request"], "--to", "2.1.1", "--out", tmp_path / "x.xml")
    assert not (tmp_path / "x.xml").exists()


@pytest.mark.slow
def test_validate_as_version_uses_the_document_own_release(
    examples: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("validate", examples["2.1.1-BASIC-request"], "--as-version", "auto") == 0
    assert "règles ESPD-EDM 2.1.1" in capsys.readouterr().out
    code = _run("validate", examples["2.1.1-BASIC-request"], "--as-version", "4.1.0", "--json")
    assert code == 1
    report = json.loads(capsys.readouterr().out)
    assert report["version"] == "4.1.0"
    assert report["findings"][0]["rule_id"] == "version"
