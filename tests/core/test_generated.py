"""Property tests: generated requests and responses pass the official rules and round-trip."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings

from app.espdxml.reader import read_bytes
from app.espdxml.writer import to_bytes
from app.models.document import EspdDocument
from app.validation import validate_bytes
from tests.strategies import requests, responses

RULE_SETTINGS = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
    # Shrinking a 60-criterion document takes minutes; the raw example is readable enough.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
)


def _comparable(document: EspdDocument) -> dict[str, object]:
    # Decimal("1E+2") == Decimal("100"): compare values, not spellings.
    return document.model_dump(mode="python")


def _assert_valid_and_round_trips(document: EspdDocument) -> None:
    data = to_bytes(document)
    report = validate_bytes(data, "generated")
    blocking = [f"{f.rule_id} {f.subject}: {f.message}" for f in report.findings if f.blocking]
    assert report.rules_ran
    assert blocking == []
    again = read_bytes(data, "generated")
    assert _comparable(again) == _comparable(document)
    assert to_bytes(again) == data


@RULE_SETTINGS
@given(requests())
def test_generated_requests_pass_the_rules_and_round_trip(document: EspdDocument) -> None:
    _assert_valid_and_round_trips(document)


@RULE_SETTINGS
@given(responses())
def test_generated_responses_pass_the_rules_and_round_trip(document: EspdDocument) -> None:
    assert document.answers
    _assert_valid_and_round_trips(document)
