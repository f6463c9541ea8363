"""Convert an ESPD-EDM 2.1.1, 3.x or 4.0.0 document into a 4.1.0 :class:`EspdDocument`.

The conversion is a mapping, driven by the tables of ``app/legacy/data``:

1. the document part (parties, procedure, lots, evidences) is read as is, with
   its codes translated (alpha-2 countries, 2.x procedure, role and size codes);
2. each criterion becomes the 4.1.0 template of the same eCertis UUID (or, for
   the "other" criteria, of the code the hand table names);
3. each buyer value and each answer follows its property slot to the 4.1.0
   property, and its value is fitted to the 4.1.0 data type;
4. the yes/no branches are made consistent the way the 4.1.0 rules check them
   (BR-TCR-06/07): answers to a branch that does not apply are dropped, and a
   branch that applies but lacks answers is listed as to complete.

Everything not carried, or carried with a change, goes into the
:class:`~app.legacy.report.MismatchReport`.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from app.errors import UnsupportedVersionError
from app.espdxml import safe
from app.espdxml.detect import DetectedVersion, detect, require_readable
from app.espdxml.reader import read_tree
from app.espdxml.taxonomy import load_taxonomy
from app.legacy.answers import AnswerMapping, placeholder_for
from app.legacy.context import TARGET_VERSION, Context, Step
from app.legacy.criteria import CriteriaMapping
from app.legacy.header import HeaderMapping
from app.legacy.report import MismatchReport
from app.legacy.source import read_source
from app.legacy.tables import mapping_table, table_name
from app.models.builder import ensure_mandatory
from app.models.document import EspdDocument
from app.models.values import PLACEHOLDER_TEXT

__all__ = [
    "PLACEHOLDER_TEXT",
    "ConversionResult",
    "convert",
    "convert_tree",
    "placeholder_for",
]

log = logging.getLogger("dume.legacy")


@dataclass
class ConversionResult:
    """A 4.1.0 document and the report of what did not carry over."""

    document: EspdDocument
    report: MismatchReport
    source: DetectedVersion
    #: 4.1.0 answer ID -> XPath of the source answer it carries (the UI shows "from ...")
    provenance: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "source": {
                "version": self.source.version,
                "flavour": self.source.flavour,
                "kind": self.source.kind,
            },
            "document": {
                "id": self.document.id,
                "kind": self.document.kind,
                "version": TARGET_VERSION,
                "criteria": self.document.criterion_codes(),
                "lots": self.document.lot_ids(),
                "answers": len(self.document.answers),
            },
            "report": self.report.to_json(),
        }


def _new_id(kind: str) -> str:
    return f"{'ESPDREQ' if kind == 'request' else 'ESPDRESP'}-{uuid.uuid4()}"


class _Conversion(Step):
    """The steps of one conversion, in order."""

    def run(self, lot: str | None) -> EspdDocument:
        base = self.source.base
        kind = self.source.detected.kind
        document = EspdDocument(
            kind=kind,
            source_version=self.source.detected.version,
            id=base.id or _new_id(kind),
            uuid=base.uuid or str(uuid.uuid4()),
            issue_date=base.issue_date,
            issue_time=base.issue_time,
            version_id=TARGET_VERSION,
            procedure=base.procedure.model_copy(deep=True),
            buyer=base.buyer.model_copy(deep=True),
            buyer_profile_uri=base.buyer_profile_uri,
            economic_operator=base.economic_operator.model_copy(deep=True)
            if base.economic_operator
            else None,
            group_name=base.group_name,
            evidences=[e.model_copy(deep=True) for e in base.evidences],
            references=[r.model_copy(deep=True) for r in base.references],
        )
        header = HeaderMapping(self.context)
        header.apply(document)
        header.lots(document, lot)
        CriteriaMapping(self.context).apply(document)
        if kind == "response" and not document.criteria:
            # 4.1.0 has no response without criteria (XSD); with the mandatory grounds
            # the document stays readable and the rules name each answer to give.
            self._add_mandatory(
                document,
                "La réponse source ne porte aucun critère : motif d'exclusion obligatoire "
                "en ESPD-EDM 4.1.0 ajouté, ses réponses sont à donner.",
            )
        if kind == "response":
            answers = AnswerMapping(self.context)
            answers.apply(document)
            answers.implied(document)
            answers.branches(document)
            header.operator_role(document)
            answers.evidence_links(document)
            self.report.answers_carried = len(
                {
                    id(origin.source)
                    for answer in document.answers
                    if (origin := self.state.origin.get(answer.id)) is not None
                }
            )
        else:
            self._add_mandatory(
                document,
                "Motif d'exclusion obligatoire en ESPD-EDM 4.1.0 (BR-REQ-30), "
                "ajouté sans exigence particulière.",
            )
        for item in self.source.unmodelled:
            self.note(
                "field_dropped",
                item.path,
                label=item.label,
                value=item.value,
                reason="Élément sans équivalent dans le modèle ESPD-EDM 4.1.0.",
            )
        return document

    def _add_mandatory(self, document: EspdDocument, reason: str) -> None:
        for code_added in ensure_mandatory(document, self.taxonomy):
            self.note("criterion_added", "/*", target_criterion=code_added, reason=reason)


# ---------------------------------------------------------------- entry points
def _load(source: Path | bytes, name: str | None) -> tuple[etree._ElementTree, str]:
    if isinstance(source, bytes):
        label = name or "document"
        return safe.parse_bytes(source, label), label
    return safe.parse_file(source), name or source.name


def convert_tree(
    tree: etree._ElementTree,
    detected: DetectedVersion,
    name: str,
    lot: str | None = None,
    *,
    fill_required: bool = True,
) -> ConversionResult:
    """Convert a parsed document whose version is already detected."""
    if detected.family == "1":
        require_readable(detected, name)  # refuses 1.0.2 with the way out
    if detected.version == TARGET_VERSION or detected.family == "4.1":
        document = read_tree(tree, detected, name)
        report = MismatchReport(detected.version, detected.label, detected.kind)
        report.answers_in_source = report.answers_carried = len(document.answers)
        return ConversionResult(document, report, detected)
    if detected.family not in ("2", "3", "4.0"):
        raise UnsupportedVersionError(
            detected.version, f"{name} : {detected.label} ne peut pas être converti."
        )
    table = mapping_table(table_name(detected))
    source = read_source(tree, detected, name)
    report = MismatchReport(detected.version, detected.label, detected.kind)
    conversion = _Conversion(Context(source, table, load_taxonomy(), report, fill_required))
    reference = {"2": "2.1.1", "3": "3.3.0", "4.0": "4.0.0"}[detected.family]
    if detected.version != reference:
        conversion.note(
            "document_note",
            "/*",
            value=detected.version,
            reason=f"{detected.label} est lu avec les tables de la version {reference}, "
            "la plus proche publiée : vérifiez le rapport.",
        )
    if detected.draft_namespaces:
        conversion.note(
            "document_note",
            "/*",
            value="urn:X-test:UBL:Pre-award",
            reason="Document écrit avec les espaces de noms provisoires de UBL 2.2 "
            "(« urn:X-test:UBL:Pre-award ») : lus comme les espaces de noms UBL définitifs.",
        )
    if detected.family == "2" and (detected.flavour or "") not in ("BASIC", "EXTENDED"):
        conversion.note(
            "document_note",
            "/*/cbc:QualificationApplicationTypeCode",
            value=detected.flavour or "",
            reason=f"Modèle 2.x {detected.flavour or 'non précisé'} lu comme "
            f"{table.name.split('-')[-1].upper()}.",
        )
    document = conversion.run(lot)
    log.info("%s: %s", name, report.summary())
    origins = conversion.state.origin
    provenance = {a.id: origins[a.id].path for a in document.answers if a.id in origins}
    return ConversionResult(document, report, detected, provenance)


def convert(
    source: Path | bytes,
    *,
    lot: str | None = None,
    name: str | None = None,
    fill_required: bool = True,
) -> ConversionResult:
    """Read *source* (a path or the XML bytes) and convert it to ESPD-EDM 4.1.0.

    A 4.1.0 document is read as is (empty report).  1.0.2 is refused with
    :class:`~app.errors.UnsupportedVersionError` and the way to get a newer
    document; unreadable files raise :class:`~app.errors.DocumentRefusedError`.
    *lot* chooses the lot a multi-lot response is converted for.  With
    *fill_required*, a question the 4.1.0 rules now require and the source never
    answered gets a visible « À COMPLÉTER » value when its type allows one (text,
    identifier, empty period), so the document passes the rules; each one is an
    ``answer_missing`` entry of the report, to be replaced before sending.
    """
    tree, label = _load(source, name)
    detected = detect(tree, label)
    return convert_tree(tree, detected, label, lot, fill_required=fill_required)
