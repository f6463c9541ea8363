"""Reusing answers: how they are laid out in occurrences, and merging them into a response.

Answers stay a flat list, as in the XML.  A repeatable group (several turnover
years, several convictions) is answered by giving each question below it one
value per *occurrence*: occurrence *k* of a question is its *k*-th "slot".  A
slot may be empty while a later one is filled (an occurrence being typed), so
slots are written with explicit ids ``<property id>/R<k+1>``; the XML keeps
those ids, so occurrences survive an export and a re-import.

Merging a previous response (or a company profile) into a response copies the
answers to the properties both documents share and reports what was copied and
what is left to answer: :func:`plan_merge`, :func:`plan_reuse`, :func:`apply_plan`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from app.models.answering import active_questions, required_questions
from app.models.criteria import Criterion, CriterionProperty, PropertyGroup
from app.models.document import Answer, EspdDocument, Evidence
from app.models.events import Change
from app.models.taxonomy import Taxonomy
from app.models.values import QUANTITY_UNITS, EvidenceRefValue, QuantityValue, Value

#: one value per occurrence; ``None`` is an occurrence left empty
Slots = list[Value | None]

_SLOT_SUFFIX = re.compile(r"/R([1-9][0-9]{0,3})$")


# ---------------------------------------------------------------- answer layout
def answer_slots(document: EspdDocument, property_id: str) -> Slots:
    """The answers to one question, one slot per occurrence (trailing empties trimmed)."""
    answers = document.answers_for(property_id)
    indexed: dict[int, Value] = {}
    for answer in answers:
        match = _SLOT_SUFFIX.search(answer.id)
        index = int(match.group(1)) - 1 if match else -1
        if match is None or answer.id[: match.start()] != property_id or index in indexed:
            # ids from another tool (nested /R1/R2 ...): the occurrences follow the order
            indexed = {}
            break
        indexed[index] = answer.value
    if not indexed:
        return [answer.value for answer in answers]
    slots: Slots = [None] * (max(indexed) + 1)
    for index, value in indexed.items():
        slots[index] = value
    return slots


def trimmed(slots: Sequence[Value | None]) -> Slots:
    result = list(slots)
    while result and result[-1] is None:
        result.pop()
    return result


def _with_unit(document: EspdDocument, prop: CriterionProperty | None, value: Value) -> Value:
    """A quantity carries the unit its data type implies, as the XML will."""
    if not isinstance(value, QuantityValue) or value.unit is not None or prop is None:
        return value
    unit = QUANTITY_UNITS.get(prop.data_type)
    return value.model_copy(update={"unit": unit}) if unit else value


def write_slots(
    document: EspdDocument,
    property_id: str,
    slots: Sequence[Value | None],
    lot_ref: str | None,
) -> None:
    """Replace the answers to one question by *slots* (emits ``answers/<id>``)."""
    values = trimmed(slots)
    if None not in values:
        document.set_answers(property_id, [v for v in values if v is not None], lot_ref)
        return
    # An empty occurrence before a filled one: explicit ids keep each value in its occurrence.
    prop = document.property_index().get(property_id)
    old = document.answers_for(property_id)
    kept = [a for a in document.answers if a.property_id != property_id]
    new = [
        Answer(
            id=f"{property_id}/R{index}",
            property_id=property_id,
            value=_with_unit(document, prop, value),
            lot_ref=lot_ref,
        )
        for index, value in enumerate(values, start=1)
        if value is not None
    ]
    document.answers = kept + new
    document.events.emit(Change(f"answers/{property_id}", old, new))


def criterion_of(document: EspdDocument, property_id: str) -> Criterion | None:
    prefix = property_id.split("/", 1)[0]
    for criterion in document.criteria:
        if criterion.path_id == prefix:
            return criterion
    for criterion in document.criteria:
        if criterion.find_property(property_id) is not None:
            return criterion
    return None


def answer_lot_ref(document: EspdDocument, criterion: Criterion | None) -> str | None:
    """Answers to a selection criterion name the lot the response covers."""
    if criterion is None or criterion.family != "SC":
        return None
    lots = document.lot_ids()
    return lots[0] if lots else None


def operator_repeatable(group: PropertyGroup) -> bool:
    """A group the operator may answer several times (the buyer's groups are not)."""
    if not group.repeatable or group.type_code == "ONFALSE":
        return False
    if any(p.is_requirement for p in group.properties):
        return False
    return any(p.is_question for g in group.iter_groups() for p in g.properties)


def repeat_roots(criterion: Criterion) -> list[PropertyGroup]:
    """The outermost operator-repeatable groups (nested repeats follow their outer occurrence)."""
    roots: list[PropertyGroup] = []

    def walk(group: PropertyGroup) -> None:
        if operator_repeatable(group):
            roots.append(group)
            return
        for sub in group.subgroups:
            walk(sub)

    for group in criterion.groups:
        walk(group)
    return roots


def questions_below(group: PropertyGroup) -> list[CriterionProperty]:
    seen: set[str] = set()
    result = []
    for item in group.iter_groups():
        for prop in item.properties:
            if prop.is_question and prop.id not in seen:
                seen.add(prop.id)
                result.append(prop)
    return result


def occurrence_count(document: EspdDocument, property_ids: Iterable[str]) -> int:
    """How many occurrences a repeatable group shows (at least one, maybe empty)."""
    return max([1, *(len(trimmed(answer_slots(document, pid))) for pid in property_ids)])


def active_answer_map(document: EspdDocument) -> dict[str, Slots]:
    """The slots of every answered question that applies (inactive branches left out)."""
    result: dict[str, Slots] = {}
    for item in active_questions(document):
        slots = trimmed(answer_slots(document, item.question.id))
        if slots:
            result[item.question.id] = slots
    return result


def evidence_ids(slots: Iterable[Value | None]) -> list[str]:
    return [v.evidence_id for v in slots if isinstance(v, EvidenceRefValue)]


# ---------------------------------------------------------------- merge plans
def _label(prop: CriterionProperty) -> str:
    return prop.description or prop.name or prop.data_type


@dataclass(frozen=True)
class ReusedAnswer:
    criterion_code: str
    criterion_name: str
    property_id: str
    label: str
    slots: tuple[Value | None, ...]
    lot_ref: str | None


@dataclass(frozen=True)
class NewQuestion:
    criterion_code: str
    criterion_name: str
    property_id: str
    label: str


@dataclass
class ReusePlan:
    """What a merge copies, and what is left to answer afterwards (for the user to review)."""

    copied: list[ReusedAnswer] = field(default_factory=list)
    new: list[NewQuestion] = field(default_factory=list)
    #: evidences the copied answers point to, missing from the target
    evidences: list[Evidence] = field(default_factory=list)
    #: questions the target had already answered: left as they are
    kept: list[str] = field(default_factory=list)

    def copied_criteria(self) -> list[str]:
        return list(dict.fromkeys(a.criterion_name for a in self.copied))

    def new_criteria(self) -> list[str]:
        """Criteria with required questions still unanswered after the merge."""
        return list(dict.fromkeys(q.criterion_name for q in self.new))

    def is_empty(self) -> bool:
        return not self.copied and not self.evidences


def plan_reuse(
    answers: Mapping[str, Sequence[Value | None]],
    evidences: Sequence[Evidence],
    target: EspdDocument,
    *,
    replace: bool = False,
) -> ReusePlan:
    """Copy *answers* (property id -> slots) to the questions of *target* that share their id."""
    plan = ReusePlan()
    known_evidences = {e.id: e for e in evidences}
    present_evidences = {e.id for e in target.evidences}
    for criterion in target.criteria:
        lot_ref = answer_lot_ref(target, criterion)
        for prop in criterion.questions():
            slots = trimmed(answers.get(prop.id, []))
            if not slots or any(a.property_id == prop.id for a in plan.copied):
                continue
            if target.answers_for(prop.id) and not replace:
                plan.kept.append(prop.id)
                continue
            if prop.data_type == "EVIDENCE_IDENTIFIER":
                missing = [e for e in evidence_ids(slots) if e not in known_evidences]
                if missing and not any(e in present_evidences for e in missing):
                    continue  # a reference to nothing would fail BR-TCR-09
                for evidence_id in evidence_ids(slots):
                    evidence = known_evidences.get(evidence_id)
                    if evidence is not None and evidence_id not in present_evidences:
                        plan.evidences.append(evidence.model_copy(deep=True))
                        present_evidences.add(evidence_id)
            plan.copied.append(
                ReusedAnswer(
                    criterion.code, criterion.name, prop.id, _label(prop), tuple(slots), lot_ref
                )
            )
    preview = target.clone()
    apply_plan(preview, plan)
    for item in required_questions(preview):
        if not preview.answers_for(item.question.id):
            plan.new.append(
                NewQuestion(
                    item.criterion.code,
                    item.criterion.name,
                    item.question.id,
                    _label(item.question),
                )
            )
    return plan


def plan_merge(previous: EspdDocument, target: EspdDocument, *, replace: bool = False) -> ReusePlan:
    """Answers of a previous response to the criteria *target* shares with it."""
    return plan_reuse(active_answer_map(previous), previous.evidences, target, replace=replace)


def apply_plan(target: EspdDocument, plan: ReusePlan) -> None:
    """Apply *plan* directly (a response being created; the editor uses an undoable batch)."""
    for evidence in plan.evidences:
        if target.evidence(evidence.id) is None:
            target.evidences.append(evidence.model_copy(deep=True))
    for answer in plan.copied:
        write_slots(target, answer.property_id, answer.slots, answer.lot_ref)


def adopt_cardinalities(document: EspdDocument, taxonomy: Taxonomy) -> int:
    """Take the cardinalities (1, 0..1, 1..n, 0..n) of the taxonomy; return how many changed.

    They come from the official spreadsheet, not from the XML: a request read
    from a file has every group at "1", which would hide repeatable groups and
    make optional questions look required.
    """
    groups: dict[str, str] = {}
    properties: dict[str, str] = {}
    for template in taxonomy.criteria:
        for group in template.iter_groups():
            groups[group.id] = group.cardinality
            for prop in group.properties:
                properties[prop.id] = prop.cardinality
    changed = 0
    for criterion in document.criteria:
        for group in criterion.iter_groups():
            wanted = groups.get(group.id, group.cardinality)
            if group.cardinality != wanted:
                group.cardinality = wanted
                changed += 1
            for prop in group.properties:
                wanted = properties.get(prop.id, prop.cardinality)
                if prop.cardinality != wanted:
                    prop.cardinality = wanted
                    changed += 1
    return changed
