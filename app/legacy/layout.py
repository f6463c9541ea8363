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
from espd_schemas import ArtefactSet
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
    """An :class:`ArtefactSet` of an older release (its files are where :data:`LAYOUTS`
    says, as for 4.1.0), which can also say which of its key files are missing.

    It is accepted everywhere an ArtefactSet is (``run_xsd``, ``run_rules``).
    """

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
