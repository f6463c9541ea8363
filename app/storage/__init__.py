"""Local storage: the SQLite library, autosave, backups and atomic file writes.

Standard library only (a crash-test child process imports it hundreds of
times): no Qt, lxml or pydantic here.
"""

from app.storage.atomic import atomic_write_bytes, atomic_write_text, atomic_writer
from app.storage.autosave import Autosaver
from app.storage.backup import BACKUPS_KEPT, list_backups, restore_backup
from app.storage.errors import (
    CorruptLibraryError,
    DiskFullError,
    DocumentNotFoundError,
    InvalidPayloadError,
    LibraryBusyError,
    NewerLibraryError,
    ReadOnlyLibraryError,
    StorageError,
)
from app.storage.library import (
    DEFAULT_REVISIONS_KEPT,
    LIBRARY_FILE_NAME,
    Library,
    default_library_path,
)
from app.storage.records import (
    CompanyProfile,
    DocumentKind,
    DocumentOrigin,
    DocumentStatus,
    DocumentSummary,
    ExportedFile,
    OutboxItem,
    OutboxState,
    RecoveredSession,
    Revision,
    RevisionInfo,
    StoredDocument,
    VerificationRecord,
)
from app.storage.schema import SCHEMA_VERSION

__all__ = [
    "BACKUPS_KEPT",
    "DEFAULT_REVISIONS_KEPT",
    "LIBRARY_FILE_NAME",
    "SCHEMA_VERSION",
    "Autosaver",
    "CompanyProfile",
    "CorruptLibraryError",
    "DiskFullError",
    "DocumentKind",
    "DocumentNotFoundError",
    "DocumentOrigin",
    "DocumentStatus",
    "DocumentSummary",
    "ExportedFile",
    "InvalidPayloadError",
    "Library",
    "LibraryBusyError",
    "NewerLibraryError",
    "OutboxItem",
    "OutboxState",
    "ReadOnlyLibraryError",
    "RecoveredSession",
    "Revision",
    "RevisionInfo",
    "StorageError",
    "StoredDocument",
    "VerificationRecord",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "default_library_path",
    "list_backups",
    "restore_backup",
]
