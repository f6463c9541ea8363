"""Test-wide set-up: real artefacts, an isolated data folder, offscreen Qt."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Resolve the official artefacts once, before any test redirects the data
# folder, and export the location so CLI subprocesses find them too.
import espd_schemas

os.environ[espd_schemas.ESPD_HOME_ENV] = str(espd_schemas.artefact_root())
# One data folder for the whole session (the taxonomy cache lives there);
# tests that need their own library pass an explicit path.
_SESSION_DATA = tempfile.mkdtemp(prefix="dume-test-data-")
os.environ["DUME_DATA_DIR"] = _SESSION_DATA
# Settings too: no test may touch the user's ~/.config.
os.environ["DUME_CONFIG_DIR"] = tempfile.mkdtemp(prefix="dume-test-config-")


@pytest.fixture(scope="session")
def artefacts() -> espd_schemas.ArtefactSet:
    return espd_schemas.locate()


@pytest.fixture(scope="session")
def example_request(artefacts: espd_schemas.ArtefactSet) -> Path:
    return artefacts.example("request")


@pytest.fixture(scope="session")
def example_response(artefacts: espd_schemas.ArtefactSet) -> Path:
    return artefacts.example("response")


@pytest.fixture(scope="session")
def shared_espd_edm(artefacts: espd_schemas.ArtefactSet) -> Iterator[Path]:
    """The folder of every ESPD-EDM release (for version-detection tests)."""
    repo = Path(__file__).resolve().parent.parent
    candidates = [repo.parent / "shared" / "espd-edm", artefacts.root.parent]
    for candidate in candidates:
        if (candidate / "2.1.1").is_dir():
            yield candidate
            return
    pytest.skip("older ESPD-EDM releases (../shared/espd-edm) are not installed")
