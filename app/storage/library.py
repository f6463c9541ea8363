"""The local library: one SQLite file holding every document the user works on.

Durability choices (see also :mod:`app.storage.schema`):

* WAL journal: readers never block the writer, a killed process leaves at most
  an uncommitted tail that SQLite discards on the next open, and two app
  instances can share the file (``busy_timeout`` plus ``BEGIN IMMEDIATE`` for
  every write, so a read-then-write never deadlocks on a lock upgrade).
* ``synchronous=FULL``: each commit fsyncs the WAL, so a save that returned
  survives a power cut, not only a killed process.  ``NORMAL`` would be safe
  against crashes of the app but may lose the last commits when the laptop
  dies; at one autosave per half-second the extra fsync is affordable.
* Every save updates the document row and appends (or, for autosaves, amends)
  its revision in one transaction: the row and its history never disagree.

All methods are thread-safe (one connection, serialised by a lock), so the
autosave worker and the UI thread can share a :class:`Library`.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from app.storage.backup import (
    backup_path_for,
    create_backup,
    list_backups,
    quick_check,
)
from app.storage.errors import (
    CorruptLibraryError,
    DocumentNotFoundError,
    InvalidPayloadError,
    NewerLibraryError,
    StorageError,
    translate_os_error,
    translate_sqlite_error,
)
from app.storage.process import current_token, process_alive
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
    fold_text,
    from_iso,
    from_iso_opt,
    now_utc,
    to_iso,
)
from app.storage.schema import SCHEMA_VERSION, migrate, user_version

__all__ = [
    "AUTOSAVE_REVISION_WINDOW",
    "BUSY_TIMEOUT_MS",
    "DEFAULT_REVISIONS_KEPT",
    "LIBRARY_FILE_NAME",
    "Library",
    "default_library_path",
]

log = logging.getLogger("dume.storage")

LIBRARY_FILE_NAME = "library.sqlite3"
DEFAULT_REVISIONS_KEPT = 50
#: an autosave amends the latest revision while that revision is an autosave
#: started less than this long ago, so continuous typing does not flush history
AUTOSAVE_REVISION_WINDOW = timedelta(minutes=2)
BUSY_TIMEOUT_MS = 10_000
_SQLITE_MAGIC = b"SQLite format 3\x00"

_SUMMARY_COLUMNS = (
    "id, kind, origin, title, procedure_reference, status, created, modified, deleted_at, "
    "answers_request_id, current_revision, model_version"
)
_REVISION_COLUMNS = (
    "document_id, number, saved_at, model_version, autosave, title, procedure_reference"
)
_OUTBOX_COLUMNS = (
    "id, idempotency_key, operation, document_id, payload, state, attempts, last_error, "
    "created, updated"
)
_VERIFICATION_COLUMNS = "id, file_name, file_sha256, verified_at, indication, report_json"

Row = tuple[Any, ...]


def default_library_path() -> Path:
    """``library.sqlite3`` in the user data folder (``$DUME_DATA_DIR`` in tests)."""
    from app.paths import user_data_dir  # platformdirs: only when actually needed

    return user_data_dir() / LIBRARY_FILE_NAME


def _check_json(payload: str) -> None:
    if not isinstance(payload, str):
        raise InvalidPayloadError(
            f"Le contenu du document doit être du texte JSON, pas {type(payload).__name__}."
        )
    try:
        json.loads(payload)
    except ValueError as exc:
        raise InvalidPayloadError(
            f"Le contenu du document n'est pas du JSON valide ({exc.args[0]})."
        ) from exc


def _like_term(term: str) -> str:
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _search_text(title: str, reference: str) -> str:
    return fold_text(f"{title}\n{reference}")


# enum lookups by value, without the (comparatively slow) Enum call: listing is hot
_KINDS = {member.value: member for member in DocumentKind}
_ORIGINS = {member.value: member for member in DocumentOrigin}
_STATUSES = {member.value: member for member in DocumentStatus}


def _summary(row: Row) -> DocumentSummary:
    return DocumentSummary(
        id=row[0],
        kind=_KINDS[row[1]],
        origin=_ORIGINS[row[2]],
        title=row[3],
        procedure_reference=row[4],
        status=_STATUSES[row[5]],
        created=from_iso(row[6]),
        modified=from_iso(row[7]),
        deleted_at=from_iso_opt(row[8]),
        answers_request_id=row[9],
        revision=row[10],
        model_version=row[11],
    )


def _document(row: Row) -> StoredDocument:
    s = _summary(row)
    return StoredDocument(
        id=s.id,
        kind=s.kind,
        origin=s.origin,
        title=s.title,
        procedure_reference=s.procedure_reference,
        status=s.status,
        created=s.created,
        modified=s.modified,
        deleted_at=s.deleted_at,
        answers_request_id=s.answers_request_id,
        revision=s.revision,
        model_version=s.model_version,
        payload=row[12],
    )


def _revision_info(row: Row) -> RevisionInfo:
    return RevisionInfo(
        document_id=row[0],
        number=row[1],
        saved_at=from_iso(row[2]),
        model_version=row[3],
        autosave=bool(row[4]),
        title=row[5],
        procedure_reference=row[6],
    )


def _profile(row: Row) -> CompanyProfile:
    return CompanyProfile(
        id=row[0], name=row[1], created=from_iso(row[2]), modified=from_iso(row[3]), payload=row[4]
    )


def _export(row: Row) -> ExportedFile:
    return ExportedFile(
        id=row[0],
        document_id=row[1],
        path=row[2],
        sha256=row[3],
        format=row[4],
        exported_at=from_iso(row[5]),
    )


def _outbox(row: Row) -> OutboxItem:
    return OutboxItem(
        id=row[0],
        idempotency_key=row[1],
        operation=row[2],
        document_id=row[3],
        payload=row[4],
        state=OutboxState(row[5]),
        attempts=row[6],
        last_error=row[7],
        created=from_iso(row[8]),
        updated=from_iso(row[9]),
    )


def _verification(row: Row) -> VerificationRecord:
    return VerificationRecord(
        id=row[0],
        file_name=row[1],
        file_sha256=row[2],
        verified_at=from_iso(row[3]),
        indication=row[4],
        report_json=row[5],
    )


def _not_found(doc_id: str) -> DocumentNotFoundError:
    return DocumentNotFoundError(
        "Ce document n'existe plus dans la bibliothèque locale "
        "(il a peut-être été supprimé définitivement).",
        hint=f"Identifiant : {doc_id}.",
    )


def _probe_writable(folder: Path) -> None:
    """Create and remove a file: the only reliable test (ACLs, read-only mounts, root)."""
    probe = folder / f".write-probe-{secrets.token_hex(6)}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    os.unlink(probe)


def _header_version(path: Path) -> int | None:
    """``user_version`` from the file header without SQLite (``None``: not a database)."""
    try:
        with path.open("rb") as file:
            head = file.read(100)
    except FileNotFoundError:
        return 0
    if not head:
        return 0  # an empty file is an empty database to SQLite
    if len(head) < 100 or not head.startswith(_SQLITE_MAGIC):
        return None
    return int.from_bytes(head[60:64], "big")


def _configure(conn: sqlite3.Connection) -> None:
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if str(mode).lower() != "wal":  # pragma: no cover - e.g. some network file systems
        log.warning("WAL journal refused (%s); using %s", conn, mode)
    # FULL, not NORMAL: see the module docstring (a returned save survives a power cut).
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # keep the WAL from staying huge after a checkpoint of large payloads
    conn.execute("PRAGMA journal_size_limit = 67108864")


class Library:
    """The user's documents, company profiles and history, in one SQLite file.

    Open it with :meth:`open`; use it as a context manager or call :meth:`close`.
    Every failure is raised as a :class:`~app.errors.StorageError` subclass with
    a French message; a failed write leaves the previous saved state intact.
    """

    def __init__(
        self,
        conn: sqlite3.Connection,
        path: Path,
        *,
        revisions_kept: int = DEFAULT_REVISIONS_KEPT,
        autosave_window: timedelta = AUTOSAVE_REVISION_WINDOW,
    ) -> None:
        """Private: use :meth:`open`."""
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self.revisions_kept = max(1, revisions_kept)
        self.autosave_window = autosave_window
        self._lock = threading.RLock()
        self._editing: set[str] = set()
        self._batch_depth = 0

    # ------------------------------------------------------------ opening

    @classmethod
    def open(
        cls,
        path: Path | str | None = None,
        *,
        revisions_kept: int = DEFAULT_REVISIONS_KEPT,
        autosave_window: timedelta = AUTOSAVE_REVISION_WINDOW,
        integrity_check: bool | None = None,
        daily_backup: bool = True,
    ) -> Self:
        """Open (creating and migrating if needed) the library at ``path``.

        ``integrity_check``: ``None`` runs ``PRAGMA quick_check`` on the first
        opening of the day, just before the daily backup (so a damaged file is
        never backed up); ``True``/``False`` forces it on or off.

        Raises :class:`NewerLibraryError` (file untouched) for a library written
        by a newer app, :class:`CorruptLibraryError` (with the backups) for a
        damaged file, :class:`ReadOnlyLibraryError`, :class:`DiskFullError`.
        """
        library_path = Path(path) if path is not None else default_library_path()
        library_path = library_path.expanduser().absolute()
        folder = library_path.parent
        action = "Ouverture de la bibliothèque"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            _probe_writable(folder)
            header_version = _header_version(library_path)
        except OSError as exc:
            raise translate_os_error(exc, action, folder) from exc
        if header_version is None:
            raise CorruptLibraryError(
                library_path, list_backups(library_path), detail="not an SQLite file"
            )
        if header_version > SCHEMA_VERSION:
            raise NewerLibraryError(library_path, header_version, SCHEMA_VERSION)

        conn: sqlite3.Connection | None = None
        try:
            conn = sqlite3.connect(
                library_path,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                check_same_thread=False,
            )
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            version = user_version(conn)  # authoritative: includes a WAL not yet checkpointed
            if version > SCHEMA_VERSION:
                raise NewerLibraryError(library_path, version, SCHEMA_VERSION)
            _configure(conn)
            first_today = (
                daily_backup and not backup_path_for(library_path, datetime.now().date()).exists()
            )
            check = first_today if integrity_check is None else integrity_check
            if check and version > 0:
                problem = quick_check(conn)
                if problem != "ok":
                    raise CorruptLibraryError(
                        library_path, list_backups(library_path), detail=problem
                    )
            if daily_backup and version > 0 and (first_today or version < SCHEMA_VERSION):
                _backup_quietly(conn, library_path)  # before migrating: a way back
            applied = migrate(conn)
            if applied:
                log.info("library %s migrated to version %s", library_path, applied[-1])
            if first_today and version == 0:
                _backup_quietly(conn, library_path)
        except BaseException as exc:
            if conn is not None:
                conn.close()
            if isinstance(exc, sqlite3.Error):
                raise translate_sqlite_error(
                    exc, action, library_path, list_backups(library_path)
                ) from exc
            if isinstance(exc, OSError):
                raise translate_os_error(exc, action, folder) from exc
            raise
        log.debug("library %s open", library_path)
        return cls(
            conn, library_path, revisions_kept=revisions_kept, autosave_window=autosave_window
        )

    def close(self) -> None:
        """Remove this instance's edit markers and close the file (idempotent)."""
        with self._lock:
            conn = self._conn
            if conn is None:
                return
            try:
                if self._editing:
                    with contextlib.suppress(sqlite3.Error):
                        conn.executemany(
                            "DELETE FROM edit_sessions WHERE document_id = ? AND pid = ?",
                            [(doc_id, os.getpid()) for doc_id in self._editing],
                        )
                    self._editing.clear()
            finally:
                self._conn = None
                conn.close()

    @property
    def closed(self) -> bool:
        return self._conn is None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StorageError("La bibliothèque locale est fermée.")
        return self._conn

    def _error(self, exc: sqlite3.Error, action: str) -> StorageError:
        backups = list_backups(self.path)
        return translate_sqlite_error(exc, action, self.path, backups)

    @contextlib.contextmanager
    def _read(self, action: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            conn = self._connection()
            try:
                yield conn
            except sqlite3.Error as exc:
                raise self._error(exc, action) from exc

    @contextlib.contextmanager
    def _write(self, action: str) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction (or the enclosing :meth:`batch`)."""
        with self._lock:
            conn = self._connection()
            if self._batch_depth:
                yield conn
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):
                        conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc, action) from exc
                raise

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Group many writes in one transaction (imports): all or nothing."""
        with self._write("Enregistrement groupé"):
            self._batch_depth += 1
            try:
                yield
            finally:
                self._batch_depth -= 1

    @staticmethod
    def _require_document(conn: sqlite3.Connection, doc_id: str) -> Row:
        row = conn.execute(
            "SELECT kind, current_revision, title, procedure_reference, model_version "
            "FROM documents WHERE id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            raise _not_found(doc_id)
        return tuple(row)

    @staticmethod
    def _check_request(conn: sqlite3.Connection, request_id: str) -> None:
        row = conn.execute("SELECT kind FROM documents WHERE id = ?", (request_id,)).fetchone()
        if row is None:
            raise _not_found(request_id)
        if row[0] != DocumentKind.REQUEST:
            raise StorageError("Une réponse ne peut être liée qu'à une demande de DUME.")

    # ------------------------------------------------------------ documents

    def list_documents(
        self,
        kind: DocumentKind | str | None = None,
        status: DocumentStatus | str | None = None,
        search: str | None = None,
        include_deleted: bool = False,
    ) -> list[DocumentSummary]:
        """Summaries (no payload), most recently modified first.

        ``search`` matches the title and the procedure reference, ignoring case
        and accents; every word of it must match.
        """
        clauses: list[str] = []
        params: list[str] = []
        if not include_deleted:
            clauses.append("deleted_at IS NULL")
        if kind is not None:
            clauses.append("kind = ?")
            params.append(DocumentKind(kind).value)
        if status is not None:
            clauses.append("status = ?")
            params.append(DocumentStatus(status).value)
        for term in fold_text(search or "").split():
            clauses.append("search_text LIKE ? ESCAPE '\\'")
            params.append(_like_term(term))
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        sql = f"SELECT {_SUMMARY_COLUMNS} FROM documents {where} ORDER BY modified DESC"
        with self._read("Lecture de la bibliothèque") as conn:
            return [_summary(row) for row in conn.execute(sql, params)]

    def find_by_uuid(self, kind: DocumentKind | str, uuid: str) -> list[DocumentSummary]:
        """Live documents of *kind* whose ESPD UUID is *uuid* (the same DUME, fetched again)."""
        with self._read("Lecture de la bibliothèque") as conn:
            rows = conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM documents WHERE deleted_at IS NULL "
                "AND kind = ? AND json_extract(payload, '$.uuid') = ? ORDER BY modified DESC",
                (DocumentKind(kind).value, uuid),
            ).fetchall()
        return [_summary(row) for row in rows]

    def list_trash(self) -> list[DocumentSummary]:
        """Documents in the trash, most recently deleted first."""
        with self._read("Lecture de la corbeille") as conn:
            rows = conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM documents WHERE deleted_at IS NOT NULL "
                "ORDER BY deleted_at DESC"
            ).fetchall()
        return [_summary(row) for row in rows]

    def get(self, doc_id: str) -> StoredDocument:
        """The document with its payload (also when it is in the trash)."""
        with self._read("Lecture du document") as conn:
            row = conn.execute(
                f"SELECT {_SUMMARY_COLUMNS}, payload FROM documents WHERE id = ?", (doc_id,)
            ).fetchone()
        if row is None:
            raise _not_found(doc_id)
        return _document(row)

    def create(
        self,
        kind: DocumentKind | str,
        title: str,
        reference: str,
        payload: str,
        model_version: int,
        *,
        origin: DocumentOrigin | str = DocumentOrigin.AUTHORED,
        status: DocumentStatus | str = DocumentStatus.DRAFT,
        answers_request_id: str | None = None,
    ) -> StoredDocument:
        """Add a document with its first revision (number 1)."""
        kind = DocumentKind(kind)
        origin = DocumentOrigin(origin)
        status = DocumentStatus(status)
        _check_json(payload)
        if answers_request_id is not None and kind is not DocumentKind.RESPONSE:
            raise StorageError("Seule une réponse peut être liée à une demande de DUME.")
        doc_id = str(uuid.uuid4())
        now = now_utc()
        stamp = to_iso(now)
        with self._write("Création du document") as conn:
            if answers_request_id is not None:
                self._check_request(conn, answers_request_id)
            conn.execute(
                "INSERT INTO documents (id, kind, origin, title, procedure_reference, status, "
                "created, modified, answers_request_id, current_revision, model_version, "
                "search_text, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)",
                (
                    doc_id,
                    kind.value,
                    origin.value,
                    title,
                    reference,
                    status.value,
                    stamp,
                    stamp,
                    answers_request_id,
                    model_version,
                    _search_text(title, reference),
                    payload,
                ),
            )
            self._insert_revision(
                conn, doc_id, 1, stamp, model_version, False, title, reference, payload
            )
        return StoredDocument(
            id=doc_id,
            kind=kind,
            origin=origin,
            title=title,
            procedure_reference=reference,
            status=status,
            created=now,
            modified=now,
            deleted_at=None,
            answers_request_id=answers_request_id,
            revision=1,
            model_version=model_version,
            payload=payload,
        )

    @staticmethod
    def _insert_revision(
        conn: sqlite3.Connection,
        doc_id: str,
        number: int,
        stamp: str,
        model_version: int,
        autosave: bool,
        title: str,
        reference: str,
        payload: str,
    ) -> None:
        conn.execute(
            "INSERT INTO revisions (document_id, number, saved_at, started_at, model_version, "
            "autosave, title, procedure_reference, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (doc_id, number, stamp, stamp, model_version, int(autosave), title, reference, payload),
        )

    def save(
        self,
        doc_id: str,
        payload: str,
        *,
        title: str | None = None,
        reference: str | None = None,
        status: DocumentStatus | str | None = None,
        model_version: int | None = None,
        autosave: bool = False,
    ) -> int:
        """Store a new state of the document; return its revision number.

        The row and its revision are written in one transaction.  A save appends
        a revision (keeping the last ``revisions_kept``); an autosave amends the
        latest revision instead when that one is an autosave started less than
        ``autosave_window`` ago, so that typing does not push history out.
        """
        _check_json(payload)
        new_status = None if status is None else DocumentStatus(status).value
        with self._write("Enregistrement du document") as conn:
            return self._save_in(
                conn, doc_id, payload, title, reference, new_status, model_version, autosave
            )

    def _save_in(
        self,
        conn: sqlite3.Connection,
        doc_id: str,
        payload: str,
        title: str | None,
        reference: str | None,
        status: str | None,
        model_version: int | None,
        autosave: bool,
    ) -> int:
        _, number, old_title, old_reference, old_model_version = self._require_document(
            conn, doc_id
        )
        title = old_title if title is None else title
        reference = old_reference if reference is None else reference
        model_version = old_model_version if model_version is None else model_version
        now = now_utc()
        stamp = to_iso(now)
        amend_id: int | None = None
        if autosave:
            last = conn.execute(
                "SELECT id, started_at, autosave FROM revisions "
                "WHERE document_id = ? AND number = ?",
                (doc_id, number),
            ).fetchone()
            if last is not None and last[2] and now - from_iso(last[1]) < self.autosave_window:
                amend_id = last[0]
        if amend_id is not None:
            conn.execute(
                "UPDATE revisions SET saved_at = ?, model_version = ?, title = ?, "
                "procedure_reference = ?, payload = ? WHERE id = ?",
                (stamp, model_version, title, reference, payload, amend_id),
            )
        else:
            number += 1
            self._insert_revision(
                conn, doc_id, number, stamp, model_version, autosave, title, reference, payload
            )
            conn.execute(
                "DELETE FROM revisions WHERE document_id = ? AND number <= ?",
                (doc_id, number - self.revisions_kept),
            )
        conn.execute(
            "UPDATE documents SET title = ?, procedure_reference = ?, search_text = ?, "
            "status = COALESCE(?, status), modified = ?, model_version = ?, "
            "current_revision = ?, payload = ? WHERE id = ?",
            (
                title,
                reference,
                _search_text(title, reference),
                status,
                stamp,
                model_version,
                number,
                payload,
                doc_id,
            ),
        )
        return int(number)

    def set_status(self, doc_id: str, status: DocumentStatus | str) -> None:
        value = DocumentStatus(status).value
        with self._write("Changement de statut du document") as conn:
            cursor = conn.execute(
                "UPDATE documents SET status = ?, modified = ? WHERE id = ?",
                (value, to_iso(now_utc()), doc_id),
            )
            if cursor.rowcount == 0:
                raise _not_found(doc_id)

    def duplicate(self, doc_id: str, *, title: str | None = None) -> StoredDocument:
        """A new draft with the same content (history not copied), titled "… (copie)"."""
        source = self.get(doc_id)
        return self.create(
            source.kind,
            f"{source.title} (copie)" if title is None else title,
            source.procedure_reference,
            source.payload,
            source.model_version,
            origin=source.origin,
            answers_request_id=source.answers_request_id,
        )

    def delete(self, doc_id: str) -> None:
        """Move the document to the trash (no-op if it is already there)."""
        with self._write("Mise à la corbeille du document") as conn:
            self._require_document(conn, doc_id)
            conn.execute(
                "UPDATE documents SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (to_iso(now_utc()), doc_id),
            )

    def restore(self, doc_id: str) -> None:
        """Take the document out of the trash."""
        with self._write("Restauration du document") as conn:
            self._require_document(conn, doc_id)
            conn.execute("UPDATE documents SET deleted_at = NULL WHERE id = ?", (doc_id,))

    def empty_trash(self) -> int:
        """Delete for good the documents in the trash; return how many."""
        with self._write("Vidage de la corbeille") as conn:
            cursor = conn.execute("DELETE FROM documents WHERE deleted_at IS NOT NULL")
            return int(cursor.rowcount)

    def link_response(self, response_id: str, request_id: str | None) -> None:
        """Record which (imported) request a response answers; ``None`` unlinks."""
        with self._write("Liaison de la réponse à la demande") as conn:
            kind = self._require_document(conn, response_id)[0]
            if kind != DocumentKind.RESPONSE:
                raise StorageError("Seule une réponse peut être liée à une demande de DUME.")
            if request_id is not None:
                self._check_request(conn, request_id)
            conn.execute(
                "UPDATE documents SET answers_request_id = ? WHERE id = ?",
                (request_id, response_id),
            )

    def responses_to(self, request_id: str) -> list[DocumentSummary]:
        """The responses linked to this request, trash excluded."""
        with self._read("Lecture de la bibliothèque") as conn:
            rows = conn.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM documents "
                "WHERE answers_request_id = ? AND deleted_at IS NULL ORDER BY modified DESC",
                (request_id,),
            ).fetchall()
        return [_summary(row) for row in rows]

    # ------------------------------------------------------------ revisions

    def revisions(self, doc_id: str) -> list[RevisionInfo]:
        """The kept revisions, newest first (without payloads)."""
        with self._read("Lecture de l'historique") as conn:
            self._require_document(conn, doc_id)
            rows = conn.execute(
                f"SELECT {_REVISION_COLUMNS} FROM revisions WHERE document_id = ? "
                "ORDER BY number DESC",
                (doc_id,),
            ).fetchall()
        return [_revision_info(row) for row in rows]

    def get_revision(self, doc_id: str, number: int) -> Revision:
        with self._read("Lecture de l'historique") as conn:
            row = conn.execute(
                f"SELECT {_REVISION_COLUMNS}, payload FROM revisions "
                "WHERE document_id = ? AND number = ?",
                (doc_id, number),
            ).fetchone()
        if row is None:
            raise DocumentNotFoundError(
                f"La version {number} de ce document n'est plus disponible.",
                hint=f"Seules les {self.revisions_kept} dernières versions sont conservées.",
            )
        info = _revision_info(row)
        return Revision(
            document_id=info.document_id,
            number=info.number,
            saved_at=info.saved_at,
            model_version=info.model_version,
            autosave=info.autosave,
            title=info.title,
            procedure_reference=info.procedure_reference,
            payload=row[7],
        )

    def restore_revision(self, doc_id: str, number: int) -> int:
        """Make an old revision current again, as a new revision; return its number."""
        with self._write("Restauration d'une version") as conn:
            old = self.get_revision(doc_id, number)
            return self._save_in(
                conn,
                doc_id,
                old.payload,
                old.title,
                old.procedure_reference,
                None,
                old.model_version,
                False,
            )

    # ------------------------------------------------------------ crash recovery

    def begin_editing(self, doc_id: str) -> list[int]:
        """Mark the document open for editing by this process.

        Returns the pids of other live processes editing it too (to warn the user).
        """
        pid = os.getpid()
        with self._write("Ouverture du document") as conn:
            self._require_document(conn, doc_id)
            conn.execute(
                "INSERT OR REPLACE INTO edit_sessions (document_id, pid, process_token, started) "
                "VALUES (?, ?, ?, ?)",
                (doc_id, pid, current_token(), to_iso(now_utc())),
            )
            others = conn.execute(
                "SELECT pid, process_token FROM edit_sessions WHERE document_id = ? AND pid != ?",
                (doc_id, pid),
            ).fetchall()
        self._editing.add(doc_id)
        return [other for other, token in others if process_alive(other, token)]

    def end_editing(self, doc_id: str) -> None:
        """The document was closed cleanly: forget its marker."""
        with self._write("Fermeture du document") as conn:
            conn.execute(
                "DELETE FROM edit_sessions WHERE document_id = ? AND pid = ?",
                (doc_id, os.getpid()),
            )
        self._editing.discard(doc_id)

    @staticmethod
    def _marker_alive(pid: int, token: str) -> bool:
        if pid == os.getpid():
            return not token or token == current_token()
        return process_alive(pid, token)

    def recover_sessions(self) -> list[RecoveredSession]:
        """Documents left open by a process that died; their markers are cleared.

        Call it once at start-up.  Each document's stored state is its last
        autosave, so the UI only has to tell the user it was recovered.
        """
        with self._write("Récupération après incident") as conn:
            markers = conn.execute(
                "SELECT document_id, pid, process_token, started FROM edit_sessions "
                "ORDER BY started"
            ).fetchall()
            dead = [m for m in markers if not self._marker_alive(m[1], m[2])]
            recovered: list[RecoveredSession] = []
            for doc_id, pid, _token, started in dead:
                conn.execute(
                    "DELETE FROM edit_sessions WHERE document_id = ? AND pid = ?", (doc_id, pid)
                )
                row = conn.execute(
                    f"SELECT {_SUMMARY_COLUMNS} FROM documents WHERE id = ?", (doc_id,)
                ).fetchone()
                if row is not None:
                    recovered.append(RecoveredSession(_summary(row), pid, from_iso(started)))
        for session in recovered:
            log.warning(
                "document %s was open in process %s, which ended abruptly; last autosave kept",
                session.document.id,
                session.pid,
            )
        return recovered

    # ------------------------------------------------------------ company profiles

    def create_profile(self, name: str, payload: str) -> CompanyProfile:
        _check_json(payload)
        now = now_utc()
        profile = CompanyProfile(str(uuid.uuid4()), name, payload, now, now)
        with self._write("Création du profil d'entreprise") as conn:
            conn.execute(
                "INSERT INTO company_profiles (id, name, created, modified, payload) "
                "VALUES (?, ?, ?, ?, ?)",
                (profile.id, name, to_iso(now), to_iso(now), payload),
            )
        return profile

    def get_profile(self, profile_id: str) -> CompanyProfile:
        with self._read("Lecture du profil d'entreprise") as conn:
            row = conn.execute(
                "SELECT id, name, created, modified, payload FROM company_profiles WHERE id = ?",
                (profile_id,),
            ).fetchone()
        if row is None:
            raise DocumentNotFoundError("Ce profil d'entreprise n'existe plus.")
        return _profile(row)

    def list_profiles(self) -> list[CompanyProfile]:
        with self._read("Lecture des profils d'entreprise") as conn:
            rows = conn.execute(
                "SELECT id, name, created, modified, payload FROM company_profiles"
            ).fetchall()
        return sorted((_profile(r) for r in rows), key=lambda p: (fold_text(p.name), p.id))

    def update_profile(
        self, profile_id: str, *, name: str | None = None, payload: str | None = None
    ) -> CompanyProfile:
        if payload is not None:
            _check_json(payload)
        with self._write("Enregistrement du profil d'entreprise") as conn:
            cursor = conn.execute(
                "UPDATE company_profiles SET name = COALESCE(?, name), "
                "payload = COALESCE(?, payload), modified = ? WHERE id = ?",
                (name, payload, to_iso(now_utc()), profile_id),
            )
            if cursor.rowcount == 0:
                raise DocumentNotFoundError("Ce profil d'entreprise n'existe plus.")
        return self.get_profile(profile_id)

    def delete_profile(self, profile_id: str) -> None:
        with self._write("Suppression du profil d'entreprise") as conn:
            conn.execute("DELETE FROM company_profiles WHERE id = ?", (profile_id,))

    # ------------------------------------------------------------ exports

    def record_export(
        self, doc_id: str, path: Path | str, sha256: str, format: str
    ) -> ExportedFile:
        """Remember a file written from the document (see :mod:`app.storage.atomic`)."""
        stamp = to_iso(now_utc())
        with self._write("Enregistrement de l'export") as conn:
            self._require_document(conn, doc_id)
            cursor = conn.execute(
                "INSERT INTO exported_files (document_id, path, sha256, format, exported_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (doc_id, str(path), sha256, format, stamp),
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        return ExportedFile(row_id, doc_id, str(path), sha256, format, from_iso(stamp))

    def exports(self, doc_id: str) -> list[ExportedFile]:
        """Files exported from the document, newest first."""
        with self._read("Lecture des exports") as conn:
            rows = conn.execute(
                "SELECT id, document_id, path, sha256, format, exported_at FROM exported_files "
                "WHERE document_id = ? ORDER BY exported_at DESC, id DESC",
                (doc_id,),
            ).fetchall()
        return [_export(row) for row in rows]

    # ------------------------------------------------------------ outbox

    def enqueue(
        self,
        operation: str,
        payload: str,
        *,
        idempotency_key: str,
        document_id: str | None = None,
    ) -> OutboxItem:
        """Queue an operation for sending; the same key returns the existing item."""
        _check_json(payload)
        stamp = to_iso(now_utc())
        with self._write("Mise en file d'envoi") as conn:
            conn.execute(
                "INSERT INTO outbox (idempotency_key, operation, document_id, created, updated, "
                "payload) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING",
                (idempotency_key, operation, document_id, stamp, stamp, payload),
            )
            row = conn.execute(
                f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE idempotency_key = ?",
                (idempotency_key,),
            ).fetchone()
        return _outbox(row)

    def outbox(self, state: OutboxState | str | None = None) -> list[OutboxItem]:
        """Queued operations, oldest first."""
        sql = f"SELECT {_OUTBOX_COLUMNS} FROM outbox"
        params: tuple[str, ...] = ()
        if state is not None:
            sql += " WHERE state = ?"
            params = (OutboxState(state).value,)
        with self._read("Lecture de la file d'envoi") as conn:
            rows = conn.execute(f"{sql} ORDER BY created, id", params).fetchall()
        return [_outbox(row) for row in rows]

    def update_outbox(
        self, item_id: int, state: OutboxState | str, *, error: str | None = None
    ) -> OutboxItem:
        """Move an item to ``state`` (``sending`` counts an attempt)."""
        value = OutboxState(state)
        with self._write("Mise à jour de la file d'envoi") as conn:
            cursor = conn.execute(
                "UPDATE outbox SET state = ?, last_error = ?, updated = ?, "
                "attempts = attempts + ? WHERE id = ?",
                (value.value, error, to_iso(now_utc()), int(value is OutboxState.SENDING), item_id),
            )
            if cursor.rowcount == 0:
                raise DocumentNotFoundError("Cet envoi n'existe plus dans la file d'envoi.")
            row = conn.execute(
                f"SELECT {_OUTBOX_COLUMNS} FROM outbox WHERE id = ?", (item_id,)
            ).fetchone()
        return _outbox(row)

    # ------------------------------------------------------------ verification history

    def record_verification(
        self, file_name: str, file_sha256: str, indication: str, report_json: str
    ) -> VerificationRecord:
        _check_json(report_json)
        stamp = to_iso(now_utc())
        with self._write("Enregistrement de la vérification") as conn:
            cursor = conn.execute(
                "INSERT INTO verification_history (file_name, file_sha256, verified_at, "
                "indication, report_json) VALUES (?, ?, ?, ?, ?)",
                (file_name, file_sha256, stamp, indication, report_json),
            )
            row_id = cursor.lastrowid
        assert row_id is not None
        return VerificationRecord(
            row_id, file_name, file_sha256, from_iso(stamp), indication, report_json
        )

    def verification_history(self, limit: int = 100) -> list[VerificationRecord]:
        """The latest verifications, newest first."""
        with self._read("Lecture de l'historique des vérifications") as conn:
            rows = conn.execute(
                f"SELECT {_VERIFICATION_COLUMNS} FROM verification_history "
                "ORDER BY verified_at DESC, id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        return [_verification(row) for row in rows]

    # ------------------------------------------------------------ maintenance

    def integrity_check(self) -> str:
        """``"ok"`` or the problems ``PRAGMA integrity_check`` finds (slow: reads all)."""
        with self._read("Vérification de la bibliothèque") as conn:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        return "ok" if [r[0] for r in rows] == ["ok"] else "; ".join(r[0] for r in rows[:5])

    def backups(self) -> list[Path]:
        """The daily backups, newest first."""
        return list_backups(self.path)

    def create_backup(self) -> Path:
        """Back up now to today's backup file (replacing it); return its path."""
        with self._read("Sauvegarde de la bibliothèque") as conn:
            try:
                return create_backup(conn, self.path)
            except OSError as exc:
                raise translate_os_error(
                    exc, "Sauvegarde de la bibliothèque", self.path.parent
                ) from exc

    def counts(self) -> dict[str, int]:
        """Rows per table (diagnostics, ``dume doctor``)."""
        tables = (
            "documents",
            "revisions",
            "company_profiles",
            "exported_files",
            "outbox",
            "verification_history",
            "edit_sessions",
        )
        with self._read("Lecture de la bibliothèque") as conn:
            return {
                table: int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table in tables
            }


def _backup_quietly(conn: sqlite3.Connection, library_path: Path) -> None:
    """The daily backup must never stop the user from working: failures are logged."""
    try:
        create_backup(conn, library_path)
    except (sqlite3.Error, OSError) as exc:
        log.warning("daily backup of %s failed: %s", library_path, exc)
