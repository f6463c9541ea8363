"""The company profile: who the operator is, and the answers it gives every time.

A profile holds the operator's identity (name, identifiers, address, contacts,
size, representatives, website), its *standing answers* (keyed by criterion
code and property id: the exclusion grounds, the selection criteria answered
before), the evidences those answers point to, and three tables people also
edit by hand: turnover by year, staff numbers by year and references.

A new response is prefilled from a profile (:func:`prefill_response`,
:func:`start_response`); the answers of a response go back into the profile
once the user confirms (:func:`profile_from_response`, :func:`profile_changes`).
Profiles are stored as JSON in the library (``company_profiles``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pydantic import BaseModel, Field, ValidationError

from app.errors import UserFacingError
from app.models.answering import new_response
from app.models.criteria import Criterion, CriterionProperty
from app.models.document import EconomicOperator, EspdDocument, Evidence
from app.models.reuse import (
    ReusePlan,
    Slots,
    active_answer_map,
    adopt_cardinalities,
    answer_slots,
    apply_plan,
    criterion_of,
    evidence_ids,
    plan_reuse,
    questions_below,
    repeat_roots,
    trimmed,
)
from app.models.taxonomy import Taxonomy
from app.models.values import (
    AmountValue,
    PeriodValue,
    QuantityValue,
    TextValue,
    Value,
)
from app.storage.library import Library

log = logging.getLogger("dume.models.profile")

#: Bumped when the JSON layout of a profile changes.
PROFILE_VERSION = 1


class ProfileError(UserFacingError):
    title = "Profil d'entreprise"


class ResponseStartError(UserFacingError):
    title = "Réponse impossible"


class TurnoverYear(BaseModel):
    year: int
    amount: Decimal
    currency: str = "EUR"


class StaffYear(BaseModel):
    year: int
    headcount: int


class WorkReference(BaseModel):
    """A contract performed, as the "references" selection criteria ask for it."""

    description: str = ""
    amount: Decimal | None = None
    currency: str = "EUR"
    start: dt.date | None = None
    end: dt.date | None = None
    recipient: str = ""


class StandingAnswer(BaseModel):
    criterion: str  # criterion code, e.g. crime-org
    property_id: str
    #: one value per occurrence of its group (``None``: occurrence left empty)
    values: list[Value | None]


class OperatorProfile(BaseModel):
    profile_version: int = PROFILE_VERSION
    operator: EconomicOperator = Field(default_factory=EconomicOperator)
    answers: list[StandingAnswer] = Field(default_factory=list)
    evidences: list[Evidence] = Field(default_factory=list)
    turnover: list[TurnoverYear] = Field(default_factory=list)
    staff: list[StaffYear] = Field(default_factory=list)
    references: list[WorkReference] = Field(default_factory=list)

    @property
    def name(self) -> str:
        return self.operator.name.strip() or "Profil sans nom"

    def answer_map(self) -> dict[str, Slots]:
        return {a.property_id: list(a.values) for a in self.answers}

    def standing(self, criterion_code: str) -> list[StandingAnswer]:
        return [a for a in self.answers if a.criterion == criterion_code]


# ---------------------------------------------------------------- tables <-> criteria
#: criterion codes whose repeatable group is one of the profile's tables
TURNOVER_CODES = ("gen-year-to",)
STAFF_CODES = ("year-manpower",)
REFERENCE_CODES = ("work-perform", "supply-perform", "service-perform")

# The questions of one occurrence, found by (data type, rank among that type) in
# the repeatable group: stable across the taxonomy, unlike labels.
_TURNOVER_SHAPE = (("PERIOD", 0), ("AMOUNT", 0))
_STAFF_SHAPE = (("QUANTITY_YEAR", 0), ("QUANTITY_INTEGER", 0))
_REFERENCE_SHAPE = (("DESCRIPTION", 0), ("AMOUNT", 0), ("PERIOD", 0), ("DESCRIPTION", 2))


def _shape_questions(
    criterion: Criterion, shape: Sequence[tuple[str, int]]
) -> list[CriterionProperty] | None:
    """The questions of the first repeatable group of *criterion* that has *shape*."""
    for root in repeat_roots(criterion):
        questions = questions_below(root)
        found = []
        for data_type, rank in shape:
            of_type = [q for q in questions if q.data_type == data_type]
            if len(of_type) <= rank:
                break
            found.append(of_type[rank])
        else:
            return found
    return None


def _rows(document: EspdDocument, questions: list[CriterionProperty]) -> list[list[Value | None]]:
    columns = [answer_slots(document, q.id) for q in questions]
    count = max((len(c) for c in columns), default=0)
    padded = [c + [None] * (count - len(c)) for c in columns]
    return [[column[k] for column in padded] for k in range(count)]


def _fiscal_year(period: Value | None) -> int | None:
    if isinstance(period, PeriodValue):
        day = period.end or period.start
        return day.year if day else None
    return None


def _extract_tables(profile: OperatorProfile, response: EspdDocument) -> None:
    turnover = {t.year: t for t in profile.turnover}
    staff = {s.year: s for s in profile.staff}
    references = {r.description: r for r in profile.references}
    for criterion in response.criteria:
        if criterion.code in TURNOVER_CODES:
            questions = _shape_questions(criterion, _TURNOVER_SHAPE)
            for period, amount in _rows(response, questions or []):
                year = _fiscal_year(period)
                if year is not None and isinstance(amount, AmountValue):
                    turnover[year] = TurnoverYear(
                        year=year, amount=amount.value, currency=amount.currency
                    )
        elif criterion.code in STAFF_CODES:
            questions = _shape_questions(criterion, _STAFF_SHAPE)
            for when, count in _rows(response, questions or []):
                if isinstance(when, QuantityValue) and isinstance(count, QuantityValue):
                    staff[int(when.value)] = StaffYear(
                        year=int(when.value), headcount=int(count.value)
                    )
        elif criterion.code in REFERENCE_CODES:
            questions = _shape_questions(criterion, _REFERENCE_SHAPE)
            for description, amount, period, recipient in _rows(response, questions or []):
                if not isinstance(description, TextValue) or not description.value.strip():
                    continue
                references[description.value] = WorkReference(
                    description=description.value,
                    amount=amount.value if isinstance(amount, AmountValue) else None,
                    currency=amount.currency if isinstance(amount, AmountValue) else "EUR",
                    start=period.start if isinstance(period, PeriodValue) else None,
                    end=period.end if isinstance(period, PeriodValue) else None,
                    recipient=recipient.value if isinstance(recipient, TextValue) else "",
                )
    profile.turnover = sorted(turnover.values(), key=lambda t: -t.year)
    profile.staff = sorted(staff.values(), key=lambda s: -s.year)
    profile.references = list(references.values())


def _fiscal_years_wanted(criterion: Criterion) -> int | None:
    """The number of fiscal years the buyer asks for (a QUANTITY_YEAR requirement)."""
    for prop in criterion.requirements():
        if prop.data_type == "QUANTITY_YEAR" and prop.expected is not None:
            number = getattr(prop.expected, "value", None)
            if isinstance(number, Decimal) and number > 0:
                return int(number)
    return None


def _table_answers(profile: OperatorProfile, target: EspdDocument) -> dict[str, Slots]:
    """Answers built from the profile's tables, for the criteria of *target* that use them."""
    result: dict[str, Slots] = {}
    for criterion in target.criteria:
        rows: list[list[Value | None]] = []
        questions: list[CriterionProperty] | None = None
        if criterion.code in TURNOVER_CODES and profile.turnover:
            questions = _shape_questions(criterion, _TURNOVER_SHAPE)
            years = sorted(profile.turnover, key=lambda t: -t.year)
            years = years[: _fiscal_years_wanted(criterion) or len(years)]
            rows = [
                [
                    PeriodValue(start=dt.date(t.year, 1, 1), end=dt.date(t.year, 12, 31)),
                    AmountValue(value=t.amount, currency=t.currency),
                ]
                for t in years
            ]
        elif criterion.code in STAFF_CODES and profile.staff:
            questions = _shape_questions(criterion, _STAFF_SHAPE)
            rows = [
                [
                    QuantityValue(value=Decimal(s.year)),
                    QuantityValue(value=Decimal(s.headcount)),
                ]
                for s in sorted(profile.staff, key=lambda s: -s.year)
            ]
        elif criterion.code in REFERENCE_CODES and profile.references:
            questions = _shape_questions(criterion, _REFERENCE_SHAPE)
            rows = [
                [
                    TextValue(value=r.description),
                    AmountValue(value=r.amount, currency=r.currency) if r.amount else None,
                    PeriodValue(start=r.start, end=r.end) if r.start or r.end else None,
                    TextValue(value=r.recipient) if r.recipient else None,
                ]
                for r in profile.references
            ]
        if not questions or not rows:
            continue
        for index, prop in enumerate(questions):
            column = trimmed([row[index] for row in rows])
            if column:
                result[prop.id] = column
    return result


# ---------------------------------------------------------------- profile <-> response
def plan_prefill(profile: OperatorProfile, response: EspdDocument) -> ReusePlan:
    """What the profile brings to *response*: standing answers first, then its tables."""
    answers = _table_answers(profile, response)
    answers.update(profile.answer_map())  # an answer given before wins over a table
    return plan_reuse(answers, profile.evidences, response)


def operator_from_profile(
    profile: OperatorProfile, current: EconomicOperator | None
) -> EconomicOperator:
    """The profile's identity, keeping the role this response gives the operator."""
    operator = profile.operator.model_copy(deep=True)
    if current is not None and current.role_code:
        operator.role_code = current.role_code
    return operator


def prefill_response(response: EspdDocument, profile: OperatorProfile) -> ReusePlan:
    """Fill a new response from *profile* (identity and answers); return what was copied."""
    response.economic_operator = operator_from_profile(profile, response.economic_operator)
    plan = plan_prefill(profile, response)
    apply_plan(response, plan)
    return plan


def profile_from_response(
    response: EspdDocument, base: OperatorProfile | None = None
) -> OperatorProfile:
    """*base* updated with the identity and the answers given in *response*."""
    profile = base.model_copy(deep=True) if base is not None else OperatorProfile()
    operator = response.economic_operator
    if operator is not None and (operator.name.strip() or operator.identifiers):
        profile.operator = operator.model_copy(deep=True)
    standing = {(a.criterion, a.property_id): a for a in profile.answers}
    evidences = {e.id: e for e in profile.evidences}
    for property_id, slots in active_answer_map(response).items():
        criterion = criterion_of(response, property_id)
        if criterion is None:
            continue
        standing[(criterion.code, property_id)] = StandingAnswer(
            criterion=criterion.code, property_id=property_id, values=list(slots)
        )
        for evidence_id in evidence_ids(slots):
            evidence = response.evidence(evidence_id)
            if evidence is not None:
                evidences[evidence_id] = evidence.model_copy(deep=True)
    profile.answers = list(standing.values())
    used = {e for a in profile.answers for e in evidence_ids(a.values)}
    profile.evidences = [e for e in evidences.values() if e.id in used]
    _extract_tables(profile, response)
    return profile


@dataclass(frozen=True)
class ProfileChanges:
    """What saving a response into a profile changes (shown before the user confirms)."""

    added: int
    changed: int
    identity_changed: bool

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.identity_changed)

    def describe(self) -> str:
        parts = [
            f"{self.added} réponse(s) nouvelle(s)",
            f"{self.changed} réponse(s) modifiée(s)",
        ]
        if self.identity_changed:
            parts.append("identité de l'entreprise mise à jour")
        return ", ".join(parts)


def profile_changes(old: OperatorProfile, new: OperatorProfile) -> ProfileChanges:
    before = {(a.criterion, a.property_id): a.values for a in old.answers}
    added = changed = 0
    for answer in new.answers:
        key = (answer.criterion, answer.property_id)
        if key not in before:
            added += 1
        elif before[key] != answer.values:
            changed += 1
    return ProfileChanges(added, changed, old.operator != new.operator)


# ---------------------------------------------------------------- storage
def profile_json(profile: OperatorProfile) -> str:
    return profile.model_dump_json()


def load_profile(library: Library, profile_id: str) -> OperatorProfile:
    stored = library.get_profile(profile_id)
    try:
        profile = OperatorProfile.model_validate_json(stored.payload)
    except ValidationError as exc:
        log.warning("profile %s unreadable: %s error(s)", profile_id, exc.error_count())
        raise ProfileError(
            f"Le profil « {stored.name} » est illisible : il a peut-être été écrit par une "
            "version plus récente de l'application."
        ) from None
    if profile.profile_version > PROFILE_VERSION:
        raise ProfileError(
            f"Le profil « {stored.name} » a été écrit par une version plus récente de "
            "l'application ; mettez-la à jour pour l'utiliser."
        )
    return profile


def save_profile(library: Library, profile: OperatorProfile, profile_id: str | None = None) -> str:
    """Create the profile (no id) or replace it; returns its id."""
    if profile_id is None:
        return library.create_profile(profile.name, profile_json(profile)).id
    library.update_profile(profile_id, name=profile.name, payload=profile_json(profile))
    return profile_id


def start_response(
    library: Library,
    request_doc_id: str,
    lot_id: str | None,
    profile_id: str | None = None,
    taxonomy: Taxonomy | None = None,
) -> str:
    """Create a response to a stored request, for one lot, prefilled from a profile.

    Returns the library id of the response, which is linked to the request.
    """
    from app.storage import documents as stored

    request = stored.load(library, request_doc_id)
    if request.kind != "request":
        raise ResponseStartError("Seule une demande de DUME peut recevoir une réponse.")
    lots = request.lot_ids()
    if lot_id is not None and lots and lot_id not in lots:
        raise ResponseStartError(
            f"Le lot « {lot_id} » n'existe pas dans cette demande.",
            hint=f"Lots de la demande : {', '.join(lots)}.",
        )
    response = new_response(request, lot_id)
    if taxonomy is None:
        from app.espdxml.taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
    adopt_cardinalities(response, taxonomy)
    if profile_id is not None:
        prefill_response(response, load_profile(library, profile_id))
    response_id = stored.save_new(library, response)
    library.link_response(response_id, request_doc_id)
    return response_id


def responses_for_lots(
    library: Library,
    request_doc_id: str,
    source: EspdDocument,
    lots: Sequence[str],
    taxonomy: Taxonomy | None = None,
) -> list[str]:
    """One response per other lot the operator tenders for, with *source*'s identity and answers.

    A response covers exactly one lot (BR-LOT-10): tendering for three lots
    means three responses, which share everything but the lot's own criteria.
    """
    from app.models.reuse import plan_merge
    from app.storage import documents as stored

    created = []
    for lot in lots:
        response_id = start_response(library, request_doc_id, lot, None, taxonomy)
        response = stored.load(library, response_id)
        if source.economic_operator is not None:
            response.economic_operator = source.economic_operator.model_copy(deep=True)
        response.group_name = source.group_name
        apply_plan(response, plan_merge(source, response))
        stored.save(library, response_id, response)
        created.append(response_id)
    return created
