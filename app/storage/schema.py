"""The library's schema, as an ordered list of forward migrations.

``PRAGMA user_version`` holds the number of the last migration applied.  Each
migration runs in its own ``BEGIN IMMEDIATE`` transaction together with the
version bump, so a crash or a full disk mid-migration leaves the previous
version intact, and two processes opening the library at once migrate it once.
Migrations are never edited once released: a change is a new migration.

Large columns (``payload``) are always the last column of their table, so that
listing reads only the row prefix and never the overflow pages holding the JSON.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from app.storage.records import fold_text

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "Migration", "MigrationError", "migrate", "user_version"]


class MigrationError(sqlite3.DatabaseError):
    """A migration left the database inconsistent; it was rolled back."""


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...] = ()
    function: Callable[[sqlite3.Connection], None] | None = None
    #: table rebuilds need foreign keys off (checked with foreign_key_check before commit)
    foreign_keys_off: bool = False


_V1 = (
    """
    CREATE TABLE documents (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('request', 'response')),
        title TEXT NOT NULL DEFAULT '',
        procedure_reference TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'validated', 'exported', 'sent')),
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        deleted_at TEXT,
        answers_request_id TEXT REFERENCES documents (id) ON DELETE SET NULL,
        current_revision INTEGER NOT NULL DEFAULT 0,
        model_version INTEGER NOT NULL,
        payload TEXT NOT NULL
    )
    """,
    "CREATE INDEX documents_modified ON documents (modified)",
    """
    CREATE TABLE revisions (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        started_at TEXT NOT NULL,
        model_version INTEGER NOT NULL,
        autosave INTEGER NOT NULL DEFAULT 0,
        title TEXT NOT NULL DEFAULT '',
        procedure_reference TEXT NOT NULL DEFAULT '',
        payload TEXT NOT NULL,
        UNIQUE (document_id, number)
    )
    """,
    """
    CREATE TABLE company_profiles (
        id TEXT PRIMARY KEY NOT NULL,
        name TEXT NOT NULL,
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        payload TEXT NOT NULL
    )
    """,
    """
    CREATE TABLE exported_files (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        format TEXT NOT NULL,
        exported_at TEXT NOT NULL
    )
    """,
    "CREATE INDEX exported_files_document ON exported_files (document_id, exported_at)",
)

_DOCUMENTS_V2 = """
    CREATE TABLE documents_v2 (
        id TEXT PRIMARY KEY NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('request', 'response')),
        origin TEXT NOT NULL DEFAULT 'authored' CHECK (origin IN ('authored', 'imported')),
        title TEXT NOT NULL DEFAULT '',
        procedure_reference TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'draft'
            CHECK (status IN ('draft', 'validated', 'exported', 'sent')),
        created TEXT NOT NULL,
        modified TEXT NOT NULL,
        deleted_at TEXT,
        answers_request_id TEXT REFERENCES documents (id) ON DELETE SET NULL,
        current_revision INTEGER NOT NULL DEFAULT 0,
        model_version INTEGER NOT NULL,
        search_text TEXT NOT NULL DEFAULT '',
        payload TEXT NOT NULL
    )
"""

_SHARED_COLUMNS = (
    "id, kind, title, procedure_reference, status, created, modified, deleted_at, "
    "answers_request_id, current_revision, model_version, payload"
)


def _v2_rebuild_documents(conn: sqlite3.Connection) -> None:
    """Add ``origin`` and the folded ``search_text``, keeping ``payload`` last."""
    conn.create_function("dume_fold", 1, fold_text, deterministic=True)
    conn.execute(_DOCUMENTS_V2)
    conn.execute(
        f"INSERT INTO documents_v2 ({_SHARED_COLUMNS}, search_text) "
        f"SELECT {_SHARED_COLUMNS}, dume_fold(title || char(10) || procedure_reference) "
        "FROM documents"
    )
    conn.execute("DROP TABLE documents")
    conn.execute("ALTER TABLE documents_v2 RENAME TO documents")
    # Listing filters on the trash and sorts by modification; the covering index
    # holds every column a summary needs, so listing never touches the table.
    conn.execute(
        "CREATE INDEX documents_listing ON documents (deleted_at, modified, kind, status, "
        "id, origin, title, procedure_reference, created, answers_request_id, "
        "current_revision, model_version, search_text)"
    )
    conn.execute("CREATE INDEX documents_answers ON documents (answers_request_id)")


_V3 = (
    """
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY,
        idempotency_key TEXT NOT NULL UNIQUE,
        operation TEXT NOT NULL,
        document_id TEXT REFERENCES documents (id) ON DELETE SET NULL,
        state TEXT NOT NULL DEFAULT 'pending'
            CHECK (state IN ('pending', 'sending', 'failed', 'done')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        payload TEXT NOT NULL
    )
    """,
    "CREATE INDEX outbox_state ON outbox (state, created)",
    "CREATE INDEX outbox_document ON outbox (document_id)",
    """
    CREATE TABLE verification_history (
        id INTEGER PRIMARY KEY,
        file_name TEXT NOT NULL,
        file_sha256 TEXT NOT NULL,
        verified_at TEXT NOT NULL,
        indication TEXT NOT NULL,
        report_json TEXT NOT NULL
    )
    """,
    "CREATE INDEX verification_history_time ON verification_history (verified_at)",
    "CREATE INDEX verification_history_sha ON verification_history (file_sha256)",
    """
    CREATE TABLE edit_sessions (
        document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
        pid INTEGER NOT NULL,
        process_token TEXT NOT NULL DEFAULT '',
        started TEXT NOT NULL,
        PRIMARY KEY (document_id, pid)
    ) WITHOUT ROWID
    """,
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "documents, révisions, profils, exports", statements=_V1),
    Migration(
        2,
        "origine des documents et recherche sans accents",
        function=_v2_rebuild_documents,
        foreign_keys_off=True,
    ),
    Migration(3, "file d'envoi, historique des vérifications, sessions d'édition", statements=_V3),
)

SCHEMA_VERSION = MIGRATIONS[-1].version


def user_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def _apply(conn: sqlite3.Connection, migration: Migration) -> bool:
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Re-read under the write lock: another process may have migrated meanwhile.
        if user_version(conn) >= migration.version:
            conn.execute("ROLLBACK")
            return False
        for statement in migration.statements:
            conn.execute(statement)
        if migration.function is not None:
            migration.function(conn)
        if migration.foreign_keys_off:
            problems = conn.execute("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise MigrationError(
                    f"migration {migration.version} broke foreign keys: {problems[:5]}"
                )
        conn.execute(f"PRAGMA user_version = {int(migration.version)}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return True


def migrate(conn: sqlite3.Connection, migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Apply the pending migrations in order; return the versions applied.

    ``conn`` must be in autocommit mode (``isolation_level=None``).
    """
    migrations = MIGRATIONS if migrations is None else migrations
    applied: list[int] = []
    if user_version(conn) >= migrations[-1].version:
        return applied
    for migration in migrations:
        if user_version(conn) >= migration.version:
            continue
        if migration.foreign_keys_off:
            conn.execute("PRAGMA foreign_keys = OFF")  # a no-op inside a transaction
        try:
            if _apply(conn, migration):
                applied.append(migration.version)
        finally:
            if migration.foreign_keys_off:
                conn.execute("PRAGMA foreign_keys = ON")
    return applied
