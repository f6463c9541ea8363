"""Forward migrations, and the refusal of a library written by a newer app."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from pathlib import Path

import pytest

from app.storage import SCHEMA_VERSION, DocumentOrigin, Library, StorageError, schema
from app.storage.errors import NewerLibraryError
from tests.storage.storage_support import raw_query

REQUEST_ID = "11111111-1111-4111-8111-111111111111"
RESPONSE_ID = "22222222-2222-4222-8222-222222222222"
T0 = "2024-03-01T08:00:00.000000+00:00"
T1 = "2024-03-02T09:30:00.000000+00:00"

# The version-1 schema as the first release wrote it, typed out by hand on
# purpose: the fixture must not change when the migration code does.
V1_SCHEMA = """
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
);
CREATE INDEX documents_modified ON documents (modified);
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
);
CREATE TABLE company_profiles (
    id TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL,
    created TEXT NOT NULL,
    modified TEXT NOT NULL,
    payload TEXT NOT NULL
);
CREATE TABLE exported_files (
    id INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    path TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    format TEXT NOT NULL,
    exported_at TEXT NOT NULL
);
CREATE INDEX exported_files_document ON exported_files (document_id, exported_at);
"""


@pytest.fixture
def v1_library(tmp_path: Path) -> Path:
    """A version-1 library with a request, a linked response, history and a profile."""
    path = tmp_path / "library.sqlite3"
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as conn:
        conn.executescript(V1_SCHEMA)
        conn.executescript(
            f"""
            BEGIN;
            INSERT INTO documents VALUES ('{REQUEST_ID}', 'request', 'Rénovation des Écoles',
                'AO-2024-017', 'validated', '{T0}', '{T1}', NULL, NULL, 3, 1, '{{"v": 3}}');
            INSERT INTO documents VALUES ('{RESPONSE_ID}', 'response', 'Notre réponse',
                'AO-2024-017', 'draft', '{T0}', '{T0}', NULL, '{REQUEST_ID}', 1, 1, '{{"r": 1}}');
            INSERT INTO revisions (document_id, number, saved_at, started_at, model_version,
                autosave, title, procedure_reference, payload) VALUES
                ('{REQUEST_ID}', 1, '{T0}', '{T0}', 1, 0, 'Rénovation', 'AO-2024-017',
                 '{{"v": 1}}'),
                ('{REQUEST_ID}', 2, '{T0}', '{T0}', 1, 1, 'Rénovation', 'AO-2024-017',
                 '{{"v": 2}}'),
                ('{REQUEST_ID}', 3, '{T1}', '{T1}', 1, 0, 'Rénovation des Écoles', 'AO-2024-017',
                 '{{"v": 3}}'),
                ('{RESPONSE_ID}', 1, '{T0}', '{T0}', 1, 0, 'Notre réponse', 'AO-2024-017',
                 '{{"r": 1}}');
            INSERT INTO company_profiles VALUES ('p1', 'Bâtisseurs SARL', '{T0}', '{T0}',
                '{{"siret": "123"}}');
            INSERT INTO exported_files (document_id, path, sha256, format, exported_at)
                VALUES ('{REQUEST_ID}', '/exports/ao.xml', '{"ab" * 32}', 'espd-xml', '{T1}');
            PRAGMA user_version = 1;
            COMMIT;
            """
        )
    return path


def _schema_of(path: Path) -> list[tuple[object, ...]]:
    rows = raw_query(
        path,
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name",
    )
    return [(*row[:3], " ".join(str(row[3]).split())) for row in rows]


def test_migrations_are_contiguous() -> None:
    versions = [m.version for m in schema.MIGRATIONS]
    assert versions == list(range(1, len(versions) + 1))
    assert SCHEMA_VERSION == versions[-1] >= 2


def test_v1_library_is_migrated_without_loss(v1_library: Path, tmp_path: Path) -> None:
    with Library.open(v1_library) as lib:
        request = lib.get(REQUEST_ID)
        assert request.payload == '{"v": 3}'
        assert request.title == "Rénovation des Écoles"
        assert request.status == "validated"
        assert request.revision == 3
        assert request.origin is DocumentOrigin.AUTHORED
        assert lib.get(RESPONSE_ID).answers_request_id == REQUEST_ID
        assert [d.id for d in lib.responses_to(REQUEST_ID)] == [RESPONSE_ID]
        assert [(r.number, r.autosave) for r in lib.revisions(REQUEST_ID)] == [
            (3, False),
            (2, True),
            (1, False),
        ]
        assert lib.get_revision(REQUEST_ID, 1).payload == '{"v": 1}'
        assert [p.name for p in lib.list_profiles()] == ["Bâtisseurs SARL"]
        assert [e.path for e in lib.exports(REQUEST_ID)] == ["/exports/ao.xml"]
        # the search column was filled from the old rows
        assert [d.id for d in lib.list_documents(search="ecoles")] == [REQUEST_ID]
        assert len(lib.list_documents(search="ao-2024")) == 2
        # and the migrated library works as a new one
        assert lib.save(REQUEST_ID, '{"v": 4}') == 4
        assert lib.enqueue("send", "{}", idempotency_key="k").attempts == 0
        assert lib.integrity_check() == "ok"
        backups = lib.backups()
    assert raw_query(v1_library, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert raw_query(v1_library, "PRAGMA foreign_key_check") == []
    # a backup of the version-1 file was taken before migrating
    assert len(backups) == 1
    assert raw_query(backups[0], "PRAGMA user_version") == [(1,)]
    assert raw_query(backups[0], "SELECT payload FROM documents WHERE kind = 'request'") == [
        ('{"v": 3}',)
    ]
    # migrating gives exactly the schema of a library created by this version
    fresh = tmp_path / "fresh" / "library.sqlite3"
    Library.open(fresh).close()
    assert _schema_of(v1_library) == _schema_of(fresh)


def test_failed_migration_is_rolled_back(v1_library: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Library.open(v1_library).close()
    broken = schema.Migration(
        SCHEMA_VERSION + 1,
        "cassée",
        statements=("CREATE TABLE extra (x)", "INSERT INTO no_such_table VALUES (1)"),
    )
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    monkeypatch.setattr("app.storage.library.SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(StorageError, match="Ouverture de la bibliothèque impossible"):
        Library.open(v1_library)
    assert raw_query(v1_library, "PRAGMA user_version") == [(SCHEMA_VERSION,)]
    assert raw_query(v1_library, "SELECT count(*) FROM sqlite_master WHERE name = 'extra'") == [
        (0,)
    ]
    monkeypatch.undo()
    with Library.open(v1_library) as lib:
        assert lib.get(REQUEST_ID).payload == '{"v": 3}'


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_newer_library_is_refused_and_untouched(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        lib.create("request", "Garder", "", "{}", 1)
    with contextlib.closing(sqlite3.connect(library_path, isolation_level=None)) as conn:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    before = (_digest(library_path), library_path.stat().st_mtime_ns)
    with pytest.raises(NewerLibraryError) as caught:
        Library.open(library_path)
    error = caught.value
    assert isinstance(error, StorageError)
    assert "créée par une version plus récente de l'application" in error.message
    assert (error.found, error.supported) == (SCHEMA_VERSION + 5, SCHEMA_VERSION)
    assert "\n" not in error.one_line()
    assert (_digest(library_path), library_path.stat().st_mtime_ns) == before


def test_newer_version_in_an_uncheckpointed_wal_is_refused(library_path: Path) -> None:
    """The header of the main file may be stale; SQLite's own answer is checked too."""
    Library.open(library_path).close()
    with contextlib.closing(sqlite3.connect(library_path, isolation_level=None)) as writer:
        writer.execute("PRAGMA journal_mode = WAL")
        writer.execute("PRAGMA wal_autocheckpoint = 0")
        writer.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        # while this connection is open, the new version lives only in the WAL
        with pytest.raises(NewerLibraryError):
            Library.open(library_path)
