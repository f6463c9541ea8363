"""Atomic file writes: the old file or the new one, never a mix, never a leftover."""

from __future__ import annotations

import errno
import hashlib
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from app.storage import (
    DiskFullError,
    ReadOnlyLibraryError,
    StorageError,
    atomic,
    atomic_write_bytes,
    atomic_write_text,
    atomic_writer,
)

OLD = b"<old/>" * 1000
NEW = os.urandom(3 * 1024 * 1024 + 17)  # several chunks


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "exports" / "dume.xml"
    path.parent.mkdir()
    path.write_bytes(OLD)
    return path


def _siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def test_write_returns_sha256_and_replaces(target: Path) -> None:
    digest = atomic_write_bytes(target, NEW)
    assert digest == hashlib.sha256(NEW).hexdigest()
    assert target.read_bytes() == NEW
    assert _siblings(target) == ["dume.xml"]


def test_new_file_and_text(tmp_path: Path) -> None:
    path = tmp_path / "réponse.json"
    assert atomic_write_text(path, "é") == hashlib.sha256("é".encode()).hexdigest()
    assert path.read_text(encoding="utf-8") == "é"
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_writer_context_manager(target: Path) -> None:
    with atomic_writer(target) as out:
        out.write(b"part 1, ")
        out.write(memoryview(b"part 2"))
        assert target.read_bytes() == OLD  # nothing visible before the end
    assert target.read_bytes() == b"part 1, part 2"
    assert out.sha256 == hashlib.sha256(b"part 1, part 2").hexdigest()
    assert out.size == 14


def _fail_after(limit: int, error: OSError) -> Callable[[int, memoryview], None]:
    real = atomic._write_all

    def write_all(fd: int, data: memoryview) -> None:
        real(fd, data[:limit])  # part of the data really reaches the temporary file
        raise error

    return write_all


def test_failure_mid_write_leaves_the_old_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "_write_all", _fail_after(1000, OSError(errno.EIO, "I/O error")))
    with pytest.raises(StorageError, match="Écriture du fichier impossible") as caught:
        atomic_write_bytes(target, NEW)
    assert isinstance(caught.value.__cause__, OSError)
    assert target.read_bytes() == OLD
    assert _siblings(target) == ["dume.xml"]


def test_disk_full_mid_write(target: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(atomic, "_write_all", _fail_after(4096, full))
    with pytest.raises(DiskFullError) as caught:
        atomic_write_bytes(target, NEW, action="Export du DUME")
    assert caught.value.message == "Export du DUME impossible : le disque est plein."
    assert target.read_bytes() == OLD
    assert _siblings(target) == ["dume.xml"]


def test_exception_in_block_leaves_the_old_file(target: Path) -> None:
    def write_then_fail() -> None:
        with atomic_writer(target) as out:
            out.write(b"half")
            raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        write_then_fail()
    assert target.read_bytes() == OLD
    assert _siblings(target) == ["dume.xml"]


def test_read_only_folder(target: Path, make_read_only: Callable[[Path], None]) -> None:
    make_read_only(target.parent)
    with pytest.raises(ReadOnlyLibraryError, match="pas accessible en écriture"):
        atomic_write_bytes(target, NEW)
    assert target.read_bytes() == OLD


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(StorageError, match="impossible"):
        atomic_write_bytes(tmp_path / "absent" / "x.xml", b"x")
