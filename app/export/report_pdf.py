"""The signature-verification report ("rapport de vérification") as a PDF.

The signature package fills :class:`VerificationReportData` (one
:class:`SignatureResult` per signature found) and calls
:func:`render_verification_report`.  The report follows art. 5 of the arrêté
of 22 March 2019: one line per check (identity, certificate category, format,
validity at signing time, integrity), each passed, failed or left to a
person, with the overall ETSI EN 319 102-1 result and the context a buyer
files (file name and SHA-256, date of the check, date of the trust data).
The identity line is "to be checked" unless the caller says otherwise: the
arrêté says software cannot conclude on it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from app import __version__
from app.export.fonts import ensure_fonts
from app.export.labels import LABELS, Lang, check_lang, format_date, format_datetime, label
from app.export.pdf_layout import (
    AMBER,
    CONTENT_WIDTH,
    GREEN,
    NAVY,
    PALE,
    RED,
    PageDecor,
    PdfMeta,
    RenderedPdf,
    Styles,
    band,
    build_pdf,
    para,
    table,
)


class CheckStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"
    TO_CHECK = "to-check"


@dataclass(frozen=True)
class CheckResult:
    status: CheckStatus = CheckStatus.TO_CHECK
    #: what the status rests on, e.g. "Certificat qualifié (liste de confiance FR, service …)"
    detail: str = ""


@dataclass(frozen=True)
class ArreteChecks:
    """The five checks of art. 5 I of the arrêté of 22 March 2019, in its order."""

    identity: CheckResult = field(default_factory=CheckResult)
    certificate_category: CheckResult = field(default_factory=CheckResult)
    format: CheckResult = field(default_factory=CheckResult)
    validity_at_signing: CheckResult = field(default_factory=CheckResult)
    integrity: CheckResult = field(default_factory=CheckResult)

    def items(self) -> list[tuple[str, CheckResult]]:
        return [
            ("identity", self.identity),
            ("certificate_category", self.certificate_category),
            ("format", self.format),
            ("validity_at_signing", self.validity_at_signing),
            ("integrity", self.integrity),
        ]


@dataclass(frozen=True)
class SignatureResult:
    """One signature of the file, as the validator saw it."""

    #: ETSI EN 319 102-1 main indication: TOTAL_PASSED, TOTAL_FAILED or INDETERMINATE
    indication: str
    #: ETSI sub-indication (HASH_FAILURE, REVOKED_NO_POE, NO_CERTIFICATE_CHAIN_FOUND ...)
    sub_indication: str = ""
    #: the signer as the certificate names it (CN, organisation, SIREN, email)
    signer: str = ""
    #: True / False when the trusted lists tell, None when unknown
    qualified: bool | None = None
    #: e.g. "PAdES-B-T", "XAdES-B-B détachée", "CAdES-B-LT"
    format_level: str = ""
    #: the signing time claimed by the signer
    signing_time: dt.datetime | None = None
    #: the time of the signature timestamp (best signature time), if any
    timestamp: dt.datetime | None = None
    #: True when the digest and the signature value match, None when not checked
    integrity: bool | None = None
    #: e.g. "non révoqué (OCSP du 12/03/2026)", "révoqué le …", "inconnu"
    revocation: str = ""
    #: what the signature covers: "document entier", "fichier acte.pdf" ...
    scope: str = ""
    checks: ArreteChecks = field(default_factory=ArreteChecks)
    #: security warnings (weak algorithm, PDF changed after signing, no revocation data)
    warnings: Sequence[str] = ()


@dataclass(frozen=True)
class VerificationReportData:
    file_name: str
    file_sha256: str
    signatures: Sequence[SignatureResult]
    checked_at: dt.datetime
    #: date of the trusted-list snapshot used, None if no trusted list was used
    trust_data_date: dt.date | dt.datetime | None = None
    tool: str = f"DUME Desktop {__version__}"
    policy: str = ""


def overall(data: VerificationReportData) -> CheckStatus:
    """OK when every signature passed, FAILED when one failed, else TO_CHECK."""
    if not data.signatures:
        return CheckStatus.FAILED
    indications = {s.indication for s in data.signatures}
    if "TOTAL_FAILED" in indications:
        return CheckStatus.FAILED
    if indications == {"TOTAL_PASSED"}:
        return CheckStatus.OK
    return CheckStatus.TO_CHECK


def render_verification_report(
    data: VerificationReportData, lang: str = "fr", *, generated: dt.datetime | None = None
) -> bytes:
    """The verification report of *data* as PDF bytes, labels in *lang* ("fr" or "en")."""
    return render_report(data, lang, generated=generated).data


def render_report(
    data: VerificationReportData, lang: str = "fr", *, generated: dt.datetime | None = None
) -> RenderedPdf:
    language = check_lang(lang)
    styles = Styles(ensure_fonts())
    generated = generated or dt.datetime.now().astimezone()
    story = _ReportWriter(data, language, styles).story()
    decor = PageDecor(
        header_left=f"{label('r.header', language)} · {data.file_name}",
        header_right=f"SHA-256 {data.file_sha256}",
        footer_left=label(
            "generated",
            language,
            date=format_datetime(generated, language),
            version=__version__,
        ),
        page_format=label("page", language),
    )
    meta = PdfMeta(
        title=f"{label('r.title', language)} — {data.file_name}",
        subject=label("r.title", language),
        lang="fr-FR" if language == "fr" else "en-GB",
    )
    return build_pdf(story, decor, meta, styles.fonts)


class _ReportWriter:
    def __init__(self, data: VerificationReportData, lang: Lang, styles: Styles) -> None:
        self.data = data
        self.lang = lang
        self.styles = styles

    def t(self, key: str, **fields: object) -> str:
        return label(key, self.lang, **fields)

    def _when(self, moment: dt.date | dt.datetime | None) -> str:
        if moment is None:
            return self.t("none")
        if isinstance(moment, dt.datetime):
            return format_datetime(moment, self.lang)
        return format_date(moment, self.lang)

    def _pairs(self, pairs: list[tuple[str, str]], compact: str = "") -> Flowable:
        """Label/value rows; the value of the *compact* label in small type (a digest)."""
        rows = [
            [
                para(key, self.styles.cell_bold),
                para(
                    value or self.t("none"),
                    self.styles.cell_small if key == compact else self.styles.cell,
                ),
            ]
            for key, value in pairs
        ]
        widths = [0.32 * CONTENT_WIDTH, 0.68 * CONTENT_WIDTH]
        return table(rows, widths, header_rows=0, extra=[("BACKGROUND", (0, 0), (0, -1), PALE)])

    def story(self) -> list[Flowable]:
        data = self.data
        flow: list[Flowable] = [
            para(self.t("r.title"), self.styles.title),
            Spacer(1, 3 * mm),
            self._verdict(),
            Spacer(1, 2 * mm),
            band(self.t("r.context"), self.styles),
            self._pairs(
                [
                    (self.t("r.file"), data.file_name),
                    (self.t("r.sha256"), data.file_sha256),
                    (self.t("r.checked_at"), self._when(data.checked_at)),
                    (self.t("r.trust_date"), self._when(data.trust_data_date)),
                    (self.t("r.tool"), data.tool),
                    (self.t("r.policy"), data.policy),
                    (self.t("r.count"), str(len(data.signatures))),
                ],
                compact=self.t("r.sha256"),
            ),
        ]
        for n, signature in enumerate(data.signatures, start=1):
            flow += self._signature(n, signature)
        flow.append(Spacer(1, 3 * mm))
        flow.append(para(self.t("r.identity_note"), self.styles.small))
        return flow

    def _verdict(self) -> Flowable:
        status = overall(self.data)
        if not self.data.signatures:
            key = "r.verdict.none"
        else:
            key = {
                CheckStatus.OK: "r.verdict.ok",
                CheckStatus.FAILED: "r.verdict.failed",
                CheckStatus.TO_CHECK: "r.verdict.indeterminate",
            }[status]
        colour = {CheckStatus.OK: GREEN, CheckStatus.FAILED: RED, CheckStatus.TO_CHECK: AMBER}[
            status
        ]
        rows = [
            [para(self.t("r.verdict"), self.styles.header_cell)],
            [para(self.t(key), self.styles.status[status.value])],
        ]
        return table(
            rows,
            [CONTENT_WIDTH],
            extra=[
                ("BOX", (0, 0), (-1, -1), 1.5, colour),
                ("LINEBELOW", (0, 0), (-1, 0), 0.4, NAVY),
            ],
        )

    def _indication(self, signature: SignatureResult) -> str:
        key = f"ind.{signature.indication}"
        name = self.t(key) if key in LABELS else signature.indication
        detail = " / ".join(x for x in (signature.indication, signature.sub_indication) if x)
        return f"{name} ({detail})" if detail and detail != name else name

    def _yes_no(self, flag: bool | None) -> str:
        if flag is None:
            return self.t("r.unknown")
        return self.t("yes" if flag else "no")

    def _signature(self, n: int, signature: SignatureResult) -> list[Flowable]:
        styles = self.styles
        details = self._pairs(
            [
                (self.t("r.indication"), self._indication(signature)),
                (self.t("r.signer"), signature.signer),
                (self.t("r.qualified"), self._yes_no(signature.qualified)),
                (self.t("r.format"), signature.format_level),
                (self.t("r.signing_time"), self._when(signature.signing_time)),
                (self.t("r.timestamp"), self._when(signature.timestamp)),
                (self.t("r.integrity"), self._yes_no(signature.integrity)),
                (self.t("r.revocation"), signature.revocation),
                (self.t("r.scope"), signature.scope),
            ]
        )
        rows: list[list[object]] = [
            [
                para(self.t("r.check"), styles.header_cell),
                para(self.t("r.status"), styles.header_cell),
                para(self.t("r.detail"), styles.header_cell),
            ]
        ]
        for name, result in signature.checks.items():
            rows.append(
                [
                    para(self.t(f"r.check.{name}"), styles.cell),
                    para(
                        self.t(f"r.status.{result.status.value}"),
                        styles.status[result.status.value],
                    ),
                    para(result.detail or self.t("none"), styles.cell),
                ]
            )
        checks = table(rows, [0.4 * CONTENT_WIDTH, 0.17 * CONTENT_WIDTH, 0.43 * CONTENT_WIDTH])
        flow: list[Flowable] = [
            CondPageBreak(70 * mm),
            band(
                self.t("r.signature", n=n) + (f" — {signature.signer}" if signature.signer else ""),
                styles,
            ),
            details,
            KeepTogether([para(self.t("r.checks"), styles.section), checks]),
        ]
        if signature.warnings:
            flow.append(para(self.t("r.warnings"), styles.section))
            flow += [para(f"• {warning}", styles.body) for warning in signature.warnings]
        return flow
