"""The PDF says what the XML says: every answer, requirement, lot and criterion is in its text."""

from __future__ import annotations

from hypothesis import HealthCheck, Phase, given, settings

from app.export.pdf import render_document
from app.export.pdf_layout import RenderedPdf
from app.models.document import EspdDocument
from app.models.values import TextValue
from tests.export.conftest import GENERATED
from tests.export.pdf_support import expected_pieces, missing_pieces, page_texts, squash
from tests.strategies import requests, responses

GENERATED_SETTINGS = settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _assert_complete(data: bytes, document: EspdDocument) -> None:
    missing = missing_pieces(data, document)
    assert not missing, f"{len(missing)} values of the XML are missing from the PDF:\n" + "\n".join(
        missing[:50]
    )


def test_official_response_shows_every_value(
    response_document: EspdDocument, response_pdf: RenderedPdf
) -> None:
    pieces = expected_pieces(response_document)
    assert len(pieces["answer"]) == 393
    assert len(pieces["criterion"]) == 62
    _assert_complete(response_pdf.data, response_document)


def test_official_request_shows_every_requirement(request_document: EspdDocument) -> None:
    data = render_document(request_document, generated=GENERATED)
    assert expected_pieces(request_document)["requirement"], "the example sets requirement values"
    _assert_complete(data, request_document)


def test_a_request_shows_no_answer_table(request_document: EspdDocument) -> None:
    text = squash("".join(page_texts(render_document(request_document, generated=GENERATED))))
    assert squash("Exigence") in text
    assert squash("Réponse de l'opérateur") not in text
    assert "Question" not in text


@GENERATED_SETTINGS
@given(responses())
def test_generated_responses_show_every_value(document: EspdDocument) -> None:
    _assert_complete(render_document(document, generated=GENERATED), document)


@GENERATED_SETTINGS
@given(requests())
def test_generated_requests_show_every_value(document: EspdDocument) -> None:
    _assert_complete(render_document(document, generated=GENERATED), document)


def test_the_check_fails_when_a_value_is_left_out(response_document: EspdDocument) -> None:
    """The fidelity check itself can fail: a value the PDF never printed is reported."""
    document = response_document.clone()
    data = render_document(document, generated=GENERATED)
    question = next(p for p in document.criteria[0].questions() if p.data_type == "DESCRIPTION")
    document.set_answers(question.id, [TextValue(value="Valeur jamais imprimée 4242")])
    assert missing_pieces(data, document) == ["answer: 'Valeur jamais imprimée 4242'"]
