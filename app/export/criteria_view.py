"""What the PDF shows of one criterion: its requirement rows and answer rows, as plain data.

The criterion tree (groups in groups, six levels deep) becomes two flat
streams, "requirements of the buyer" and "answers of the operator", made of
label/value rows and grids.  Rules, so the PDF says exactly what the XML says:

- a subgroup typed ONTRUE / ONFALSE is shown when its indicator selects it, or
  when it holds data anyway (an answer or a requirement value): nothing in
  the XML is ever hidden;
- a group answered several times (turnover by year, references) becomes a
  grid, one line per occurrence (the n-th answer of each question), or, when
  it has too many questions for the page width, numbered blocks of rows;
- a request shows requirements only; a response shows both.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from app.export.labels import Lang, label
from app.models.answering import CONDITIONAL, subgroup_applies
from app.models.criteria import Criterion, CriterionProperty, PropertyGroup
from app.models.document import Answer, EspdDocument
from app.models.values import EvidenceRefValue, IndicatorValue, Value, display

#: a repeated group with more questions than this is drawn as numbered blocks, not a grid
MAX_GRID_COLUMNS = 4

RowKind = Literal["value", "caption", "branch"]


@dataclass(frozen=True)
class Cell:
    value: str
    #: a secondary line in small type (evidence details)
    note: str = ""
    #: nothing given: drawn as a grey dash / "not given"
    missing: bool = False


@dataclass(frozen=True)
class Row:
    kind: RowKind
    label: str
    cell: Cell = Cell("")
    depth: int = 0


@dataclass(frozen=True)
class Grid:
    headers: list[str]
    rows: list[list[Cell]]
    depth: int = 0


@dataclass(frozen=True)
class Occurrence:
    """One answer to a repeated group with many questions: a titled block ("no. 2")."""

    title: str
    rows: list[Row]
    depth: int = 0


Block = Row | Grid | Occurrence


@dataclass
class CriterionView:
    criterion: Criterion
    requirements: list[Block] = field(default_factory=list)
    answers: list[Block] = field(default_factory=list)


def property_label(prop: CriterionProperty, lang: Lang) -> str:
    if prop.data_type == "LOT_IDENTIFIER" and prop.is_requirement:
        return label("c.lot_requirement", lang)
    return prop.description or prop.name or prop.id


class ValueFormatter:
    """Turns typed values into cell text: ``display`` of the model, Yes/No for indicators."""

    def __init__(self, document: EspdDocument, lang: Lang) -> None:
        self.lang = lang
        self.evidence_numbers = {e.id: n for n, e in enumerate(document.evidences, start=1)}
        self._evidences = {e.id: e for e in document.evidences}

    def cell(self, value: Value | None, *, missing_key: str = "not_given") -> Cell:
        if value is None:
            return Cell(label(missing_key, self.lang), missing=True)
        match value:
            case IndicatorValue(value=flag):
                return Cell(label("yes" if flag else "no", self.lang))
            case EvidenceRefValue(evidence_id=evidence_id):
                return self._evidence(evidence_id)
            case _:
                return Cell(display(value))

    def _evidence(self, evidence_id: str) -> Cell:
        evidence = self._evidences.get(evidence_id)
        if evidence is None:
            return Cell(evidence_id, note=label("e.missing", self.lang))
        number = self.evidence_numbers[evidence_id]
        parts = [evidence.document_id, evidence.issuer_name, evidence.uri]
        details = " · ".join(p for p in parts if p)
        return Cell(label("e.see_annex", self.lang, n=number), note=details)


class CriterionViewBuilder:
    def __init__(self, document: EspdDocument, lang: Lang) -> None:
        self.document = document
        self.lang = lang
        self.with_answers = document.kind == "response"
        self.format = ValueFormatter(document, lang)
        self.answers: dict[str, list[Answer]] = defaultdict(list)
        for answer in document.answers:
            self.answers[answer.property_id].append(answer)

    # ------------------------------------------------------------ queries
    def _occurrences(self, props: list[CriterionProperty]) -> int:
        return max((len(self.answers.get(p.id, ())) for p in props), default=0)

    def _has_data(self, group: PropertyGroup) -> bool:
        for sub in group.iter_groups():
            for prop in sub.properties:
                if prop.is_requirement and prop.expected is not None:
                    return True
                if prop.is_question and self.answers.get(prop.id):
                    return True
        return False

    def shown(self, parent: PropertyGroup, sub: PropertyGroup) -> bool:
        if sub.type_code not in CONDITIONAL:
            return True
        return subgroup_applies(self.document, parent, sub) or self._has_data(sub)

    def _questions(self, group: PropertyGroup) -> Iterator[CriterionProperty]:
        yield from (p for p in group.properties if p.is_question)
        for sub in group.subgroups:
            if self.shown(group, sub):
                yield from self._questions(sub)

    # ------------------------------------------------------------ rows
    def _answer_cell(self, prop: CriterionProperty, index: int) -> Cell:
        given = self.answers.get(prop.id, [])
        return self.format.cell(given[index].value if index < len(given) else None)

    def _requirement_row(self, prop: CriterionProperty, depth: int) -> Row:
        cell = self.format.cell(prop.expected, missing_key="not_set")
        return Row("value", property_label(prop, self.lang), cell, depth)

    def _repeated(self, group: PropertyGroup, depth: int) -> list[Block]:
        columns = list(self._questions(group))
        count = self._occurrences(columns)
        if len(columns) <= MAX_GRID_COLUMNS:
            headers = [label("e.number", self.lang)] + [
                property_label(p, self.lang) for p in columns
            ]
            rows = [
                [Cell(str(n + 1))] + [self._answer_cell(p, n) for p in columns]
                for n in range(count)
            ]
            return [Grid(headers, rows, depth)]
        return [
            Occurrence(
                label("c.occurrence", self.lang, n=n + 1),
                [
                    Row("value", property_label(p, self.lang), self._answer_cell(p, n), depth)
                    for p in columns
                ],
                depth,
            )
            for n in range(count)
        ]

    def _walk(self, group: PropertyGroup, depth: int) -> tuple[list[Block], list[Block]]:
        requirements: list[Block] = []
        answers: list[Block] = []
        own_questions = [p for p in group.properties if p.is_question]
        repeated = self.with_answers and self._occurrences(own_questions) >= 2
        if repeated:
            answers += self._repeated(group, depth)
        is_question_group = group.id.rsplit("/", 1)[-1].startswith("Q")
        for prop in group.properties:
            if prop.is_requirement:
                requirements.append(self._requirement_row(prop, depth))
            elif prop.is_question:
                if self.with_answers and not repeated:
                    answers.append(
                        Row(
                            "value",
                            property_label(prop, self.lang),
                            self._answer_cell(prop, 0),
                            depth,
                        )
                    )
            elif prop.description.strip():
                caption = Row("caption", prop.description.strip(), depth=depth)
                if not is_question_group:
                    requirements.append(caption)
                elif self.with_answers and not repeated:
                    answers.append(caption)
        for sub in group.subgroups:
            if not self.shown(group, sub):
                continue
            conditional = sub.type_code in CONDITIONAL
            sub_requirements, sub_answers = self._walk(sub, depth + 1 if conditional else depth)
            if conditional:
                key = "c.if_true" if sub.type_code == "ONTRUE" else "c.if_false"
                branch = Row("branch", label(key, self.lang), depth=depth)
                sub_requirements = [branch, *sub_requirements] if sub_requirements else []
                sub_answers = [branch, *sub_answers] if sub_answers else []
            requirements += sub_requirements
            if not repeated:
                answers += sub_answers
        return requirements, answers

    def build(self, criterion: Criterion) -> CriterionView:
        view = CriterionView(criterion)
        for group in criterion.groups:
            requirements, answers = self._walk(group, 0)
            view.requirements += requirements
            view.answers += answers
        return view


def orphan_answers(document: EspdDocument) -> list[Answer]:
    """Answers whose question is in no criterion of the document (shown in an annex)."""
    known = {p.id for c in document.criteria for p in c.iter_properties()}
    return [a for a in document.answers if a.property_id not in known]
