"""Fixtures of the legacy tests: every release resolvable through the locator.

The legacy releases are installed by set-up once the manifest lists them; until
then (or on a machine set up before), they are taken from ``../shared/espd-edm``
through a temporary artefact home made of symbolic links, never copied.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import espd_schemas
from app.errors import ArtefactsMissingError
from app.legacy import ConversionResult, convert, legacy_artefacts
from app.legacy.layout import LEGACY_VERSIONS

REPO = Path(__file__).resolve().parents[2]


def _all_located() -> bool:
    try:
        for version in LEGACY_VERSIONS:
            legacy_artefacts(version)
    except ArtefactsMissingError:
        return False
    return True


@pytest.fixture(scope="package", autouse=True)
def legacy_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    if _all_located():
        yield espd_schemas.artefact_root()
        return
    shared = REPO.parent / "shared" / "espd-edm"
    if not all((shared / version).is_dir() for version in LEGACY_VERSIONS):
        pytest.skip("older ESPD-EDM releases are neither installed nor in ../shared/espd-edm")
    home = tmp_path_factory.mktemp("espd-home")
    (home / espd_schemas.CURRENT_VERSION).symlink_to(espd_schemas.locate().root)
    for version in LEGACY_VERSIONS:
        (home / version).symlink_to(shared / version)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(espd_schemas.ESPD_HOME_ENV, str(home))
        yield home


def official_examples() -> dict[str, Path]:
    """``{"2.1.1-BASIC-request": path, "3.3.0-response": path ...}``."""
    examples = {}
    for version in LEGACY_VERSIONS:
        for name, path in legacy_artefacts(version).examples().items():
            examples[f"{version}-{name}"] = path
    return examples


EXAMPLE_NAMES = [
    "2.1.1-BASIC-request",
    "2.1.1-BASIC-response",
    "2.1.1-EXTENDED-request",
    "2.1.1-EXTENDED-response",
    "3.3.0-request",
    "3.3.0-response",
    "4.0.0-request",
    "4.0.0-response",
]


@pytest.fixture(scope="package")
def examples(legacy_home: Path) -> dict[str, Path]:
    found = official_examples()
    assert sorted(found) == sorted(EXAMPLE_NAMES)
    return found


@pytest.fixture(scope="package")
def converted(examples: dict[str, Path]) -> dict[str, ConversionResult]:
    """Each official example converted once for the whole package."""
    return {name: convert(path) for name, path in examples.items()}
