"""Validate a document against the XSD and rules of its own (or a chosen) ESPD-EDM version.

``dume validate --as-version`` uses this: a 3.3.0 document checked with the
3.3.0 rules, a 2.1.1 one with the 2.1.1 rules (each release's own taxonomy and
code lists), through the same locator as 4.1.0.  Checking a document with the
rules of another release gives thousands of meaningless findings, so a
version mismatch is stated as the first finding.
"""

from __future__ import annotations

import logging

from lxml import etree

from app.espdxml import safe
from app.espdxml.detect import detect, require_readable
from app.legacy.layout import layout_version, legacy_artefacts
from app.validation.findings import Finding, ValidationReport
from app.validation.service import CancelToken, ProgressCallback, run_rules, run_xsd
from espd_schemas import ArtefactSet, locate

log = logging.getLogger("dume.legacy")


def artefacts_for(version: str) -> ArtefactSet:
    """The artefact set of *version* (3.1.0 uses 3.3.0's, 2.0.x uses 2.1.1's)."""
    release = layout_version(version)
    if release == "4.1.0":
        return locate(release)
    return legacy_artefacts(release)


def validate_as_version(
    data: bytes,
    version: str | None = None,
    *,
    name: str = "document",
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ValidationReport:
    """XSD then official rules of *version* (default: the document's own version).

    Raises :class:`~app.errors.DocumentRefusedError` for unreadable input and
    :class:`~app.errors.UnsupportedVersionError` for 1.0.2.
    """
    tree = safe.parse_bytes(data, name)
    detected = detect(tree, name)
    if detected.draft_namespaces:  # the rules read the final UBL names detect() gave them
        data = etree.tostring(tree, xml_declaration=True, encoding="UTF-8")
    if detected.family == "1":
        require_readable(detected, name)
    wanted = version or detected.version
    artefacts = artefacts_for(wanted)
    report = ValidationReport(kind=detected.kind, version=artefacts.version)
    if layout_version(detected.version) != artefacts.version:
        report.findings.append(
            Finding(
                severity="warning",
                rule_id="version",
                message=f"Le document est au format {detected.label} ; il est vérifié avec les "
                f"règles ESPD-EDM {artefacts.version}, d'où des écarts attendus.",
                source="check",
            )
        )
    xsd = run_xsd(tree, artefacts, detected.kind)
    report.findings.extend(xsd)
    if xsd:
        return report
    report.findings.extend(run_rules(data, artefacts, detected.kind, progress, cancel))
    report.rules_ran = True
    log.info("%s checked as %s: %d findings", name, artefacts.version, len(report.findings))
    return report
