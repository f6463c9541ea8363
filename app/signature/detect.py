"""Recognise what a file is from its bytes, never from its name."""

from __future__ import annotations

import base64
import binascii
import io
import re
import zipfile
from enum import StrEnum

from app.signature._asn1 import cms

__all__ = [
    "DetectedFormat",
    "decode_cms",
    "detect_format",
    "looks_like_pdf",
    "looks_like_xml",
]

DS_NS = b"http://www.w3.org/2000/09/xmldsig#"
ASIC_E_MIME = "application/vnd.etsi.asic-e+zip"
ASIC_S_MIME = "application/vnd.etsi.asic-s+zip"
_B64 = re.compile(rb"^[A-Za-z0-9+/=\s]+$")


class DetectedFormat(StrEnum):
    PDF = "pdf"
    CMS = "cms"
    XML_SIGNED = "xml-signed"
    XML = "xml"
    ASIC_E = "asic-e"
    ASIC_S = "asic-s"
    ZIP = "zip"
    UNKNOWN = "unknown"

    @property
    def label_fr(self) -> str:
        return {
            DetectedFormat.PDF: "PDF",
            DetectedFormat.CMS: "CMS / CAdES",
            DetectedFormat.XML_SIGNED: "XML signé (XAdES)",
            DetectedFormat.XML: "XML sans signature",
            DetectedFormat.ASIC_E: "Conteneur ASiC-E",
            DetectedFormat.ASIC_S: "Conteneur ASiC-S",
            DetectedFormat.ZIP: "Archive ZIP",
            DetectedFormat.UNKNOWN: "Format non reconnu",
        }[self]


def looks_like_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def looks_like_xml(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"<")


def decode_cms(data: bytes) -> cms.ContentInfo | None:
    """A CMS SignedData ContentInfo from DER, PEM or bare base64; None if it is not one."""
    candidates = [data]
    stripped = data.strip()
    if stripped.startswith(b"-----BEGIN"):
        body = b"".join(line for line in stripped.splitlines() if not line.startswith(b"-----"))
        candidates = [body]
    if candidates[0][:1] != b"\x30" and _B64.match(candidates[0][:4096]):
        try:
            candidates = [base64.b64decode(candidates[0], validate=False)]
        except (binascii.Error, ValueError):
            return None
    raw = candidates[0]
    if raw[:1] != b"\x30":
        return None
    try:
        info = cms.ContentInfo.load(raw)
        if info["content_type"].native != "signed_data":
            return None
        info["content"]["signer_infos"]
    except (ValueError, TypeError, KeyError):
        return None
    return info


def _zip_kind(data: bytes) -> DetectedFormat:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            mimetype = ""
            if "mimetype" in names and archive.getinfo("mimetype").file_size < 256:
                mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, OSError, ValueError):
        return DetectedFormat.UNKNOWN
    if mimetype == ASIC_E_MIME:
        return DetectedFormat.ASIC_E
    if mimetype == ASIC_S_MIME:
        return DetectedFormat.ASIC_S
    signature_files = [n for n in names if n.startswith("META-INF/") and "signature" in n.lower()]
    if signature_files:
        data_files = [n for n in names if not n.startswith("META-INF/") and n != "mimetype"]
        return DetectedFormat.ASIC_S if len(data_files) == 1 else DetectedFormat.ASIC_E
    return DetectedFormat.ZIP


def detect_format(data: bytes) -> DetectedFormat:
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if looks_like_pdf(data):
        return DetectedFormat.PDF
    if looks_like_xml(data):
        return DetectedFormat.XML_SIGNED if DS_NS in data else DetectedFormat.XML
    if decode_cms(data) is not None:
        return DetectedFormat.CMS
    return DetectedFormat.UNKNOWN
