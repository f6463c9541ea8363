"""Daily backups of the library and their restoration.

The first time the library is opened on a given day, after an integrity check,
it is copied with SQLite's online backup API to
``backups/library-YYYY-MM-DD.sqlite3`` (local date); the last
:data:`BACKUPS_KEPT` copies are kept.  Each copy is written under a temporary
name and renamed, so a crash never leaves a half-written file that looks valid.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets
import shutil
import sqlite3
from datetime import date, datetime
from pathlib import Path

from app.storage.atomic import fsync_dir
from app.storage.errors import StorageError, translate_os_error, translate_sqlite_error

__all__ = [
    "BACKUPS_KEPT",
    "backup_folder",
    "backup_path_for",
    "create_backup",
    "list_backups",
    "quick_check",
    "restore_backup",
]

log = logging.getLogger("dume.storage")

BACKUPS_KEPT = 7
_DATE = re.compile(r"-(\d{4}-\d{2}-\d{2})$")


def backup_folder(library_path: Path) -> Path:
    return library_path.parent / "backups"


def backup_path_for(library_path: Path, day: date) -> Path:
    return backup_folder(library_path) / f"{library_path.stem}-{day.isoformat()}.sqlite3"


def list_backups(library_path: Path) -> list[Path]:
    """The daily backups of ``library_path``, newest first."""
    folder = backup_folder(library_path)
    try:
        candidates = list(folder.glob(f"{library_path.stem}-*.sqlite3"))
    except OSError:  # pragma: no cover - unreadable folder
        return []
    dated = [p for p in candidates if _DATE.search(p.stem) and p.is_file()]
    return sorted(dated, key=lambda p: p.name, reverse=True)


def quick_check(conn: sqlite3.Connection) -> str:
    """``"ok"`` or the first problem ``PRAGMA quick_check`` reports."""
    rows = conn.execute("PRAGMA quick_check").fetchall()
    return "ok" if [r[0] for r in rows] == ["ok"] else "; ".join(str(r[0]) for r in rows[:3])


def _remove_leftovers(folder: Path) -> None:
    for leftover in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def create_backup(
    conn: sqlite3.Connection,
    library_path: Path,
    *,
    day: date | None = None,
    keep: int = BACKUPS_KEPT,
) -> Path:
    """Copy the open library to today's backup (replacing it) and prune old copies."""
    day = day or datetime.now().date()  # the user's calendar day, not UTC
    folder = backup_folder(library_path)
    target = backup_path_for(library_path, day)
    folder.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(folder)
    temp = folder / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        dest = sqlite3.connect(temp, isolation_level=None)
        try:
            conn.backup(dest)
            # a self-contained single file, whatever the live journal mode is
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.replace(temp, target)
        fsync_dir(folder)
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    for old in list_backups(library_path)[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            old.unlink()
    log.info("library backed up to %s", target)
    return target


def _copy_durably(source: Path, target: Path) -> None:
    with source.open("rb") as src, target.open("xb") as dst:
        shutil.copyfileobj(src, dst, 1 << 20)
        dst.flush()
        os.fsync(dst.fileno())


def _preserve(library_path: Path, aside: Path) -> None:
    """Keep the damaged file (and its journal files) under ``aside``; never delete it."""
    try:
        os.link(library_path, aside)
    except OSError:
        shutil.copy2(library_path, aside)
    for suffix in ("-wal", "-shm", "-journal"):
        side = Path(f"{library_path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{aside}{suffix}"))


def _aside_name(library_path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")  # local time, read by humans
    for n in range(1000):
        extra = f"-{n}" if n else ""
        aside = library_path.with_name(
            f"{library_path.stem}.corrupt-{stamp}{extra}{library_path.suffix}"
        )
        if not aside.exists():
            return aside
    raise FileExistsError(aside)  # pragma: no cover


def restore_backup(backup_path: Path, library_path: Path | None = None) -> Path | None:
    """Replace the library by ``backup_path``; the damaged file is moved aside.

    Returns where the previous library file was kept (``library.corrupt-…``),
    or ``None`` if there was none.  The library must not be open.
    """
    if library_path is None:
        from app.storage.library import default_library_path

        library_path = default_library_path()
    folder = library_path.parent
    action = "Restauration de la sauvegarde"
    temp = folder / f".{library_path.name}.restore-{secrets.token_hex(6)}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        _copy_durably(backup_path, temp)
        check = sqlite3.connect(temp, isolation_level=None)
        try:
            problem = quick_check(check)
            check.execute("PRAGMA journal_mode = DELETE")
        finally:
            check.close()
        if problem != "ok":
            raise StorageError(
                f"La sauvegarde « {backup_path.name} » est elle-même endommagée.",
                hint="Choisissez une sauvegarde plus ancienne.",
            )
        aside: Path | None = None
        if library_path.exists():
            aside = _aside_name(library_path)
            _preserve(library_path, aside)
        os.replace(temp, library_path)
        fsync_dir(folder)
    except sqlite3.Error as exc:
        raise translate_sqlite_error(exc, action, backup_path) from exc
    except OSError as exc:
        raise translate_os_error(exc, action, folder) from exc
    finally:
        with contextlib.suppress(OSError):
            temp.unlink()
    log.warning(
        "library %s restored from %s (previous file kept as %s)", library_path, backup_path, aside
    )
    return aside
