"""Faults give clear French errors and lose nothing: read-only, full disk, corruption."""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.storage import (
    CorruptLibraryError,
    DiskFullError,
    Library,
    ReadOnlyLibraryError,
    StorageError,
    backup,
    list_backups,
    restore_backup,
)
from tests.storage.storage_support import doc_payload, raw_query


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ------------------------------------------------------------ read-only folder


def test_read_only_folder_with_a_library(
    library_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    with Library.open(library_path) as lib:
        lib.create("request", "Existant", "", "{}", 1)
    before = _digest(library_path)
    make_read_only(library_path.parent)
    with pytest.raises(ReadOnlyLibraryError) as caught:
        Library.open(library_path)
    message = caught.value.one_line()
    assert "n'est pas accessible en écriture" in message
    assert str(library_path.parent) in message
    assert "\n" not in message
    assert caught.value.title == "Dossier en lecture seule"
    assert _digest(library_path) == before


def test_read_only_parent_of_a_new_data_folder(
    tmp_path: Path, make_read_only: Callable[[Path], None]
) -> None:
    parent = tmp_path / "parent"
    parent.mkdir()
    make_read_only(parent)
    with pytest.raises(ReadOnlyLibraryError, match="pas accessible en écriture"):
        Library.open(parent / "dume" / "library.sqlite3")


# ------------------------------------------------------------ full disk


def _fill_disk(lib: Library) -> None:
    """Real SQLITE_FULL: the file may not grow by a single page any more."""
    conn = lib._conn
    assert conn is not None
    with lib._lock:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")


def _free_disk(lib: Library) -> None:
    conn = lib._conn
    assert conn is not None
    with lib._lock:
        conn.execute("PRAGMA max_page_count = 1073741823")


def test_disk_full_on_save_keeps_the_previous_state(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        doc = lib.create("response", "Réponse", "AO-1", doc_payload(n=1, text="x" * 5000), 1)
        lib.save(doc.id, doc_payload(n=2, text="y" * 5000))
        saved = lib.get(doc.id)
        _fill_disk(lib)
        with pytest.raises(DiskFullError) as caught:
            lib.save(doc.id, doc_payload(n=3, text="z" * 300_000), title="Perdu ?")
        error = caught.value
        assert isinstance(error, StorageError)
        assert "le disque est plein" in error.message
        assert "intacte" in error.one_line()
        assert isinstance(error.__cause__, sqlite3.OperationalError)
        # the library stays usable and the last saved state is intact
        assert lib.get(doc.id) == saved
        assert [r.number for r in lib.revisions(doc.id)] == [2, 1]
        _free_disk(lib)
        assert lib.save(doc.id, doc_payload(n=3, text="z" * 300_000)) == 3
    assert raw_query(library_path, "PRAGMA integrity_check") == [("ok",)]


def test_disk_full_when_creating(lib: Library) -> None:
    lib.create("request", "Existant", "", "{}", 1)
    _fill_disk(lib)
    with pytest.raises(DiskFullError, match="Création du document impossible"):
        lib.create("request", "Nouveau", "", doc_payload(text="x" * 200_000), 1)
    assert [d.title for d in lib.list_documents()] == ["Existant"]


def test_daily_backup_failure_does_not_prevent_opening(
    library_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    with Library.open(library_path, daily_backup=False) as lib:
        lib.create("request", "Existant", "", "{}", 1)

    def disk_full(*_args: object, **_kwargs: object) -> Path:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("app.storage.library.create_backup", disk_full)
    with caplog.at_level(logging.WARNING, logger="dume.storage"), Library.open(library_path) as lib:
        assert [d.title for d in lib.list_documents()] == ["Existant"]
    assert "daily backup" in caplog.text
    assert list_backups(library_path) == []


# ------------------------------------------------------------ corruption and backups


def _age_backups(library_path: Path, days: int = 1) -> None:
    """Pretend the backups were taken ``days`` earlier (the next open is a new day)."""
    for path in reversed(list_backups(library_path)):  # oldest first: no overwrite
        day = date.fromisoformat(path.stem[-10:]) - timedelta(days=days)
        path.rename(backup.backup_path_for(library_path, day))


def _corrupt_pages(path: Path) -> None:
    """Overwrite everything after the first two pages with garbage."""
    size = path.stat().st_size
    with path.open("r+b") as file:
        file.seek(8192)
        file.write(os.urandom(size - 8192))


def test_daily_backup_rotation(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        lib.create("request", "A", "", "{}", 1)
    assert len(list_backups(library_path)) == 1
    for _ in range(9):
        _age_backups(library_path)
        Library.open(library_path).close()
    backups = list_backups(library_path)
    assert len(backups) == backup.BACKUPS_KEPT
    today = backup.backup_path_for(library_path, date.today())
    assert backups[0] == today
    assert [p.name for p in backups] == sorted((p.name for p in backups), reverse=True)
    # opening again the same day takes no new backup
    mtime = today.stat().st_mtime_ns
    Library.open(library_path).close()
    assert today.stat().st_mtime_ns == mtime


def test_garbage_file_is_refused_with_the_backups(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        lib.create("request", "A", "", "{}", 1)
    library_path.write_bytes(b"this is not a database" * 500)
    with pytest.raises(CorruptLibraryError) as caught:
        Library.open(library_path)
    error = caught.value
    assert "est endommagée" in error.message
    assert error.backups == list_backups(library_path) != []
    assert error.backups[0].name in error.one_line()
    assert library_path.read_bytes() == b"this is not a database" * 500


def test_corrupt_pages_are_detected_and_a_backup_restored(library_path: Path) -> None:
    with Library.open(library_path) as lib:  # today's backup: an empty library
        lib.create("request", "Ancien", "", "{}", 1)
    _age_backups(library_path, days=3)
    with Library.open(library_path) as lib:  # a new day: backup with "Ancien"
        for n in range(40):
            lib.create("request", f"Récent {n}", "", doc_payload(text="x" * 3000), 1)
    _age_backups(library_path)
    _corrupt_pages(library_path)
    damaged = library_path.read_bytes()
    backups_before = list_backups(library_path)

    with pytest.raises(CorruptLibraryError) as caught:
        Library.open(library_path)  # first opening of the day: quick_check
    error = caught.value
    assert error.backups == backups_before
    assert len(error.backups) == 2
    assert "Aucune" not in error.one_line()
    assert list_backups(library_path) == backups_before  # the damage was not backed up

    aside = restore_backup(error.backups[0], library_path)
    assert aside is not None
    assert aside.parent == library_path.parent
    assert "corrupt" in aside.name
    assert aside.read_bytes() == damaged  # kept, never deleted
    with Library.open(library_path) as lib:
        assert [d.title for d in lib.list_documents()] == ["Ancien"]
        assert lib.integrity_check() == "ok"


def test_corruption_met_while_working_is_reported(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        for n in range(400):  # small payloads: b-tree pages, no overflow pages
            lib.create("request", f"Doc {n}", "", doc_payload(text="x" * 200), 1)
    size = library_path.stat().st_size
    with library_path.open("r+b") as file:  # the schema, at the start, stays readable
        file.seek(size // 2)
        file.write(os.urandom(size - size // 2))
    lib = Library.open(library_path, integrity_check=False)

    def read_everything() -> None:
        for doc in lib.list_documents():
            lib.get(doc.id)

    try:
        with pytest.raises(CorruptLibraryError) as caught:
            read_everything()
    finally:
        lib.close()
    assert caught.value.backups == list_backups(library_path)


def test_corrupt_library_without_backups(library_path: Path) -> None:
    library_path.parent.mkdir(parents=True)
    library_path.write_bytes(b"\0" * 4096)
    with pytest.raises(CorruptLibraryError) as caught:
        Library.open(library_path)
    assert caught.value.backups == []
    assert "Aucune sauvegarde" in caught.value.one_line()


def test_a_damaged_backup_is_not_restored(library_path: Path, tmp_path: Path) -> None:
    with Library.open(library_path) as lib:
        lib.create("request", "A", "", "{}", 1)
    before = _digest(library_path)
    bad = tmp_path / "library-2024-01-01.sqlite3"
    bad.write_bytes(b"garbage" * 1000)
    with pytest.raises(StorageError):
        restore_backup(bad, library_path)
    assert _digest(library_path) == before
    assert sorted(p.name for p in library_path.parent.iterdir()) == ["backups", "library.sqlite3"]
