"""The page template shared by every PDF: fonts, styles, header and footer, tables.

Header and footer are drawn once the whole document is laid out, by a canvas
that keeps each page until :meth:`save`, so every page can say "page N / M".
Text always goes through :func:`para`, which escapes ``& < >``: a value such
as "R&D <2024>" must print as typed, not break the layout.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import Flowable

from app import __version__
from app.export.fonts import BOLD_NAME, REGULAR_NAME, FontSet, code_points, ensure_fonts

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN_X

NAVY = colors.HexColor("#1F3A5F")
INK = colors.HexColor("#1A1A1A")
GREY = colors.HexColor("#5F6B78")
LIGHT = colors.HexColor("#EEF2F7")
PALE = colors.HexColor("#F7F9FB")
RULE = colors.HexColor("#C5CED8")
GREEN = colors.HexColor("#1E7B34")
RED = colors.HexColor("#B3261E")
AMBER = colors.HexColor("#9A6700")


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


@dataclass(frozen=True)
class PageDecor:
    """What every page repeats: two header texts, the footer text, the page label."""

    header_left: str
    header_right: str
    footer_left: str
    #: "page {page} / {total}" in the document's language
    page_format: str


class Styles:
    """The paragraph styles of the template, on the registered Unicode font."""

    def __init__(self, fonts: FontSet) -> None:
        regular, bold = fonts.regular, fonts.bold
        self.fonts = fonts
        self._indented: dict[tuple[str, float], ParagraphStyle] = {}

        def style(name: str, **kw: Any) -> ParagraphStyle:
            base: dict[str, Any] = {
                "fontName": regular,
                "fontSize": 9,
                "leading": 11.5,
                "textColor": INK,
            }
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.body = style("body", spaceAfter=4)
        self.small = style("small", fontSize=7.5, leading=9.5, textColor=GREY)
        self.cell = style("cell", fontSize=8.5, leading=10.5)
        self.cell_bold = style("cell_bold", fontName=bold, fontSize=8.5, leading=10.5)
        self.cell_missing = style("cell_missing", fontSize=8.5, leading=10.5, textColor=GREY)
        self.cell_small = style("cell_small", fontSize=7.5, leading=10.5)
        self.cell_note = style("cell_note", fontSize=7, leading=8.5, textColor=GREY)
        self.header_cell = style(
            "header_cell", fontName=bold, fontSize=8, leading=10, textColor=NAVY
        )
        self.branch = style("branch", fontName=bold, fontSize=8, leading=10, textColor=GREY)
        self.title = style("title", fontName=bold, fontSize=17, leading=21, textColor=NAVY)
        self.subtitle = style("subtitle", fontSize=11, leading=14, textColor=GREY, spaceAfter=8)
        self.part = style("part", fontName=bold, fontSize=12, leading=15, textColor=colors.white)
        self.section = style(
            "section",
            fontName=bold,
            fontSize=10.5,
            leading=13,
            textColor=NAVY,
            spaceBefore=8,
            spaceAfter=4,
        )
        self.criterion = style(
            "criterion",
            fontName=bold,
            fontSize=9.5,
            leading=12,
            spaceBefore=9,
            spaceAfter=2,
        )
        self.description = style(
            "description", fontSize=8, leading=10, textColor=GREY, spaceAfter=3
        )
        self.status = {
            "ok": style("status_ok", fontName=bold, fontSize=8.5, leading=10.5, textColor=GREEN),
            "failed": style(
                "status_failed", fontName=bold, fontSize=8.5, leading=10.5, textColor=RED
            ),
            "to-check": style(
                "status_check", fontName=bold, fontSize=8.5, leading=10.5, textColor=AMBER
            ),
        }

    def indented(self, style: ParagraphStyle, indent: float) -> ParagraphStyle:
        """*style* moved right by *indent* points (nested groups of a criterion)."""
        key = (style.name, round(indent, 1))
        found = self._indented.get(key)
        if found is None:
            found = ParagraphStyle(f"{style.name}+{key[1]}", parent=style, leftIndent=indent)
            self._indented[key] = found
        return found


def text_markup(text: str, bold: bool = False) -> str:
    """*text* as Paragraph markup: special characters escaped, line breaks kept, and each
    character drawn by a font that has it (see :mod:`app.export.fonts`)."""
    fonts = ensure_fonts()
    pieces = []
    for font, piece in fonts.runs(text.replace("\r\n", "\n"), bold):
        escaped = escape(piece).replace("\n", "<br/>")
        if font is None:
            pieces.append(f'<font color="#{GREY.hexval()[2:]}">{code_points(piece)}</font>')
        elif font in (fonts.regular, fonts.bold):
            pieces.append(escaped)
        else:
            pieces.append(f'<font name="{font}">{escaped}</font>')
    return "".join(pieces)


def para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(text_markup(text, bold=style.fontName == BOLD_NAME), style)


def markup(raw: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph from trusted markup (the caller built it with :func:`text_markup`)."""
    return Paragraph(raw, style)


def _table_style(header_rows: int, extra: Sequence[tuple[Any, ...]] = ()) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        # plain-string cells (empty ones too) would otherwise select Helvetica
        ("FONTNAME", (0, 0), (-1, -1), REGULAR_NAME),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), LIGHT))
    commands.extend(extra)
    return TableStyle(commands)


def table(
    rows: list[list[Flowable]],
    widths: Sequence[float],
    *,
    header_rows: int = 1,
    extra: Sequence[tuple[Any, ...]] = (),
    row_heights: Sequence[float | None] | None = None,
) -> Table:
    """A table that splits between rows and inside a tall row, repeating its header."""
    result = Table(
        rows,
        colWidths=list(widths),
        rowHeights=list(row_heights) if row_heights else None,
        repeatRows=header_rows,
        splitByRow=1,
        splitInRow=1,
        hAlign="LEFT",
        style=_table_style(header_rows, extra),
    )
    result.spaceAfter = 6
    return result


def band(text: str, styles: Styles) -> Table:
    """A full-width coloured band (part headings), kept with what follows."""
    result = Table([[para(text, styles.part)]], colWidths=[CONTENT_WIDTH], hAlign="LEFT")
    result.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), REGULAR_NAME),
                ("BACKGROUND", (0, 0), (-1, -1), NAVY),
                ("LEFTPADDING", (0, 0), (-1, -1), 7),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    result.spaceBefore = 10
    result.spaceAfter = 4
    return result


def _pieces(text: str, fonts: FontSet, bold: bool) -> list[tuple[str, str]]:
    """(font, text) pieces to draw on the canvas; undrawable characters as code points."""
    main = fonts.bold if bold else fonts.regular
    return [
        (font or main, piece if font else code_points(piece))
        for font, piece in fonts.runs(text, bold)
    ]


def _width(pieces: list[tuple[str, str]], size: float) -> float:
    return float(sum(stringWidth(piece, font, size) for font, piece in pieces))


def _draw_line(
    canvas: Any,
    x: float,
    y: float,
    text: str,
    fonts: FontSet,
    *,
    size: float,
    width: float,
    bold: bool = False,
    right: bool = False,
) -> None:
    """One line of header or footer, cut with an ellipsis to fit *width*."""
    pieces = _pieces(text, fonts, bold)
    while pieces and _width(pieces, size) > width:
        text = text[:-1]
        pieces = _pieces(text + "…", fonts, bold)
    if right:
        x -= _width(pieces, size)
    for font, piece in pieces:
        canvas.setFont(font, size)
        canvas.drawString(x, y, piece)
        x += stringWidth(piece, font, size)


def _decorate(canvas: Any, decor: PageDecor, fonts: FontSet, page: int, total: int) -> None:
    canvas.saveState()
    top = PAGE_HEIGHT - 12 * mm
    half = CONTENT_WIDTH / 2 - 3 * mm
    right = PAGE_WIDTH - MARGIN_X
    # the right header (UUID, version) is short and bounded: it gets its room first
    needed = _width(_pieces(decor.header_right, fonts, False), 7.5)
    right_width = min(needed, 0.62 * CONTENT_WIDTH)
    left_width = CONTENT_WIDTH - right_width - 6 * mm
    canvas.setFillColor(NAVY)
    _draw_line(canvas, MARGIN_X, top, decor.header_left, fonts, size=8, width=left_width, bold=True)
    canvas.setFillColor(GREY)
    _draw_line(
        canvas, right, top, decor.header_right, fonts, size=7.5, width=right_width, right=True
    )
    canvas.setStrokeColor(RULE)
    canvas.setLineWidth(0.6)
    canvas.line(MARGIN_X, top - 2.5 * mm, right, top - 2.5 * mm)
    bottom = 11 * mm
    canvas.line(MARGIN_X, bottom + 4 * mm, right, bottom + 4 * mm)
    _draw_line(canvas, MARGIN_X, bottom, decor.footer_left, fonts, size=7.5, width=half * 1.5)
    canvas.setFillColor(INK)
    page_label = decor.page_format.format(page=page, total=total)
    _draw_line(
        canvas, right, bottom, page_label, fonts, size=8, width=half / 2, bold=True, right=True
    )
    canvas.restoreState()


class _PageCounter:
    pages = 0


def _canvas_maker(decor: PageDecor, fonts: FontSet, counter: _PageCounter) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab has no type hints
        """Holds the pages back until the end, then draws "page N / M" on each."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # no base-14 font anywhere: every glyph comes from the embedded Unicode font
            kwargs["initialFontName"] = fonts.regular
            super().__init__(*args, **kwargs)
            self._held_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._held_pages)
            for state in self._held_pages:
                self.__dict__.update(state)
                _decorate(self, decor, fonts, self._pageNumber, total)
                Canvas.showPage(self)
            counter.pages = total
            Canvas.save(self)

    return NumberedCanvas


@dataclass(frozen=True)
class PdfMeta:
    title: str
    subject: str
    author: str = ""
    lang: str = "fr-FR"


def build_pdf(
    story: list[Flowable], decor: PageDecor, meta: PdfMeta, fonts: FontSet
) -> RenderedPdf:
    """Lay *story* out on A4 pages with the shared header and footer."""
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=meta.title,
        subject=meta.subject,
        author=meta.author,
        creator=f"DUME Desktop {__version__}",
        lang=meta.lang,
    )
    frame = Frame(
        MARGIN_X,
        MARGIN_BOTTOM,
        CONTENT_WIDTH,
        PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM,
        id="body",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    document.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    counter = _PageCounter()
    document.build(story, canvasmaker=_canvas_maker(decor, fonts, counter))
    return RenderedPdf(buffer.getvalue(), counter.pages)
