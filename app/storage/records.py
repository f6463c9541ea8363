"""Typed rows handed out by the library: frozen dataclasses and string enums."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

__all__ = [
    "CompanyProfile",
    "DocumentKind",
    "DocumentOrigin",
    "DocumentStatus",
    "DocumentSummary",
    "ExportedFile",
    "OutboxItem",
    "OutboxState",
    "RecoveredSession",
    "Revision",
    "RevisionInfo",
    "StoredDocument",
    "VerificationRecord",
    "fold_text",
    "now_utc",
]


class DocumentKind(StrEnum):
    REQUEST = "request"
    RESPONSE = "response"


class DocumentStatus(StrEnum):
    DRAFT = "draft"
    VALIDATED = "validated"
    EXPORTED = "exported"
    SENT = "sent"


class DocumentOrigin(StrEnum):
    AUTHORED = "authored"
    IMPORTED = "imported"


class OutboxState(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    FAILED = "failed"
    DONE = "done"


def now_utc() -> datetime:
    return datetime.now(UTC)


def to_iso(moment: datetime) -> str:
    """Fixed-width ISO 8601 in UTC, so that text order is time order in SQL."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(text: str) -> datetime:
    value = datetime.fromisoformat(text)
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def from_iso_opt(text: str | None) -> datetime | None:
    return None if text is None else from_iso(text)


def fold_text(text: str) -> str:
    """Case- and accent-insensitive form used for search ("Écoles" -> "ecoles")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    """A document without its payload, as listed in the library window."""

    id: str
    kind: DocumentKind
    origin: DocumentOrigin
    title: str
    procedure_reference: str
    status: DocumentStatus
    created: datetime
    modified: datetime
    deleted_at: datetime | None
    answers_request_id: str | None
    revision: int
    model_version: int

    @property
    def in_trash(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True, slots=True)
class StoredDocument(DocumentSummary):
    """A document with its payload (the document model's JSON, opaque here)."""

    payload: str


@dataclass(frozen=True, slots=True)
class RevisionInfo:
    """One entry of a document's history, without the payload."""

    document_id: str
    number: int
    saved_at: datetime
    model_version: int
    #: True for an autosave checkpoint (amended in place for a while), False for a save
    autosave: bool
    title: str
    procedure_reference: str


@dataclass(frozen=True, slots=True)
class Revision(RevisionInfo):
    payload: str


@dataclass(frozen=True, slots=True)
class CompanyProfile:
    id: str
    name: str
    payload: str
    created: datetime
    modified: datetime


@dataclass(frozen=True, slots=True)
class ExportedFile:
    id: int
    document_id: str
    path: str
    sha256: str
    format: str
    exported_at: datetime


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    idempotency_key: str
    operation: str
    document_id: str | None
    payload: str
    state: OutboxState
    attempts: int
    last_error: str | None
    created: datetime
    updated: datetime


@dataclass(frozen=True, slots=True)
class VerificationRecord:
    id: int
    file_name: str
    file_sha256: str
    verified_at: datetime
    indication: str
    report_json: str


@dataclass(frozen=True, slots=True)
class RecoveredSession:
    """A document that was open for editing in a process that died.

    Its stored state is its last autosave; the UI tells the user it was recovered.
    """

    document: DocumentSummary
    pid: int
    started: datetime
