"""The edits of a response, each an :class:`~app.models.editing.Operation` with its inverse.

Answers are written per question as *slots* (one per occurrence of a repeatable
group, see :mod:`app.models.reuse`).  Merging a previous response and applying
a company profile are :class:`~app.models.editing.Batch` es of these, so each is
one undo step.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.models.criteria import Criterion
from app.models.document import Answer, EconomicOperator, EspdDocument, Evidence, Lot
from app.models.editing import Batch, Operation
from app.models.events import Change
from app.models.profile import OperatorProfile, operator_from_profile, plan_prefill
from app.models.reuse import (
    ReusePlan,
    answer_lot_ref,
    answer_slots,
    criterion_of,
    occurrence_count,
    trimmed,
    write_slots,
)
from app.models.values import IndicatorValue, PeriodValue, QuantityValue, Value


@dataclass
class SetAnswers(Operation):
    """Replace the answers to one question: one value (or ``None``) per occurrence."""

    property_id: str
    values: Sequence[Value | None]
    lot_ref: str | None = None
    label: str = "Répondre"

    def apply(self, document: EspdDocument) -> Operation:
        old = answer_slots(document, self.property_id)
        previous = document.answers_for(self.property_id)
        old_lot = previous[0].lot_ref if previous else self.lot_ref
        write_slots(document, self.property_id, self.values, self.lot_ref)
        return SetAnswers(self.property_id, old, old_lot, self.label)

    def merge_key(self) -> str | None:
        return f"answers:{self.property_id}"


def _padded(document: EspdDocument, property_id: str, count: int) -> list[Value | None]:
    slots = answer_slots(document, property_id)
    return slots + [None] * (count - len(slots))


@dataclass
class AddOccurrence(Operation):
    """Insert an occurrence of a repeatable group at *index* (its questions' values given)."""

    property_ids: list[str]
    index: int
    values: Mapping[str, Value | None] = field(default_factory=dict)
    lot_ref: str | None = None
    label: str = "Ajouter une occurrence"

    def apply(self, document: EspdDocument) -> Operation:
        count = occurrence_count(document, self.property_ids)
        for property_id in self.property_ids:
            slots = _padded(document, property_id, count)
            slots.insert(min(self.index, len(slots)), self.values.get(property_id))
            if trimmed(slots) != trimmed(answer_slots(document, property_id)):
                write_slots(document, property_id, slots, self.lot_ref)
        return RemoveOccurrence(self.property_ids, self.index, self.lot_ref, label=self.label)


@dataclass
class RemoveOccurrence(Operation):
    """Remove the occurrence *index* of a repeatable group (the last one is emptied)."""

    property_ids: list[str]
    index: int
    lot_ref: str | None = None
    label: str = "Retirer une occurrence"

    def apply(self, document: EspdDocument) -> Operation:
        count = occurrence_count(document, self.property_ids)
        removed: dict[str, Value | None] = {}
        for property_id in self.property_ids:
            slots = _padded(document, property_id, count)
            if self.index >= len(slots):
                continue
            removed[property_id] = slots.pop(self.index)
            if trimmed(slots) != trimmed(answer_slots(document, property_id)):
                write_slots(document, property_id, slots, self.lot_ref)
        return AddOccurrence(self.property_ids, self.index, removed, self.lot_ref, self.label)


def seed_occurrence(
    document: EspdDocument, questions: Sequence[Any], previous: int
) -> dict[str, Value | None]:
    """The values a new occurrence starts with, from occurrence *previous*.

    Indicators are copied (all occurrences must take the same branch: the rules
    look an indicator up by property id); a year or fiscal period steps back one
    year (turnover, staff numbers).  A group with neither is copied whole, so
    the new occurrence exists until the user changes it.
    """
    seed: dict[str, Value | None] = {}
    stepped: dict[str, Value | None] = {}
    whole: dict[str, Value | None] = {}
    for question in questions:
        slots = answer_slots(document, question.id)
        value = slots[previous] if previous < len(slots) else None
        whole[question.id] = value
        if isinstance(value, IndicatorValue):
            seed[question.id] = value
        elif isinstance(value, QuantityValue) and question.data_type == "QUANTITY_YEAR":
            stepped[question.id] = value.model_copy(update={"value": value.value - 1})
    if seed:
        return seed
    if stepped:
        return stepped
    periods = [v for v in whole.values() if isinstance(v, PeriodValue)]
    if periods and len(periods) == len([v for v in whole.values() if v is not None]):
        return {pid: _year_before(v) for pid, v in whole.items()}
    return whole


def _year_before(value: Value | None) -> Value | None:
    if not isinstance(value, PeriodValue):
        return value
    start = value.start.replace(year=value.start.year - 1) if value.start else None
    end = value.end.replace(year=value.end.year - 1) if value.end else None
    return PeriodValue(start=start, end=end)


@dataclass
class SetEvidence(Operation):
    """Create, change (or with ``None`` remove) one evidence of the response."""

    evidence_id: str
    evidence: Evidence | None
    label: str = "Modifier une preuve"

    def apply(self, document: EspdDocument) -> Operation:
        old = document.evidence(self.evidence_id)
        items = list(document.evidences)
        position = items.index(old) if old is not None else len(items)
        if old is not None:
            items.remove(old)
        if self.evidence is not None:
            items.insert(position, self.evidence.model_copy(deep=True))
        document.evidences = items
        document.events.emit(Change(f"evidences/{self.evidence_id}", old, self.evidence))
        return SetEvidence(self.evidence_id, old, self.label)

    def merge_key(self) -> str | None:
        return f"evidence:{self.evidence_id}"


@dataclass
class SetOperatorField(Operation):
    """Set a field of the economic operator: ``name``, ``address.city``, ``representatives`` ..."""

    path: str
    value: Any
    label: str = "Modifier l'opérateur économique"

    def apply(self, document: EspdDocument) -> Operation:
        if document.economic_operator is None:
            document.economic_operator = EconomicOperator()
        target: Any = document.economic_operator
        *parents, leaf = self.path.split(".")
        for part in parents:
            target = getattr(target, part)
        old = getattr(target, leaf)
        document.set_field(f"economic_operator.{self.path}", self.value)
        return SetOperatorField(self.path, old, self.label)

    def merge_key(self) -> str | None:
        return f"operator:{self.path}"


@dataclass
class SetOperator(Operation):
    """Replace the whole identity of the operator (a profile applied)."""

    operator: EconomicOperator | None
    label: str = "Reprendre l'identité de l'entreprise"

    def apply(self, document: EspdDocument) -> Operation:
        old = document.economic_operator
        document.economic_operator = (
            self.operator.model_copy(deep=True) if self.operator is not None else None
        )
        document.events.emit(Change("economic_operator", old, document.economic_operator))
        return SetOperator(old, self.label)


@dataclass
class ChooseLot(Operation):
    """Make the response cover another lot of the request (a response covers one lot).

    *criteria* are the request's criteria as a response to that lot carries them
    (:func:`app.models.answering.criteria_for_lot`).  Answers to the questions
    both scopes share are kept (their lot reference follows); the others are
    dropped, and come back on undo.
    """

    lot: Lot
    criteria: list[Criterion]
    answers: list[Answer] | None = None
    label: str = "Choisir le lot"

    def apply(self, document: EspdDocument) -> Operation:
        old_lots = [lot.model_copy() for lot in document.lots]
        old_criteria = document.criteria
        old_answers = document.answers
        inverse = ChooseLot(
            old_lots[0] if old_lots else Lot(id=""), old_criteria, old_answers, self.label
        )
        document.lots = [self.lot.model_copy()] if self.lot.id else []
        document.criteria = [c.model_copy(deep=True) for c in self.criteria]
        if self.answers is not None:
            document.answers = [a.model_copy() for a in self.answers]
        else:
            known = document.property_index()
            kept = []
            for answer in old_answers:
                if answer.property_id not in known:
                    continue
                criterion = criterion_of(document, answer.property_id)
                lot_ref = (
                    self.lot.id if criterion is not None and criterion.family == "SC" else None
                )
                kept.append(answer.model_copy(update={"lot_ref": lot_ref or None}))
            document.answers = kept
        document.events.emit(Change("lots", [lot.id for lot in old_lots], self.lot.id))
        document.events.emit(Change("criteria", None, None))
        return inverse


def _plan_operations(plan: ReusePlan) -> list[Operation]:
    operations: list[Operation] = [SetEvidence(e.id, e) for e in plan.evidences]
    operations += [SetAnswers(a.property_id, list(a.slots), a.lot_ref) for a in plan.copied]
    return operations


@dataclass
class MergeResponse(Batch):
    """Copy the answers of a previous response (a reviewed :class:`ReusePlan`)."""

    label: str = "Reprendre une réponse précédente"

    @classmethod
    def from_plan(cls, plan: ReusePlan) -> MergeResponse:
        return cls(_plan_operations(plan))


@dataclass
class ApplyProfile(Batch):
    """Take the identity and the standing answers of a company profile."""

    label: str = "Appliquer le profil de l'entreprise"

    @classmethod
    def build(
        cls, document: EspdDocument, profile: OperatorProfile
    ) -> tuple[ApplyProfile, ReusePlan]:
        plan = plan_prefill(profile, document)
        operator = operator_from_profile(profile, document.economic_operator)
        operations: list[Operation] = [SetOperator(operator)]
        return cls(operations + _plan_operations(plan)), plan


def lot_ref_for(document: EspdDocument, property_id: str) -> str | None:
    """The lot an answer to *property_id* names (selection criteria only)."""
    return answer_lot_ref(document, criterion_of(document, property_id))
