"""The mismatch report: everything a conversion could not carry over, or carried with a change.

One :class:`Mismatch` per answer, requirement, criterion or document element,
with where it was in the source, its value and the reason, in French.  The
report is JSON-serialisable (``to_json``) for the UI panel, the CLI and the
PDF section, so nothing is ever lost without the user being told.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: What happened to the source item.
MismatchKind = Literal[
    "criterion_dropped",  # criterion without a 4.1.0 counterpart
    "criterion_added",  # exclusion ground the 4.1.0 rules require in every request
    "answer_dropped",  # answer to a question without a 4.1.0 counterpart
    "answer_changed",  # answer carried, but its type, wording or code changed
    "answer_derived",  # answer 4.1.0 asks for, deduced from the source (implied_answers.csv)
    "requirement_dropped",  # buyer's value without a 4.1.0 counterpart
    "requirement_changed",  # buyer's value carried with a change
    "value_unreadable",  # the source value itself could not be read
    "repetition_dropped",  # more answers than the 4.1.0 property accepts
    "branch_dropped",  # answer to a branch that does not apply after its yes/no answer
    "answer_missing",  # a 4.1.0 question that now must be answered, without source answer
    "lot_dropped",  # a lot (and its answers) a 4.1.0 response cannot cover
    "field_changed",  # document field carried with a change (code, country ...)
    "field_dropped",  # document element the 4.1.0 model does not hold
    "field_missing",  # document field 4.1.0 requires and the source lacks
    "document_note",  # general note (version read with a neighbour's tables ...)
]

#: lost: not in the 4.1.0 document; changed: carried with a change in form or
#: meaning; to_complete: the 4.1.0 document needs the user's input; info: for the record
Impact = Literal["lost", "changed", "to_complete", "info"]

_IMPACT: dict[str, Impact] = {
    "criterion_dropped": "lost",
    "criterion_added": "info",
    "answer_dropped": "lost",
    "answer_changed": "changed",
    "answer_derived": "changed",
    "requirement_dropped": "lost",
    "requirement_changed": "changed",
    "value_unreadable": "lost",
    "repetition_dropped": "lost",
    "branch_dropped": "lost",
    "answer_missing": "to_complete",
    "lot_dropped": "lost",
    "field_changed": "changed",
    "field_dropped": "lost",
    "field_missing": "to_complete",
    "document_note": "info",
}


@dataclass(frozen=True)
class Mismatch:
    kind: MismatchKind
    #: XPath of the source element (``/*/cac:TenderingCriterionResponse[12]``)
    source_path: str
    #: the source ID concerned (criterion, property or answer ID), if any
    source_id: str = ""
    #: criterion code in the source, then in 4.1.0 when there is one
    criterion: str = ""
    target_criterion: str = ""
    #: the question, requirement or field as the source worded it
    label: str = ""
    #: the source value, as text
    value: str = ""
    #: why, in French
    reason: str = ""
    target_id: str = ""
    target_value: str = ""

    @property
    def impact(self) -> Impact:
        return _IMPACT[self.kind]

    def to_json(self) -> dict[str, Any]:
        return {**asdict(self), "impact": self.impact}


@dataclass
class MismatchReport:
    source_version: str
    source_label: str
    kind: str
    target_version: str = "4.1.0"
    entries: list[Mismatch] = field(default_factory=list)
    #: how many source answers and buyer requirement values reached the 4.1.0 document
    answers_carried: int = 0
    requirements_carried: int = 0
    answers_in_source: int = 0

    def add(self, entry: Mismatch) -> None:
        self.entries.append(entry)

    def of_kind(self, *kinds: str) -> list[Mismatch]:
        return [e for e in self.entries if e.kind in kinds]

    def by_impact(self, impact: Impact) -> list[Mismatch]:
        return [e for e in self.entries if e.impact == impact]

    @property
    def lossless(self) -> bool:
        return not self.by_impact("lost") and not self.by_impact("changed")

    def counts(self) -> dict[str, int]:
        return dict(Counter(e.impact for e in self.entries))

    def summary(self) -> str:
        """One French sentence for the banner and the CLI."""
        counts = self.counts()
        parts = [
            f"{self.answers_carried} réponse(s) sur {self.answers_in_source} reprise(s)"
            if self.kind == "response"
            else f"{self.requirements_carried} valeur(s) d'exigence reprise(s)",
            f"{counts.get('lost', 0)} élément(s) non repris",
            f"{counts.get('changed', 0)} modifié(s)",
            f"{counts.get('to_complete', 0)} à compléter",
        ]
        return f"{self.source_label} converti en ESPD-EDM {self.target_version} : " + ", ".join(
            parts
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "source_version": self.source_version,
            "source_label": self.source_label,
            "kind": self.kind,
            "target_version": self.target_version,
            "summary": self.summary(),
            "answers_in_source": self.answers_in_source,
            "answers_carried": self.answers_carried,
            "requirements_carried": self.requirements_carried,
            "counts": self.counts(),
            "entries": [e.to_json() for e in self.entries],
        }
