"""Where each property sits in a criterion: the *slot* keys of the mapping tables.

From 2.x to 3.x, property IDs are random UUIDs written by each service, so a
property can only be recognised by its place: the chain of (static) group IDs
above it and its position among the properties of its group.  A slot key
encodes exactly that::

    G:7c637c0c-…^ > G:f5276600-…^ #2

Each level is ``G:`` (a property group) or ``S:`` (a national sub-criterion)
followed by the group ID and, after ``^``, the ID of the sibling group just
before it (empty for the first): in 3.x the same evidence group appears twice
under one parent, and only its neighbour tells the two apart.  The same walker
reads the official taxonomies (to build the tables) and the documents (to look
the tables up), so both sides always compute keys the same way.

A group repeated in a document (a second turnover year, a second lot) yields
the same key with a higher occurrence number.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

from app.espdxml.names import cac, cbc

_E = etree._Element

#: parent level path, group key ("G:id^anchor") -> the level path to use, or None if unknown
Resolver = Callable[[str, str], str | None]

_GROUP_TAGS = {
    cac("TenderingCriterionPropertyGroup"),
    cac("SubsidiaryTenderingCriterionPropertyGroup"),
}
_SUB_CRITERION = cac("SubTenderingCriterion")
_PROPERTY = cac("TenderingCriterionProperty")


def text_of(element: _E | None, local: str) -> str:
    """Whitespace-normalised text of the cbc child *local* of *element*."""
    if element is None:
        return ""
    child = element.find(cbc(local))
    return " ".join((child.text or "").split()) if child is not None else ""


def normalise(text: str) -> str:
    """Lower-case ASCII words, for comparing descriptions across versions."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text.lower()).split())


@dataclass(frozen=True)
class Slot:
    """One property of a criterion, as met in a taxonomy or a document."""

    key: str
    #: occurrence number of each level of the key (1 for the first instance)
    occurrence: tuple[int, ...]
    element: _E
    property_id: str
    type_code: str
    data_type: str
    description: str
    #: PropertyGroupTypeCode of the group holding the property
    group_type: str
    #: the description of the INDICATOR question whose answer opens this group, if any
    gate: str
    #: the slot key of that INDICATOR question ("" for an unconditional group)
    gate_key: str
    #: document-order rank of the property within its criterion
    rank: int

    @property
    def group_element(self) -> _E:
        parent = self.element.getparent()
        assert parent is not None
        return parent


def identity_resolver(parent: str, level: str) -> str:
    """Take every group as it comes (for taxonomies, and criteria no table knows)."""
    return f"{parent} > {level}" if parent else level


def _indicator(group: _E, path: str) -> tuple[str, str]:
    """(description, slot key) of the yes/no question of *group*, or empty strings."""
    for index, prop in enumerate(group.findall(_PROPERTY)):
        if text_of(prop, "TypeCode") == "QUESTION" and text_of(prop, "ValueDataTypeCode") in (
            "INDICATOR",
            "CODE_BOOLEAN",
        ):
            return text_of(prop, "Description") or text_of(prop, "Name"), f"{path} #{index}"
    return "", ""


class _Walker:
    def __init__(self, resolve: Resolver) -> None:
        self.resolve = resolve
        self.rank = 0
        self.slots: list[Slot] = []
        self.unknown_groups: list[_E] = []

    def children(
        self,
        container: _E,
        parent_path: str,
        parent_occurrence: tuple[int, ...],
        gate: tuple[str, str],
    ) -> None:
        counts: Counter[str] = Counter()
        previous_id = ""
        run_anchor = ""
        for child in container:
            if not isinstance(child.tag, str):
                continue
            if child.tag == _SUB_CRITERION:
                prefix = "S"
            elif child.tag in _GROUP_TAGS:
                prefix = "G"
            else:
                continue
            ident = text_of(child, "ID")
            if ident != previous_id:
                run_anchor = previous_id
            previous_id = ident
            level = f"{prefix}:{ident}^{run_anchor}"
            path = self.resolve(parent_path, level)
            if path is None:
                self.unknown_groups.append(child)
                continue
            counts[path] += 1
            occurrence = (*parent_occurrence, counts[path])
            if prefix == "S":
                self.children(child, path, occurrence, ("", ""))
            else:
                self.group(child, path, occurrence, gate)

    def group(
        self, group: _E, path: str, occurrence: tuple[int, ...], gate: tuple[str, str]
    ) -> None:
        group_type = text_of(group, "PropertyGroupTypeCode")
        conditional = group_type in ("ONTRUE", "ONFALSE")
        for index, prop in enumerate(group.findall(_PROPERTY)):
            self.slots.append(
                Slot(
                    key=f"{path} #{index}",
                    occurrence=occurrence,
                    element=prop,
                    property_id=text_of(prop, "ID"),
                    type_code=text_of(prop, "TypeCode"),
                    data_type=text_of(prop, "ValueDataTypeCode"),
                    description=text_of(prop, "Description") or text_of(prop, "Name"),
                    group_type=group_type,
                    gate=gate[0] if conditional else "",
                    gate_key=gate[1] if conditional else "",
                    rank=self.rank,
                )
            )
            self.rank += 1
        self.children(group, path, occurrence, _indicator(group, path))


@dataclass
class CriterionSlots:
    slots: list[Slot]
    #: groups whose place matches no known slot (a document's own invention)
    unknown_groups: list[_E]


def criterion_slots(criterion: _E, resolve: Resolver = identity_resolver) -> CriterionSlots:
    """Every property of *criterion* with its slot key, in document order."""
    walker = _Walker(resolve)
    walker.children(criterion, "", (), ("", ""))
    return CriterionSlots(walker.slots, walker.unknown_groups)


def level_paths(keys: Iterator[str] | list[str]) -> set[str]:
    """All level paths (key prefixes) that the slot *keys* go through."""
    paths: set[str] = set()
    for key in keys:
        levels = key.rsplit(" #", 1)[0].split(" > ")
        for depth in range(1, len(levels) + 1):
            paths.add(" > ".join(levels[:depth]))
    return paths


def table_resolver(known_paths: set[str]) -> Resolver:
    """Resolve a document's groups against the level paths of a mapping table.

    An exact match wins; otherwise a group whose ID appears at one place only
    under that parent is taken there (a repeated group changes its neighbour).
    """
    by_parent_and_id: dict[tuple[str, str], list[str]] = {}
    for path in sorted(known_paths):
        parent, _, last = path.rpartition(" > ")
        group_id = last.split("^", 1)[0]
        by_parent_and_id.setdefault((parent, group_id), []).append(path)

    def resolve(parent: str, level: str) -> str | None:
        candidate = identity_resolver(parent, level)
        if candidate in known_paths:
            return candidate
        options = by_parent_and_id.get((parent, level.split("^", 1)[0]), [])
        return options[0] if options else None

    return resolve
