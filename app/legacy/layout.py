"""Find the official files of an older ESPD-EDM release through the locator.

:data:`~app.legacy.layouts.LAYOUTS` says where each file sits in each release;
:class:`LegacyArtefactSet` is an :class:`~espd_schemas.ArtefactSet` that follows
it, and :func:`legacy_artefacts` resolves a release the way ``locate`` does.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import espd_schemas
from app.errors import ArtefactsMissingError
from espd_schemas import ArtefactSet, DocumentKind
from espd_schemas.layouts import LAYOUTS, LEGACY_VERSIONS, VersionLayout, layout_version

__all__ = [
    "LAYOUTS",
    "LEGACY_VERSIONS",
    "LegacyArtefactSet",
    "VersionLayout",
    "layout_version",
    "legacy_artefacts",
]

log = logging.getLogger("dume.legacy")


@dataclass(frozen=True)
class LegacyArtefactSet(ArtefactSet):
    """An :class:`ArtefactSet` that follows :data:`LAYOUTS` instead of the 4.1.0 layout.

    It is accepted everywhere an ArtefactSet is (``run_xsd``, ``run_rules``).
    """

    @property
    def layout(self) -> VersionLayout:
        return LAYOUTS[self.version]

    def xsd(self, kind: DocumentKind) -> Path:
        return self.root / self.layout.xsd[kind]

    def rules_dir(self, kind: DocumentKind) -> Path:
        return self.root / self.layout.rules[kind]

    @property
    def taxonomy_xml(self) -> Path:
        return self.taxonomy(None)

    def taxonomy(self, flavour: str | None) -> Path:
        return self.root / self.layout.taxonomy(flavour)

    @property
    def criterion_xlsx(self) -> Path:
        relative = self.layout.criterion_xlsx
        return self.root / relative if relative else self.root / "criterion" / "absent.xlsx"

    def codelist(self, name: str) -> Path:
        return self.root / self.layout.codelists / f"{name}.gc"

    def example(self, kind: DocumentKind) -> Path:
        examples = self.layout.examples
        return self.root / examples.get(kind, examples.get(f"EXTENDED-{kind}", ""))

    def examples(self) -> dict[str, Path]:
        return {name: self.root / relative for name, relative in self.layout.examples.items()}

    def key_files(self) -> list[Path]:
        return [self.xsd("request"), self.xsd("response"), self.taxonomy_xml]

    def missing(self) -> list[Path]:
        return [path for path in self.key_files() if not path.is_file()]


def legacy_artefacts(version: str) -> LegacyArtefactSet:
    """The artefacts of *version*, through the same locator as 4.1.0.

    ``espd_schemas.locate`` is asked first (it knows the versions its manifest
    lists); the version folder under ``espd_schemas.artefact_root()`` is used
    otherwise, read with :data:`LAYOUTS`.
    """
    release = layout_version(version)
    try:
        located = espd_schemas.locate(release)
        root = located.root
    except ArtefactsMissingError:
        root = espd_schemas.artefact_root() / release
    artefacts = LegacyArtefactSet(release, root)
    absent = artefacts.missing()
    if absent:
        log.info("ESPD-EDM %s artefacts missing in %s: %s", release, root, absent[0])
        raise ArtefactsMissingError(
            f"Les artefacts officiels ESPD-EDM {release} sont introuvables dans {root}.",
            hint=espd_schemas.INSTALL_HINT,
        )
    return artefacts
