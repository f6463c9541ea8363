"""The readable PDF twin of an ESPD request or response, laid out like the official form.

Page 1 opens with a summary; then Part I (procedure, buyer, lots), Part II
(the economic operator, its representatives, reliance and subcontracting),
Part III (exclusion grounds), Part IV (selection criteria), Part V
(reduction of candidates), Part VI (concluding statements) and an annex with
every piece of evidence.  Every selected criterion appears with its
description, every requirement value, and, in a response, every answer.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from functools import cache

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, KeepTogether, Spacer

from app import __version__
from app.errors import UserFacingError
from app.export.criteria_view import (
    Block,
    Cell,
    CriterionViewBuilder,
    Grid,
    Occurrence,
    Row,
    ValueFormatter,
    orphan_answers,
)
from app.export.espd_parts import Section, sections_of
from app.export.fonts import ensure_fonts
from app.export.labels import (
    Lang,
    check_lang,
    format_date,
    format_datetime,
    label,
    labelled,
    procedure_type,
)
from app.export.pdf_layout import (
    CONTENT_WIDTH,
    NAVY,
    PALE,
    PageDecor,
    PdfMeta,
    RenderedPdf,
    Styles,
    band,
    build_pdf,
    markup,
    para,
    table,
    text_markup,
)
from app.models.criteria import Criterion
from app.models.document import Address, EspdDocument, Party
from app.models.taxonomy import Taxonomy

log = logging.getLogger("dume.export")

LABEL_WIDTH = 0.56 * CONTENT_WIDTH
VALUE_WIDTH = CONTENT_WIDTH - LABEL_WIDTH
INDENT = 3.5 * mm


def render_document(
    document: EspdDocument,
    lang: str = "fr",
    taxonomy: Taxonomy | None = None,
    *,
    generated: dt.datetime | None = None,
) -> bytes:
    """The PDF of *document* (request or response) with labels in *lang* ("fr" or "en")."""
    return render(document, lang, taxonomy, generated=generated).data


def render(
    document: EspdDocument,
    lang: str = "fr",
    taxonomy: Taxonomy | None = None,
    *,
    generated: dt.datetime | None = None,
) -> RenderedPdf:
    """:func:`render_document`, also giving the page count."""
    language = check_lang(lang)
    styles = Styles(ensure_fonts())
    generated = generated or dt.datetime.now().astimezone()
    writer = _DocumentWriter(document, language, styles, taxonomy)
    story = writer.story()
    kind = label(f"header.{document.kind}", language)
    reference = document.procedure.reference or document.id
    decor = PageDecor(
        header_left=f"{kind} · {label('ref', language)} {reference}",
        header_right=f"UUID {document.uuid} · {label('version', language)} {document.version_id}",
        footer_left=label(
            "generated", language, date=format_datetime(generated, language), version=__version__
        ),
        page_format=label("page", language),
    )
    meta = PdfMeta(
        title=f"{label('espd', language)} — {document.display_title()}",
        subject=label(f"kind.{document.kind}", language),
        author=(document.economic_operator.name if document.economic_operator else "")
        or document.buyer.name,
        lang="fr-FR" if language == "fr" else "en-GB",
    )
    result = build_pdf(story, decor, meta, styles.fonts)
    log.info("PDF of %s: %d pages, %d bytes", document.id, result.pages, len(result.data))
    return result


@cache
def _code_label(list_name: str, code: str, lang: Lang) -> str:
    """The official label of *code* and the code, e.g. "Belgique (BEL)"; the code alone
    when the list is not available."""
    if not code:
        return ""
    from app.espdxml.codelists import code_list

    try:
        name = code_list(list_name).label(code, "fra" if lang == "fr" else "eng")
    except (UserFacingError, OSError):  # artefacts missing: the code is still exact
        return code
    return code if name == code else f"{name} ({code})"


class _DocumentWriter:
    def __init__(
        self, document: EspdDocument, lang: Lang, styles: Styles, taxonomy: Taxonomy | None
    ) -> None:
        self.document = document
        self.lang = lang
        self.styles = styles
        self.taxonomy = taxonomy
        self.views = CriterionViewBuilder(document, lang)
        self.format = ValueFormatter(document, lang)
        self.is_response = document.kind == "response"

    def t(self, key: str, **fields: object) -> str:
        return label(key, self.lang, **fields)

    # ------------------------------------------------------------ story
    def story(self) -> list[Flowable]:
        flow: list[Flowable] = []
        flow += self._title_and_summary()
        flow += self._part1()
        flow += self._part2()
        for part in (3, 4, 5):
            flow += self._criteria_part(part)
        flow += self._part6()
        flow += self._annex()
        flow += self._conversion()
        return flow

    def _conversion(self) -> list[Flowable]:
        """The mismatch report of a document converted from an older ESPD-EDM version."""
        report = self.document.conversion_report
        if not report:
            return []
        flow: list[Flowable] = self._band(self.t("conversion"))
        source = str(report.get("source_label") or report.get("source_version") or "")
        flow.append(para(self.t("conversion.note", source=source), self.styles.body))
        if report.get("summary"):
            flow.append(para(str(report["summary"]), self.styles.small))
        headers = ["conversion.impact", "conversion.item", "conversion.value", "conversion.reason"]
        rows: list[list[object]] = [[para(self.t(h), self.styles.header_cell) for h in headers]]
        for entry in report.get("entries", []):
            item = " · ".join(
                str(x)
                for x in (
                    entry.get("target_criterion") or entry.get("criterion"),
                    entry.get("label"),
                )
                if x
            )
            rows.append(
                [
                    para(str(entry.get("impact", "")), self.styles.cell),
                    para(item or str(entry.get("source_id", "")), self.styles.cell),
                    para(str(entry.get("value", "")) or self.t("none"), self.styles.cell),
                    para(str(entry.get("reason", "")), self.styles.cell_note),
                ]
            )
        widths = [w * CONTENT_WIDTH for w in (0.12, 0.33, 0.2, 0.35)]
        flow.append(table(rows, widths))
        return flow

    # ------------------------------------------------------------ helpers
    def _kv_table(
        self, pairs: Iterable[tuple[str, str]], *, skip_empty: bool = True
    ) -> list[Flowable]:
        rows = [
            [para(key, self.styles.cell_bold), para(value or self.t("none"), self.styles.cell)]
            for key, value in pairs
            if value or not skip_empty
        ]
        if not rows:
            return []
        return [
            table(
                rows,
                [0.3 * CONTENT_WIDTH, 0.7 * CONTENT_WIDTH],
                header_rows=0,
                extra=[("BACKGROUND", (0, 0), (0, -1), PALE)],
            )
        ]

    def _address(self, address: Address) -> str:
        town = " ".join(x for x in (address.postal_zone, address.city) if x)
        return ", ".join(x for x in (address.street, town) if x)

    def _identifiers(self, party: Party) -> str:
        colon = " : " if self.lang == "fr" else ": "
        return "; ".join(
            f"{i.scheme_id}{colon}{i.value}" if i.scheme_id else i.value for i in party.identifiers
        )

    def _party_pairs(self, party: Party) -> list[tuple[str, str]]:
        return [
            (self.t("f.name"), party.name),
            (self.t("f.identifiers"), self._identifiers(party)),
            (self.t("f.address"), self._address(party.address)),
            (self.t("f.country"), _code_label("Country", party.address.country, self.lang)),
            (self.t("f.contact"), party.contact.name),
            (self.t("f.telephone"), party.contact.telephone),
            (self.t("f.fax"), party.contact.fax),
            (self.t("f.email"), party.contact.email),
            (self.t("f.website"), party.website),
        ]

    def _band(self, text: str) -> list[Flowable]:
        return [CondPageBreak(60 * mm), band(text, self.styles)]

    def _section(self, text: str) -> list[Flowable]:
        # a heading is never left alone at the foot of a page
        return [CondPageBreak(45 * mm), para(text, self.styles.section)]

    # ------------------------------------------------------------ page 1
    def _title_and_summary(self) -> list[Flowable]:
        document = self.document
        counts = {"EG": 0, "SC": 0, "OT": 0}
        for criterion in document.criteria:
            counts[criterion.family] += 1
        operator = document.economic_operator
        lots = ", ".join(
            f"{lot.id} ({lot.title})" if lot.title else lot.id for lot in document.lots
        )
        pairs = [
            (self.t("summary.buyer"), document.buyer.name),
            *(
                [(self.t("summary.operator"), operator.name if operator else "")]
                if self.is_response
                else []
            ),
            (self.t("summary.reference"), document.procedure.reference),
            (self.t("summary.title"), document.procedure.title),
            (self.t("summary.lots"), lots),
            (
                self.t("summary.criteria"),
                self.t(
                    "summary.criteria_counts",
                    total=len(document.criteria),
                    eg=counts["EG"],
                    sc=counts["SC"],
                    ot=counts["OT"],
                ),
            ),
            *(
                [
                    (
                        self.t("summary.answers"),
                        self.t(
                            "summary.answers_counts",
                            answers=len(document.answers),
                            evidences=len(document.evidences),
                        ),
                    )
                ]
                if self.is_response
                else []
            ),
            (
                self.t("summary.issued"),
                format_date(document.issue_date, self.lang)
                + (f" {document.issue_time}" if document.issue_time else ""),
            ),
            (self.t("summary.ids"), f"ID {document.id}\nUUID {document.uuid}"),
            (self.t("summary.version"), document.version_id),
        ]
        rows = [[para(self.t("summary"), self.styles.header_cell), para("", self.styles.cell)]]
        rows += [
            [para(key, self.styles.cell_bold), para(value or self.t("none"), self.styles.cell)]
            for key, value in pairs
        ]
        box = table(
            rows,
            [0.3 * CONTENT_WIDTH, 0.7 * CONTENT_WIDTH],
            header_rows=1,
            extra=[("SPAN", (0, 0), (-1, 0)), ("BOX", (0, 0), (-1, -1), 1.2, NAVY)],
        )
        return [
            para(self.t("espd"), self.styles.title),
            para(self.t(f"kind.{document.kind}"), self.styles.subtitle),
            box,
            Spacer(1, 2 * mm),
        ]

    # ------------------------------------------------------------ part I
    def _part1(self) -> list[Flowable]:
        document = self.document
        procedure = document.procedure
        flow: list[Flowable] = self._band(self.t("part1"))
        flow += self._section(self.t("s1.procedure"))
        flow += self._kv_table(
            [
                (self.t("f.reference"), procedure.reference),
                (self.t("f.title"), procedure.title),
                (self.t("f.description"), procedure.description),
                (self.t("f.procedure_type"), procedure_type(procedure.procedure_code, self.lang)),
            ]
        )
        flow += self._section(self.t("s1.buyer"))
        flow += self._kv_table(
            [
                *self._party_pairs(document.buyer),
                (self.t("f.buyer_profile"), document.buyer_profile_uri),
            ]
        )
        flow += self._section(self.t("s1.lots"))
        if document.lots:
            rows = [
                [
                    para(self.t("f.lot_id"), self.styles.header_cell),
                    para(self.t("f.lot_title"), self.styles.header_cell),
                ]
            ]
            rows += [
                [
                    para(lot.id, self.styles.cell),
                    para(lot.title or self.t("none"), self.styles.cell),
                ]
                for lot in document.lots
            ]
            flow.append(table(rows, [0.3 * CONTENT_WIDTH, 0.7 * CONTENT_WIDTH]))
        else:
            flow.append(para(self.t("f.no_lots"), self.styles.body))
        if document.references:
            flow += self._section(self.t("s1.references"))
            rows = [
                [
                    para(self.t(k), self.styles.header_cell)
                    for k in ("f.doc_id", "f.doc_type", "f.description")
                ]
            ]
            rows += [
                [
                    para(r.id, self.styles.cell),
                    para(r.type_code, self.styles.cell),
                    para(r.description, self.styles.cell),
                ]
                for r in document.references
            ]
            flow.append(
                table(rows, [0.35 * CONTENT_WIDTH, 0.2 * CONTENT_WIDTH, 0.45 * CONTENT_WIDTH])
            )
        return flow

    # ------------------------------------------------------------ part II
    def _part2(self) -> list[Flowable]:
        document = self.document
        flow: list[Flowable] = self._band(self.t("part2"))
        sections = {s.key: s for s in sections_of(2, document.criteria)}
        operator = document.economic_operator
        flow += self._section(self.t("s2.A"))
        if self.is_response and operator is not None:
            flow += self._kv_table(
                [
                    *self._party_pairs(operator),
                    (
                        self.t("f.size"),
                        _code_label("EconomicOperatorSize", operator.size_code, self.lang),
                    ),
                    (self.t("f.role"), _code_label("EoRoleType", operator.role_code, self.lang)),
                    (self.t("f.group_name"), document.group_name),
                ]
            )
        elif not self.is_response:
            flow.append(para(self.t("part2.request_note"), self.styles.body))
        flow += self._criteria(sections.pop("s2.A", None))
        if self.is_response:
            flow += self._section(self.t("s2.B"))
            flow += self._representatives()
        for key in ("s2.C", "s2.D", "s2.other"):
            section = sections.pop(key, None)
            if section is not None:
                flow += self._section(self.t(key))
                flow += self._criteria(section)
        return flow

    def _representatives(self) -> list[Flowable]:
        operator = self.document.economic_operator
        people = operator.representatives if operator else []
        if not people:
            return [para(self.t("f.no_representative"), self.styles.body)]
        flow: list[Flowable] = []
        for n, person in enumerate(people, start=1):
            birth = ", ".join(
                x
                for x in (
                    format_date(person.birth_date, self.lang) if person.birth_date else "",
                    person.birthplace,
                )
                if x
            )
            rows = [
                [
                    para(self.t("f.representative", n=n), self.styles.header_cell),
                    para("", self.styles.cell),
                ]
            ]
            pairs = [
                (self.t("f.first_name"), person.first_name),
                (self.t("f.family_name"), person.family_name),
                (self.t("f.birth"), birth),
                (self.t("f.position"), person.role),
                (self.t("f.powers"), person.powers),
                (self.t("f.address"), self._address(person.address)),
                (self.t("f.country"), _code_label("Country", person.address.country, self.lang)),
                (self.t("f.telephone"), person.contact.telephone),
                (self.t("f.email"), person.contact.email),
            ]
            rows += [
                [para(k, self.styles.cell_bold), para(v, self.styles.cell)] for k, v in pairs if v
            ]
            flow.append(
                table(
                    rows,
                    [0.3 * CONTENT_WIDTH, 0.7 * CONTENT_WIDTH],
                    extra=[("SPAN", (0, 0), (-1, 0))],
                )
            )
        return flow

    # ------------------------------------------------------------ parts III to V
    def _criteria_part(self, part: int) -> list[Flowable]:
        flow: list[Flowable] = self._band(self.t(f"part{part}"))
        sections = sections_of(part, self.document.criteria)
        if not sections:
            flow.append(para(self.t("part.empty"), self.styles.body))
        for section in sections:
            flow += self._section(self.t(section.key))
            flow += self._criteria(section)
        return flow

    def _criteria(self, section: Section | None) -> list[Flowable]:
        if section is None:
            return []
        flow: list[Flowable] = []
        for n, criterion in enumerate(section.criteria, start=1):
            flow += self._criterion(f"{section.number}.{n}", criterion)
        return flow

    def _texts(self, criterion: Criterion) -> tuple[str, str]:
        """Name and description: the document's, else the taxonomy's, else the code."""
        name, description = criterion.name, criterion.description
        if (
            (not name or not description)
            and self.taxonomy is not None
            and criterion.code in self.taxonomy
        ):
            template = self.taxonomy.get(criterion.code)
            name, description = name or template.name, description or template.description
        return name or criterion.code, description

    def _criterion(self, number: str, criterion: Criterion) -> list[Flowable]:
        styles = self.styles
        name, description = self._texts(criterion)
        heading = (
            f"{number}  {text_markup(name, bold=True)} "
            f'<font name="{styles.fonts.regular}" size="7" color="#5F6B78">'
            f"[{text_markup(criterion.code)}]</font>"
        )
        head: list[Flowable] = [markup(heading, styles.criterion)]
        if description:
            head.append(para(description, styles.description))
        notes = [
            labelled("c.legislation", " — ".join(parts), self.lang)
            for law in criterion.legislation
            if (parts := [x for x in (law.title, law.article) if x])
        ]
        if criterion.lot_refs:
            notes.append(labelled("c.lots", ", ".join(criterion.lot_refs), self.lang))
        if notes:
            head.append(para("\n".join(notes), styles.description))
        # the heading stays with the first rows of its tables, which split freely
        flow: list[Flowable] = [CondPageBreak(40 * mm), KeepTogether(head)]
        view = self.views.build(criterion)
        flow += self._blocks(view.requirements, "c.requirement", "c.value")
        if self.is_response:
            flow += self._blocks(view.answers, "c.question", "c.answer")
        return flow

    def _cell(self, cell: Cell) -> list[Flowable] | Flowable:
        style = self.styles.cell_missing if cell.missing else self.styles.cell
        main = para(cell.value, style)
        if cell.note:
            return [main, para(cell.note, self.styles.cell_note)]
        return main

    def _blocks(self, blocks: list[Block], left_key: str, right_key: str) -> list[Flowable]:
        flow: list[Flowable] = []
        pending: list[Row] = []

        def flush() -> None:
            if pending:
                flow.append(self._rows_table(pending, left_key, right_key))
                pending.clear()

        for block in blocks:
            if isinstance(block, Grid):
                flush()
                flow.append(self._grid_table(block))
            elif isinstance(block, Occurrence):
                flush()
                flow.append(self._occurrence_table(block))
            else:
                pending.append(block)
        flush()
        return flow

    def _rows_table(self, rows: list[Row], left_key: str, right_key: str) -> Flowable:
        styles = self.styles
        data: list[list[object]] = [
            [
                para(self.t(left_key), styles.header_cell),
                para(self.t(right_key), styles.header_cell),
            ]
        ]
        extra: list[tuple[object, ...]] = []
        for row in rows:
            index = len(data)
            indent = row.depth * INDENT
            if row.kind == "value":
                label_style = styles.cell
                if indent:
                    label_style = styles.indented(styles.cell, indent)
                data.append([para(row.label, label_style), self._cell(row.cell)])
                continue
            style = styles.branch if row.kind == "branch" else styles.description
            if indent:
                style = styles.indented(style, indent)
            data.append([para(row.label, style), ""])
            extra.append(("SPAN", (0, index), (1, index)))
        return table(data, [LABEL_WIDTH, VALUE_WIDTH], extra=extra)

    def _occurrence_table(self, occurrence: Occurrence) -> Flowable:
        """One answer of a repeated group; its title repeats if the block splits."""
        styles = self.styles
        title = para(
            occurrence.title, styles.indented(styles.header_cell, occurrence.depth * INDENT)
        )
        data: list[list[object]] = [[title, ""]]
        data += [[para(row.label, styles.cell), self._cell(row.cell)] for row in occurrence.rows]
        return table(data, [LABEL_WIDTH, VALUE_WIDTH], extra=[("SPAN", (0, 0), (1, 0))])

    def _grid_table(self, grid: Grid) -> Flowable:
        styles = self.styles
        number_width = 9 * mm
        indent = grid.depth * INDENT
        rest = (CONTENT_WIDTH - indent - number_width) / max(1, len(grid.headers) - 1)
        widths = [number_width + indent] + [rest] * (len(grid.headers) - 1)
        data: list[list[object]] = [[para(h, styles.header_cell) for h in grid.headers]]
        data += [[self._cell(cell) for cell in row] for row in grid.rows]
        return table(data, widths)

    # ------------------------------------------------------------ part VI, annex
    def _part6(self) -> list[Flowable]:
        document = self.document
        flow: list[Flowable] = self._band(self.t("part6"))
        buyer = document.buyer.name or self.t("summary.buyer").lower()
        reference = document.procedure.reference or document.id
        for key in ("concluding.1", "concluding.2"):
            flow.append(para(self.t(key), self.styles.body))
        flow.append(
            para(self.t("concluding.3", buyer=buyer, reference=reference), self.styles.body)
        )
        if not self.is_response:
            flow.append(para(self.t("concluding.request_note"), self.styles.small))
            return flow
        flow.append(para(self.t("concluding.sign"), self.styles.section))
        rows = [
            [
                para(self.t(k), self.styles.header_cell)
                for k in ("concluding.date", "concluding.place", "concluding.signature")
            ],
            ["", "", ""],
        ]
        widths = [0.22 * CONTENT_WIDTH, 0.3 * CONTENT_WIDTH, 0.48 * CONTENT_WIDTH]
        # the empty row leaves room to date and sign a printed copy
        flow.append(table(rows, widths, row_heights=[None, 22 * mm]))
        return flow

    def _annex(self) -> list[Flowable]:
        document = self.document
        orphans = orphan_answers(document)
        if not (self.is_response or document.evidences or orphans or document.unmapped_elements):
            return []
        flow: list[Flowable] = self._band(self.t("annex"))
        if document.evidences:
            headers = ["e.number", "e.document", "e.issuer", "e.uri", "e.id"]
            rows: list[list[object]] = [[para(self.t(h), self.styles.header_cell) for h in headers]]
            for n, evidence in enumerate(document.evidences, start=1):
                document_cell = [para(evidence.document_id or self.t("none"), self.styles.cell)]
                if evidence.description:
                    document_cell.append(para(evidence.description, self.styles.cell_note))
                access = _code_label("AccessRight", evidence.confidentiality, self.lang)
                rows.append(
                    [
                        para(str(n), self.styles.cell),
                        document_cell,
                        para(
                            " · ".join(x for x in (evidence.issuer_name, evidence.issuer_id) if x)
                            or self.t("none"),
                            self.styles.cell,
                        ),
                        [
                            para(evidence.uri or self.t("none"), self.styles.cell),
                            para(
                                labelled("e.confidentiality", access, self.lang),
                                self.styles.cell_note,
                            ),
                        ],
                        para(evidence.id, self.styles.cell_note),
                    ]
                )
            widths = [9 * mm] + [w * (CONTENT_WIDTH - 9 * mm) for w in (0.2, 0.2, 0.3, 0.3)]
            flow.append(table(rows, widths))
        else:
            flow.append(para(self.t("e.none"), self.styles.body))
        if orphans:
            flow += self._section(self.t("orphans"))
            flow.append(para(self.t("orphans.note"), self.styles.small))
            rows = [
                [
                    para(self.t("c.question"), self.styles.header_cell),
                    para(self.t("c.answer"), self.styles.header_cell),
                ]
            ]
            rows += [
                [para(a.property_id, self.styles.cell), self._cell(self.format.cell(a.value))]
                for a in orphans
            ]
            flow.append(table(rows, [LABEL_WIDTH, VALUE_WIDTH]))
        if document.unmapped_elements:
            names = ", ".join(document.unmapped_elements)
            flow.append(para(self.t("unmapped", names=names), self.styles.small))
        return flow
