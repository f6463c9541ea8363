"""The typed result of a signature verification, and its JSON twin.

Plain frozen dataclasses and string enums: the Qt view, the PDF renderer and
the CLI read the same objects; :meth:`FileVerification.to_json` is the
machine-readable report stored in the library's history and written beside
the PDF.  :func:`file_verification_from_json` reads it back.

Vocabulary (ETSI EN 319 102-1): the *indication* is TOTAL_PASSED,
INDETERMINATE or TOTAL_FAILED, with a *sub-indication* (HASH_FAILURE,
NO_CERTIFICATE_CHAIN_FOUND, REVOKED_NO_POE ...).  The five checks of the arrêté
of 22 March 2019 (art. 5) are separate lines, each ok / failed / to check.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum, StrEnum
from typing import Any

__all__ = [
    "BatchRow",
    "BatchSummary",
    "CertificateStatus",
    "Check",
    "CheckKey",
    "CheckStatus",
    "FileVerification",
    "Indication",
    "IntegrityInfo",
    "Qualification",
    "QualificationStatus",
    "RevocationStatus",
    "SignatureReport",
    "SignerIdentity",
    "TimestampInfo",
    "TrustDataInfo",
    "TrustListInfo",
    "file_verification_from_json",
    "worst_indication",
]

REPORT_SCHEMA = "dume-signature-verification/1"


class Indication(StrEnum):
    TOTAL_PASSED = "TOTAL_PASSED"
    INDETERMINATE = "INDETERMINATE"
    TOTAL_FAILED = "TOTAL_FAILED"

    @property
    def label_fr(self) -> str:
        return {
            Indication.TOTAL_PASSED: "Valide",
            Indication.INDETERMINATE: "Indéterminé",
            Indication.TOTAL_FAILED: "Invalide",
        }[self]


_SEVERITY = {Indication.TOTAL_PASSED: 0, Indication.INDETERMINATE: 1, Indication.TOTAL_FAILED: 2}


def worst_indication(indications: typing.Iterable[Indication]) -> Indication:
    """The most severe indication; INDETERMINATE for an empty set (nothing proven)."""
    found = list(indications)
    if not found:
        return Indication.INDETERMINATE
    return max(found, key=_SEVERITY.__getitem__)


class CheckStatus(StrEnum):
    OK = "ok"
    FAILED = "failed"
    TO_CHECK = "to_check"

    @property
    def label_fr(self) -> str:
        return {
            CheckStatus.OK: "Conforme",
            CheckStatus.FAILED: "Non conforme",
            CheckStatus.TO_CHECK: "À vérifier",
        }[self]


class CheckKey(StrEnum):
    """The five checks of art. 5 I of the arrêté of 22 March 2019, in its order."""

    IDENTITY = "identity"
    CATEGORY = "category"
    FORMAT = "format"
    VALIDITY = "validity"
    INTEGRITY = "integrity"

    @property
    def label_fr(self) -> str:
        return {
            CheckKey.IDENTITY: "Identité du signataire",
            CheckKey.CATEGORY: "Catégorie du certificat",
            CheckKey.FORMAT: "Format de signature",
            CheckKey.VALIDITY: "Certificat ni expiré ni révoqué à la date de signature",
            CheckKey.INTEGRITY: "Intégrité du document signé",
        }[self]


class QualificationStatus(StrEnum):
    QUALIFIED = "qualified"
    NOT_QUALIFIED = "not_qualified"
    UNKNOWN = "unknown"


class RevocationStatus(StrEnum):
    GOOD = "good"
    REVOKED = "revoked"
    NOT_VERIFIABLE_OFFLINE = "not_verifiable_offline"
    NOT_CHECKED = "not_checked"


@dataclass(frozen=True)
class Check:
    key: CheckKey
    status: CheckStatus
    evidence: str

    @property
    def label_fr(self) -> str:
        return self.key.label_fr


@dataclass(frozen=True)
class SignerIdentity:
    common_name: str
    subject: str
    organisation: str | None = None
    organisation_identifier: str | None = None
    siren: str | None = None
    serial_number: str | None = None
    email: str | None = None
    issuer: str = ""
    certificate_serial: str = ""
    not_before: datetime | None = None
    not_after: datetime | None = None
    sha256: str = ""


@dataclass(frozen=True)
class Qualification:
    status: QualificationStatus
    #: "eu_trusted_list" (chain ends at a CA listed on an EU trusted list),
    #: "user_anchor" (a trust anchor added by the user), "none"
    source: str = "none"
    territory: str | None = None
    service_name: str | None = None
    qc_type: str | None = None
    qscd: bool | None = None
    detail: str = ""


@dataclass(frozen=True)
class TimestampInfo:
    time: datetime
    tsa: str
    valid: bool
    detail: str = ""


@dataclass(frozen=True)
class CertificateStatus:
    chain: tuple[str, ...] = ()
    trust_anchor: str | None = None
    trusted: bool = False
    revocation: RevocationStatus = RevocationStatus.NOT_CHECKED
    revocation_date: datetime | None = None
    revocation_source: str | None = None
    detail: str = ""


@dataclass(frozen=True)
class IntegrityInfo:
    intact: bool | None
    signature_value_ok: bool | None
    coverage: str
    covered_files: tuple[str, ...] = ()
    modified_after_signing: bool = False
    detail: str = ""


@dataclass(frozen=True)
class SignatureReport:
    index: int
    label: str
    indication: Indication
    sub_indication: str | None
    explanation: str
    format: str
    level: str
    packaging: str
    signer: SignerIdentity | None
    qualification: Qualification
    claimed_signing_time: datetime | None
    timestamp: TimestampInfo | None
    best_signature_time: datetime | None
    integrity: IntegrityInfo
    certificate: CertificateStatus
    checks: tuple[Check, ...]
    warnings: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return self.indication is Indication.TOTAL_PASSED

    def check(self, key: CheckKey) -> Check:
        return next(c for c in self.checks if c.key is key)


@dataclass(frozen=True)
class TrustListInfo:
    territory: str
    issued: datetime | None
    next_update: datetime | None
    sequence_number: int | None
    stale: bool
    services: int = 0
    location: str = ""


@dataclass(frozen=True)
class TrustDataInfo:
    #: ListIssueDateTime of the EU list of trusted lists (None: no list loaded)
    lotl_issued: datetime | None
    lists: tuple[TrustListInfo, ...] = ()
    user_anchors: int = 0
    loaded_at: datetime | None = None
    stale: bool = False
    problems: tuple[str, ...] = ()

    @property
    def summary_fr(self) -> str:
        if self.lotl_issued is None:
            base = "aucune liste de confiance européenne chargée"
        else:
            territories = ", ".join(
                f"{tl.territory} du {tl.issued:%Y-%m-%d}" if tl.issued else tl.territory
                for tl in self.lists
            )
            base = f"listes de confiance UE du {self.lotl_issued:%Y-%m-%d}"
            if territories:
                base += f" ({territories})"
            if self.stale:
                base += ", PÉRIMÉES : à rafraîchir"
        if self.user_anchors:
            base += f" ; {self.user_anchors} ancre(s) de confiance ajoutée(s) par l'utilisateur"
        return base


@dataclass(frozen=True)
class FileVerification:
    file_name: str
    sha256: str
    size: int
    detected_format: str
    signatures: tuple[SignatureReport, ...]
    verified_at: datetime
    validation_time: datetime
    trust: TrustDataInfo
    policy: str
    tool: str
    original_file: str | None = None
    original_sha256: str | None = None
    problems: tuple[str, ...] = ()

    @property
    def indication(self) -> Indication:
        """Worst indication over the signatures; a file without any is INDETERMINATE."""
        return worst_indication(s.indication for s in self.signatures)

    @property
    def all_passed(self) -> bool:
        return bool(self.signatures) and all(s.passed for s in self.signatures)

    def to_json(self) -> dict[str, Any]:
        data = _to_json(self)
        assert isinstance(data, dict)
        data["schema"] = REPORT_SCHEMA
        data["indication"] = str(self.indication)
        return data


@dataclass(frozen=True)
class BatchRow:
    file_name: str
    detected_format: str
    signatures: int
    #: None for a file that carries no signature (or could not be read)
    indication: Indication | None
    sub_indications: tuple[str, ...]
    signers: tuple[str, ...]
    problem: str | None = None


@dataclass(frozen=True)
class BatchSummary:
    source: str
    rows: tuple[BatchRow, ...]
    results: tuple[FileVerification, ...] = field(repr=False, default=())

    @property
    def counts(self) -> dict[str, int]:
        counts = {str(i): 0 for i in Indication}
        counts["UNSIGNED"] = 0
        for row in self.rows:
            counts[str(row.indication) if row.indication else "UNSIGNED"] += 1
        return counts

    def to_json(self) -> dict[str, Any]:
        return {
            "schema": REPORT_SCHEMA + "#batch",
            "source": self.source,
            "counts": self.counts,
            "rows": [_to_json(row) for row in self.rows],
            "files": [result.to_json() for result in self.results],
        }


# ---------------------------------------------------------------- JSON
def _to_json(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_to_json(item) for item in value]
    return value


def _from_json(kind: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(kind) if a is not type(None)]
        return _from_json(options[0], value)
    if origin is tuple:
        item_type = typing.get_args(kind)[0]
        return tuple(_from_json(item_type, item) for item in value)
    if isinstance(kind, type) and dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        known = {f.name for f in dataclasses.fields(kind) if f.init}
        return kind(**{k: _from_json(hints[k], v) for k, v in value.items() if k in known})
    if kind is datetime:
        return datetime.fromisoformat(value)
    if isinstance(kind, type) and issubclass(kind, Enum):
        return kind(value)
    return value


def file_verification_from_json(data: dict[str, Any]) -> FileVerification:
    """Read back :meth:`FileVerification.to_json` (history, saved reports)."""
    result = _from_json(FileVerification, data)
    assert isinstance(result, FileVerification)
    return result
