"""CAdES / CMS signatures (.p7s detached, .p7m attached), through pyHanko's AdES engine.

Each SignerInfo is validated on its own (parallel signatures).  The AdES
function is picked by level, as pyHanko requires: basic validation for B-B,
validation with time for B-T and above (its LTA function is PDF-only).
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any

from pyhanko.sign.general import CMSExtractionError, extract_certificate_info
from pyhanko.sign.validation import generic_cms
from pyhanko.sign.validation.ades import (
    AdESBasicValidationResult,
    ades_basic_validation,
    ades_with_time_validation,
)
from pyhanko.sign.validation.status import TimestampSignatureStatus

from app.signature._asn1 import cms, core, tsp
from app.signature._asn1 import crl as asn1_crl
from app.signature._asn1 import x509 as asn1_x509
from app.signature.engine import Policy, RawOutcome, engine_sub
from app.signature.model import CheckStatus, IntegrityInfo, TimestampInfo

__all__ = ["cms_outcomes", "outcome_for_signed_data"]

_ATTR_LEVELS = {
    "1.2.840.113549.1.9.16.2.14": "T",  # signature-time-stamp-token
    "1.2.840.113549.1.9.16.2.24": "LT",  # revocation-values
    "0.4.0.1733.2.4": "LTA",  # archive-time-stamp-v3
}
_ORDER = {"B": 0, "T": 1, "LT": 2, "LTA": 3}


def cms_level(signer_info: cms.SignerInfo) -> str:
    level = "B"
    unsigned = signer_info["unsigned_attrs"]
    if unsigned.native is None:
        return "B-B"
    for attr in unsigned:
        found = _ATTR_LEVELS.get(attr["type"].dotted)
        if found and _ORDER[found] > _ORDER[level]:
            level = found
    return f"B-{level}" if level != "B" else "B-B"


def _has_signing_certificate_attr(signer_info: cms.SignerInfo) -> bool:
    signed = signer_info["signed_attrs"]
    if signed.native is None:
        return False
    names = {attr["type"].native for attr in signed}
    return bool(names & {"signing_certificate", "signing_certificate_v2"})


def embedded_tst_time(signer_info: cms.SignerInfo) -> tuple[datetime, str] | None:
    """genTime and TSA of the signature timestamp, without judging it (report only)."""
    unsigned = signer_info["unsigned_attrs"]
    if unsigned.native is None:
        return None
    for attr in unsigned:
        if attr["type"].native == "signature_time_stamp_token":
            token = attr["values"][0]
            content = token["content"]["encap_content_info"]["content"]
            info = tsp.TSTInfo.load(content.parsed.dump()) if hasattr(content, "parsed") else None
            if info is None:
                return None
            tsa = info["tsa"]
            return info["gen_time"].native, (tsa.native if tsa.native else "")
    return None


def _single(signed_data: cms.SignedData, signer_info: cms.SignerInfo) -> cms.SignedData:
    copy = signed_data.copy()
    copy["signer_infos"] = cms.SignerInfos([signer_info])
    return copy


def _crls(signed_data: cms.SignedData) -> list[asn1_crl.CertificateList]:
    found: list[asn1_crl.CertificateList] = []
    crls = signed_data["crls"]
    if crls.native is None:
        return found
    for choice in crls:
        if choice.name == "crl":
            found.append(choice.chosen)
    return found


def _certs(
    signed_data: cms.SignedData,
) -> tuple[asn1_x509.Certificate | None, list[asn1_x509.Certificate]]:
    try:
        info = extract_certificate_info(signed_data)
    except CMSExtractionError:
        others = (
            [c.chosen for c in signed_data["certificates"] if c.name == "certificate"]
            if signed_data["certificates"].native is not None
            else []
        )
        return None, others
    return info.signer_cert, list(info.other_certs)


def _timestamp_info(
    result: AdESBasicValidationResult[Any], signer_info: cms.SignerInfo
) -> TimestampInfo | None:
    status = result.api_status
    ts = getattr(status, "timestamp_validity", None) if status is not None else None
    if isinstance(ts, TimestampSignatureStatus):
        return TimestampInfo(
            time=ts.timestamp,
            tsa=ts.signing_cert.subject.human_friendly,
            valid=bool(ts.intact and ts.valid and ts.trusted),
            detail="Horodatage vérifié (intégrité, signature et chaîne de l'autorité).",
        )
    claimed = embedded_tst_time(signer_info)
    if claimed is not None:
        return TimestampInfo(
            time=claimed[0],
            tsa=str(claimed[1]),
            valid=False,
            detail="Horodatage présent mais non validé.",
        )
    return None


async def outcome_for_signed_data(
    signed_data: cms.SignedData,
    policy: Policy,
    *,
    raw_digest: bytes | None,
    label: str,
    format_name: str,
    packaging: str,
    coverage: str,
    extra_crls: list[asn1_crl.CertificateList] | None = None,
) -> RawOutcome:
    """One SignerInfo through pyHanko's AdES engine (basic or with time)."""
    signer_info = signed_data["signer_infos"][0]
    level = cms_level(signer_info)
    signer_cert, others = _certs(signed_data)
    embedded = _crls(signed_data) + list(extra_crls or [])
    spec = policy.spec(policy.knowledge(embedded, [], others))
    timing = policy.timing()
    result: AdESBasicValidationResult[Any]
    if level == "B-B":
        result = await ades_basic_validation(
            signed_data, spec, raw_digest=raw_digest, timing_info=timing
        )
    else:
        result = await ades_with_time_validation(
            signed_data, spec, raw_digest=raw_digest, timing_info=timing
        )
    sub = engine_sub(result.ades_subindic)
    status = result.api_status
    intact = status.intact if status is not None else None
    valid = status.valid if status is not None else None
    if sub == "HASH_FAILURE":
        intact = False
    if sub == "SIG_CRYPTO_FAILURE":
        valid = False
    if sub == "FORMAT_FAILURE":
        intact = valid = False
    detail = {
        (True, True): "Empreinte du contenu et valeur de signature vérifiées.",
        (False, True): "L'empreinte du contenu ne correspond pas à celle signée.",
        (False, False): "L'empreinte du contenu ne correspond pas à celle signée.",
        (True, False): "La valeur de signature ne correspond pas aux attributs signés.",
    }.get((bool(intact), bool(valid)), "Intégrité non évaluée.")
    has_attr = _has_signing_certificate_attr(signer_info)
    return RawOutcome(
        label=label,
        format=format_name,
        level=level,
        packaging=packaging,
        sub=sub,
        integrity=IntegrityInfo(
            intact=intact, signature_value_ok=valid, coverage=coverage, detail=detail
        ),
        signer_cert=signer_cert,
        other_certs=others,
        claimed_time=generic_cms.extract_self_reported_ts(signer_info),
        timestamp=_timestamp_info(result, signer_info),
        embedded_crls=embedded,
        format_status=CheckStatus.OK if has_attr else CheckStatus.TO_CHECK,
        format_note=(
            f"{format_name}-{level} ({packaging})"
            if has_attr
            else f"CMS/PKCS#7 sans attribut signing-certificate ({packaging}) : pas "
            f"{format_name} au sens strict — à apprécier."
        ),
        message=result.failure_msg,
    )


async def cms_outcomes(
    content_info: cms.ContentInfo,
    policy: Policy,
    *,
    original: bytes | None,
    original_name: str | None,
) -> list[RawOutcome]:
    """Every SignerInfo of a .p7s / .p7m."""
    signed_data: cms.SignedData = content_info["content"]
    encap = signed_data["encap_content_info"]["content"]
    attached = encap is not None and not isinstance(encap, core.Void) and encap.native is not None
    outcomes = []
    for index, signer_info in enumerate(signed_data["signer_infos"]):
        policy.check_cancel()
        single = _single(signed_data, signer_info)
        label = f"Signature {index + 1}"
        if attached:
            packaging = "CAdES enveloppant (.p7m)"
            coverage = f"Le contenu encapsulé ({len(encap.native)} octets)."
            outcomes.append(
                await outcome_for_signed_data(
                    single,
                    policy,
                    raw_digest=None,
                    label=label,
                    format_name="CAdES",
                    packaging=packaging,
                    coverage=coverage,
                )
            )
            continue
        packaging = "CAdES détaché (.p7s)"
        if original is None:
            outcomes.append(await _missing_original(single, policy, label, packaging))
            continue
        algorithm = signer_info["digest_algorithm"]["algorithm"].native
        digest = hashlib.new(algorithm, original).digest()
        coverage = f"Le fichier original {original_name or ''} ({len(original)} octets).".replace(
            "  ", " "
        )
        outcomes.append(
            await outcome_for_signed_data(
                single,
                policy,
                raw_digest=digest,
                label=label,
                format_name="CAdES",
                packaging=packaging,
                coverage=coverage,
            )
        )
    return outcomes


async def _missing_original(
    signed_data: cms.SignedData, policy: Policy, label: str, packaging: str
) -> RawOutcome:
    signer_info = signed_data["signer_infos"][0]
    signer_cert, others = _certs(signed_data)
    return RawOutcome(
        label=label,
        format="CAdES",
        level=cms_level(signer_info),
        packaging=packaging,
        sub="SIGNED_DATA_NOT_FOUND",
        integrity=IntegrityInfo(
            intact=None,
            signature_value_ok=None,
            coverage="Fichier original non fourni.",
            detail="Signature détachée : fournissez le fichier original pour vérifier l'intégrité.",
        ),
        signer_cert=signer_cert,
        other_certs=others,
        claimed_time=generic_cms.extract_self_reported_ts(signer_info),
        embedded_crls=_crls(signed_data),
        format_status=CheckStatus.OK
        if _has_signing_certificate_attr(signer_info)
        else CheckStatus.TO_CHECK,
        format_note=f"CAdES-{cms_level(signer_info)} ({packaging})",
    )
