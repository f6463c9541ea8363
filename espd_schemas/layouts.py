"""Where the official files of each ESPD-EDM release live (pure data, no app imports).

The releases do not share one folder layout: 3.3.0 and 4.0.0 look like 4.1.0
(``ubl-2.3/xsdrt``, ``validation/ESPD*/xsl``), but 2.1.1 keeps everything under
``docs/src/main/asciidoc/modules/ROOT/dist``.  :data:`LAYOUTS` names, per
version, the relative path of each file the app uses; the same relative paths
hold in the upstream tag, in ``../shared/espd-edm/<version>`` and in the
installed copy, because installation copies files without moving them.

The 2.1.1 stylesheets read six code lists through ``document('../../../../cl/gc/…')``;
from ``dist/val/schematron/ESPD*-2.1.1/xsl`` that resolves to ``dist/cl/gc``,
so the upstream layout runs as is (the ITB validator's flattened copy uses
``../gc/`` instead and needs no special case either).  The XSLs also reference
``CPVCodes.gc``, absent from the release, in a rule that never fires.

:data:`LAYOUTS` doubles as the specification of the manifest entries
(``manifest_patterns``, the globs of ``scripts/make_manifest.py``).  This module
imports nothing from the app: the locator owns it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

_DIST_211 = "docs/src/main/asciidoc/modules/ROOT/dist"


@dataclass(frozen=True)
class VersionLayout:
    """Relative paths of the files of one release."""

    version: str
    xsd: dict[str, str]
    rules: dict[str, str]
    #: taxonomy XML per flavour ("" when the release has one model)
    taxonomies: dict[str, str]
    codelists: str
    #: the official examples, by name ("request", "BASIC-response" ...)
    examples: dict[str, str]
    criterion_xlsx: str | None
    #: globs of the files to list in espd_schemas/manifest.json
    manifest_patterns: tuple[str, ...] = field(default=())

    def taxonomy(self, flavour: str | None = None) -> str:
        key = (flavour or "").upper()
        if key in self.taxonomies:
            return self.taxonomies[key]
        return next(iter(self.taxonomies.values()))


def _ubl23_layout(version: str, xlsx: str | None) -> VersionLayout:
    patterns = [
        "ubl-2.3/xsdrt/**/*.xsd",
        "validation/ESPDRequest/xsl/*",
        "validation/ESPDResponse/xsl/*",
        "codelists/gc/*.gc",
        "xml-examples/*.xml",
    ]
    if xlsx:
        patterns.append(xlsx)
    if version != "3.3.0":
        patterns.insert(0, "LICENCE")
    return VersionLayout(
        version=version,
        xsd={
            "request": "ubl-2.3/xsdrt/maindoc/UBL-QualificationApplicationRequest-2.3.xsd",
            "response": "ubl-2.3/xsdrt/maindoc/UBL-QualificationApplicationResponse-2.3.xsd",
        },
        rules={
            "request": "validation/ESPDRequest/xsl",
            "response": "validation/ESPDResponse/xsl",
        },
        taxonomies={"": "validation/ESPDRequest/xsl/ESPD-criterion.xml"},
        codelists="codelists/gc",
        examples={
            "request": "xml-examples/ESPD-Request.xml",
            "response": "xml-examples/ESPD-Response.xml",
        },
        criterion_xlsx=xlsx,
        manifest_patterns=tuple(patterns),
    )


LAYOUTS: dict[str, VersionLayout] = {
    "2.1.1": VersionLayout(
        version="2.1.1",
        xsd={
            "request": f"{_DIST_211}/xsdrt/maindoc/UBL-QualificationApplicationRequest-2.2.xsd",
            "response": f"{_DIST_211}/xsdrt/maindoc/UBL-QualificationApplicationResponse-2.2.xsd",
        },
        rules={
            "request": f"{_DIST_211}/val/schematron/ESPDRequest-2.1.1/xsl",
            "response": f"{_DIST_211}/val/schematron/ESPDResponse-2.1.1/xsl",
        },
        taxonomies={
            "BASIC": f"{_DIST_211}/val/schematron/ESPDRequest-2.1.1/xsl/"
            "ESPD-CriteriaTaxonomy-Basic.V2.1.1.xml",
            "EXTENDED": f"{_DIST_211}/val/schematron/ESPDRequest-2.1.1/xsl/"
            "ESPD-CriteriaTaxonomy-Extended.V2.1.1.xml",
        },
        codelists=f"{_DIST_211}/cl/gc",
        examples={
            f"{flavour}-{kind.lower()}": f"{_DIST_211}/xml/{flavour}-ESPD{kind}-2.1.1.xml"
            for flavour in ("BASIC", "EXTENDED")
            for kind in ("Request", "Response")
        },
        criterion_xlsx=None,
        manifest_patterns=(
            f"{_DIST_211}/xsdrt/**/*.xsd",
            f"{_DIST_211}/val/schematron/ESPDRequest-2.1.1/xsl/*",
            f"{_DIST_211}/val/schematron/ESPDResponse-2.1.1/xsl/*",
            f"{_DIST_211}/cl/gc/*.gc",
            f"{_DIST_211}/xml/*.xml",
        ),
    ),
    "3.3.0": _ubl23_layout("3.3.0", "codelists/ESPD-criterion.xlsx"),
    "4.0.0": _ubl23_layout("4.0.0", "criterion/ESPD-criterion.xlsx"),
    "4.1.0": _ubl23_layout("4.1.0", "criterion/ESPD-criterion.xlsx"),
}

#: Releases whose documents the legacy layer converts.
LEGACY_VERSIONS = ("2.1.1", "3.3.0", "4.0.0")


def layout_version(version: str) -> str:
    """The release whose files serve a document of *version* (3.1.0 uses 3.3.0's ...)."""
    if version in LAYOUTS:
        return version
    if version.startswith("2."):
        return "2.1.1"
    if version.startswith("3."):
        return "3.3.0"
    if version.startswith("4.0"):
        return "4.0.0"
    raise KeyError(version)
