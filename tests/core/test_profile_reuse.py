"""Answer slots, response operations, merging a previous response, the company profile."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from app.espdxml.reader import read_bytes, read_file
from app.espdxml.taxonomy import load_taxonomy
from app.espdxml.writer import to_bytes
from app.models.answering import active_questions, completeness, new_response, required_questions
from app.models.builder import request_from_spec
from app.models.document import EspdDocument, Evidence, Lot, PartyIdentifier
from app.models.editing import Operation
from app.models.profile import (
    OperatorProfile,
    ProfileError,
    ResponseStartError,
    TurnoverYear,
    load_profile,
    plan_prefill,
    profile_changes,
    profile_from_response,
    save_profile,
    start_response,
)
from app.models.response_checks import check_response, export_ready_response
from app.models.response_ops import (
    AddOccurrence,
    ApplyProfile,
    ChooseLot,
    MergeResponse,
    RemoveOccurrence,
    SetAnswers,
    SetEvidence,
    SetOperatorField,
    lot_ref_for,
    seed_occurrence,
)
from app.models.reuse import (
    active_answer_map,
    adopt_cardinalities,
    answer_slots,
    occurrence_count,
    plan_merge,
    questions_below,
    repeat_roots,
)
from app.models.values import (
    AmountValue,
    CodeValue,
    DateValue,
    EvidenceRefValue,
    IdentifierValue,
    IndicatorValue,
    NumericValue,
    PeriodValue,
    QuantityValue,
    TextValue,
    UriValue,
    Value,
)
from app.storage import documents as stored
from app.storage.library import Library
from app.validation import validate_bytes

TAXONOMY = load_taxonomy()
TURNOVER = "C29_SC_gen-year-to/RG1/RSG1/QSG2"
SOCSEC = "C8_EG_socsec-pay/RG1/QSG1"

SPEC = {
    "buyer": {"name": "Commune de Sainte-Ève", "identifier": "73282932000074", "country": "FRA"},
    "procedure": {"reference": "2026-TRX-014", "title": "Réfection de l'école", "type": "open"},
    "lots": ["LOT-0001", "LOT-0002"],
    "criteria": [
        "crime-org",
        {
            "code": "gen-year-to",
            "requirements": {"C29_SC_gen-year-to/RG1/RSG1/RQ1/R1/R1/R1": 2},
        },
        {"code": "indem-insu", "lots": ["LOT-0002"]},
    ],
}


def _value(data_type: str, document: EspdDocument) -> Value:
    """A plausible answer of each data type (evidences are created on the way)."""
    if data_type == "INDICATOR":
        return IndicatorValue(value=False)
    if data_type == "EVIDENCE_IDENTIFIER":
        if document.evidence("EVIDENCE-1") is None:
            document.evidences.append(
                Evidence(id="EVIDENCE-1", uri="https://preuves.example.fr/1", document_id="K1")
            )
        return EvidenceRefValue(evidence_id="EVIDENCE-1")
    table: dict[str, Value] = {
        "AMOUNT": AmountValue(value=Decimal("1250000.50")),
        "PERIOD": PeriodValue(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
        "DATE": DateValue(value=dt.date(2024, 3, 1)),
        "PERCENTAGE": NumericValue(value=Decimal(12)),
        "URL": UriValue(value="https://www.entreprise.example.fr"),
        "CODE_COUNTRY": CodeValue(
            value="FRA",
            list_id="http://publications.europa.eu/resource/authority/country",
            list_agency_id="OP",
            list_version_id="20250924-0",
        ),
    }
    if data_type in table:
        return table[data_type]
    if data_type.startswith("QUANTITY"):
        return QuantityValue(value=Decimal(2024))
    if "IDENTIFIER" in data_type:
        return IdentifierValue(value="ID-1", scheme_agency_id="OP")
    return TextValue(value="Réponse déjà donnée")


def _answer_everything(document: EspdDocument) -> None:
    for _ in range(20):
        missing = [
            i for i in required_questions(document) if not document.answers_for(i.question.id)
        ]
        if not missing:
            return
        for item in missing:
            value = _value(item.question.data_type, document)
            SetAnswers(item.question.id, [value], lot_ref_for(document, item.question.id)).apply(
                document
            )


def _identify(document: EspdDocument) -> None:
    operator = document.economic_operator
    assert operator is not None
    operator.name = "Menuiseries Dupré"
    operator.address.country = "FRA"
    operator.size_code = "small"
    operator.identifiers = [
        PartyIdentifier(value="73282932000074", scheme_id="NATIONAL", scheme_agency_id="INSEE")
    ]


def _assert_valid(document: EspdDocument) -> bytes:
    data = to_bytes(export_ready_response(document))
    report = validate_bytes(data)
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []
    return data


@pytest.fixture(scope="module")
def official_request(example_request: Path) -> EspdDocument:
    return read_file(example_request)


def _response(request: EspdDocument, lot: str | None = None) -> EspdDocument:
    response = new_response(request, lot)
    adopt_cardinalities(response, TAXONOMY)
    return response


def _undo(document: EspdDocument, operation: Operation) -> Operation:
    return operation.apply(document)


# ---------------------------------------------------------------- slots and operations
def test_a_document_without_cardinalities_gets_the_taxonomy_ones(
    official_request: EspdDocument,
) -> None:
    response = new_response(official_request)
    # as drafts stored before the reader took them from the spreadsheet
    for criterion in response.criteria:
        for group in criterion.iter_groups():
            group.cardinality = "1"
            for prop in group.properties:
                prop.cardinality = "1"
    turnover = response.criterion("gen-year-to")
    assert turnover is not None
    assert repeat_roots(turnover) == []
    assert adopt_cardinalities(response, TAXONOMY) > 100
    roots = [g.id for g in repeat_roots(turnover)]
    assert TURNOVER in roots
    # optional groups (the electronic evidence of each ground) are no longer required
    assert completeness(response)[1] < len(active_questions(response))
    assert adopt_cardinalities(response, TAXONOMY) == 0


def test_an_empty_occurrence_keeps_the_next_one_in_place(official_request: EspdDocument) -> None:
    response = _response(official_request)
    amount = f"{TURNOVER}/Q2"
    SetAnswers(amount, [None, AmountValue(value=Decimal(900))], "LOT-0000").apply(response)
    assert [a.id for a in response.answers_for(amount)] == [f"{amount}/R2"]
    assert answer_slots(response, amount) == [None, AmountValue(value=Decimal(900))]
    _identify(response)
    reread = read_bytes(to_bytes(response))
    assert answer_slots(reread, amount) == [None, AmountValue(value=Decimal(900))]


def test_set_answers_undoes_to_the_previous_slots(official_request: EspdDocument) -> None:
    response = _response(official_request)
    indicator = "C1_EG_crime-org/QG1/Q1"
    first = SetAnswers(indicator, [IndicatorValue(value=True)])
    inverse = first.apply(response)
    assert answer_slots(response, indicator) == [IndicatorValue(value=True)]
    _undo(response, inverse)
    assert response.answers_for(indicator) == []


def test_occurrences_are_added_seeded_and_removed(official_request: EspdDocument) -> None:
    response = _response(official_request)
    turnover = response.criterion("gen-year-to")
    assert turnover is not None
    root = next(g for g in repeat_roots(turnover) if g.id == TURNOVER)
    questions = questions_below(root)
    ids = [q.id for q in questions]
    period, amount, electronic = ids[0], ids[1], ids[2]
    SetAnswers(period, [_value("PERIOD", response)], "LOT-0000").apply(response)
    SetAnswers(amount, [AmountValue(value=Decimal(10))], "LOT-0000").apply(response)
    SetAnswers(electronic, [IndicatorValue(value=True)], "LOT-0000").apply(response)
    assert occurrence_count(response, ids) == 1

    seed = seed_occurrence(response, questions, 0)
    assert seed == {electronic: IndicatorValue(value=True)}  # the branch taken is shared
    undo_add = AddOccurrence(ids, 1, seed, "LOT-0000").apply(response)
    assert occurrence_count(response, ids) == 2
    assert answer_slots(response, electronic) == [IndicatorValue(value=True)] * 2
    assert answer_slots(response, amount) == [AmountValue(value=Decimal(10))]

    undo_remove = RemoveOccurrence(ids, 0, "LOT-0000").apply(response)
    assert answer_slots(response, amount) == []
    assert occurrence_count(response, ids) == 1
    _undo(response, undo_remove)
    assert answer_slots(response, amount) == [AmountValue(value=Decimal(10))]
    _undo(response, undo_add)
    assert occurrence_count(response, ids) == 1


def test_staff_years_step_back_when_a_row_is_added(official_request: EspdDocument) -> None:
    response = _response(official_request)
    manpower = response.criterion("year-manpower")
    assert manpower is not None
    root = repeat_roots(manpower)[0]
    year, count = questions_below(root)[:2]
    SetAnswers(year.id, [QuantityValue(value=Decimal(2025))]).apply(response)
    seed = seed_occurrence(response, questions_below(root), 0)
    assert seed == {year.id: QuantityValue(value=Decimal(2024), unit="YEAR")}
    assert count.id not in seed


def test_evidence_and_operator_edits_undo(official_request: EspdDocument) -> None:
    response = _response(official_request)
    evidence = Evidence(id="EVIDENCE-9", uri="https://preuves.example.fr/urssaf")
    undo = SetEvidence("EVIDENCE-9", evidence).apply(response)
    assert response.evidence("EVIDENCE-9") == evidence
    _undo(response, undo)
    assert response.evidence("EVIDENCE-9") is None

    undo = SetOperatorField("address.city", "Lyon").apply(response)
    assert response.economic_operator is not None
    assert response.economic_operator.address.city == "Lyon"
    _undo(response, undo)
    assert response.economic_operator.address.city == ""


def test_choosing_another_lot_keeps_shared_answers() -> None:
    request = request_from_spec(SPEC, TAXONOMY)
    response = new_response(request, "LOT-0001")
    assert response.criterion("indem-insu") is None  # restricted to lot 2
    _answer_everything(response)
    before = active_answer_map(response)
    from app.models.answering import criteria_for_lot

    operation = ChooseLot(Lot(id="LOT-0002"), criteria_for_lot(request.criteria, "LOT-0002"))
    undo = operation.apply(response)
    assert response.lot_ids() == ["LOT-0002"]
    assert response.criterion("indem-insu") is not None
    turnover_answers = [a for a in response.answers if a.property_id.startswith("C29")]
    assert turnover_answers
    assert {a.lot_ref for a in turnover_answers} == {"LOT-0002"}
    assert {a.lot_ref for a in response.answers if a.property_id.startswith("C1_")} == {None}
    _undo(response, undo)
    assert response.lot_ids() == ["LOT-0001"]
    assert active_answer_map(response) == before


# ---------------------------------------------------------------- export
def test_closed_branches_are_not_exported_and_the_caption_branch_is_acknowledged(
    official_request: EspdDocument,
) -> None:
    response = _response(official_request)
    _identify(response)
    SetAnswers("C1_EG_crime-org/QG1/QSG1/Q2", [TextValue(value="typed, then closed")]).apply(
        response
    )
    _answer_everything(response)
    assert answer_slots(response, "C58_OT_registered/QG1/Q1") == [IndicatorValue(value=False)]
    assert check_response(response) == []
    ready = export_ready_response(response)
    assert not ready.answers_for("C1_EG_crime-org/QG1/QSG1/Q2")
    assert ready.answers_for("C58_OT_registered/QG1/QSG2/CA1")
    assert response.answers_for("C1_EG_crime-org/QG1/QSG1/Q2")  # kept while editing
    _assert_valid(response)


def test_quick_checks_name_what_is_missing(official_request: EspdDocument) -> None:
    response = _response(official_request)
    subjects = {f.subject for f in check_response(response)}
    assert {
        "economic_operator.name",
        "economic_operator.identifiers",
        "economic_operator.size_code",
        "economic_operator.address.country",
    } <= subjects
    crime = next(f for f in check_response(response) if f.subject.startswith("answers/C1_"))
    assert crime.blocking  # an exclusion ground must be answered
    response.evidences.append(Evidence(id="EV-EMPTY"))
    SetAnswers("C1_EG_crime-org/QG2/QSG1/Q1", [EvidenceRefValue(evidence_id="EV-EMPTY")]).apply(
        response
    )
    SetAnswers("C1_EG_crime-org/QG2/Q1", [IndicatorValue(value=True)]).apply(response)
    messages = [f.message for f in check_response(response)]
    assert "Une preuve n'a ni adresse web ni référence." in messages


# ---------------------------------------------------------------- merge and profile
def test_merge_copies_shared_answers_and_lists_what_is_new(
    official_request: EspdDocument,
) -> None:
    previous = new_response(request_from_spec(SPEC, TAXONOMY), "LOT-0002")
    _identify(previous)
    SetAnswers("C1_EG_crime-org/QG1/Q1", [IndicatorValue(value=True)]).apply(previous)
    SetAnswers("C1_EG_crime-org/QG2/Q1", [IndicatorValue(value=True)]).apply(previous)
    _answer_everything(previous)
    SetAnswers("C1_EG_crime-org/QG1/QSG1/Q2", [TextValue(value="Condamnation de 2019")]).apply(
        previous
    )
    target = _response(official_request)
    SetAnswers("C2_EG_corruption/QG1/Q1", [IndicatorValue(value=False)]).apply(target)
    plan = plan_merge(previous, target)
    copied = {a.property_id for a in plan.copied}
    assert "C1_EG_crime-org/QG1/QSG1/Q2" in copied
    assert f"{TURNOVER}/Q2" in copied
    assert plan.kept == ["C2_EG_corruption/QG1/Q1"]  # the target's own answer stays
    assert "Bankruptcy" in plan.new_criteria()  # not in the previous request
    assert "Participation in a criminal organisation" not in plan.new_criteria()
    assert [e.id for e in plan.evidences] == ["EVIDENCE-1"]

    undo = MergeResponse.from_plan(plan).apply(target)
    assert answer_slots(target, "C1_EG_crime-org/QG1/QSG1/Q2") == [
        TextValue(value="Condamnation de 2019")
    ]
    assert {a.lot_ref for a in target.answers if a.property_id.startswith("C29")} == {"LOT-0000"}
    _undo(target, undo)
    assert [a.property_id for a in target.answers] == ["C2_EG_corruption/QG1/Q1"]
    assert target.evidences == []


def test_profile_round_trip_prefills_a_response_to_another_request(
    official_request: EspdDocument, tmp_path: Path
) -> None:
    first = _response(official_request)
    _identify(first)
    SetAnswers("C8_EG_socsec-pay/QG1/Q1", [IndicatorValue(value=True)]).apply(first)
    _answer_everything(first)
    SetAnswers(
        f"{TURNOVER}/Q1",
        [
            PeriodValue(start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31)),
            PeriodValue(start=dt.date(2023, 1, 1), end=dt.date(2023, 12, 31)),
        ],
        "LOT-0000",
    ).apply(first)
    SetAnswers(
        f"{TURNOVER}/Q2",
        [AmountValue(value=Decimal(1_200_000)), AmountValue(value=Decimal(1_100_000))],
        "LOT-0000",
    ).apply(first)
    profile = profile_from_response(first)
    assert profile.name == "Menuiseries Dupré"
    assert [(t.year, t.amount) for t in profile.turnover] == [
        (2024, Decimal(1_200_000)),
        (2023, Decimal(1_100_000)),
    ]
    assert {e.id for e in profile.evidences} == {"EVIDENCE-1"}
    changes = profile_changes(OperatorProfile(), profile)
    assert changes.added == len(profile.answers)
    assert changes.identity_changed
    assert profile_changes(profile, profile).empty

    with Library.open(tmp_path / "library.sqlite3") as library:
        profile_id = save_profile(library, profile)
        assert load_profile(library, profile_id) == profile
        request_id = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
        response_id = start_response(library, request_id, "LOT-0002", profile_id)
        assert library.responses_to(request_id)[0].id == response_id
        second = stored.load(library, response_id)
    assert second.economic_operator == profile.operator
    assert second.evidence("EVIDENCE-1") == first.evidence("EVIDENCE-1")
    for property_id in (
        "C8_EG_socsec-pay/QG1/QSG1/Q1",
        "C7_EG_tax-pay/RG1/QSG1/Q1",
        f"{TURNOVER}/Q2",
    ):
        assert answer_slots(first, property_id)
        assert answer_slots(second, property_id) == answer_slots(first, property_id)
    assert {a.lot_ref for a in second.answers if a.property_id.startswith("C29")} == {"LOT-0002"}
    _answer_everything(second)
    _assert_valid(second)


def test_hand_typed_turnover_fills_the_years_the_buyer_asks_for() -> None:
    request = request_from_spec(SPEC, TAXONOMY)  # two fiscal years wanted
    response = new_response(request, "LOT-0001")
    profile = OperatorProfile(
        turnover=[
            TurnoverYear(year=year, amount=Decimal(100 * year)) for year in (2022, 2023, 2024)
        ]
    )
    plan = plan_prefill(profile, response)
    operation, same_plan = ApplyProfile.build(response, profile)
    assert [a.property_id for a in same_plan.copied] == [a.property_id for a in plan.copied]
    operation.apply(response)
    periods = answer_slots(response, f"{TURNOVER}/Q1")
    assert [p.end.year for p in periods if isinstance(p, PeriodValue) and p.end] == [2024, 2023]
    assert answer_slots(response, f"{TURNOVER}/Q2")[0] == AmountValue(value=Decimal(202400))


def test_profile_and_start_errors_are_french(tmp_path: Path, example_response: Path) -> None:
    with Library.open(tmp_path / "library.sqlite3") as library:
        broken = library.create_profile("Cassé", '{"answers": 3}')
        with pytest.raises(ProfileError, match="illisible"):
            load_profile(library, broken.id)
        newer = library.create_profile("Futur", '{"profile_version": 99}')
        with pytest.raises(ProfileError, match="plus récente"):
            load_profile(library, newer.id)
        request_id = stored.save_new(library, request_from_spec(SPEC, TAXONOMY))
        with pytest.raises(ResponseStartError, match="LOT-0009"):
            start_response(library, request_id, "LOT-0009")
        response_id = stored.import_file(library, example_response).id
        with pytest.raises(ResponseStartError, match="Seule une demande"):
            start_response(library, response_id, None)
