"""Answering a request: create the response, and decide which questions apply.

The form logic lives here, not in widgets: a subgroup typed ONTRUE / ONFALSE
applies only when the INDICATOR question of its parent group was answered
true / false (BR-TCR-06, BR-TCR-07).  The UI and the checks both ask
:func:`active_questions`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from app.models.builder import lot_groups
from app.models.criteria import Criterion, CriterionProperty, PropertyGroup
from app.models.document import EconomicOperator, EspdDocument, Lot
from app.models.values import IndicatorValue

CONDITIONAL = ("ONTRUE", "ONFALSE")


def criteria_for_lot(criteria: list[Criterion], lot: str | None) -> list[Criterion]:
    """Copies of *criteria* as a response to *lot* carries them.

    A response covers exactly one lot (BR-LOT-10), and each answered property
    id must exist once (BR-TCR-01-02): a selection criterion keeps only the
    requirement group (RG1) of that lot, and criteria of other lots are left out.
    """
    result = []
    for criterion in criteria:
        copy = criterion.model_copy(deep=True)
        if copy.family == "SC" and lot is not None:
            if copy.lot_refs and lot not in copy.lot_refs:
                continue
            groups = lot_groups(copy)
            if groups:
                keep = groups.get(lot) or next(iter(groups.values()))
                rg_id = keep.id
                copy.groups = [keep] + [g for g in copy.groups if g.id != rg_id]
            copy.lot_refs = [lot]
        result.append(copy)
    return result


def new_response(request: EspdDocument, lot: str | None = None) -> EspdDocument:
    """An empty response to *request*, for one lot (a response covers exactly one lot)."""
    if request.kind != "request":
        raise ValueError("a response answers a request")
    lots = request.lot_ids()
    chosen = lot or (lots[0] if lots else None)
    response = EspdDocument(
        kind="response",
        procedure=request.procedure.model_copy(deep=True),
        buyer=request.buyer.model_copy(deep=True),
        buyer_profile_uri=request.buyer_profile_uri,
        economic_operator=EconomicOperator(),
        lots=[Lot(id=chosen, title=next((x.title for x in request.lots if x.id == chosen), ""))]
        if chosen
        else [],
        criteria=criteria_for_lot(request.criteria, chosen),
    )
    return response


def _indicator_answer(document: EspdDocument, group: PropertyGroup) -> bool | None:
    indicator = group.indicator()
    if indicator is None:
        return None
    for answer in document.answers_for(indicator.id):
        if isinstance(answer.value, IndicatorValue):
            return answer.value.value
    return None


def subgroup_applies(
    document: EspdDocument, parent: PropertyGroup, subgroup: PropertyGroup
) -> bool:
    if subgroup.type_code not in CONDITIONAL:
        return True
    answer = _indicator_answer(document, parent)
    if answer is None:
        return False
    return answer if subgroup.type_code == "ONTRUE" else not answer


@dataclass(frozen=True)
class ActiveQuestion:
    criterion: Criterion
    group: PropertyGroup
    question: CriterionProperty


def _walk(
    document: EspdDocument, criterion: Criterion, group: PropertyGroup, seen: set[str]
) -> Iterator[ActiveQuestion]:
    for prop in group.properties:
        if prop.is_question and prop.id not in seen:
            seen.add(prop.id)
            yield ActiveQuestion(criterion, group, prop)
    for sub in group.subgroups:
        if subgroup_applies(document, group, sub):
            yield from _walk(document, criterion, sub, seen)


def active_questions(
    document: EspdDocument, criterion: Criterion | None = None
) -> list[ActiveQuestion]:
    """The questions that apply given the answers so far (each property once)."""
    result: list[ActiveQuestion] = []
    for item in [criterion] if criterion else document.criteria:
        seen: set[str] = set()
        for group in item.groups:
            result.extend(_walk(document, item, group, seen))
    return result


def required_questions(document: EspdDocument) -> list[ActiveQuestion]:
    """Questions an operator must answer: the active ones outside optional groups.

    Every exclusion ground's questions are required; a question of an optional
    (0..1, 0..n) group is not, unless the group is a conditional branch that
    the operator opened by answering its indicator.
    """
    required = []
    for item in active_questions(document):
        group_optional = item.group.optional and item.group.type_code not in CONDITIONAL
        if group_optional or item.question.cardinality.startswith("0"):
            continue
        required.append(item)
    return required


def completeness(document: EspdDocument) -> tuple[int, int]:
    """(answered, required): the "N of M required answers given" indicator."""
    required = required_questions(document)
    answered = sum(1 for item in required if document.answers_for(item.question.id))
    return answered, len(required)
