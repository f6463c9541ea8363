"""Fixtures of the shipping tests: a real in-memory keyring, settings in a real INI file,
the .qm catalogues built from resources/*.ts."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.settings import Settings
from app.sync.credentials import forget_session_credentials
from app.ui.settings_store import open_settings
from tests.sync.memory_keyring import MemoryKeyring, installed

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    """Every test here runs against a real in-memory keyring, never the user's."""
    backend = MemoryKeyring()
    with installed(backend):
        yield backend
    forget_session_credentials()


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return open_settings(tmp_path / "config" / "settings.ini")


@pytest.fixture(scope="session")
def catalogues(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dume_fr.qm and dume_en.qm compiled by scripts/build_translations into a fresh folder."""
    out = tmp_path_factory.mktemp("qm")
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_translations"), "--out", str(out)],
        check=True,
        cwd=ROOT,
    )
    return out
