"""Locate the official ESPD-EDM artefacts at run time.

The artefacts (UBL XSDs, business-rule XSLT, criterion taxonomy, code lists,
examples) are third-party data published by the EU Publications Office.  They
are never part of this repository: set-up copies them into the user data
folder, and this module finds them there, or where ``DUME_ESPD_HOME`` points.

``manifest.json`` beside this file names every file the app needs for each
supported version, with its SHA-256, so that a missing or altered file is
reported by name (``dume schemas --check``).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Literal

from app.errors import ArtefactsMissingError
from app.paths import user_data_dir
from espd_schemas.layouts import LAYOUTS, VersionLayout

ESPD_HOME_ENV = "DUME_ESPD_HOME"
CURRENT_VERSION = "4.1.0"
MANIFEST_PATH = Path(__file__).with_name("manifest.json")

DocumentKind = Literal["request", "response"]

INSTALL_HINT = (
    "Lancez « scripts/setup » depuis le dossier du projet (il copie ../shared/espd-edm), "
    "ou « dume schemas --install DOSSIER » avec le dossier des artefacts officiels ESPD-EDM, "
    f"ou définissez {ESPD_HOME_ENV}."
)


@cache
def manifest() -> dict[str, dict[str, str]]:
    """``{version: {relative path: sha256}}``."""
    data = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    return {version: dict(entry["files"]) for version, entry in data["versions"].items()}


def artefact_root() -> Path:
    """The folder holding one sub-folder per ESPD-EDM version."""
    override = os.environ.get(ESPD_HOME_ENV)
    if override:
        return Path(override).expanduser()
    return user_data_dir() / "espd-edm"


@dataclass(frozen=True)
class ArtefactSet:
    """The files of one ESPD-EDM version, by role (where they sit: :data:`LAYOUTS`)."""

    version: str
    root: Path

    @property
    def layout(self) -> VersionLayout:
        return LAYOUTS.get(self.version, LAYOUTS[CURRENT_VERSION])

    def xsd(self, kind: DocumentKind) -> Path:
        return self.root / self.layout.xsd[kind]

    def rules_dir(self, kind: DocumentKind) -> Path:
        return self.root / self.layout.rules[kind]

    @property
    def taxonomy_xml(self) -> Path:
        return self.taxonomy(None)

    def taxonomy(self, flavour: str | None) -> Path:
        """The taxonomy of *flavour* (BASIC / EXTENDED in 2.1.1; one model since 3.0)."""
        return self.root / self.layout.taxonomy(flavour)

    @property
    def criterion_xlsx(self) -> Path:
        return self.root / (self.layout.criterion_xlsx or "criterion/ESPD-criterion.xlsx")

    def codelist(self, name: str) -> Path:
        return self.root / self.layout.codelists / f"{name}.gc"

    def example(self, kind: DocumentKind) -> Path:
        examples = self.layout.examples
        return self.root / examples.get(kind, examples.get(f"EXTENDED-{kind}", ""))

    def examples(self) -> dict[str, Path]:
        return {name: self.root / relative for name, relative in self.layout.examples.items()}


@dataclass
class CheckReport:
    version: str
    root: Path
    missing: list[str] = field(default_factory=list)
    altered: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.altered


def locate(version: str = CURRENT_VERSION) -> ArtefactSet:
    """Find the artefacts of *version*, or raise a clear :class:`ArtefactsMissingError`."""
    if version not in manifest():
        raise ArtefactsMissingError(f"La version ESPD-EDM {version} n'est pas connue du manifeste.")
    root = artefact_root() / version
    artefacts = ArtefactSet(version, root)
    key_files = [artefacts.xsd("request"), artefacts.xsd("response"), artefacts.taxonomy_xml]
    absent = [p for p in key_files if not p.is_file()]
    if absent:
        raise ArtefactsMissingError(
            f"Les artefacts officiels ESPD-EDM {version} sont introuvables dans {root}.",
            hint=INSTALL_HINT,
        )
    return artefacts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def check(version: str = CURRENT_VERSION) -> CheckReport:
    """Compare the installed files of *version* with the manifest."""
    root = artefact_root() / version
    report = CheckReport(version, root)
    for relative, expected in sorted(manifest()[version].items()):
        path = root / relative
        if not path.is_file():
            report.missing.append(relative)
        elif _sha256(path) != expected:
            report.altered.append(relative)
    return report


def install(source: Path, version: str = CURRENT_VERSION) -> CheckReport:
    """Copy the manifest's files of *version* from *source* into the artefact root.

    Only the files the manifest names are copied, each checked against its
    SHA-256 first, so a wrong or partial source never replaces a good set.
    """
    files = manifest()[version]
    problems = CheckReport(version, source)
    for relative, expected in sorted(files.items()):
        path = source / relative
        if not path.is_file():
            problems.missing.append(relative)
        elif _sha256(path) != expected:
            problems.altered.append(relative)
    if not problems.ok:
        return problems
    target = artefact_root() / version
    staging = target.with_name(f".{version}.installing")
    shutil.rmtree(staging, ignore_errors=True)
    for relative in files:
        destination = staging / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source / relative, destination)
    # Swap in one rename so that a reader never sees a half-copied set.
    old = target.with_name(f".{version}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        target.rename(old)
    staging.rename(target)
    shutil.rmtree(old, ignore_errors=True)
    return check(version)
