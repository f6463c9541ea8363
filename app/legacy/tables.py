"""The mapping tables of ``app/legacy/data/``, loaded once and typed.

Generated tables (``criteria.json``, ``properties-*.json``, ``countries.json``)
come from :mod:`app.legacy.build_tables`; ``codes.csv`` and the other CSV
files are written by hand.  Code never branches on a version's particular
criterion or property: everything version-specific is a row in these files.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.espdxml.detect import DetectedVersion

DATA_DIR = Path(__file__).with_name("data")


@dataclass(frozen=True)
class CriterionMapping:
    source_id: str
    source_code: str
    #: the 4.1.0 criterion code, or None when the criterion has no counterpart
    target: str | None
    method: str  # id (same eCertis UUID or path ID), hand, none
    note: str


@dataclass(frozen=True)
class PropertyMapping:
    type_code: str
    data_type: str
    target: str | None
    target_data_type: str | None
    #: same, reworded, retyped (value converted), changed (meaning differs)
    relation: str | None
    #: "lot" for the LOT_IDENTIFIER requirement naming a group's lots
    role: str | None


@dataclass(frozen=True)
class ImpliedAnswer:
    """A 4.1.0 answer an older document gives implicitly (see implied_answers.csv)."""

    criterion: str
    when_answered: str
    target_property: str
    value: str
    note: str


@dataclass(frozen=True)
class CodeMapping:
    target: str
    #: why the code changes meaning, shown in the mismatch report ("" when it does not)
    note: str


class MappingTable:
    """The tables that turn documents of one source release (and flavour) into 4.1.0."""

    def __init__(self, name: str, criteria: dict[str, Any], properties: dict[str, Any]) -> None:
        self.name = name
        self.criteria = {
            ident: CriterionMapping(
                ident, entry["code"], entry["target"], entry["method"], entry["note"]
            )
            for ident, entry in criteria.items()
        }
        self._by_code = {m.source_code: m for m in self.criteria.values()}
        self.properties: dict[str, dict[str, PropertyMapping]] = {
            ident: {
                key: PropertyMapping(
                    entry["type"],
                    entry["data_type"],
                    entry.get("target"),
                    entry.get("target_data_type"),
                    entry.get("relation"),
                    entry.get("role"),
                )
                for key, entry in slots.items()
            }
            for ident, slots in properties.items()
        }

    def criterion(self, ident: str, code: str) -> CriterionMapping | None:
        """By ID first (eCertis UUID), then by code (a document with its own IDs)."""
        return self.criteria.get(ident) or self._by_code.get(code)

    def slots(self, criterion: CriterionMapping) -> dict[str, PropertyMapping]:
        return self.properties.get(criterion.source_id, {})

    def implied(self, target_code: str) -> list[ImpliedAnswer]:
        return [row for row in _implied().get(self.name, []) if row.criterion == target_code]


#: detected family/flavour -> table name
def table_name(detected: DetectedVersion) -> str:
    if detected.family == "2":
        flavour = (detected.flavour or "").upper()
        basic = flavour in ("BASIC", "REGULATED")
        return "2.1.1-basic" if basic else "2.1.1-extended"
    if detected.family == "3":
        return "3.3.0"
    return "4.0.0"


def _json(name: str) -> Any:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


@cache
def mapping_table(name: str) -> MappingTable:
    return MappingTable(name, _json("criteria.json")[name], _json(f"properties-{name}.json"))


@cache
def countries() -> dict[str, str]:
    """ISO 3166 alpha-2 -> alpha-3."""
    loaded: dict[str, str] = _json("countries.json")
    return loaded


@cache
def countries_alpha2() -> dict[str, str]:
    return {alpha3: alpha2 for alpha2, alpha3 in sorted(countries().items(), reverse=True)}


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as stream:
        lines = [line for line in stream if not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


@cache
def _implied() -> dict[str, list[ImpliedAnswer]]:
    result: dict[str, list[ImpliedAnswer]] = {}
    for row in _rows("implied_answers.csv"):
        result.setdefault(row["table"], []).append(
            ImpliedAnswer(
                row["criterion"],
                row["when_answered"],
                row["target_property"],
                row["value"],
                row["note"],
            )
        )
    return result


@cache
def _codes() -> dict[tuple[str, str], CodeMapping]:
    return {
        (row["list"], row["source"].upper()): CodeMapping(row["target"], row["note"])
        for row in _rows("codes.csv")
    }


def code(list_name: str, value: str) -> CodeMapping | None:
    """The 4.1.0 code for *value* of the legacy list *list_name* (case-insensitive)."""
    return _codes().get((list_name, value.strip().upper()))


@cache
def _reverse_codes() -> dict[tuple[str, str], str]:
    result: dict[tuple[str, str], str] = {}
    for (list_name, source), mapping in _codes().items():
        if mapping.target and not mapping.note:
            result.setdefault((list_name, mapping.target), source)
    for row in _rows("codes.csv"):
        if row.get("reverse") == "yes":
            result[(row["list"], row["target"])] = row["source"]
    return result


def code_2_1_1(list_name: str, value: str) -> str | None:
    """The 2.1.1 code for the 4.1.0 *value* of *list_name* (for answering in 2.1.1)."""
    return _reverse_codes().get((list_name, value))
