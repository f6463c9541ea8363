"""Layout of the document PDF: header and footer, parts, branches, repeated answers, page splits."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from app.export.errors import ExportError
from app.export.pdf import render, render_document
from app.export.pdf_layout import RenderedPdf
from app.models.answering import new_response
from app.models.criteria import Criterion, CriterionProperty
from app.models.document import Answer, DocumentReference, EspdDocument, Representative
from app.models.values import (
    AmountValue,
    EvidenceRefValue,
    IndicatorValue,
    PeriodValue,
    TextValue,
)
from tests.export.conftest import GENERATED
from tests.export.pdf_support import page_texts, squash


def _question(criterion: Criterion, description: str) -> CriterionProperty:
    return next(p for p in criterion.questions() if p.description.startswith(description))


def _response(request: EspdDocument) -> EspdDocument:
    response = new_response(request)
    assert response.economic_operator is not None
    response.economic_operator.name = "Bâtiments Réunis SARL"
    return response


def test_every_page_has_header_and_footer(
    response_document: EspdDocument, response_pdf: RenderedPdf, response_pages: list[str]
) -> None:
    total = len(response_pages)
    assert total == response_pdf.pages > 10
    for number, text in enumerate(response_pages, start=1):
        flat = " ".join(text.split())
        assert f"page {number} / {total}" in flat, f"page {number}"
        assert response_document.procedure.reference in flat, f"page {number}"
        assert f"UUID {response_document.uuid}" in flat, f"page {number}"
        assert f"version {response_document.version_id}" in flat, f"page {number}"
        assert "Généré le 14/03/2026 à 09:26 UTC" in flat, f"page {number}"


def test_first_page_opens_with_the_summary(
    response_document: EspdDocument, response_pages: list[str]
) -> None:
    first = " ".join(response_pages[0].split())
    assert first.index("Document unique de marché européen (DUME)") < first.index("Résumé")
    assert "Réponse de l'opérateur économique" in first
    assert "Opérateur économique __Procurer Official Name__" in first
    assert "Lots LOT-0000" in first
    assert "62 : 24 motifs d'exclusion, 31 critères de sélection, 7 autres" in first
    assert "393 réponses, 76 preuves" in first
    assert response_document.id in first


def test_parts_follow_the_official_form(response_pages: list[str]) -> None:
    text = " ".join(" ".join(response_pages).split())
    headings = [
        "Partie I : informations concernant la procédure et l'acheteur",
        "Partie II : informations concernant l'opérateur économique",
        "B : informations concernant les représentants",
        "C : recours aux capacités d'autres entités",
        "D : sous-traitance",
        "Partie III : motifs d'exclusion",
        "A : motifs liés à des condamnations pénales",
        "III.A.1 Participation in a criminal organisation",
        "III.D.1 Purely national exclusion grounds",
        "Partie IV : critères de sélection",
        "IV.B.1 General yearly turnover",
        "Partie V : réduction du nombre de candidats qualifiés",
        "V.1 Reduction of the number of qualified candidates",
        "Partie VI : déclarations finales",
        "Annexe : pièces justificatives",
    ]
    positions = [text.find(h) for h in headings]
    assert all(p >= 0 for p in positions), [
        h for h, p in zip(headings, positions, strict=True) if p < 0
    ]
    assert positions == sorted(positions)
    # reliance and subcontracting sit in part II, not with the other criteria
    assert text.find("II.C.1 Relied on entities") < text.find("Partie III")
    assert text.find("II.D.1 Subcontracted entities") < text.find("Partie III")


def test_english_labels(response_document: EspdDocument) -> None:
    pages = page_texts(render_document(response_document, "en", generated=GENERATED))
    text = " ".join(" ".join(pages).split())
    assert "European Single Procurement Document (ESPD)" in text
    assert "Part III: Exclusion grounds" in text
    assert "Question Answer" in text
    assert f"page 1 / {len(pages)}" in text
    assert "Generated on 2026-03-14 09:26 UTC" in text
    assert "Partie" not in text
    assert "Réponse" not in text


def test_unknown_language_is_refused(response_document: EspdDocument) -> None:
    with pytest.raises(ExportError, match="Langue d'export inconnue : « de »"):
        render_document(response_document, "de")


def test_conditional_branches_only_where_answered(fresh_request: EspdDocument) -> None:
    response = _response(fresh_request)
    crime = response.criterion("crime-org")
    assert crime is not None
    indicator = _question(crime, "Your answer")
    response.set_answers(indicator.id, [IndicatorValue(value=False)])
    text = squash("".join(page_texts(render_document(response, generated=GENERATED))))
    # no EG indicator is true, so no conviction details are asked for
    assert squash("Date of conviction") not in text
    assert squash("Si « oui »") not in text

    response.set_answers(indicator.id, [IndicatorValue(value=True)])
    text = squash("".join(page_texts(render_document(response, generated=GENERATED))))
    assert squash("Si « oui » : Date of conviction non renseigné") in text
    assert text.count(squash("Date of conviction")) == 1


def test_an_answer_in_a_branch_not_taken_is_still_shown(fresh_request: EspdDocument) -> None:
    """The PDF never hides data the XML carries, even if the indicator says otherwise."""
    response = _response(fresh_request)
    crime = response.criterion("crime-org")
    assert crime is not None
    response.set_answers(_question(crime, "Your answer").id, [IndicatorValue(value=False)])
    response.set_answers(_question(crime, "Reason").id, [TextValue(value="Motif resté là")])
    text = squash("".join(page_texts(render_document(response, generated=GENERATED))))
    assert squash("Reason Motif resté là") in text


def _turnover(response: EspdDocument, years: int) -> None:
    turnover = response.criterion("gen-year-to")
    assert turnover is not None
    period = _question(turnover, "Start date; End date")
    amount = _question(turnover, "Amount")
    response.set_answers(
        period.id,
        [
            PeriodValue(start=dt.date(2000 + n, 1, 1), end=dt.date(2000 + n, 12, 31))
            for n in range(years)
        ],
    )
    response.set_answers(
        amount.id, [AmountValue(value=Decimal(1_000_000 + n)) for n in range(years)]
    )


def test_repeated_answers_form_a_table_in_order(fresh_request: EspdDocument) -> None:
    response = _response(fresh_request)
    _turnover(response, 3)
    text = " ".join(" ".join(page_texts(render_document(response, generated=GENERATED))).split())
    header = "n° Start date; End date Amount Is this information available electronically?"
    assert header in text
    rows = [
        text.index(f"{n + 1} 200{n}-01-01 – 200{n}-12-31 {1_000_000 + n} EUR non renseigné")
        for n in range(3)
    ]
    assert rows == sorted(rows)


def test_a_long_table_splits_with_its_header_on_each_page(fresh_request: EspdDocument) -> None:
    response = _response(fresh_request)
    _turnover(response, 150)
    rendered = render(response, generated=GENERATED)
    pages = page_texts(rendered.data)
    with_rows = [p for p in pages if "2149-12-31" in p or "2000-12-31" in p or "2075-01-01" in p]
    assert len(with_rows) >= 2
    spanning = [p for p in pages if re.search(r"20\d\d-01-01 – 20\d\d-12-31", p)]
    assert len(spanning) >= 3, "150 years take several pages"
    for page in spanning:
        assert "Start date; End date" in page, "the header row repeats on every page"
    text = squash("".join(pages))
    assert all(squash(f"{1_000_000 + n} EUR") in text for n in range(150))


def test_wide_repeated_groups_become_numbered_blocks(fresh_request: EspdDocument) -> None:
    response = _response(fresh_request)
    services = response.criterion("service-perform")
    assert services is not None
    description = _question(services, "Reference description")
    recipient = _question(services, "Recipient name")
    response.set_answers(description.id, [TextValue(value=f"Référence {n}") for n in range(40)])
    response.set_answers(recipient.id, [TextValue(value=f"Destinataire {n}") for n in range(40)])
    text = " ".join(" ".join(page_texts(render_document(response, generated=GENERATED))).split())
    for n in range(40):
        assert f"n° {n + 1} Reference description Référence {n}" in text
        assert f"Recipient name Destinataire {n}" in text


def test_long_text_wraps_and_special_characters_print_as_typed(fresh_request: EspdDocument) -> None:
    response = _response(fresh_request)
    crime = response.criterion("crime-org")
    assert crime is not None
    response.set_answers(_question(crime, "Your answer").id, [IndicatorValue(value=True)])
    long_text = " ".join(f"mot{n}" for n in range(3000))  # several pages in one cell
    unbroken = "x" * 900
    special = "R&D <b>non</b> & « guillemets » \"droits\" 'simples' 5 < 6 > 4"
    response.set_answers(
        _question(crime, "Reason").id, [TextValue(value=long_text + "\n" + unbroken)]
    )
    response.set_answers(_question(crime, "Who has been convicted").id, [TextValue(value=special)])
    text = " ".join(" ".join(page_texts(render_document(response, generated=GENERATED))).split())
    assert special in text
    # between the pages of the cell: footer, header and the repeated table header
    page_break = r"Généré le .*?page \d+ / \d+|DUME · réponse .*?version 4\.1\.0|Question Réponse"
    assert squash(long_text) in squash(re.sub(page_break, "", text))
    assert unbroken in squash(text)


def test_requests_say_what_the_operator_fills_in(request_document: EspdDocument) -> None:
    text = " ".join(
        " ".join(page_texts(render_document(request_document, generated=GENERATED))).split()
    )
    assert "Demande de l'acheteur" in text
    assert "À remplir par l'opérateur économique dans sa réponse." in text
    assert "Ces déclarations sont faites par l'opérateur économique dans sa réponse." in text
    assert "Minimum amount requirement 100000 EUR" in text


def test_line_breaks_in_answers_are_kept(fresh_request: EspdDocument) -> None:
    response = _response(fresh_request)
    crime = response.criterion("crime-org")
    assert crime is not None
    response.set_answers(_question(crime, "Your answer").id, [IndicatorValue(value=True)])
    response.set_answers(
        _question(crime, "Reason").id, [TextValue(value="première ligne\nseconde ligne")]
    )
    raw = "\n".join(page_texts(render_document(response, generated=GENERATED)))
    assert "première ligne\nseconde ligne" in raw


def test_nothing_the_model_holds_is_dropped(fresh_request: EspdDocument) -> None:
    response = _response(fresh_request)
    assert response.economic_operator is not None
    response.economic_operator.representatives = [
        Representative(
            first_name="Zoé",
            family_name="Ångström",
            birth_date=dt.date(1980, 2, 29),
            birthplace="Århus",
            role="Gérante",
            powers="Signer les offres",
        )
    ]
    response.references = [DocumentReference(id="2026/S 012-034567", type_code="TED_CN")]
    response.answers.append(
        Answer(
            id="X/R1", property_id="C99_XX_inconnu/Q1", value=TextValue(value="Réponse orpheline")
        )
    )
    crime = response.criterion("crime-org")
    assert crime is not None
    response.set_answers(_question(crime, "Is this information").id, [IndicatorValue(value=True)])
    response.set_answers(
        _question(crime, "Evidence Supplied").id, [EvidenceRefValue(evidence_id="EV-ABSENTE")]
    )
    response.unmapped_elements = ["cac:Signature"]
    text = " ".join(" ".join(page_texts(render_document(response, generated=GENERATED))).split())
    for expected in (
        "Représentant n° 1 Prénom Zoé Nom de famille Ångström",
        "Date et lieu de naissance 29/02/1980, Århus Fonction, qualité Gérante",
        "Étendue de la représentation Signer les offres",
        "2026/S 012-034567 TED_CN",
        "Evidence Supplied EV-ABSENTE preuve absente du document",
        "Réponses sans question correspondante",
        "C99_XX_inconnu/Q1 Réponse orpheline",
        "Éléments du XML non repris dans ce PDF : cac:Signature.",
    ):
        assert expected in text, expected


def test_missing_criterion_texts_come_from_the_taxonomy(request_document: EspdDocument) -> None:
    from app.espdxml.taxonomy import load_taxonomy

    document = request_document.clone()
    crime = document.criterion("crime-org")
    assert crime is not None
    crime.name = crime.description = ""
    without = squash("".join(page_texts(render_document(document, generated=GENERATED))))
    assert squash("III.A.1 crime-org [crime-org]") in without
    assert squash("Participation in a criminal organisation") not in without
    text = squash(
        "".join(
            page_texts(render_document(document, taxonomy=load_taxonomy(), generated=GENERATED))
        )
    )
    assert squash("III.A.1 Participation in a criminal organisation [crime-org]") in text
    assert squash("for participation in a criminal organisation, by a conviction") in text
