"""What happens when each of a batch of ESPD files is imported: ``dume import-check``.

Platforms and support desks receive documents from every ESPD implementation.
Before anyone opens them one by one, this answers for each file: is it read as
4.1.0, converted from an older version (and does the result pass the 4.1.0
rules), or refused — and then exactly why.  A file that makes the importer fail
in any other way is a defect of this application: it is reported as such
("crashed", with the exception type) instead of stopping the batch.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from app.errors import UserFacingError
from app.espdxml.detect import detect
from app.legacy.importing import Received
from app.validation.findings import Finding
from app.validation.messages_fr import french_message

log = logging.getLogger("dume.legacy.triage")

Outcome = Literal["read", "converted", "refused", "crashed"]

#: findings listed per file; the count says how many there were in all
MAX_FINDINGS = 20


@dataclass
class TriageResult:
    file: str
    outcome: Outcome
    source_version: str = ""
    flavour: str | None = None
    kind: str = ""
    #: why the file was refused (user-facing), or the defect for "crashed"
    reason: str = ""
    #: the mismatch report's sentence and impact counts (converted files)
    summary: str = ""
    counts: dict[str, int] = field(default_factory=dict)
    #: the 4.1.0 result against the official rules (None: not validated)
    valid: bool | None = None
    findings_count: int = 0
    findings: list[str] = field(default_factory=list)
    #: a converted file against the rules of its own version, when they are installed:
    #: a source that breaks them explains an invalid result; one that passes them must not
    source_valid: bool | None = None
    source_findings_count: int = 0
    source_findings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def imported(self) -> bool:
        return self.outcome in ("read", "converted")

    def explained(self) -> bool:
        """Converted and valid, or every reason it is not is stated."""
        if self.outcome == "crashed":
            return False
        if self.outcome == "refused":
            return bool(self.reason)
        return self.valid is not False or bool(self.findings)

    @property
    def conversion_at_fault(self) -> bool:
        """A source valid under its own rules that converts to an invalid 4.1.0 document."""
        return self.outcome == "converted" and self.source_valid is True and self.valid is False

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def triage_file(path: Path, *, validate: bool = True) -> TriageResult:
    """Import *path* as the app would, and say what came of it."""
    return triage(Received.file(path), validate=validate)


def triage(item: Received, *, validate: bool = True) -> TriageResult:
    """Import *item* (a file, or a ZIP archive's ESPD entry) and say what came of it."""
    started = time.perf_counter()
    shown = str(item.origin) if item.content is None else item.label
    result = TriageResult(file=shown, outcome="crashed")
    try:
        _import(item, result, validate)
    except UserFacingError as exc:
        result.outcome = "refused"
        result.reason = exc.one_line()
    except Exception as exc:
        log.exception("import-check: %s made the importer fail", item.label)
        result.outcome = "crashed"
        result.reason = f"{type(exc).__name__}: {exc}"
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def refused_archive(path: Path, error: UserFacingError) -> TriageResult:
    """The verdict on an archive that could not be opened, or that holds no ESPD document."""
    return TriageResult(file=str(path), outcome="refused", reason=error.one_line())


def _import(item: Received, result: TriageResult, validate: bool) -> None:
    from app.espdxml.writer import to_bytes
    from app.legacy.convert import convert_tree

    tree = item.tree()
    detected = detect(tree, item.label)
    result.source_version = detected.version
    result.flavour = detected.flavour
    result.kind = detected.kind
    conversion = convert_tree(tree, detected, item.label)
    result.outcome = "read" if detected.family == "4.1" else "converted"
    if result.outcome == "converted":
        result.summary = conversion.report.summary()
        result.counts = conversion.report.counts()
    if not validate:
        return
    from app.validation import validate_bytes

    report = validate_bytes(to_bytes(conversion.document), item.label)
    result.valid = report.valid
    result.findings_count, result.findings = _blocking(report.findings)
    if result.outcome == "converted" and not result.valid:
        _validate_source(item, result)


def _validate_source(item: Received, result: TriageResult) -> None:
    from app.errors import ArtefactsMissingError
    from app.legacy.validate import validate_as_version

    try:
        report = validate_as_version(item.data(), name=item.label)
    except ArtefactsMissingError:
        return  # that release's rules are not installed: no verdict on the source
    result.source_valid = report.valid
    result.source_findings_count, result.source_findings = _blocking(report.findings)


def _blocking(findings: list[Finding]) -> tuple[int, list[str]]:
    """How many blocking findings, and the first ones in French with the official detail."""
    blocking = [f for f in findings if f.blocking]
    lines = []
    for finding in blocking[:MAX_FINDINGS]:
        french = french_message(finding)
        detail = "" if french == finding.message else f" ({finding.message})"
        lines.append(f"{finding.rule_id} : {french}{detail}")
    return len(blocking), lines


def tally(results: Iterable[TriageResult]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for result in results:
        key: str = result.outcome
        if result.outcome in ("read", "converted") and result.valid is False:
            key = f"{result.outcome}-invalid"
        counts[key] = counts.get(key, 0) + 1
    return counts
