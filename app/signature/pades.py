"""PAdES: every signature of a PDF, with the change analysis pyHanko's AdES functions skip.

pyHanko's AdES functions only look at the signed byte range; an incremental
update appended after signing goes unseen there (signature.md, §3.1).  So the
PDF-level analysis always runs too, and anything appended after a signature
other than further signatures and validation data (DSS, document timestamps)
keeps it from TOTAL_PASSED.
"""

from __future__ import annotations

from io import BytesIO
from typing import Any

from pyhanko.pdf_utils.decode_limits import DecodePurpose
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import DEFAULT_DIFF_POLICY, DiffResult, ModificationLevel
from pyhanko.sign.validation import EmbeddedPdfSignature
from pyhanko.sign.validation.ades import (
    AdESBasicValidationResult,
    ades_basic_validation,
    ades_lta_validation,
    ades_with_time_validation,
)
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.errors import NoDSSFoundError, SignatureValidationError
from pyhanko.sign.validation.policy_decl import PdfSignatureValidationSpec
from pyhanko.sign.validation.status import SignatureCoverageLevel

from app.signature._asn1 import crl as asn1_crl
from app.signature._asn1 import ocsp as asn1_ocsp
from app.signature._asn1 import x509 as asn1_x509
from app.signature.cms import _timestamp_info, cms_level
from app.signature.engine import Policy, RawOutcome, engine_sub
from app.signature.errors import SignatureInputError
from app.signature.model import CheckStatus, IntegrityInfo

__all__ = ["pdf_outcomes"]


def _dss(
    reader: PdfFileReader,
) -> tuple[
    list[asn1_crl.CertificateList], list[asn1_ocsp.OCSPResponse], list[asn1_x509.Certificate]
]:
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        return [], [], []
    crls = [
        asn1_crl.CertificateList.load(ref.get_object().read_data(DecodePurpose.CRL))
        for ref in dss.crls
    ]
    ocsps = [
        asn1_ocsp.OCSPResponse.load(ref.get_object().read_data(DecodePurpose.OCSP_RESPONSE))
        for ref in dss.ocsps
    ]
    return crls, ocsps, list(dss.load_certs())


def _level(sig: EmbeddedPdfSignature, has_dss: bool, later_doc_ts: bool) -> str:
    level = cms_level(sig.signer_info)
    if level == "B-B":
        return "B-B"
    if later_doc_ts and has_dss:
        return "B-LTA"
    if has_dss:
        return "B-LT"
    return level


def _signature_field_names(reader: PdfFileReader) -> set[str]:
    return {str(s.field_name) for s in reader.embedded_signatures}


def _modifications(
    sig: EmbeddedPdfSignature, reader: PdfFileReader, revision: int, revisions: int
) -> tuple[bool, str]:
    """(guard, description) of what was appended after this signature."""
    coverage = sig.coverage
    if coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False, "Le document entier (aucune modification après la signature)."
    if coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return True, "Couverture de signature non standard : le fichier a pu être altéré."
    diff = sig.diff_result
    prefix = f"La révision {revision} sur {revisions} du document"
    if not isinstance(diff, DiffResult):
        reason = str(getattr(diff, "args", ("",))[0]) if diff is not None else ""
        reason = reason if len(reason) <= 120 else reason[:117] + "..."
        return True, f"{prefix} ; modifications ultérieures non reconnues ({reason})."
    level = diff.modification_level
    if level == ModificationLevel.LTA_UPDATES:
        return False, f"{prefix} ; ajouts ultérieurs : données de validation uniquement."
    if level == ModificationLevel.NONE:
        return False, f"{prefix} ; aucun contenu modifié ensuite."
    if level == ModificationLevel.FORM_FILLING:
        signature_fields = _signature_field_names(reader)
        others = sorted(set(diff.changed_form_fields) - signature_fields)
        if not others:
            return False, f"{prefix} ; ajouts ultérieurs : d'autres signatures uniquement."
        return True, (
            f"{prefix} ; des champs de formulaire ont été remplis après la signature "
            f"({', '.join(others[:5])})."
        )
    if level == ModificationLevel.ANNOTATIONS:
        return True, f"{prefix} ; des annotations ont été ajoutées après la signature."
    return True, f"{prefix} ; le contenu a été modifié après la signature."


async def pdf_outcomes(data: bytes, policy: Policy) -> list[RawOutcome]:
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = list(reader.embedded_regular_signatures)
        doc_timestamps = list(reader.embedded_timestamp_signatures)
    except (PdfError, ValueError, KeyError) as exc:
        raise SignatureInputError(f"PDF illisible : {exc}") from None
    dss_crls, dss_ocsps, dss_certs = _dss(reader)
    revisions = reader.xrefs.total_revisions
    outcomes = []
    for index, sig in enumerate(signatures):
        policy.check_cancel()
        label = f"Signature {index + 1} (champ « {sig.field_name} »)"
        outcomes.append(
            await _one(
                sig,
                reader,
                policy,
                label,
                (dss_crls, dss_ocsps, dss_certs),
                doc_timestamps,
                revisions,
            )
        )
    return outcomes


async def _one(
    sig: EmbeddedPdfSignature,
    reader: PdfFileReader,
    policy: Policy,
    label: str,
    dss: tuple[
        list[asn1_crl.CertificateList], list[asn1_ocsp.OCSPResponse], list[asn1_x509.Certificate]
    ],
    doc_timestamps: list[EmbeddedPdfSignature],
    revisions: int,
) -> RawOutcome:
    crls, ocsps, dss_certs = dss
    try:
        sig.compute_integrity_info(diff_policy=DEFAULT_DIFF_POLICY)  # type: ignore[no-untyped-call]
        guard, coverage = _modifications(sig, reader, sig.signed_revision + 1, revisions)
    except (SignatureValidationError, PdfError, ValueError) as exc:
        guard, coverage = True, f"Analyse des modifications impossible : {exc}"
    later_ts = any(ts.signed_revision > sig.signed_revision for ts in doc_timestamps)
    level = _level(sig, bool(crls or ocsps), later_ts)
    signer_cert: asn1_x509.Certificate | None
    try:
        signer_cert = sig.signer_cert
        others = list(sig.other_embedded_certs) + dss_certs
    except Exception:  # no usable signer certificate: reported as such below
        signer_cert, others = None, dss_certs
    spec = policy.spec(policy.knowledge(crls, ocsps, others))
    timing = policy.timing()
    try:
        if level == "B-LTA":
            result: AdESBasicValidationResult[Any] = await ades_lta_validation(
                sig, PdfSignatureValidationSpec(spec), timing_info=timing
            )
        elif level == "B-B":
            result = await ades_basic_validation(
                sig.signed_data, spec, raw_digest=sig.compute_digest(), timing_info=timing
            )
        else:
            result = await ades_with_time_validation(
                sig.signed_data, spec, raw_digest=sig.compute_digest(), timing_info=timing
            )
        sub = engine_sub(result.ades_subindic)
        status = result.api_status
        message = result.failure_msg
        timestamp = _timestamp_info(result, sig.signer_info)
    except (SignatureValidationError, ValueError) as exc:
        sub, status, message, timestamp = "FORMAT_FAILURE", None, str(exc), None
    intact = status.intact if status is not None else None
    valid = status.valid if status is not None else None
    if sub == "HASH_FAILURE":
        intact = False
    if sub == "SIG_CRYPTO_FAILURE":
        valid = False
    if sub == "FORMAT_FAILURE":
        intact = valid = False
    detail = (
        "Empreinte et valeur de signature vérifiées."
        if intact and valid
        else "La partie signée a été altérée : l'empreinte ou la valeur de signature ne "
        "correspond plus."
    )
    if guard and intact and valid:
        detail = "La partie signée est intacte, mais le fichier a été modifié après la signature."
    subfilter = str(sig.sig_object.get("/SubFilter", ""))
    format_note = f"PAdES-{level} (signature PDF intégrée, {subfilter.lstrip('/')})"
    return RawOutcome(
        label=label,
        format="PAdES",
        level=level,
        packaging="signature intégrée au PDF",
        sub=sub,
        integrity=IntegrityInfo(
            intact=intact,
            signature_value_ok=valid,
            coverage=coverage,
            modified_after_signing=guard,
            detail=detail,
        ),
        signer_cert=signer_cert,
        other_certs=others,
        claimed_time=sig.self_reported_timestamp,
        timestamp=timestamp,
        embedded_crls=crls,
        embedded_ocsps=ocsps,
        format_status=CheckStatus.OK,
        format_note=format_note,
        message=message,
        modification_guard=guard,
    )
