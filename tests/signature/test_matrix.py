"""Every format x every case of the acceptance list, each with its exact EN 319 102-1 result.

Cases that cannot apply to a format are listed in ``NOT_APPLICABLE`` with the
reason (an enveloped XML signature has no detached original, only a PDF can
receive an incremental update ...).  No case that should fail may pass: each
asserts the indication and sub-indication of every signature.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from app.signature.model import CheckKey, CheckStatus, FileVerification, Indication
from app.signature.sign import SigningKey
from app.signature.verify import Verifier
from tests.signature import factory as f

PASSED = (Indication.TOTAL_PASSED, None)
HASH = (Indication.TOTAL_FAILED, "HASH_FAILURE")
SIG_CRYPTO = (Indication.TOTAL_FAILED, "SIG_CRYPTO_FAILURE")
NO_CHAIN = (Indication.INDETERMINATE, "NO_CERTIFICATE_CHAIN_FOUND")
REVOKED = (Indication.INDETERMINATE, "REVOKED_NO_POE")
EXPIRED = (Indication.INDETERMINATE, "OUT_OF_BOUNDS_NO_POE")
NOT_FOUND = (Indication.INDETERMINATE, "SIGNED_DATA_NOT_FOUND")
MODIFIED = (Indication.INDETERMINATE, "SIG_CONSTRAINTS_FAILURE")

KINDS = [
    "pades",
    "cades-detached",
    "cades-attached",
    "xades-enveloped",
    "xades-detached",
    "asic-e",
    "asic-s",
]

NOT_APPLICABLE = {
    ("pades", "wrong_original"): "a PAdES signature is inside the PDF: no detached original",
    ("cades-attached", "wrong_original"): "a .p7m holds its content",
    ("xades-enveloped", "wrong_original"): "an enveloped signature is inside the XML",
    ("asic-e", "wrong_original"): "the container holds the signed files",
    ("asic-s", "wrong_original"): "the container holds the signed file",
    ("xades-enveloped", "two_signatures"): (
        "the enveloped-signature transform removes only its own signature: two enveloped "
        "signatures in one document cannot both be valid (use a detached jeton or ASiC-E)"
    ),
}
PDF_ONLY = "pdf_modified"


def _content_tamper(kind: str) -> Callable[[f.Signed], f.Signed]:
    def tamper(signed: f.Signed) -> f.Signed:
        if kind == "pades":
            return f.Signed(signed.name, f.pdf_change_content(signed.data))
        if kind in ("cades-detached", "xades-detached"):
            originals = {
                k: v.replace(f.PRICE, f.TAMPERED_PRICE, 1) for k, v in signed.originals.items()
            }
            if kind == "xades-detached":  # the PDF stream holds the price
                originals = {k: f.pdf_change_content(v) for k, v in signed.originals.items()}
            return f.Signed(signed.name, signed.data, originals)
        if kind in ("cades-attached", "xades-enveloped"):
            assert f.PRICE in signed.data
            return f.Signed(signed.name, signed.data.replace(f.PRICE, f.TAMPERED_PRICE, 1))
        name = "annexe financiere.txt" if kind == "asic-e" else "memoire.txt"
        changed = f.replace_in_zip(
            signed.data, name, lambda d: d.replace(f.PRICE, f.TAMPERED_PRICE)
        )
        return f.Signed(signed.name, changed)

    return tamper


def _attribute_tamper(kind: str) -> Callable[[f.Signed], f.Signed]:
    def tamper(signed: f.Signed) -> f.Signed:
        if kind == "pades":
            return f.Signed(signed.name, f.pdf_edit_cms(signed.data, f.cms_change_signing_time))
        if kind.startswith("cades"):
            return f.Signed(signed.name, f.cms_change_signing_time(signed.data), signed.originals)
        if kind.startswith("xades"):
            return f.Signed(signed.name, f.xml_change_signing_time(signed.data), signed.originals)
        if kind == "asic-e":
            return f.Signed(
                signed.name,
                f.replace_in_zip(
                    signed.data, "META-INF/signatures0.xml", f.xml_change_signing_time
                ),
            )
        return f.Signed(
            signed.name,
            f.replace_in_zip(signed.data, "META-INF/signature.p7s", f.cms_change_signing_time),
        )

    return tamper


def _break_second(kind: str, signed: f.Signed) -> f.Signed:
    if kind == "pades":
        return f.Signed(signed.name, f.pdf_edit_cms(signed.data, f.cms_break_signature, index=1))
    if kind.startswith("cades"):
        return f.Signed(signed.name, f.cms_break_signature(signed.data, 1), signed.originals)
    if kind == "xades-detached":
        return f.Signed(signed.name, f.xml_break_signature(signed.data, 1), signed.originals)
    if kind == "asic-e":
        return f.Signed(
            signed.name,
            f.replace_in_zip(
                signed.data, "META-INF/signatures0.xml", lambda d: f.xml_break_signature(d, 1)
            ),
        )
    return f.Signed(
        signed.name,
        f.replace_in_zip(
            signed.data, "META-INF/signature.p7s", lambda d: f.cms_break_signature(d, 1)
        ),
    )


def _check(result: FileVerification, expected: list[tuple[Indication, str | None]]) -> None:
    got = [(s.indication, s.sub_indication) for s in result.signatures]
    assert got == expected, [(s.label, s.explanation) for s in result.signatures]


CASES = [
    "valid",
    "content_byte",
    "signed_attribute",
    "untrusted_root",
    "revoked",
    "expired",
    "wrong_original",
    "missing_original",
    "two_signatures",
    PDF_ONLY,
]


def _applicable(kind: str, case: str) -> bool:
    if (kind, case) in NOT_APPLICABLE:
        return False
    if case == PDF_ONLY:
        return kind == "pades"
    if case == "missing_original":
        return kind in ("cades-detached", "xades-detached")
    return True


@pytest.mark.parametrize(
    ("kind", "case"), [(k, c) for k in KINDS for c in CASES if _applicable(k, c)]
)
def test_case(kind: str, case: str, keys: dict[str, SigningKey], verifier: Verifier) -> None:
    signer = keys["signer"]
    expected: list[tuple[Indication, str | None]]
    if case == "valid":
        signed, expected = f.sign(kind, signer), [PASSED]
    elif case == "content_byte":
        signed, expected = _content_tamper(kind)(f.sign(kind, signer)), [HASH]
    elif case == "signed_attribute":
        cms_based = kind in ("pades", "cades-detached", "cades-attached", "asic-s")
        # CMS: the signed attributes are under the signature value; XAdES: the
        # SignedProperties are a signed reference, whose digest no longer matches.
        expected = [SIG_CRYPTO if cms_based else HASH]
        signed = _attribute_tamper(kind)(f.sign(kind, signer))
    elif case == "untrusted_root":
        signed, expected = f.sign(kind, keys["stranger"]), [NO_CHAIN]
    elif case == "revoked":
        signed, expected = f.sign(kind, keys["revoked"]), [REVOKED]
    elif case == "expired":
        signed, expected = f.sign(kind, keys["expired"]), [EXPIRED]
    elif case == "wrong_original":
        good = f.sign(kind, signer)
        signed = f.Signed(good.name, good.data, {k: f.ANNEX for k in good.originals})
        expected = [HASH]
    elif case == "missing_original":
        good = f.sign(kind, signer)
        signed, expected = f.Signed(good.name, good.data, {}), [NOT_FOUND]
    elif case == "two_signatures":
        both = f.sign(kind, signer, co_key=keys["ec_signer"])
        intact = verifier.verify_bytes(both.data, both.name, originals=both.originals)
        _check(intact, [PASSED, PASSED])
        signed, expected = _break_second(kind, both), [PASSED, SIG_CRYPTO]
    else:
        signed = f.Signed("acte.pdf", f.pdf_append_update(f.sign(kind, signer).data))
        expected = [MODIFIED]
    result = verifier.verify_bytes(signed.data, signed.name, originals=signed.originals)
    _check(result, expected)
    if expected != [PASSED]:
        assert not result.all_passed
    if case == "valid":
        sig = result.signatures[0]
        assert [c.status for c in sig.checks] == [
            CheckStatus.TO_CHECK,  # identity: always a person's call
            CheckStatus.TO_CHECK,  # category: a user anchor, not an EU trusted list
            CheckStatus.TO_CHECK if kind.startswith("asic") else CheckStatus.OK,
            CheckStatus.OK,
            CheckStatus.OK,
        ]
        assert sig.signer is not None
        assert sig.signer.siren == "732829320"
        assert sig.qualification.status.value == "not_qualified"
    if case in ("content_byte", "wrong_original"):
        assert result.signatures[0].check(CheckKey.INTEGRITY).status is CheckStatus.FAILED
    if case == PDF_ONLY:
        sig = result.signatures[0]
        assert sig.integrity.intact
        assert sig.integrity.modified_after_signing
        assert sig.check(CheckKey.INTEGRITY).status is CheckStatus.FAILED
    if case == "revoked":
        sig = result.signatures[0]
        assert sig.certificate.revocation.value == "revoked"
        # the claimed signing time is after the revocation date: proven failed check
        assert sig.check(CheckKey.VALIDITY).status is CheckStatus.FAILED


@pytest.mark.parametrize("kind", KINDS)
def test_timestamped(
    kind: str, keys: dict[str, SigningKey], verifier: Verifier, tsa_url: str
) -> None:
    """B-T through a real RFC 3161 server; a timestamp never rescues an expired or
    revoked certificate when it is later than the expiry or the revocation."""
    good = f.sign(kind, keys["signer"], tsa=tsa_url)
    result = verifier.verify_bytes(good.data, good.name, originals=good.originals)
    _check(result, [PASSED])
    sig = result.signatures[0]
    assert sig.level == "B-T"
    assert sig.timestamp is not None
    assert sig.timestamp.valid
    assert sig.best_signature_time == sig.timestamp.time

    expired = f.sign(kind, keys["expired"], tsa=tsa_url)
    result = verifier.verify_bytes(expired.data, expired.name, originals=expired.originals)
    _check(result, [EXPIRED])

    revoked = f.sign(kind, keys["revoked"], tsa=tsa_url)
    result = verifier.verify_bytes(revoked.data, revoked.name, originals=revoked.originals)
    _check(result, [REVOKED])


def test_asic_e_cades_manifest(keys: dict[str, SigningKey], verifier: Verifier) -> None:
    signed = f.asic_e_cades(keys["signer"])
    result = verifier.verify_bytes(signed.data, signed.name)
    _check(result, [PASSED])
    assert set(result.signatures[0].integrity.covered_files) == {"memoire.txt", "annexe.txt"}
    tampered = f.replace_in_zip(signed.data, "annexe.txt", lambda d: d + b" ")
    result = verifier.verify_bytes(tampered, signed.name)
    _check(result, [HASH])
    assert "annexe.txt" in result.signatures[0].integrity.detail


def test_asic_uncovered_file_is_named(keys: dict[str, SigningKey], verifier: Verifier) -> None:
    signed = f.sign("asic-e", keys["signer"])
    extra = [*f.unzip(signed.data), ("ajout-non-signe.txt", b"ajout")]
    result = verifier.verify_bytes(f._zip(extra), signed.name)
    assert any("ajout-non-signe.txt" in p for p in result.problems)
    assert any("ajout-non-signe.txt" in w for w in result.signatures[0].warnings)


def test_nonrepudiation_only_certificate_is_accepted(
    keys: dict[str, SigningKey], verifier: Verifier
) -> None:
    """Qualified certificates often allow nonRepudiation only (signxml's default refuses)."""
    for kind in ("xades-enveloped", "cades-detached", "pades"):
        signed = f.sign(kind, keys["nr_only"])
        result = verifier.verify_bytes(signed.data, signed.name, originals=signed.originals)
        _check(result, [PASSED])
