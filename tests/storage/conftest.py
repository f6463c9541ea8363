"""Fixtures of the storage tests: real SQLite files under ``tmp_path``."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.storage import Library


@pytest.fixture
def library_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "library.sqlite3"


@pytest.fixture
def lib(library_path: Path) -> Iterator[Library]:
    library = Library.open(library_path)
    try:
        yield library
    finally:
        library.close()


def _writable(folder: Path) -> bool:
    probe = folder / ".probe"
    try:
        probe.touch()
    except OSError:
        return False
    probe.unlink()
    return True


@pytest.fixture
def make_read_only() -> Iterator[Callable[[Path], None]]:
    """Make a folder read-only for real; root ignores chmod, so it also gets chattr +i."""
    changed: list[tuple[Path, bool]] = []

    def make(folder: Path) -> None:
        folder.chmod(0o555)
        immutable = False
        if _writable(folder) and shutil.which("chattr"):
            result = subprocess.run(["chattr", "+i", str(folder)], capture_output=True, check=False)
            immutable = result.returncode == 0
        changed.append((folder, immutable))
        if _writable(folder):
            pytest.skip("cannot make a folder read-only here (root without chattr)")

    yield make
    for folder, immutable in reversed(changed):
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True, check=False)
        folder.chmod(0o755)
