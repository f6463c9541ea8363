"""Storage errors, and the translation of SQLite and OS failures into them.

Every failure of the local library reaches the user as a :class:`StorageError`
with a one-line French message: the disk is full, the data folder is read-only,
the file is damaged, another window holds the lock.  Anything else is a bug.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from app.errors import StorageError

__all__ = [
    "CorruptLibraryError",
    "DiskFullError",
    "DocumentNotFoundError",
    "InvalidPayloadError",
    "LibraryBusyError",
    "NewerLibraryError",
    "ReadOnlyLibraryError",
    "StorageError",
    "translate_os_error",
    "translate_sqlite_error",
]

# SQLite primary result codes (the low byte of extended codes).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_NOTADB = 26

_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}
_READ_ONLY_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


class DiskFullError(StorageError):
    """The disk (or the user's quota) is full; nothing already saved was lost."""

    title = "Disque plein"


class ReadOnlyLibraryError(StorageError):
    """The data folder or the library file cannot be written."""

    title = "Dossier en lecture seule"


class LibraryBusyError(StorageError):
    """Another instance held the write lock for longer than the busy timeout."""


class NewerLibraryError(StorageError):
    """The library was written by a newer version of the app; it was not touched."""

    title = "Version de la bibliothèque"

    def __init__(self, path: Path, found: int, supported: int) -> None:
        super().__init__(
            f"La bibliothèque « {path} » a été créée par une version plus récente de "
            f"l'application (format {found}, cette version lit jusqu'au format {supported}).",
            hint="Installez la dernière version de l'application ; le fichier n'a pas été modifié.",
        )
        self.path = path
        self.found = found
        self.supported = supported


class CorruptLibraryError(StorageError):
    """The library file is damaged.  ``backups`` lists the daily copies, newest first."""

    title = "Bibliothèque endommagée"

    def __init__(self, path: Path, backups: list[Path], *, detail: str = "") -> None:
        if backups:
            hint = (
                f"{len(backups)} sauvegarde(s) disponible(s), la plus récente : "
                f"{backups[0].name}. La restaurer conserve le fichier endommagé à côté."
            )
        else:
            hint = "Aucune sauvegarde n'est disponible ; le fichier n'a pas été supprimé."
        super().__init__(f"La bibliothèque locale « {path} » est endommagée.", hint=hint)
        self.path = path
        self.backups = list(backups)
        self.detail = detail


class DocumentNotFoundError(StorageError):
    """No document (or revision, profile, …) with this identifier."""

    title = "Document introuvable"


class InvalidPayloadError(StorageError, ValueError):
    """The payload handed to the library is not JSON (a bug in the caller)."""


def _primary_code(exc: sqlite3.Error) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return None if code is None else int(code) & 0xFF


def _disk_full(action: str) -> DiskFullError:
    return DiskFullError(
        f"{action} impossible : le disque est plein.",
        hint="Libérez de l'espace disque puis réessayez ; la dernière version enregistrée "
        "est intacte.",
    )


def _read_only(action: str, folder: Path) -> ReadOnlyLibraryError:
    return ReadOnlyLibraryError(
        f"{action} impossible : le dossier de données « {folder} » n'est pas accessible "
        "en écriture.",
        hint="Vérifiez les droits sur ce dossier, ou choisissez-en un autre avec la variable "
        "d'environnement DUME_DATA_DIR.",
    )


def translate_os_error(exc: OSError, action: str, folder: Path) -> StorageError:
    """A user-facing error for an OS failure while doing ``action`` in ``folder``.

    ``action`` is a French noun phrase starting with a capital, e.g.
    ``"Enregistrement du document"``.
    """
    if exc.errno in _DISK_FULL_ERRNOS:
        return _disk_full(action)
    if exc.errno in _READ_ONLY_ERRNOS or isinstance(exc, PermissionError):
        return _read_only(action, folder)
    detail = exc.strerror or type(exc).__name__
    return StorageError(f"{action} impossible : erreur du système de fichiers ({detail}).")


def translate_sqlite_error(
    exc: sqlite3.Error,
    action: str,
    library_path: Path,
    backups: list[Path] | None = None,
) -> StorageError:
    """A user-facing error for a SQLite failure while doing ``action``."""
    code = _primary_code(exc)
    text = str(exc).lower()
    if code == _SQLITE_FULL or "database or disk is full" in text:
        return _disk_full(action)
    if (
        code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
        or "malformed" in text
        or ("not a database" in text)
    ):
        return CorruptLibraryError(library_path, backups or [], detail=str(exc))
    if code in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_CANTOPEN) or "readonly" in text:
        return _read_only(action, library_path.parent)
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED) or "database is locked" in text:
        return LibraryBusyError(
            f"{action} impossible : la bibliothèque est occupée par une autre fenêtre de "
            "l'application.",
            hint="Réessayez dans quelques secondes.",
        )
    if code == _SQLITE_IOERR:
        return StorageError(
            f"{action} impossible : erreur d'entrée-sortie sur le disque ({exc}).",
            hint="Vérifiez le disque ; la dernière version enregistrée est intacte.",
        )
    return StorageError(f"{action} impossible : erreur de la base de données locale ({exc}).")
