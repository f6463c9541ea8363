"""Signing: PAdES for PDFs, detached (or attached) CAdES for any file, XAdES for XML.

Keys come from a PKCS#12 file (the password is passed in by the caller for
this one call, never stored, never logged) or from a PKCS#11 token (PIN).
Baseline B offline; B-T when a timestamp authority URL is configured.

Typical use from a background task::

    with load_pkcs12(Path("moi.p12"), password) as key:
        result = sign_file(Path("offre.pdf"), key, SignOptions(), out=Path("offre-signée.pdf"))
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from io import BytesIO
from pathlib import Path
from typing import Any

from lxml import etree
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_cms import PdfCMSSignedAttributes, Signer
from pyhanko.sign.timestamps.api import TimeStamper
from pyhanko.sign.timestamps.requests_client import RequestsHTTPTimeStamper

from app import messages
from app.errors import Interrupted, translatable
from app.signature._asn1 import x509 as asn1_x509
from app.signature.detect import looks_like_pdf, looks_like_xml
from app.signature.errors import KeyAccessError, SigningError, TimestampError
from app.signature.xades_sign import DetachedObject, build_xades
from app.storage.atomic import atomic_write_bytes
from app.validation import CancelToken

__all__ = [
    "SignFormat",
    "SignOptions",
    "SignedOutput",
    "SigningKey",
    "load_pkcs12",
    "open_pkcs11",
    "sign_bytes",
    "sign_file",
]

log = logging.getLogger("dume.signature.sign")


class SignFormat(StrEnum):
    PADES = "pades"
    CADES = "cades"
    XADES = "xades"


@dataclass(frozen=True)
class SignOptions:
    #: None: PAdES for a PDF, XAdES enveloped for XML, detached CAdES otherwise
    format: SignFormat | None = None
    #: XAdES only: "enveloped" (inside the XML) or "detached" (a separate jeton)
    xades_packaging: str = "enveloped"
    #: CAdES only: True gives a .p7m holding the file, False a detached .p7s
    cades_attached: bool = False
    #: RFC 3161 timestamp authority: B-T level when set (needs a network)
    tsa_url: str | None = None
    signing_time: datetime | None = None
    reason: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class SignedOutput:
    data: bytes
    format: SignFormat
    level: str
    suggested_name: str
    sha256: str
    signer_subject: str


class SigningKey:
    """A pyHanko signer plus what must be closed after use (a PKCS#11 session)."""

    def __init__(self, signer: Signer, description: str, session: Any = None) -> None:
        self.signer = signer
        self.description = description
        self._session = session

    @property
    def certificate(self) -> asn1_x509.Certificate:
        cert = self.signer.signing_cert
        assert cert is not None
        return cert

    def close(self) -> None:
        if self._session is not None:
            self._session.close()
            self._session = None

    def __enter__(self) -> SigningKey:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def load_pkcs12(source: Path | bytes, password: str) -> SigningKey:
    """Open a PKCS#12 (.p12/.pfx) file; the password is used once and forgotten."""
    try:
        data = source if isinstance(source, bytes) else Path(source).read_bytes()
    except OSError as exc:
        raise KeyAccessError(f"Fichier de certificat illisible ({exc.strerror}).") from None
    try:
        signer = signers.SimpleSigner.load_pkcs12_data(
            data, other_certs=[], passphrase=password.encode("utf-8")
        )
    except ValueError:
        raise translatable(KeyAccessError(""), messages.WRONG_PASSWORD) from None
    if signer.signing_cert is None:
        raise KeyAccessError("Le fichier PKCS#12 ne contient pas de certificat de signature.")
    return SigningKey(signer, f"PKCS#12 : {signer.signing_cert.subject.human_friendly}")


def open_pkcs11(
    module: str,
    pin: str,
    *,
    token_label: str | None = None,
    key_label: str | None = None,
    cert_label: str | None = None,
) -> SigningKey:
    """Open a smart card or token through its vendor's PKCS#11 module."""
    from pyhanko.config.pkcs11 import TokenCriteria
    from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

    try:
        session = open_pkcs11_session(
            module,
            token_criteria=TokenCriteria(label=token_label) if token_label else None,
            user_pin=pin,
        )
    except Exception as exc:  # python-pkcs11 raises many unrelated types
        raise KeyAccessError(
            "Impossible d'ouvrir la carte ou le jeton : code PIN incorrect, jeton absent "
            "ou module PKCS#11 invalide.",
            hint=f"({type(exc).__name__})",
        ) from None
    try:
        # other_certs_to_pull=None: take every certificate on the token, so the
        # intermediate CAs travel with the signature.
        signer = PKCS11Signer(
            session,
            cert_label=cert_label or key_label,
            key_label=key_label or cert_label,
            other_certs_to_pull=None,
        )
        cert = signer.signing_cert
    except Exception as exc:
        session.close()
        raise KeyAccessError(
            "Le jeton ne contient pas la clé ou le certificat demandé.",
            hint=f"({type(exc).__name__})",
        ) from None
    assert cert is not None
    return SigningKey(signer, f"PKCS#11 : {cert.subject.human_friendly}", session)


def _timestamper(options: SignOptions) -> TimeStamper | None:
    if not options.tsa_url:
        return None
    return RequestsHTTPTimeStamper(options.tsa_url, timeout=20)  # type: ignore[no-untyped-call]


def _auto_format(data: bytes, options: SignOptions) -> SignFormat:
    if options.format is not None:
        return options.format
    if looks_like_pdf(data):
        return SignFormat.PADES
    if looks_like_xml(data):
        return SignFormat.XADES
    return SignFormat.CADES


async def _sign_pdf(data: bytes, key: SigningKey, options: SignOptions) -> bytes:
    try:
        writer = IncrementalPdfFileWriter(BytesIO(data), strict=False)
    except (PdfError, ValueError) as exc:
        raise SigningError(f"PDF illisible, signature impossible : {exc}") from None
    existing = {name for name, _, _ in fields.enumerate_sig_fields(writer.prev)}
    number = 1
    while f"Signature{number}" in existing:
        number += 1
    meta = signers.PdfSignatureMetadata(
        field_name=f"Signature{number}",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=options.reason,
        location=options.location,
    )
    pdf_signer = signers.PdfSigner(meta, signer=key.signer, timestamper=_timestamper(options))
    out = BytesIO()
    await pdf_signer.async_sign_pdf(writer, output=out)
    return out.getvalue()


async def _sign_cms(data: bytes, key: SigningKey, options: SignOptions) -> bytes:
    content_info = await key.signer.async_sign_general_data(
        data,
        "sha256",
        detached=not options.cades_attached,
        use_cades=True,
        timestamper=_timestamper(options),
        signed_attr_settings=(
            PdfCMSSignedAttributes(signing_time=options.signing_time)
            if options.signing_time
            else None
        ),
    )
    return bytes(content_info.dump())


async def _sign_xml(data: bytes, name: str, key: SigningKey, options: SignOptions) -> bytes:
    stamper = _timestamper(options)
    if options.xades_packaging == "detached":
        mime = "text/xml" if looks_like_xml(data) else _guess_mime(name)
        signature = await build_xades(
            key.signer,
            detached=[DetachedObject(Path(name).name, data, mime)],
            signing_time=options.signing_time,
            timestamper=stamper,
        )
        return etree.tostring(signature, xml_declaration=True, encoding="UTF-8")
    if not looks_like_xml(data):
        raise SigningError(
            "XAdES enveloppé demande un fichier XML ; choisissez XAdES détaché ou CAdES."
        )
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_blank_text=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise SigningError(f"XML illisible, signature impossible : {exc}") from None
    await build_xades(
        key.signer, enveloped_in=root, signing_time=options.signing_time, timestamper=stamper
    )
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _guess_mime(name: str) -> str:
    import mimetypes

    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _suggested_name(name: str, fmt: SignFormat, options: SignOptions) -> str:
    path = Path(name)
    if fmt is SignFormat.PADES:
        return f"{path.stem}-signé{path.suffix or '.pdf'}"
    if fmt is SignFormat.CADES:
        return f"{path.name}.p7m" if options.cades_attached else f"{path.name}.p7s"
    if options.xades_packaging == "detached":
        return f"{path.name}.xades.xml"
    return f"{path.stem}-signé{path.suffix or '.xml'}"


def sign_bytes(
    data: bytes,
    key: SigningKey,
    options: SignOptions | None = None,
    *,
    file_name: str = "document",
    cancel: CancelToken | None = None,
) -> SignedOutput:
    """Sign ``data``; the signature is produced in memory, nothing is written."""
    options = options or SignOptions()
    fmt = _auto_format(data, options)
    if fmt is SignFormat.PADES and not looks_like_pdf(data):
        raise SigningError("PAdES ne s'applique qu'aux fichiers PDF ; choisissez CAdES.")
    if cancel is not None:
        cancel.check()
    try:
        if fmt is SignFormat.PADES:
            signed = asyncio.run(_sign_pdf(data, key, options))
        elif fmt is SignFormat.CADES:
            signed = asyncio.run(_sign_cms(data, key, options))
        else:
            signed = asyncio.run(_sign_xml(data, file_name, key, options))
    except (SigningError, Interrupted):
        raise
    except Exception as exc:
        if options.tsa_url and _looks_like_tsa_failure(exc):
            raise TimestampError(
                "L'autorité d'horodatage ne répond pas ou refuse la demande.",
                hint="Réessayez plus tard ou signez sans horodatage (niveau B).",
            ) from None
        log.exception("signing failed")
        raise SigningError(f"La signature a échoué : {type(exc).__name__}.") from None
    level = "B-T" if options.tsa_url else "B-B"
    log.info("signed %s as %s-%s", file_name, fmt.value, level)
    return SignedOutput(
        data=signed,
        format=fmt,
        level=level,
        suggested_name=_suggested_name(file_name, fmt, options),
        sha256=hashlib.sha256(signed).hexdigest(),
        signer_subject=key.certificate.subject.human_friendly,
    )


def _looks_like_tsa_failure(exc: BaseException) -> bool:
    from pyhanko.sign.general import SigningError as PyHankoSigningError
    from pyhanko.sign.timestamps.common_utils import TimestampRequestError

    while exc is not None:
        if isinstance(exc, TimestampRequestError | PyHankoSigningError | OSError):
            return True
        if type(exc).__module__.startswith(("requests", "urllib3")):
            return True
        exc = exc.__cause__ or exc.__context__  # type: ignore[assignment]
    return False


def sign_file(
    path: Path,
    key: SigningKey,
    options: SignOptions | None = None,
    *,
    out: Path | None = None,
    cancel: CancelToken | None = None,
) -> tuple[Path, SignedOutput]:
    """Sign a file and write the result atomically (beside it unless ``out`` is given)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SigningError(f"{path.name} : lecture impossible ({exc.strerror}).") from None
    result = sign_bytes(data, key, options, file_name=path.name, cancel=cancel)
    target = out if out is not None else path.with_name(result.suggested_name)
    if target.resolve() == path.resolve():
        raise SigningError("Le fichier signé ne peut pas remplacer l'original.")
    atomic_write_bytes(target, result.data)
    return target, result


@contextmanager
def signing_key_from_pkcs12(path: Path, password: str) -> Iterator[SigningKey]:
    key = load_pkcs12(path, password)
    try:
        yield key
    finally:
        key.close()
