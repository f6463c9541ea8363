"""Signed test files of every format, and the ways to break them.

Everything is produced by the app's own signing code (PAdES, CAdES, XAdES)
with the test PKI; ASiC containers are assembled here from the same XAdES /
CAdES signatures (the app verifies ASiC but does not create it).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from io import BytesIO

from asn1crypto import cms
from lxml import etree
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from reportlab.pdfgen import canvas

from app.signature.sign import SignFormat, SigningKey, SignOptions, sign_bytes
from app.signature.xades_sign import DetachedObject, build_xades, wrap_signatures

PRICE = b"12345"
TAMPERED_PRICE = b"12346"


def make_pdf() -> bytes:
    buffer = BytesIO()
    page = canvas.Canvas(buffer, pageCompression=0)
    page.drawString(100, 700, f"Acte d'engagement - prix total : {PRICE.decode()} EUR HT")
    page.save()
    return buffer.getvalue()


XML_DOC = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<Offre xmlns="urn:dume:test"><Lot id="LOT-0001"><Prix devise="EUR">' + PRICE + b"</Prix>"
    b"<Objet>R\xc3\xa9fection de l'\xc3\xa9cole</Objet></Lot></Offre>"
)
TEXT_DOC = b"Memoire technique\nPrix : " + PRICE + b" EUR\n"
ANNEX = b"Annexe financiere : " + PRICE + b"\n"

ASIC_E_MIME = b"application/vnd.etsi.asic-e+zip"
ASIC_S_MIME = b"application/vnd.etsi.asic-s+zip"


@dataclass
class Signed:
    name: str
    data: bytes
    originals: dict[str, bytes] = field(default_factory=dict)


def _zip(entries: list[tuple[str, bytes]]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            method = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), data, method)
    return buffer.getvalue()


def unzip(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def replace_in_zip(data: bytes, name: str, change: object) -> bytes:
    entries = unzip(data)
    return _zip([(n, change(d) if n == name else d) for n, d in entries])  # type: ignore[operator]


def _xades_detached(
    key: SigningKey, objects: list[DetachedObject], tsa: str | None
) -> etree._Element:
    from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

    stamper = RequestsHTTPTimeStamper(tsa) if tsa else None
    return asyncio.run(build_xades(key.signer, detached=objects, timestamper=stamper))


def sign(
    kind: str, key: SigningKey, *, tsa: str | None = None, co_key: SigningKey | None = None
) -> Signed:
    """A signed file of ``kind``; with ``co_key`` a second, parallel signature."""
    options = SignOptions(tsa_url=tsa)
    if kind == "pades":
        pdf = sign_bytes(make_pdf(), key, options).data
        if co_key is not None:
            pdf = sign_bytes(pdf, co_key, options).data
        return Signed("acte.pdf", pdf)
    if kind in ("cades-detached", "cades-attached"):
        attached = kind == "cades-attached"
        opts = SignOptions(format=SignFormat.CADES, cades_attached=attached, tsa_url=tsa)
        out = sign_bytes(TEXT_DOC, key, opts, file_name="memoire.txt").data
        if co_key is not None:
            second = sign_bytes(TEXT_DOC, co_key, opts, file_name="memoire.txt").data
            out = merge_cms(out, second)
        name = "memoire.txt.p7m" if attached else "memoire.txt.p7s"
        return Signed(name, out, {} if attached else {"memoire.txt": TEXT_DOC})
    if kind == "xades-enveloped":
        out = sign_bytes(XML_DOC, key, SignOptions(format=SignFormat.XADES, tsa_url=tsa)).data
        return Signed("offre.xml", out)
    if kind == "xades-detached":
        objects = [DetachedObject("acte.pdf", make_pdf(), "application/pdf")]
        signatures = [_xades_detached(key, objects, tsa)]
        if co_key is not None:
            signatures.append(_xades_detached(co_key, objects, tsa))
        root = wrap_signatures(signatures) if co_key is not None else signatures[0]
        data = etree.tostring(root, xml_declaration=True, encoding="UTF-8")
        return Signed("acte.pdf.xades.xml", data, {"acte.pdf": objects[0].data})
    if kind == "asic-e":
        files = [("memoire.txt", TEXT_DOC), ("annexe financiere.txt", ANNEX)]
        objects = [
            DetachedObject(name.replace(" ", "%20"), data, "text/plain") for name, data in files
        ]
        signatures = [_xades_detached(key, objects, tsa)]
        if co_key is not None:
            signatures.append(_xades_detached(co_key, objects, tsa))
        sig_xml = etree.tostring(
            wrap_signatures(signatures), xml_declaration=True, encoding="UTF-8"
        )
        manifest = (
            b'<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest '
            b'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            b'<manifest:file-entry manifest:full-path="/" manifest:media-type="'
            + ASIC_E_MIME
            + b'"/>'
            + b"".join(
                b'<manifest:file-entry manifest:full-path="' + n.encode() + b'" '
                b'manifest:media-type="text/plain"/>'
                for n, _ in files
            )
            + b"</manifest:manifest>"
        )
        entries = [("mimetype", ASIC_E_MIME), *files]
        entries += [("META-INF/manifest.xml", manifest), ("META-INF/signatures0.xml", sig_xml)]
        return Signed("offre.asice", _zip(entries))
    if kind == "asic-s":
        opts = SignOptions(format=SignFormat.CADES, tsa_url=tsa)
        p7s = sign_bytes(TEXT_DOC, key, opts).data
        if co_key is not None:
            p7s = merge_cms(p7s, sign_bytes(TEXT_DOC, co_key, opts).data)
        entries = [
            ("mimetype", ASIC_S_MIME),
            ("memoire.txt", TEXT_DOC),
            ("META-INF/signature.p7s", p7s),
        ]
        return Signed("memoire.asics", _zip(entries))
    raise ValueError(kind)


def asic_e_cades(key: SigningKey) -> Signed:
    """ASiC-E with a CAdES signature over an ASiCManifest listing two files."""
    import base64
    import hashlib

    files = [("memoire.txt", TEXT_DOC), ("annexe.txt", ANNEX)]
    refs = b"".join(
        b'<asic:DataObjectReference URI="' + n.encode() + b'" MimeType="text/plain">'
        b'<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>'
        b"<ds:DigestValue>" + base64.b64encode(hashlib.sha256(d).digest()) + b"</ds:DigestValue>"
        b"</asic:DataObjectReference>"
        for n, d in files
    )
    manifest = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<asic:ASiCManifest xmlns:asic="http://uri.etsi.org/02918/v1.2.1#" '
        b'xmlns:ds="http://www.w3.org/2000/09/xmldsig#">'
        b'<asic:SigReference URI="META-INF/signature001.p7s" MimeType="application/pkcs7-signature"/>'
        + refs
        + b"</asic:ASiCManifest>"
    )
    p7s = sign_bytes(manifest, key, SignOptions(format=SignFormat.CADES)).data
    entries = [("mimetype", ASIC_E_MIME), *files]
    entries += [("META-INF/ASiCManifest001.xml", manifest), ("META-INF/signature001.p7s", p7s)]
    return Signed("offre-cades.asice", _zip(entries))


# ---------------------------------------------------------------- CMS surgery
def merge_cms(first: bytes, second: bytes) -> bytes:
    """Two CMS signatures over the same content as one SignedData (parallel signers)."""
    a = cms.ContentInfo.load(first)
    b = cms.ContentInfo.load(second)
    sd_a, sd_b = a["content"], b["content"]
    certs = list(sd_a["certificates"]) + [
        c for c in sd_b["certificates"] if c.dump() not in {x.dump() for x in sd_a["certificates"]}
    ]
    merged = cms.SignedData(
        {
            "version": sd_a["version"],
            "digest_algorithms": sd_a["digest_algorithms"],
            "encap_content_info": sd_a["encap_content_info"],
            "certificates": certs,
            "signer_infos": list(sd_a["signer_infos"]) + list(sd_b["signer_infos"]),
        }
    )
    return cms.ContentInfo({"content_type": "signed_data", "content": merged}).dump()


def _edit_cms(data: bytes, edit: object) -> bytes:
    info = cms.ContentInfo.load(data)
    edit(info["content"])  # type: ignore[operator]
    return info.dump(force=True)


def cms_break_signature(data: bytes, index: int = 0) -> bytes:
    def edit(sd: cms.SignedData) -> None:
        signer = sd["signer_infos"][index]
        value = bytearray(signer["signature"].native)
        value[len(value) // 2] ^= 0x01
        signer["signature"] = bytes(value)

    return _edit_cms(data, edit)


def cms_change_signing_time(data: bytes, index: int = 0) -> bytes:
    def edit(sd: cms.SignedData) -> None:
        signer = sd["signer_infos"][index]
        attrs = list(signer["signed_attrs"])
        for attr in attrs:
            if attr["type"].native == "signing_time":
                moment = attr["values"][0].native - dt.timedelta(days=3)
                attr["values"] = [cms.Time({"utc_time": moment})]
                return
        # PAdES carries no signing-time attribute: add one (a change all the same)
        moment = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
        attrs.append(
            cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": moment})]})
        )
        signer["signed_attrs"] = cms.CMSAttributes(attrs)

    return _edit_cms(data, edit)


def cms_change_content(data: bytes) -> bytes:
    return data.replace(PRICE, TAMPERED_PRICE, 1)


# ---------------------------------------------------------------- PDF surgery
def _contents_span(pdf: bytes, index: int) -> tuple[int, int]:
    """Byte span of the index-th signature's /Contents hex string."""
    import re

    ranges = [
        tuple(int(x) for x in m.groups())
        for m in re.finditer(rb"/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]", pdf)
    ]
    start, length, second, _ = ranges[index]
    return start + length + 1, second - 1  # inside the < > delimiters


def pdf_edit_cms(pdf: bytes, edit: object, index: int = 0) -> bytes:
    begin, end = _contents_span(pdf, index)
    hex_text = pdf[begin:end]
    der = bytes.fromhex(hex_text.decode())
    info = cms.ContentInfo.load(der)
    changed = edit(info.dump())  # type: ignore[operator]
    assert changed != info.dump()
    new_hex = changed.hex().encode()
    assert len(new_hex) <= len(hex_text)
    new_hex = new_hex + b"0" * (len(hex_text) - len(new_hex))
    return pdf[:begin] + new_hex + pdf[end:]


def pdf_change_content(pdf: bytes) -> bytes:
    assert PRICE in pdf
    return pdf.replace(PRICE, TAMPERED_PRICE, 1)


def pdf_append_update(pdf: bytes) -> bytes:
    """An incremental update after signing that adds text to the page (a real attack)."""
    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    page_ref = writer.root["/Pages"]["/Kids"][0]
    page = page_ref.get_object()
    stream = generic.StreamObject(
        stream_data=b"BT /F1 18 Tf 100 650 Td (Prix corrige : 1 EUR) Tj ET"
    )
    stream_ref = writer.add_object(stream)
    contents = page["/Contents"]
    page["/Contents"] = generic.ArrayObject([contents, stream_ref])
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


# ---------------------------------------------------------------- XML surgery
DS = "{http://www.w3.org/2000/09/xmldsig#}"
XADES = "{http://uri.etsi.org/01903/v1.3.2#}"


def xml_edit(data: bytes, edit: object) -> bytes:
    root = etree.fromstring(data)
    edit(root)  # type: ignore[operator]
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def xml_change_signing_time(data: bytes) -> bytes:
    def edit(root: etree._Element) -> None:
        node = next(root.iter(f"{XADES}SigningTime"))
        node.text = "2020-01-01T00:00:00Z"

    return xml_edit(data, edit)


def xml_break_signature(data: bytes, index: int) -> bytes:
    import base64

    def edit(root: etree._Element) -> None:
        node = list(root.iter(f"{DS}SignatureValue"))[index]
        raw = bytearray(base64.b64decode(node.text or ""))
        raw[len(raw) // 2] ^= 0x01
        node.text = base64.b64encode(bytes(raw)).decode()

    return xml_edit(data, edit)
