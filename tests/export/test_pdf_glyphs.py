"""Every French and EU letter prints as itself, in the embedded DejaVu font; nothing becomes a box."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.export.fonts import FONT_DIR_ENV, REGULAR_NAME, ensure_fonts, locate_fonts, missing_glyphs
from app.export.pdf import render_document
from app.models.answering import new_response
from app.models.document import EspdDocument, Evidence, Lot
from app.models.values import EvidenceRefValue, IndicatorValue, TextValue
from tests.export.conftest import GENERATED
from tests.export.pdf_support import embedded_font_files, font_names, page_texts

FRENCH = "Élève à l'œuvre « déjà » : ça coûte 1 000 € — Œdipe, Ærø, ÿ, Ê, Ë, Î, Ï, Ô, Ù, Û, Ü, Ç, É, È, À …"
#: the letters of the 24 EU languages beyond Latin-1, Greek and Cyrillic included
EU_WORDS = (
    "Łódź Gdańsk Żółć Győr Őrség Űrhajó Şişli Ağaç Žižkov Řeřicha Ůdolí Kėdainiai Ąžuolas "
    "Įėjimas Ųsai Ēka Ģimene Ķēķis Ļoti Ņemt Šūna Ūdens Straße ẞ Ωmega Ελλάδα Αθήνα Жук "
    "България Щастие Ђак Čapek Ħamrun Ċirkewwa Żebbuġ Ţară Ștefan Țară Ăla Đurđevac Ľudovít "
    "Ĺadová Ŕaša Dún Laoghaire Õun Ŀlum"
)


@pytest.fixture
def dejavu_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A font folder with DejaVu Sans alone: no fallback font can help."""
    for path in locate_fonts():
        shutil.copy(path, tmp_path / path.name)
    monkeypatch.setenv(FONT_DIR_ENV, str(tmp_path))
    yield tmp_path
    monkeypatch.undo()
    ensure_fonts()  # back to the machine's fonts for the next tests


def _glyph_response(request: EspdDocument) -> tuple[EspdDocument, list[str]]:
    response = new_response(request)
    assert response.economic_operator is not None
    response.economic_operator.name = "Société Łukasiewicz & Fils « Œuvre »"
    response.buyer.name = "Commune de Sainte-Ève-sur-Œuf"
    response.procedure.title = "Réfection de l'école élémentaire — 2ᵉ tranche, coût 150 000 €"
    response.lots = [Lot(id="LOT-0000", title="Menuiseries extérieures à Šiauliai")]
    crime = response.criterion("crime-org")
    assert crime is not None
    questions = {p.description: p for p in crime.questions()}
    response.set_answers(questions["Your answer"].id, [IndicatorValue(value=True)])
    response.set_answers(questions["Reason"].id, [TextValue(value=FRENCH)])
    response.set_answers(questions["Who has been convicted"].id, [TextValue(value=EU_WORDS)])
    response.set_answers(
        questions["Is this information available electronically?"].id, [IndicatorValue(value=True)]
    )
    response.evidences = [
        Evidence(
            id="EVIDENCE-1", document_id="Kbis-Ωμέγα", issuer_name="Greffe du tribunal de Brașov"
        )
    ]
    response.set_answers(
        questions["Evidence Supplied"].id, [EvidenceRefValue(evidence_id="EVIDENCE-1")]
    )
    words = [
        *FRENCH.replace(",", " ").split(),
        *EU_WORDS.split(),
        "Łukasiewicz",
        "Sainte-Ève-sur-Œuf",
        "Šiauliai",
        "Kbis-Ωμέγα",
        "Brașov",
        "2ᵉ",
    ]
    return response, words


def test_french_and_eu_letters_are_in_the_embedded_font() -> None:
    fonts = ensure_fonts()
    text = FRENCH + EU_WORDS
    assert missing_glyphs(text) == set()
    # all drawn by DejaVu Sans itself, none needs a fallback font
    assert {fonts.font_for(ch) for ch in text if not ch.isspace()} == {REGULAR_NAME}
    assert {fonts.font_for(ch, bold=True) for ch in text if not ch.isspace()} == {fonts.bold}


def test_accented_and_eu_letters_come_back_exactly(request_document: EspdDocument) -> None:
    response, words = _glyph_response(request_document.clone())
    data = render_document(response, generated=GENERATED)
    text = " ".join(page_texts(data))
    absent = [word for word in words if word not in text]
    assert not absent, f"not extracted exactly: {absent}"
    assert "[U+" not in text
    assert "\x00" not in text
    assert "\ufffd" not in text


def test_the_embedded_font_is_dejavu_and_no_base_font_is_used(
    request_document: EspdDocument,
) -> None:
    response, _ = _glyph_response(request_document.clone())
    data = render_document(response, generated=GENERATED)
    names = font_names(data)
    assert names, "the pages declare their fonts"
    assert all("DejaVuSans" in name for name in names), names
    assert embedded_font_files(data) == len(names), "every font program is embedded"
    info = PdfReader(io.BytesIO(data)).metadata
    assert info is not None
    assert info.title == f"Document unique de marché européen (DUME) — {response.procedure.title}"


def test_characters_no_font_has_print_as_code_points(
    request_document: EspdDocument, dejavu_only: Path
) -> None:
    response, _ = _glyph_response(request_document.clone())
    crime = response.criterion("crime-org")
    assert crime is not None
    reason = next(p for p in crime.questions() if p.description == "Reason")
    assert missing_glyphs("𐐷ⳟ") == {"𐐷", "ⳟ"}
    response.set_answers(reason.id, [TextValue(value="Deseret 𐐷 et copte ⳟ")])
    text = " ".join(" ".join(page_texts(render_document(response, generated=GENERATED))).split())
    assert "Deseret [U+10437] et copte [U+2CDF]" in text
    assert "\x00" not in text


def test_astral_letters_from_a_fallback_font_extract_correctly(
    request_document: EspdDocument,
) -> None:
    """Mathematical letters (beyond U+FFFF) drawn by a fallback font can still be copied."""
    fonts = ensure_fonts()
    letter = "𝒲"
    if fonts.font_for(letter) is None:
        pytest.skip("no fallback font with mathematical letters (DejaVu Math TeX Gyre) installed")
    response, _ = _glyph_response(request_document.clone())
    crime = response.criterion("crime-org")
    assert crime is not None
    reason = next(p for p in crime.questions() if p.description == "Reason")
    response.set_answers(reason.id, [TextValue(value=f"Lettre {letter} cursive")])
    data = render_document(response, generated=GENERATED)
    assert f"Lettre {letter} cursive" in " ".join(" ".join(page_texts(data)).split())
    assert any("DejaVuMath" in name for name in font_names(data))
