"""Run the XSD, then the official business-rule stylesheets, on one document.

The XSD (lxml) runs first: the rules assume schema-valid input and some of
them abort on anything else (FORG0001), so they only run when the XSD passes.
The stylesheets are compiled once per process and cached; each one runs on its
own so that a stylesheet that aborts becomes a finding, not a crash.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path

from lxml import etree

from app.errors import Interrupted
from app.espdxml import safe
from app.espdxml.detect import DetectedVersion, detect, require_readable
from app.espdxml.names import cac, cbc
from app.espdxml.writer import to_bytes
from app.models.document import EspdDocument
from app.validation import accelerated
from app.validation.findings import Finding, Severity, ValidationReport
from espd_schemas import ArtefactSet, DocumentKind, locate

log = logging.getLogger("dume.validation")

#: progress(done, total, what)
ProgressCallback = Callable[[int, int, str], None]

SVRL = "{http://purl.oclc.org/dsdl/svrl}"


class CancelToken:
    """Cooperative cancellation: the caller sets it, the validator checks it between steps."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Interrupted()


# ---------------------------------------------------------------- XSD
@cache
def _schema(path: str) -> etree.XMLSchema:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return etree.XMLSchema(etree.parse(path, parser))


def run_xsd(tree: etree._ElementTree, artefacts: ArtefactSet, kind: DocumentKind) -> list[Finding]:
    schema = _schema(str(artefacts.xsd(kind)))
    if schema.validate(tree):
        return []
    findings = []
    for error in list(schema.error_log):  # type: ignore[call-overload]
        findings.append(
            Finding(
                severity="fatal",
                rule_id=f"xsd:{error.type_name}",
                message=error.message,
                location=error.path or "",
                source="xsd",
                line=error.line,
            )
        )
    return findings


# ---------------------------------------------------------------- business rules
class _RuleSet:
    """The compiled stylesheets of one kind and version; built once per process."""

    def __init__(self, rules_dir: Path) -> None:
        from saxonche import PySaxonProcessor  # imported lazily: it loads a native image

        self.processor = PySaxonProcessor(license=False)
        compiler = self.processor.new_xslt30_processor()
        # The criterion stylesheet runs from an indexed copy with identical verdicts
        # (see app/validation/accelerated.py); DUME_RULES_ACCELERATION=0 turns it off.
        self.stylesheets = [
            (path.name, accelerated.compile_stylesheet(self.processor, compiler, path))
            for path in sorted(rules_dir.glob("*.xsl"))
        ]
        self.lock = threading.Lock()


_rule_sets: dict[str, _RuleSet] = {}
_rule_sets_lock = threading.Lock()


def rule_set(artefacts: ArtefactSet, kind: DocumentKind) -> _RuleSet:
    rules_dir = artefacts.rules_dir(kind)
    key = str(rules_dir)
    with _rule_sets_lock:
        if key not in _rule_sets:
            log.info("compiling business rules in %s", rules_dir)
            _rule_sets[key] = _RuleSet(rules_dir)
        return _rule_sets[key]


def _severity(flag: str | None) -> Severity:
    # Some asserts have no flag; the official guidance treats them as fatal.
    if flag in ("warning", "info", "error", "fatal"):
        return flag  # type: ignore[return-value]
    return "fatal"


def _svrl_findings(svrl: str, stylesheet: str) -> list[Finding]:
    findings = []
    root = etree.fromstring(svrl.encode("utf-8"), etree.XMLParser(resolve_entities=False))
    for failed in root.iter(f"{SVRL}failed-assert", f"{SVRL}successful-report"):
        text_element = failed.find(f"{SVRL}text")
        text = ""
        if text_element is not None:
            text = " ".join("".join(str(t) for t in text_element.itertext()).split())
        findings.append(
            Finding(
                severity=_severity(failed.get("flag") or failed.get("role")),
                rule_id=failed.get("id") or stylesheet.removesuffix(".xsl"),
                message=text,
                location=failed.get("location") or "",
                source="rules",
            )
        )
    return findings


def run_rules(
    data: bytes,
    artefacts: ArtefactSet,
    kind: DocumentKind,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> list[Finding]:
    from saxonche import PySaxonApiError

    rules = rule_set(artefacts, kind)
    findings: list[Finding] = []
    total = len(rules.stylesheets)
    # One Saxon processor is shared; its calls are serialised.
    with rules.lock:
        node = rules.processor.parse_xml(xml_text=data.decode("utf-8"))
        for done, (name, executable) in enumerate(rules.stylesheets):
            if cancel is not None:
                cancel.check()
            if progress is not None:
                progress(done, total, name)
            try:
                svrl = executable.transform_to_string(xdm_node=node)
            except PySaxonApiError as exc:
                findings.append(
                    Finding(
                        severity="fatal",
                        rule_id=f"stylesheet:{name}",
                        message="Les règles officielles n'ont pas pu s'exécuter : "
                        + " ".join(str(exc).split())[:300],
                        source="stylesheet",
                    )
                )
                continue
            if svrl:
                findings.extend(_svrl_findings(svrl, name))
    if progress is not None:
        progress(total, total, "")
    return findings


# ---------------------------------------------------------------- subjects
def _subject(tree: etree._ElementTree, location: str) -> str:
    """The criterion code, answered property or document field an XPath points at."""
    if not location:
        return ""
    try:
        hits = tree.xpath(location, namespaces={"cac": cac("")[1:-2], "cbc": cbc("")[1:-2]})
    except etree.XPathError:
        return ""
    if not isinstance(hits, list) or not hits or not isinstance(hits[0], etree._Element):
        return ""
    element: etree._Element | None = hits[0]
    path: list[str] = []
    while element is not None:
        local = etree.QName(element).localname
        if local == "TenderingCriterion":
            return element.findtext(cbc("CriterionTypeCode")) or ""
        if local == "TenderingCriterionResponse":
            return element.findtext(cbc("ValidatedCriterionPropertyID")) or ""
        if element.getparent() is not None:
            path.append(local)
        element = element.getparent()
    return "/".join(reversed(path))


def _with_subjects(tree: etree._ElementTree, findings: list[Finding]) -> list[Finding]:
    from dataclasses import replace

    return [
        replace(f, subject=f.subject or _subject(tree, f.location)) if f.location else f
        for f in findings
    ]


# ---------------------------------------------------------------- entry points
def validate_tree(
    tree: etree._ElementTree,
    data: bytes,
    detected: DetectedVersion,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ValidationReport:
    artefacts = locate(detected.version)
    report = ValidationReport(kind=detected.kind, version=detected.version)
    report.findings.extend(run_xsd(tree, artefacts, detected.kind))
    if report.findings:
        report.findings = _with_subjects(tree, report.findings)
        return report
    report.findings.extend(run_rules(data, artefacts, detected.kind, progress, cancel))
    report.rules_ran = True
    report.findings = _with_subjects(tree, report.findings)
    return report


def validate_bytes(
    data: bytes,
    name: str = "document",
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ValidationReport:
    """Validate serialised XML; raises DocumentRefusedError for unreadable input."""
    tree = safe.parse_bytes(data, name)
    detected = detect(tree, name)
    require_readable(detected, name)
    return validate_tree(tree, data, detected, progress, cancel)


def validate_path(
    path: Path, progress: ProgressCallback | None = None, cancel: CancelToken | None = None
) -> ValidationReport:
    tree = safe.parse_file(path)
    detected = detect(tree, path.name)
    require_readable(detected, path.name)
    return validate_tree(tree, path.read_bytes(), detected, progress, cancel)


def validate_document(
    document: EspdDocument,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ValidationReport:
    return validate_bytes(to_bytes(document), document.display_title(), progress, cancel)
