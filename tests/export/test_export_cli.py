"""``dume export``: the handler through its own parser, and the installed console script."""

from __future__ import annotations

import argparse
import json
import zipfile
from pathlib import Path

import pytest

from app.errors import DocumentRefusedError
from app.export.cli import register
from app.export.errors import ExportError
from tests.core.cli_support import run_dume
from tests.export.pdf_support import page_texts


def _run(*argv: str | Path) -> int:
    parser = argparse.ArgumentParser(prog="dume")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args([str(a) for a in argv])
    result: int = args.handler(args)
    return result


def test_export_pdf_and_zip_with_json(
    tmp_path: Path, example_response: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, archive = tmp_path / "r.pdf", tmp_path / "r.zip"
    code = _run(
        "export", example_response, "--pdf", pdf, "--zip", archive, "--lang", "en", "--json"
    )
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert report["kind"] == "response"
    assert report["lang"] == "en"
    assert report["pdf"]["out"] == str(pdf)
    assert report["pdf"]["pages"] > 10
    assert report["zip"]["members"] == ["r.xml", "r.pdf"]
    assert "Part I:" in page_texts(pdf.read_bytes())[0]
    with zipfile.ZipFile(archive) as opened:
        assert opened.namelist() == ["r.xml", "r.pdf"]


def test_export_text_output(
    tmp_path: Path, example_request: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run("export", example_request, "--pdf", tmp_path / "d.pdf") == 0
    assert capsys.readouterr().out.startswith(f"{tmp_path / 'd.pdf'} écrit (")


def test_nothing_to_export_is_refused(example_request: Path) -> None:
    with pytest.raises(ExportError, match="Rien à exporter"):
        _run("export", example_request)


def test_a_broken_file_is_refused(tmp_path: Path) -> None:
    broken = tmp_path / "cassé.xml"
    broken.write_text("<QualificationApplicationRequest>", encoding="utf-8")
    with pytest.raises(DocumentRefusedError):
        _run("export", broken, "--pdf", tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# The tests below run the installed ``dume`` command: they need ``register`` wired
# into ``app.cli._extensions()``.


def test_dume_export_command(tmp_path: Path, example_response: Path) -> None:
    out = tmp_path / "réponse.pdf"
    done = run_dume("export", example_response, "--pdf", out, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["pdf"]["sha256"]
    assert "Partie I" in page_texts(out.read_bytes())[0]


def test_dume_export_refuses_a_bad_file_with_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "pas-espd.xml"
    bad.write_text("<html/>", encoding="utf-8")
    done = run_dume("export", bad, "--pdf", tmp_path / "x.pdf")
    assert done.returncode == 2
    assert done.stderr.startswith("dume: ")
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "x.pdf").exists()
