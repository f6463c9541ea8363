"""Generate the mapping tables under ``app/legacy/data/`` from the official releases.

Usage::

    python -m app.legacy.build_tables ../shared/espd-edm

Reads the criterion taxonomies of 2.1.1 (Basic and Extended), 3.3.0, 4.0.0 and
4.1.0 and the code lists, and writes:

- ``criteria.json``: every source criterion and its 4.1.0 code.  Exclusion and
  selection criteria keep their eCertis UUID from v1 to v4, so they are matched
  on it; the "other" criteria by the hand table ``other_criteria.csv``.
- ``properties-<table>.json``: for each criterion, each source property slot
  (see :mod:`app.legacy.structure`) and the 4.1.0 property it becomes, matched
  by position and meaning (kind, data type, wording, the question that opens
  its group); ``property_overrides.csv`` corrects or forbids a pairing by hand.
- ``countries.json``: ISO alpha-2 (2.x) to alpha-3 (3.x, 4.x), joined on the
  country names of the two code lists, completed by ``country_overrides.csv``.

Only identifiers, codes and scores are written, never the official texts.
Re-run it when a release changes; the tests check the tables against the
artefacts.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from lxml import etree

from app.espdxml.names import cac
from app.legacy.structure import Slot, criterion_slots, normalise, text_of
from espd_schemas.layouts import LAYOUTS, VersionLayout

log = logging.getLogger("dume.legacy.build")

DATA_DIR = Path(__file__).with_name("data")
TARGET_VERSION = "4.1.0"

#: table name -> (release, flavour)
SOURCE_TABLES: dict[str, tuple[str, str]] = {
    "2.1.1-basic": ("2.1.1", "BASIC"),
    "2.1.1-extended": ("2.1.1", "EXTENDED"),
    "3.3.0": ("3.3.0", ""),
    "4.0.0": ("4.0.0", ""),
}

#: Data types that carry the same kind of value (a pairing across them keeps the value).
_COMPATIBLE = [
    {"AMOUNT", "MINIMUM_AMOUNT", "MAXIMUM_AMOUNT"},
    {
        "QUANTITY",
        "QUANTITY_INTEGER",
        "QUANTITY_YEAR",
        "MINIMUM_QUANTITY",
        "MINIMUM_QUANTITY_INTEGER",
        "MINIMUM_QUANTITY_YEAR",
        "PERCENTAGE",
        "MINIMUM_VALUE_NUMERIC",
        "MAXIMUM_VALUE_NUMERIC",
    },
    {"IDENTIFIER", "ECONOMIC_OPERATOR_IDENTIFIER", "QUAL_IDENTIFIER", "LOT_IDENTIFIER"},
    {"CODE", "CODE_COUNTRY", "CODE_BOOLEAN"},
    {"DESCRIPTION", "CERTIFICATION_LEVEL_DESCRIPTION"},
    {"INDICATOR"},
    {"DATE"},
    {"PERIOD"},
    {"URL"},
    {"EVIDENCE_IDENTIFIER"},
    {"TIME"},
]
#: Pairs whose value can sometimes be converted (text to period ...): a change of meaning.
_CONVERTIBLE = {
    ("DESCRIPTION", "PERIOD"),
    ("DESCRIPTION", "URL"),
    ("DESCRIPTION", "DATE"),
    ("URL", "DESCRIPTION"),
    ("DATE", "PERIOD"),
    ("PERIOD", "DATE"),
    ("CODE", "DESCRIPTION"),
    ("DESCRIPTION", "CODE"),
    ("INDICATOR", "CODE_BOOLEAN"),
}

_MIN_WORDING = 0.55


def type_affinity(source: str, target: str) -> float:
    """1 same type, 0.7 same value family, 0.3 convertible, 0 unrelated."""
    if source == target:
        return 1.0
    for family in _COMPATIBLE:
        if source in family and target in family:
            return 0.7
    if (source, target) in _CONVERTIBLE:
        return 0.3
    return 0.0


def wording(a: str, b: str) -> float:
    """Similarity of two wordings: character ratio, or word containment ("Threshold" in
    "Minimum Amount Threshold"), slightly discounted."""
    left, right = normalise(a), normalise(b)
    ratio = SequenceMatcher(None, left, right, autojunk=False).ratio()
    words_left, words_right = set(left.split()), set(right.split())
    if not words_left or not words_right:
        return ratio
    contained = len(words_left & words_right) / min(len(words_left), len(words_right))
    return max(ratio, 0.85 * contained)


@dataclass
class _Pair:
    score: float
    source: Slot
    target: Slot
    wording: float


def _answerable(slot: Slot) -> bool:
    return slot.type_code in ("QUESTION", "REQUIREMENT") and not is_lot_slot(slot)


def is_lot_slot(slot: Slot) -> bool:
    """The LOT_IDENTIFIER requirement naming the lot(s) of a requirement group (4.x)."""
    return slot.type_code == "REQUIREMENT" and slot.data_type == "LOT_IDENTIFIER"


def _score(source: Slot, target: Slot, rank_s: float, rank_t: float) -> tuple[float, float] | None:
    """(score, wording) of a candidate pair, None when they cannot pair."""
    if source.type_code != target.type_code:
        return None
    if source.key.startswith("S:") != target.key.startswith("S:"):
        return None  # a national sub-criterion only pairs with a sub-criterion
    affinity = type_affinity(source.data_type, target.data_type)
    if affinity == 0.0:
        return None
    words = wording(source.description, target.description)
    if words < _MIN_WORDING:
        return None
    gate = wording(source.gate, target.gate) if source.gate or target.gate else 1.0
    position = 1.0 - abs(rank_s - rank_t)
    same_group = 0.3 if source.group_type == target.group_type else 0.0
    # 4.x path IDs: a property that kept its ID kept its place.
    same_id = 2.0 if source.property_id == target.property_id else 0.0
    score = 3 * words + 1.5 * affinity + 0.7 * gate + 1.2 * position + same_group + same_id
    return score, words


def align(sources: list[Slot], targets: list[Slot]) -> dict[str, tuple[Slot, float] | None]:
    """Pair each source slot with at most one target slot, best pairs first.

    A second pass keeps each conditional question under the yes/no question its
    source depends on (an evidence ID stays with its "available electronically?").
    """
    answerable_sources = [s for s in sources if _answerable(s)]
    answerable_targets = [t for t in targets if _answerable(t)]
    rank_s = {s.key: i / max(len(answerable_sources), 1) for i, s in enumerate(answerable_sources)}
    rank_t = {t.key: i / max(len(answerable_targets), 1) for i, t in enumerate(answerable_targets)}
    pairs: list[_Pair] = []
    for source in answerable_sources:
        for target in answerable_targets:
            scored = _score(source, target, rank_s[source.key], rank_t[target.key])
            if scored is not None:
                pairs.append(_Pair(scored[0], source, target, scored[1]))
    pairs.sort(key=lambda p: (-p.score, p.source.rank, p.target.rank))
    used_sources: set[str] = set()
    used_targets: set[str] = set()
    result: dict[str, tuple[Slot, float] | None] = {s.key: None for s in answerable_sources}
    for pair in pairs:
        if pair.source.key in used_sources or pair.target.key in used_targets:
            continue
        used_sources.add(pair.source.key)
        used_targets.add(pair.target.key)
        result[pair.source.key] = (pair.target, pair.wording)
    _keep_under_gates(answerable_sources, answerable_targets, result, rank_s, rank_t)
    return result


def _keep_under_gates(
    sources: list[Slot],
    targets: list[Slot],
    result: dict[str, tuple[Slot, float] | None],
    rank_s: dict[str, float],
    rank_t: dict[str, float],
) -> None:
    used = {match[0].key for match in result.values() if match is not None}
    for source in sources:
        gate_match = result.get(source.gate_key) if source.gate_key else None
        if gate_match is None:
            continue
        gate_target = gate_match[0].key
        current = result.get(source.key)
        if current is not None and current[0].gate_key == gate_target:
            continue
        best: tuple[float, Slot, float] | None = None
        for target in targets:
            if target.gate_key != gate_target or target.key in used:
                continue
            scored = _score(source, target, rank_s[source.key], rank_t[target.key])
            if scored is not None and (best is None or scored[0] > best[0]):
                best = (scored[0], target, scored[1])
        if best is None:
            continue
        if current is not None:
            used.discard(current[0].key)
        used.add(best[1].key)
        result[source.key] = (best[1], best[2])


def _parse(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
    return etree.parse(str(path), parser).getroot()


def _criteria(path: Path) -> list[etree._Element]:
    return list(_parse(path).iter(cac("TenderingCriterion")))


def _read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as stream:
        return [
            {k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(line for line in stream if not line.startswith("#"))
        ]


def relation(source: Slot, target: Slot, words: float) -> str:
    """How the meaning carries over: same, reworded, retyped (value converted) or changed."""
    affinity = type_affinity(source.data_type, target.data_type)
    if affinity < 0.5:
        return "changed"
    if source.data_type != target.data_type:
        return "retyped"
    return "same" if words >= 0.9 else "reworded"


def build_criteria(edm: Path, target_codes: dict[str, str]) -> dict[str, Any]:
    """``{table: {source criterion id: {code, target, method, note}}}``."""
    other = _read_csv("other_criteria.csv")
    tables: dict[str, Any] = {}
    for table, (release, flavour) in SOURCE_TABLES.items():
        layout = LAYOUTS[release]
        entries: dict[str, Any] = {}
        for element in _criteria(edm / release / layout.taxonomy(flavour)):
            ident, code = text_of(element, "ID"), text_of(element, "CriterionTypeCode")
            entry: dict[str, str | None] = {"code": code, "target": None, "method": "", "note": ""}
            if ident in target_codes:
                entry.update(target=target_codes[ident], method="id")
            else:
                for row in other:
                    if row["source_code"] == code and row["release"] in (release, "*"):
                        entry.update(
                            target=row["target_code"] or None, method="hand", note=row["note"]
                        )
                        break
                else:
                    log.warning("%s: no 4.1.0 counterpart for %s (%s)", table, code, ident)
                    entry.update(method="none", note="sans équivalent en 4.1.0")
            entries[ident] = entry
        tables[table] = entries
    return tables


def _overrides() -> dict[tuple[str, str, str], str]:
    """(table, criterion code (4.1.0), source slot key) -> target property id ("" = none)."""
    result = {}
    for row in _read_csv("property_overrides.csv"):
        result[(row["table"], row["criterion"], row["source_key"])] = row["target_property"]
    return result


def build_properties(
    edm: Path, criteria: dict[str, Any], targets: dict[str, etree._Element]
) -> dict[str, Any]:
    """``{table: {source criterion id: {slot key: entry}}}``."""
    overrides = _overrides()
    target_slots = {code: criterion_slots(element).slots for code, element in targets.items()}
    tables: dict[str, Any] = {}
    for table, (release, flavour) in SOURCE_TABLES.items():
        layout = LAYOUTS[release]
        per_criterion: dict[str, Any] = {}
        for element in _criteria(edm / release / layout.taxonomy(flavour)):
            ident = text_of(element, "ID")
            target_code = criteria[table][ident]["target"]
            sources = criterion_slots(element).slots
            slots_of_target = target_slots.get(target_code, []) if target_code else []
            by_id = {slot.property_id: slot for slot in slots_of_target}
            aligned = align(sources, slots_of_target)
            entries: dict[str, Any] = {}
            for source in sources:
                if is_lot_slot(source):
                    entries[source.key] = {
                        "type": source.type_code,
                        "data_type": "LOT_IDENTIFIER",
                        "target": None,
                        "role": "lot",
                    }
                    continue
                if not _answerable(source):
                    continue
                match = aligned.get(source.key)
                override = overrides.get((table, target_code or "", source.key))
                if override is not None:
                    target = by_id.get(override) if override else None
                    if override and target is None:
                        raise SystemExit(f"override {table} {source.key}: unknown {override}")
                    match = (
                        (target, wording(source.description, target.description))
                        if target
                        else None
                    )
                entry: dict[str, Any] = {
                    "type": source.type_code,
                    "data_type": source.data_type,
                    "target": None,
                }
                if match is not None:
                    target, words = match
                    entry.update(
                        target=target.property_id,
                        target_data_type=target.data_type,
                        relation=relation(source, target, words),
                        wording=round(words, 2),
                    )
                if override is not None:
                    entry["by_hand"] = True
                entries[source.key] = entry
            per_criterion[ident] = entries
        tables[table] = per_criterion
    return tables


def _code_rows(path: Path) -> dict[str, dict[str, str]]:
    rows = {}
    for row in _parse(path).iter("Row"):
        values = {
            v.get("ColumnRef") or "": v.findtext("SimpleValue") or "" for v in row.iter("Value")
        }
        if values.get("code"):
            rows[values["code"]] = values
    return rows


def build_countries(edm: Path) -> dict[str, str]:
    """ISO 3166 alpha-2 (2.1.1 list) -> alpha-3 (4.1.0 list)."""
    old = _code_rows(edm / "2.1.1" / LAYOUTS["2.1.1"].codelists / "CountryCodeIdentifier.gc")
    new = _code_rows(edm / TARGET_VERSION / LAYOUTS[TARGET_VERSION].codelists / "Country.gc")
    by_name: dict[str, set[str]] = {}
    for code, values in new.items():
        for column in ("Name", "eng_label", "fra_label", "deu_label", "spa_label", "ita_label"):
            if values.get(column):
                by_name.setdefault(normalise(values[column]), set()).add(code)
    hand = {row["alpha2"]: row["alpha3"] for row in _read_csv("country_overrides.csv")}
    result: dict[str, str] = {}
    for code, values in sorted(old.items()):
        if code in hand:
            result[code] = hand[code]
            continue
        found: set[str] = set()
        for column in ("name-eng", "name-fra", "name-deu", "name-spa", "name-ita"):
            found |= by_name.get(normalise(values.get(column, "")), set())
        if len(found) == 1:
            result[code] = found.pop()
        else:
            log.warning("country %s: no single alpha-3 code (%s)", code, sorted(found))
    unknown = sorted(v for v in result.values() if v not in new)
    if unknown:
        raise SystemExit(f"country_overrides.csv names codes absent from Country.gc: {unknown}")
    return result


def _write(name: str, data: Any) -> None:
    path = DATA_DIR / name
    path.write_text(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8")
    log.info("wrote %s", path)


def summary(properties: dict[str, Any]) -> Iterable[str]:
    for table, per_criterion in properties.items():
        entries = [e for criterion in per_criterion.values() for e in criterion.values()]
        mapped = sum(1 for e in entries if e["target"])
        yield f"{table}: {mapped}/{len(entries)} properties mapped"


def build_all(edm: Path) -> dict[str, Any]:
    """``{data file name: content}`` of every generated table (nothing is written)."""
    target_layout: VersionLayout = LAYOUTS[TARGET_VERSION]
    targets = {
        text_of(e, "CriterionTypeCode"): e
        for e in _criteria(edm / TARGET_VERSION / target_layout.taxonomy())
    }
    target_codes = {text_of(e, "ID"): code for code, e in targets.items()}
    criteria = build_criteria(edm, target_codes)
    properties = build_properties(edm, criteria, targets)
    files: dict[str, Any] = {"criteria.json": criteria, "countries.json": build_countries(edm)}
    for table, entries in properties.items():
        files[f"properties-{table}.json"] = entries
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("edm", type=Path, help="folder holding one sub-folder per release")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s", stream=sys.stderr)
    files = build_all(args.edm)
    for name, data in files.items():
        _write(name, data)
    properties = {
        name.removeprefix("properties-").removesuffix(".json"): data
        for name, data in files.items()
        if name.startswith("properties-")
    }
    for line in summary(properties):
        log.info("%s", line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
