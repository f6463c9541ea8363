"""Shared state of one conversion, and the base of its steps.

A conversion runs in steps (:mod:`app.legacy.header`, :mod:`app.legacy.criteria`,
:mod:`app.legacy.answers`); they share the source document, the mapping table,
the 4.1.0 taxonomy, the report being written and what earlier steps decided
(where each source property went, which lot a response keeps ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from app.legacy.report import Mismatch, MismatchKind, MismatchReport
from app.legacy.source import SourceAnswer, SourceCriterion, SourceDocument
from app.legacy.structure import Slot
from app.legacy.tables import CriterionMapping, MappingTable, PropertyMapping
from app.models.criteria import Criterion
from app.models.taxonomy import Taxonomy
from app.models.values import Value

TARGET_VERSION = "4.1.0"


@dataclass
class Placed:
    """Where a source property went."""

    criterion: SourceCriterion
    mapping: CriterionMapping | None
    slot: Slot
    entry: PropertyMapping | None
    target: Criterion | None


@dataclass
class Collected:
    """A source answer value on its way to a 4.1.0 property."""

    value: Value
    source: SourceAnswer
    path: str


@dataclass
class State:
    #: source property ID -> where it went
    placed: dict[str, Placed] = field(default_factory=dict)
    #: property IDs found under groups the tables do not know
    unknown_group_properties: dict[str, str] = field(default_factory=dict)
    #: 4.1.0 criterion code -> the criterion built for it
    targets: dict[str, Criterion] = field(default_factory=dict)
    kept_lot: str | None = None
    source_lots: list[str] = field(default_factory=list)
    #: target answer ID -> the source answer it came from
    origin: dict[str, Collected] = field(default_factory=dict)
    #: (target criterion code, source slot key) of every source question answered
    answered_slots: set[tuple[str, str]] = field(default_factory=set)


@dataclass
class Context:
    source: SourceDocument
    table: MappingTable
    taxonomy: Taxonomy
    report: MismatchReport
    fill_required: bool = True
    state: State = field(default_factory=State)


class Step:
    """One part of the conversion; reads and records through the shared context."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.source = context.source
        self.table = context.table
        self.taxonomy = context.taxonomy
        self.report = context.report
        self.state = context.state
        self.fill_required = context.fill_required

    def note(self, kind: MismatchKind, path: str, **fields: str) -> None:
        self.report.add(Mismatch(kind=kind, source_path=path, **fields))

    def _root_path(self, local: str) -> str:
        root = self.source.tree.getroot()
        for child in root:
            if isinstance(child.tag, str) and etree.QName(child).localname == local:
                return self.source.path(child)
        return f"/*/{local}"
