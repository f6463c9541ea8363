"""Independent verdicts: ``openssl cms -verify`` (CAdES) and ``xmlsec1 --verify`` (XAdES)
on the very files our verifier judged.  Skipped only when the tool is not installed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app.signature.model import Indication
from app.signature.sign import SigningKey
from app.signature.verify import Verifier
from tests.signature import factory as f
from tests.signature.pki import Pki

OPENSSL = shutil.which("openssl")
XMLSEC1 = shutil.which("xmlsec1")


def _pem_crl(der: bytes) -> bytes:
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization

    return x509.load_der_x509_crl(der).public_bytes(serialization.Encoding.PEM)


def _openssl(sig: Path, content: Path | None, cafile: Path, *extra: str) -> int:
    assert OPENSSL is not None
    command = [OPENSSL, "cms", "-verify", "-binary", "-inform", "DER", "-in", str(sig)]
    if content is not None:
        command += ["-content", str(content)]
    command += ["-CAfile", str(cafile), "-purpose", "any", "-out", "/dev/null", *extra]
    return subprocess.run(command, capture_output=True, timeout=30, check=False).returncode


@pytest.mark.skipif(OPENSSL is None, reason="openssl is not installed")
def test_cades_verdicts_agree_with_openssl(
    tmp_path: Path, keys: dict[str, SigningKey], verifier: Verifier, pki: Pki
) -> None:
    cafile = tmp_path / "ca.pem"
    cafile.write_bytes(pki.root.cert_pem)
    crl_cafile = tmp_path / "ca-crl.pem"
    crl_cafile.write_bytes(
        pki.root.cert_pem
        + pki.intermediate.cert_pem
        + b"".join(_pem_crl(d) for d in pki.crls.values())
    )
    cases = {
        "valid": (f.sign("cades-detached", keys["signer"]), True),
        "tampered": (None, False),
        "untrusted": (f.sign("cades-detached", keys["stranger"]), False),
    }
    good = cases["valid"][0]
    assert good is not None
    cases["tampered"] = (f.Signed(good.name, good.data, {"memoire.txt": f.ANNEX}), False)
    for label, (signed, openssl_ok) in cases.items():
        assert signed is not None
        sig, content = tmp_path / f"{label}.p7s", tmp_path / f"{label}.txt"
        sig.write_bytes(signed.data)
        content.write_bytes(signed.originals["memoire.txt"])
        ours = verifier.verify_bytes(signed.data, signed.name, originals=signed.originals)
        assert (_openssl(sig, content, cafile) == 0) is openssl_ok, label
        assert ours.all_passed is openssl_ok, label

    attached = f.sign("cades-attached", keys["signer"])
    p7m = tmp_path / "attached.p7m"
    p7m.write_bytes(attached.data)
    assert _openssl(p7m, None, cafile) == 0
    assert verifier.verify_bytes(attached.data, attached.name).all_passed
    p7m.write_bytes(f.cms_change_content(attached.data))
    assert _openssl(p7m, None, cafile) != 0

    # Revocation: openssl sees it only with the CRLs in the CA file and -crl_check.
    revoked = f.sign("cades-detached", keys["revoked"])
    sig, content = tmp_path / "revoked.p7s", tmp_path / "revoked.txt"
    sig.write_bytes(revoked.data)
    content.write_bytes(revoked.originals["memoire.txt"])
    assert _openssl(sig, content, cafile) == 0  # the trap: no revocation check by default
    assert _openssl(sig, content, crl_cafile, "-crl_check") != 0
    ours = verifier.verify_bytes(revoked.data, revoked.name, originals=revoked.originals)
    assert ours.indication is Indication.INDETERMINATE


def _xmlsec(path: Path, pki: Pki, folder: Path) -> int:
    assert XMLSEC1 is not None
    root, inter = folder / "root.pem", folder / "intermediate.pem"
    root.write_bytes(pki.root.cert_pem)
    inter.write_bytes(pki.intermediate.cert_pem)
    command = [
        XMLSEC1, "--verify", "--enabled-key-data", "x509",
        "--trusted-pem", str(root), "--untrusted-pem", str(inter),
        "--id-attr:Id", "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
        str(path),
    ]  # fmt: skip
    return subprocess.run(
        command, capture_output=True, timeout=30, check=False, cwd=folder
    ).returncode


@pytest.mark.skipif(XMLSEC1 is None, reason="xmlsec1 is not installed (apt-get install xmlsec1)")
def test_xades_verdicts_agree_with_xmlsec1(
    tmp_path: Path, keys: dict[str, SigningKey], verifier: Verifier, pki: Pki
) -> None:
    enveloped = f.sign("xades-enveloped", keys["signer"])
    detached = f.sign("xades-detached", keys["signer"])
    cases = [
        ("enveloped-valid", enveloped, True),
        (
            "enveloped-tampered",
            f.Signed(enveloped.name, enveloped.data.replace(f.PRICE, f.TAMPERED_PRICE)),
            False,
        ),
        (
            "enveloped-signed-property",
            f.Signed(enveloped.name, f.xml_change_signing_time(enveloped.data)),
            False,
        ),
        ("untrusted", f.sign("xades-enveloped", keys["stranger"]), False),
        ("ec-valid", f.sign("xades-enveloped", keys["ec_signer"]), True),
        ("detached-valid", detached, True),
        (
            "detached-wrong-original",
            f.Signed(detached.name, detached.data, {"acte.pdf": f.ANNEX}),
            False,
        ),
    ]
    for label, signed, expected in cases:
        folder = tmp_path / label
        folder.mkdir()
        for name, data in signed.originals.items():
            (folder / name).write_bytes(data)
        path = folder / "signature.xml"
        path.write_bytes(signed.data)
        ours = verifier.verify_bytes(signed.data, signed.name, originals=signed.originals)
        assert (_xmlsec(path, pki, folder) == 0) is expected, label
        assert ours.all_passed is expected, label
