"""XAdES baseline signatures (B-B, and B-T with a timestamp), built by hand.

signxml cannot sign detached data that is not XML, nor add a signature
timestamp, and it wants the private key in memory.  This builder needs only a
pyHanko ``Signer`` (a PKCS#12 key or a PKCS#11 token alike): it asks it for a
raw signature over the canonical ``SignedInfo``.  The result verifies with
signxml, xmlsec1 and our own verifier (see the tests).

Choices: exclusive canonicalisation everywhere (no dependence on the
surrounding namespaces), SHA-256, SigningCertificateV2, one
DataObjectFormat per signed object, the whole certificate chain in KeyInfo.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from lxml import etree
from pyhanko.sign.signers.pdf_cms import Signer
from pyhanko.sign.timestamps.api import TimeStamper

from app.signature._asn1 import x509 as asn1_x509

__all__ = [
    "ASIC_NS",
    "DS_NS",
    "XADES_NS",
    "DetachedObject",
    "build_xades",
    "wrap_signatures",
]

DS_NS = "http://www.w3.org/2000/09/xmldsig#"
XADES_NS = "http://uri.etsi.org/01903/v1.3.2#"
ASIC_NS = "http://uri.etsi.org/02918/v1.2.1#"
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
ENVELOPED = "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
SIGNED_PROPERTIES_TYPE = "http://uri.etsi.org/01903#SignedProperties"
_SIG_ALGORITHMS = {
    "rsa": "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    "ec": "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256",
}


def _ds(tag: str) -> str:
    return f"{{{DS_NS}}}{tag}"


def _xades(tag: str) -> str:
    return f"{{{XADES_NS}}}{tag}"


def _c14n(element: etree._Element) -> bytes:
    return etree.tostring(element, method="c14n", exclusive=True, with_comments=False)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


@dataclass(frozen=True)
class DetachedObject:
    """A file signed by reference (detached jeton, ASiC-E): its name and bytes."""

    uri: str
    data: bytes
    mime_type: str = "application/octet-stream"


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    node = etree.SubElement(parent, tag, attrib)
    if text is not None:
        node.text = text
    return node


def _reference(
    signed_info: etree._Element, uri: str, digest: bytes, transforms: Sequence[str], **attrib: str
) -> etree._Element:
    ref = _sub(signed_info, _ds("Reference"), URI=uri, **attrib)
    if transforms:
        parent = _sub(ref, _ds("Transforms"))
        for algorithm in transforms:
            _sub(parent, _ds("Transform"), Algorithm=algorithm)
    _sub(ref, _ds("DigestMethod"), Algorithm=SHA256)
    _sub(ref, _ds("DigestValue"), _b64(digest))
    return ref


async def _raw_signature(signer: Signer, data: bytes) -> tuple[str, bytes]:
    cert = signer.signing_cert
    assert cert is not None
    algo = cert.public_key.algorithm
    raw = await signer.async_sign_raw(data, "sha256")
    if algo == "ec":
        # XMLDSig wants r || s, each as long as the curve order, not DER.
        r, s = decode_dss_signature(raw)
        size = (cert.public_key.bit_size + 7) // 8
        raw = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    elif algo != "rsa":
        raise ValueError(f"algorithme de clé non pris en charge pour XAdES : {algo}")
    return _SIG_ALGORITHMS[algo], raw


def _chain(signer: Signer) -> list[asn1_x509.Certificate]:
    leaf = signer.signing_cert
    assert leaf is not None
    others = [c for c in signer.cert_registry if c.sha256 != leaf.sha256]
    return [leaf, *others]


async def build_xades(
    signer: Signer,
    *,
    enveloped_in: etree._Element | None = None,
    detached: Sequence[DetachedObject] = (),
    signing_time: datetime | None = None,
    timestamper: TimeStamper | None = None,
    mime_type: str = "text/xml",
) -> etree._Element:
    """Sign ``enveloped_in`` (the signature is appended to it) or the ``detached`` objects.

    Returns the ``ds:Signature`` element (already inside ``enveloped_in`` when
    enveloped).  With a ``timestamper``, a SignatureTimeStamp makes it XAdES-B-T.
    """
    if (enveloped_in is None) == (not detached):
        raise ValueError("exactly one of enveloped_in / detached")
    token = secrets.token_hex(8)
    sig_id, props_id = f"sig-{token}", f"xades-{token}"
    moment = (signing_time or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    chain = _chain(signer)

    # Digest of the enveloping document before the signature goes in: the
    # enveloped-signature transform removes it again at verification.
    document_digest = (
        hashlib.sha256(_c14n(enveloped_in)).digest() if enveloped_in is not None else b""
    )

    signature = etree.Element(_ds("Signature"), {"Id": sig_id}, nsmap={"ds": DS_NS})
    signed_info = _sub(signature, _ds("SignedInfo"))
    _sub(signed_info, _ds("CanonicalizationMethod"), Algorithm=EXC_C14N)
    method = _sub(signed_info, _ds("SignatureMethod"), Algorithm="")
    formats: list[tuple[str, str]] = []
    if enveloped_in is not None:
        _reference(signed_info, "", document_digest, [ENVELOPED, EXC_C14N], Id=f"ref-{token}-0")
        formats.append((f"#ref-{token}-0", mime_type))
    for index, item in enumerate(detached):
        ref_id = f"ref-{token}-{index}"
        _reference(signed_info, item.uri, hashlib.sha256(item.data).digest(), [], Id=ref_id)
        formats.append((f"#{ref_id}", item.mime_type))
    props_ref = _reference(
        signed_info, f"#{props_id}", b"", [EXC_C14N], Type=SIGNED_PROPERTIES_TYPE
    )
    value = _sub(signature, _ds("SignatureValue"), "", Id=f"value-{token}")
    x509_data = _sub(_sub(signature, _ds("KeyInfo")), _ds("X509Data"))
    for cert in chain:
        _sub(x509_data, _ds("X509Certificate"), _b64(cert.dump()))

    # The xades prefix is declared here, not left to lxml (which would write ns0).
    qualifying = etree.SubElement(
        _sub(signature, _ds("Object")),
        _xades("QualifyingProperties"),
        {"Target": f"#{sig_id}"},
        nsmap={"xades": XADES_NS},
    )
    props = _sub(qualifying, _xades("SignedProperties"), Id=props_id)
    sig_props = _sub(props, _xades("SignedSignatureProperties"))
    _sub(sig_props, _xades("SigningTime"), moment.strftime("%Y-%m-%dT%H:%M:%SZ"))
    cert_node = _sub(_sub(sig_props, _xades("SigningCertificateV2")), _xades("Cert"))
    cert_digest = _sub(cert_node, _xades("CertDigest"))
    _sub(cert_digest, _ds("DigestMethod"), Algorithm=SHA256)
    _sub(cert_digest, _ds("DigestValue"), _b64(hashlib.sha256(chain[0].dump()).digest()))
    data_props = _sub(props, _xades("SignedDataObjectProperties"))
    for reference, mime in formats:
        fmt = _sub(data_props, _xades("DataObjectFormat"), ObjectReference=reference)
        _sub(fmt, _xades("MimeType"), mime)

    if enveloped_in is not None:
        enveloped_in.append(signature)
    props_ref.find(_ds("DigestValue")).text = _b64(hashlib.sha256(_c14n(props)).digest())  # type: ignore[union-attr]

    method.set("Algorithm", _SIG_ALGORITHMS.get(chain[0].public_key.algorithm, ""))
    _, raw = await _raw_signature(signer, _c14n(signed_info))
    value.text = _b64(raw)

    if timestamper is not None:
        imprint = hashlib.sha256(_c14n(value)).digest()
        token_info = await timestamper.async_timestamp(imprint, "sha256")
        unsigned = _sub(
            _sub(qualifying, _xades("UnsignedProperties")), _xades("UnsignedSignatureProperties")
        )
        stamp = _sub(unsigned, _xades("SignatureTimeStamp"), Id=f"ts-{token}")
        _sub(stamp, _ds("CanonicalizationMethod"), Algorithm=EXC_C14N)
        _sub(stamp, _xades("EncapsulatedTimeStamp"), _b64(token_info.dump()))
    return signature


def wrap_signatures(signatures: Sequence[etree._Element]) -> etree._Element:
    """Several detached signatures in one file: the ASiC ``XAdESSignatures`` root."""
    root = etree.Element(f"{{{ASIC_NS}}}XAdESSignatures", nsmap={"asic": ASIC_NS, "ds": DS_NS})
    for signature in signatures:
        root.append(signature)
    return root
