"""Atomic file writes: a reader sees the old file or the new one, never a mix.

The data goes to a temporary file in the destination folder, which is flushed,
fsynced and renamed over the destination with :func:`os.replace`; the folder is
then fsynced so the rename itself survives a power cut.  On any failure the
temporary file is removed and the destination is left exactly as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path

from app.storage.errors import translate_os_error

__all__ = ["AtomicWriter", "atomic_write_bytes", "atomic_write_text", "atomic_writer", "fsync_dir"]

log = logging.getLogger("dume.storage")

_TEMP_SUFFIX = ".tmp"
_CHUNK = 1 << 20


def _write_all(fd: int, data: memoryview) -> None:
    """Write every byte of ``data`` to ``fd`` (the single place that writes file data)."""
    while data:
        written = os.write(fd, data[:_CHUNK])
        data = data[written:]


def fsync_dir(folder: Path) -> None:
    """Make a rename or creation in ``folder`` durable (a no-op where unsupported)."""
    if sys.platform == "win32":  # directories cannot be opened, NTFS journals renames
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - exotic file systems
        log.debug("cannot open %s to fsync it", folder)
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        log.debug("fsync of folder %s refused", folder)
    finally:
        os.close(fd)


class AtomicWriter:
    """The file handed out by :func:`atomic_writer`; hashes what goes through it."""

    def __init__(self, fd: int, temp_path: Path) -> None:
        self._fd = fd
        self.temp_path = temp_path
        self._hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes | bytearray | memoryview) -> int:
        view = memoryview(data).cast("B")
        _write_all(self._fd, view)
        self._hash.update(view)
        self.size += len(view)
        return len(view)

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of everything written so far (all of the file after the block)."""
        return self._hash.hexdigest()


def _open_temp(path: Path) -> tuple[int, Path]:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}{_TEMP_SUFFIX}")
        try:
            return os.open(temp, flags, 0o666), temp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
    raise FileExistsError(f"no free temporary name next to {path}")  # pragma: no cover


@contextlib.contextmanager
def atomic_writer(
    path: Path | str, *, action: str = "Écriture du fichier"
) -> Iterator[AtomicWriter]:
    """Write ``path`` atomically: ``with atomic_writer(p) as f: f.write(b"...")``.

    If the block raises, ``path`` is untouched and no temporary file remains.
    OS failures become :class:`StorageError` (``DiskFullError`` when the disk is
    full); other exceptions propagate unchanged.  ``f.sha256`` is the digest.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = _open_temp(path)
    except OSError as exc:
        raise translate_os_error(exc, action, folder) from exc
    writer = AtomicWriter(fd, temp)
    committed = False
    try:
        try:
            yield writer
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, path)
        committed = True
        fsync_dir(folder)
    except OSError as exc:
        raise translate_os_error(exc, action, folder) from exc
    finally:
        if not committed:
            with contextlib.suppress(OSError):
                os.unlink(temp)


def atomic_write_bytes(
    path: Path | str, data: bytes, *, action: str = "Écriture du fichier"
) -> str:
    """Replace ``path`` with ``data`` atomically and durably; return its SHA-256 (hex)."""
    with atomic_writer(path, action=action) as out:
        out.write(data)
    return out.sha256


def atomic_write_text(
    path: Path | str, text: str, *, encoding: str = "utf-8", action: str = "Écriture du fichier"
) -> str:
    """:func:`atomic_write_bytes` for text; return the SHA-256 of the encoded bytes."""
    return atomic_write_bytes(path, text.encode(encoding), action=action)
