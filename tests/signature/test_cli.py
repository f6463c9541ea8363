"""``dume verify / sign / trust`` through their argparse handlers.

Until ``app.signature.cli.register`` is wired into ``app/cli.py``, the commands
run through a parser built the same way (``register`` on a sub-parser set)
and the same error handling as ``app.cli.main``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.signature import cli
from app.signature.trust import TrustStore
from tests.signature import factory as f
from tests.signature.pki import PASSWORD, Pki


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="dume")
    cli.register(parser.add_subparsers(dest="command", required=True))
    parsed = parser.parse_args(list(args))
    try:
        code = parsed.handler(parsed)
    except UserFacingError as exc:
        captured = capsys.readouterr()
        return 2, captured.out, exc.one_line()
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def trust_dir(tmp_path: Path, pki: Pki) -> Path:
    store = TrustStore(tmp_path / "trust")
    store.add_anchor(pki.root.cert_pem)
    for data in pki.crls.values():
        store.add_crl(data)
    return store.folder


def test_sign_then_verify_every_format(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    pki: Pki,
    trust_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    monkeypatch.setenv(cli.PASSWORD_ENV, PASSWORD)
    pdf, xml, txt = tmp_path / "acte.pdf", tmp_path / "offre.xml", tmp_path / "memoire.txt"
    pdf.write_bytes(f.make_pdf())
    xml.write_bytes(f.XML_DOC)
    txt.write_bytes(f.TEXT_DOC)
    p12 = str(pki.path("signer.p12"))
    outputs = []
    for source, fmt, out in (
        (pdf, "pades", tmp_path / "acte-signé.pdf"),
        (txt, "cades", tmp_path / "memoire.txt.p7s"),
        (xml, "xades", tmp_path / "offre-signée.xml"),
    ):
        code, stdout, _ = run(
            capsys, "sign", str(source), "--p12", p12, "--format", fmt, "--out", str(out), "--json"
        )
        assert code == 0
        data = json.loads(stdout)
        assert data["format"] == fmt
        assert data["level"] == "B-B"
        assert Path(data["out"]) == out
        outputs.append(out)
    assert PASSWORD not in caplog.text
    code, stdout, _ = run(
        capsys, "verify", *map(str, outputs), "--trust-dir", str(trust_dir), "--json"
    )
    assert code == 0, stdout
    data = json.loads(stdout)
    assert data["all_passed"] is True
    assert [file["indication"] for file in data["files"]] == ["TOTAL_PASSED"] * 3
    # the detached .p7s found its original beside it
    assert data["files"][1]["original_file"] == "memoire.txt"

    code, stdout, _ = run(capsys, "verify", str(outputs[0]), "--trust-dir", str(trust_dir))
    assert code == 0
    assert "Valide (TOTAL_PASSED)" in stdout
    assert "[À vérifier] Identité du signataire" in stdout

    txt.write_bytes(f.ANNEX)  # a different original beside the .p7s
    code, stdout, _ = run(capsys, "verify", str(outputs[1]), "--trust-dir", str(trust_dir))
    assert code == 1
    assert "TOTAL_FAILED / HASH_FAILURE" in stdout


def test_verify_exit_codes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trust_dir: Path, keys: dict
) -> None:
    untrusted = tmp_path / "inconnu.xml"
    untrusted.write_bytes(f.sign("xades-enveloped", keys["stranger"]).data)
    code, stdout, _ = run(capsys, "verify", str(untrusted), "--trust-dir", str(trust_dir), "--json")
    assert code == 1
    sig = json.loads(stdout)["files"][0]["signatures"][0]
    assert (sig["indication"], sig["sub_indication"]) == (
        "INDETERMINATE",
        "NO_CERTIFICATE_CHAIN_FOUND",
    )

    unsigned = tmp_path / "notes.txt"
    unsigned.write_bytes(b"rien de signe")
    code, stdout, _ = run(capsys, "verify", str(unsigned), "--trust-dir", str(trust_dir))
    assert code == 1
    assert "Format non reconnu" in stdout

    code, _, err = run(
        capsys, "verify", str(tmp_path / "absent.pdf"), "--trust-dir", str(trust_dir)
    )
    assert code == 2
    assert "lecture impossible" in err


def test_verify_report_and_history(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, trust_dir: Path, keys: dict
) -> None:
    from app.storage.library import Library

    signed = tmp_path / "acte.pdf"
    signed.write_bytes(f.sign("pades", keys["signer"]).data)
    report = tmp_path / "rapports" / "acte-verification.pdf"
    db = tmp_path / "lib.sqlite3"
    code, _, err = run(
        capsys, "verify", str(signed), "--trust-dir", str(trust_dir), "--report", str(report),
        "--history", "--db", str(db),
    )  # fmt: skip
    assert code == 0, err
    assert report.read_bytes().startswith(b"%PDF-")
    twin = json.loads(report.with_suffix(".json").read_text(encoding="utf-8"))
    assert twin["indication"] == "TOTAL_PASSED"
    assert twin["file_name"] == "acte.pdf"
    with Library.open(db) as library:
        history = library.verification_history(10)
    assert [(h.file_name, h.indication) for h in history] == [("acte.pdf", "TOTAL_PASSED")]
    assert json.loads(history[0].report_json)["sha256"] == twin["sha256"]


def test_sign_errors_are_clear(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pki: Pki, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = tmp_path / "memoire.txt"
    doc.write_bytes(f.TEXT_DOC)
    monkeypatch.setenv(cli.PASSWORD_ENV, "mauvais")
    code, _, err = run(
        capsys,
        "sign",
        str(doc),
        "--p12",
        str(pki.path("signer.p12")),
        "--out",
        str(tmp_path / "x.p7s"),
    )
    assert code == 2
    assert "mot de passe incorrect" in err
    assert "mauvais" not in err
    assert not (tmp_path / "x.p7s").exists()
    monkeypatch.setenv(cli.PASSWORD_ENV, PASSWORD)
    code, _, err = run(
        capsys,
        "sign",
        str(doc),
        "--p12",
        str(pki.path("signer.p12")),
        "--format",
        "pades",
        "--out",
        str(tmp_path / "x.pdf"),
    )
    assert code == 2
    assert "PDF" in err
    monkeypatch.delenv(cli.PASSWORD_ENV)
    code, _, err = run(
        capsys,
        "sign",
        str(doc),
        "--p12",
        str(pki.path("signer.p12")),
        "--out",
        str(tmp_path / "y.p7s"),
    )
    assert code == 2
    assert cli.PASSWORD_ENV in err


def test_sign_with_timestamp(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pki: Pki, tsa_url: str,
    monkeypatch: pytest.MonkeyPatch, trust_dir: Path,
) -> None:  # fmt: skip
    monkeypatch.setenv(cli.PASSWORD_ENV, PASSWORD)
    doc, out = tmp_path / "offre.xml", tmp_path / "offre.xml.xades.xml"
    doc.write_bytes(f.XML_DOC)
    code, stdout, _ = run(
        capsys, "sign", str(doc), "--p12", str(pki.path("signer.p12")), "--format", "xades",
        "--xades-packaging", "detached", "--tsa", tsa_url, "--out", str(out), "--json",
    )  # fmt: skip
    assert code == 0
    assert json.loads(stdout)["level"] == "B-T"
    code, stdout, _ = run(capsys, "verify", str(out), "--trust-dir", str(trust_dir), "--json")
    sig = json.loads(stdout)["files"][0]["signatures"][0]
    assert code == 0
    assert sig["level"] == "B-T"
    assert sig["timestamp"]["valid"] is True
    code, _, err = run(
        capsys, "sign", str(doc), "--p12", str(pki.path("signer.p12")), "--tsa",
        tsa_url.replace("/tsa", "/nothing"), "--out", str(tmp_path / "z.xml"),
    )  # fmt: skip
    assert code == 2
    assert "horodatage" in err.lower()


def test_trust_commands(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, pki: Pki, shared_trust: Path
) -> None:
    folder = tmp_path / "trust"
    code, stdout, _ = run(capsys, "trust", "--status", "--trust-dir", str(folder), "--json")
    assert code == 0
    assert json.loads(stdout)["lotl_issued"] is None
    code, stdout, _ = run(
        capsys, "trust", "--add", str(pki.path("root.pem")), "--trust-dir", str(folder)
    )
    assert code == 0
    assert "DUME Test Root CA" in stdout
    code, stdout, _ = run(
        capsys, "trust", "--import-lists", str(shared_trust / "eu-lotl.xml"),
        str(shared_trust / "tsl-be-v6.xml"), "--at", "2026-07-01T00:00:00Z",
        "--trust-dir", str(folder), "--json",
    )  # fmt: skip
    data = json.loads(stdout)
    assert code == 0
    assert data["user_anchors"] == 1
    assert [t["territory"] for t in data["lists"]] == ["BE"]
    code, stdout, _ = run(
        capsys, "trust", "--status", "--at", "2026-07-01T00:00:00Z", "--trust-dir", str(folder)
    )
    assert code == 0
    assert "BE n°81 du 2026-06-15" in stdout
    code, _, err = run(
        capsys, "trust", "--add", str(shared_trust / "COPYRIGHT"), "--trust-dir", str(folder)
    )
    assert code == 2
    assert "certificat" in err
