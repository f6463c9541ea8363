"""Batch verification (folder, ZIP), progress and cancel, history, JSON twin, detection."""

from __future__ import annotations

import asyncio
import io
import json
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from app.errors import Interrupted
from app.signature.detect import DetectedFormat, detect_format
from app.signature.engine import _siren
from app.signature.model import Indication, file_verification_from_json
from app.signature.sign import SigningKey
from app.signature.verify import Verifier, record_history
from app.signature.xades_sign import DetachedObject, build_xades
from app.storage.library import Library
from app.validation import CancelToken
from tests.signature import factory as f


@pytest.fixture
def tender_folder(tmp_path: Path, keys: dict[str, SigningKey]) -> Path:
    """A downloaded tender folder: signed and unsigned files, detached jetons."""
    folder = tmp_path / "DCE"
    folder.mkdir()
    (folder / "acte.pdf").write_bytes(f.sign("pades", keys["signer"]).data)
    cades = f.sign("cades-detached", keys["signer"])
    (folder / "memoire.txt").write_bytes(f.TEXT_DOC)
    (folder / "memoire.txt.p7s").write_bytes(cades.data)
    jeton = f.sign("xades-detached", keys["revoked"])
    (folder / "annexes").mkdir()
    (folder / "annexes" / "acte.pdf.xades.xml").write_bytes(jeton.data)
    (folder / "offre.asice").write_bytes(f.sign("asic-e", keys["signer"]).data)
    (folder / "lisez-moi.txt").write_bytes(b"notes sans signature")
    return folder


def test_folder_batch_gives_one_table(tender_folder: Path, verifier: Verifier) -> None:
    calls: list[tuple[int, int, str]] = []
    summary = verifier.verify_batch(
        tender_folder, progress=lambda done, total, what: calls.append((done, total, what))
    )
    rows = {row.file_name: row for row in summary.rows}
    assert rows["acte.pdf"].indication is Indication.TOTAL_PASSED
    assert rows["memoire.txt.p7s"].indication is Indication.TOTAL_PASSED
    assert rows["offre.asice"].indication is Indication.TOTAL_PASSED
    jeton = rows["annexes/acte.pdf.xades.xml"]
    # the jeton references acte.pdf: the PAdES-signed PDF beside it is not its original
    assert (jeton.indication, jeton.sub_indications) == (Indication.TOTAL_FAILED, ("HASH_FAILURE",))
    assert rows["lisez-moi.txt"].indication is None
    assert rows["lisez-moi.txt"].signatures == 0
    assert rows["memoire.txt"].indication is None
    assert summary.counts["TOTAL_PASSED"] == 3
    assert calls[0] == (0, 6, calls[0][2])
    assert calls[-1] == (6, 6, "")
    assert json.loads(json.dumps(summary.to_json()))["counts"]["UNSIGNED"] == 2


def test_zip_batch_matches_folder(tender_folder: Path, tmp_path: Path, verifier: Verifier) -> None:
    archive = tmp_path / "offres.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for path in sorted(tender_folder.rglob("*")):
            if path.is_file():
                out.write(path, path.relative_to(tender_folder).as_posix())
    from_zip = verifier.verify_batch(archive)
    from_folder = verifier.verify_batch(tender_folder)
    assert sorted((r.file_name, r.indication) for r in from_zip.rows) == sorted(
        (r.file_name, r.indication) for r in from_folder.rows
    )


def test_cancel_stops_the_batch(tender_folder: Path, verifier: Verifier) -> None:
    token = CancelToken()

    def progress(done: int, total: int, what: str) -> None:
        if done == 2:
            token.cancel()

    with pytest.raises(Interrupted):
        verifier.verify_batch(tender_folder, progress=progress, cancel=token)


def test_history_and_json_twin_round_trip(
    tmp_path: Path, keys: dict[str, SigningKey], verifier: Verifier
) -> None:
    signed = f.sign("cades-detached", keys["revoked"])
    result = verifier.verify_bytes(signed.data, signed.name, originals=signed.originals)
    assert result.original_file == "memoire.txt"
    assert file_verification_from_json(json.loads(json.dumps(result.to_json()))) == result
    with Library.open(tmp_path / "lib.sqlite3") as library:
        record_history(library, result)
        history = library.verification_history(5)
    assert history[0].indication == "INDETERMINATE"
    stored = json.loads(history[0].report_json)
    assert stored["signatures"][0]["sub_indication"] == "REVOKED_NO_POE"
    assert stored["trust"]["user_anchors"] == 1
    assert stored["sha256"] == result.sha256


def test_format_comes_from_the_bytes_not_the_name(
    keys: dict[str, SigningKey], verifier: Verifier
) -> None:
    pdf = f.sign("pades", keys["signer"]).data
    assert detect_format(pdf) is DetectedFormat.PDF
    result = verifier.verify_bytes(pdf, "trompeur.xml")
    assert result.detected_format == "pdf"
    assert result.all_passed
    p7m = f.sign("cades-attached", keys["signer"]).data
    assert detect_format(p7m) is DetectedFormat.CMS
    import base64

    assert detect_format(base64.encodebytes(p7m)) is DetectedFormat.CMS
    assert verifier.verify_bytes(base64.encodebytes(p7m), "x.pdf").all_passed
    assert detect_format(f.sign("asic-e", keys["signer"]).data) is DetectedFormat.ASIC_E
    assert detect_format(f.sign("asic-s", keys["signer"]).data) is DetectedFormat.ASIC_S
    assert detect_format(f.XML_DOC) is DetectedFormat.XML
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "a")
    assert detect_format(buffer.getvalue()) is DetectedFormat.ZIP
    assert detect_format(b"\x00\x01garbage") is DetectedFormat.UNKNOWN


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (("NTRFR-732829320", None), "732829320"),
        (("NTRFR-73282932000014", None), "732829320"),
        (("VATFR-40732829320", None), "732829320"),
        ((None, "732829320"), "732829320"),
        (("PSDFR-ACPR-12345", "PERSON-1"), None),
        (("NTRBE-0314595348", None), None),
    ],
)
def test_siren_extraction(values: tuple[str | None, str | None], expected: str | None) -> None:
    assert _siren(*values) == expected


def test_hostile_inputs_are_refused_cleanly(verifier: Verifier) -> None:
    from app.signature.errors import SignatureInputError

    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x xmlns:ds="http://www.w3.org/2000/09/xmldsig#">&a;<ds:Signature/></x>'
    result = verifier.verify_bytes(bomb, "x.xml")
    assert not result.all_passed
    with pytest.raises(SignatureInputError):
        verifier.verify_bytes(b"%PDF-1.7\n garbage", "x.pdf")
    broken_zip = f._zip([("mimetype", f.ASIC_E_MIME)])
    result = verifier.verify_bytes(broken_zip, "x.asice")
    assert result.signatures == ()
    assert any("Aucune signature" in p for p in result.problems)


def test_batch_pairs_originals_within_each_bidder_folder(
    tmp_path: Path, keys: dict[str, SigningKey], verifier: Verifier
) -> None:
    """Two bidders each send an "acte.pdf" and its detached jeton: each jeton must be
    checked against the file of its own folder, not a namesake elsewhere."""
    for bidder, key in (("entreprise-a", keys["signer"]), ("entreprise-b", keys["ec_signer"])):
        folder = tmp_path / "offres" / bidder
        folder.mkdir(parents=True)
        acte = f.make_pdf() + bidder.encode()
        (folder / "acte.pdf").write_bytes(acte)
        signature = asyncio.run(
            build_xades(key.signer, detached=[DetachedObject("acte.pdf", acte, "application/pdf")])
        )
        (folder / "acte.pdf.xades.xml").write_bytes(etree.tostring(signature))
    summary = verifier.verify_batch(tmp_path / "offres")
    jetons = [r for r in summary.rows if r.file_name.endswith(".xades.xml")]
    assert len(jetons) == 2
    assert all(r.indication is Indication.TOTAL_PASSED for r in jetons)


def test_default_report_paths_keep_the_verification_suffix(tmp_path: Path) -> None:
    from app.signature.report import default_report_paths

    pdf_path, json_path = default_report_paths(tmp_path / "acte.pdf")
    assert pdf_path.name == "acte.pdf.verification.pdf"
    assert json_path.name == "acte.pdf.verification.json"
