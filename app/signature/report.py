"""The verification report: the PDF (drawn by :mod:`app.export.report_pdf`) and its JSON twin."""

from __future__ import annotations

import json
from pathlib import Path

from app.export import report_pdf as pdf
from app.signature.model import CheckKey, CheckStatus, FileVerification, SignatureReport
from app.storage.atomic import atomic_write_bytes

__all__ = ["default_report_paths", "save_reports", "to_report_data"]

_CHECK_STATUS = {
    CheckStatus.OK: pdf.CheckStatus.OK,
    CheckStatus.FAILED: pdf.CheckStatus.FAILED,
    CheckStatus.TO_CHECK: pdf.CheckStatus.TO_CHECK,
}


def _signer(sig: SignatureReport) -> str:
    if sig.signer is None:
        return ""
    who = sig.signer
    parts = [who.common_name]
    if who.organisation:
        parts.append(who.organisation)
    if who.siren:
        parts.append(f"SIREN {who.siren}")
    elif who.organisation_identifier:
        parts.append(who.organisation_identifier)
    if who.email:
        parts.append(who.email)
    return ", ".join(parts)


def _signature(sig: SignatureReport) -> pdf.SignatureResult:
    def check(key: CheckKey) -> pdf.CheckResult:
        found = sig.check(key)
        return pdf.CheckResult(_CHECK_STATUS[found.status], found.evidence)

    qualified = {"qualified": True, "not_qualified": False}.get(sig.qualification.status.value)
    warnings = list(sig.warnings)
    if sig.indication.value != "TOTAL_PASSED":
        warnings.insert(0, sig.explanation)
    return pdf.SignatureResult(
        indication=sig.indication.value,
        sub_indication=sig.sub_indication or "",
        signer=_signer(sig),
        qualified=qualified,
        format_level=f"{sig.format}-{sig.level} ({sig.packaging})",
        signing_time=sig.claimed_signing_time,
        timestamp=sig.best_signature_time,
        integrity=(
            None
            if sig.integrity.intact is None
            else bool(sig.integrity.intact and sig.integrity.signature_value_ok)
        ),
        revocation=sig.certificate.detail,
        scope=sig.integrity.coverage,
        checks=pdf.ArreteChecks(
            identity=check(CheckKey.IDENTITY),
            certificate_category=check(CheckKey.CATEGORY),
            format=check(CheckKey.FORMAT),
            validity_at_signing=check(CheckKey.VALIDITY),
            integrity=check(CheckKey.INTEGRITY),
        ),
        warnings=tuple(warnings),
    )


def to_report_data(result: FileVerification) -> pdf.VerificationReportData:
    """Adapter from our result model to the PDF renderer's input."""
    return pdf.VerificationReportData(
        file_name=result.file_name,
        file_sha256=result.sha256,
        signatures=[_signature(s) for s in result.signatures],
        checked_at=result.verified_at,
        trust_data_date=result.trust.lotl_issued,
        tool=result.tool,
        policy=f"{result.policy}. Données de confiance : {result.trust.summary_fr}.",
    )


def default_report_paths(signed_file: Path) -> tuple[Path, Path]:
    """Beside the verified file: ``<name>.verification.pdf`` and ``.json``."""
    # with_suffix() would replace ".verification" itself: build the names whole.
    stem = f"{signed_file.name}.verification"
    return signed_file.with_name(f"{stem}.pdf"), signed_file.with_name(f"{stem}.json")


def save_reports(
    result: FileVerification, pdf_path: Path, *, lang: str = "fr"
) -> tuple[Path, Path]:
    """Write the PDF report and its JSON twin (same name, ``.json``); both atomically."""
    json_path = pdf_path.with_suffix(".json")
    data = pdf.render_verification_report(to_report_data(result), lang)
    pdf_path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(pdf_path, data)
    atomic_write_bytes(
        json_path, json.dumps(result.to_json(), ensure_ascii=False, indent=2).encode("utf-8")
    )
    return pdf_path, json_path
