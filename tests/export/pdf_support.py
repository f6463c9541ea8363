"""Read PDFs back for the export tests: text per page, values the PDF must show, fonts used."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics

from app.export.fonts import code_points, ensure_fonts
from app.export.labels import Lang, label
from app.models.document import EspdDocument
from app.models.values import IndicatorValue, Value, display


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    """*text* without any whitespace: reportlab wraps lines wherever the cell ends."""
    return "".join(text.split())


def drawable(text: str) -> str:
    """*text* as the PDF must print it: characters no embedded font has as ``[U+XXXX]``."""
    fonts = ensure_fonts()
    covered: set[int] = set()
    for name in (fonts.regular, *fonts.fallbacks):
        covered.update(pdfmetrics.getFont(name).face.charToGlyph)
    return "".join(ch if ch.isspace() or ord(ch) in covered else code_points(ch) for ch in text)


def shown(value: Value, lang: Lang) -> str:
    """How a value must read in the PDF: as the model displays it, Yes/No for indicators."""
    if isinstance(value, IndicatorValue):
        return label("yes" if value.value else "no", lang)
    return drawable(display(value))


def expected_pieces(document: EspdDocument, lang: Lang = "fr") -> dict[str, list[str]]:
    """Everything of the XML the PDF must carry, by kind, in document order."""
    requirements = [
        shown(prop.expected, lang)
        for criterion in document.criteria
        for prop in criterion.iter_properties()
        if prop.is_requirement and prop.expected is not None
    ]
    lots = document.lot_ids() + [lot for c in document.criteria for lot in c.lot_refs]
    return {
        "answer": [shown(answer.value, lang) for answer in document.answers],
        "requirement": requirements,
        "lot": lots,
        "criterion": [drawable(c.name or c.code) for c in document.criteria],
        "evidence": [e.id for e in document.evidences],
    }


def missing_pieces(data: bytes, document: EspdDocument, lang: Lang = "fr") -> list[str]:
    """Every expected piece absent from the PDF text, as "kind: value" (empty when all are there)."""
    text = squash("".join(page_texts(data)))
    missing = []
    for kind, values in expected_pieces(document, lang).items():
        for value in values:
            if squash(value) and squash(value) not in text:
                missing.append(f"{kind}: {value!r}")
    return missing


def font_names(data: bytes) -> set[str]:
    """The /BaseFont of every font any page uses."""
    names: set[str] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts: Any = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            names.add(str(ref.get_object()["/BaseFont"]))
    return names


def embedded_font_files(data: bytes) -> int:
    """How many fonts carry their own TrueType program (/FontFile2)."""
    count = 0
    seen: set[int] = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts: Any = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.get_object().values():
            font = ref.get_object()
            if id(font) in seen:
                continue
            seen.add(id(font))
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                count += 1
    return count
