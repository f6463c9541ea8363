"""Load the official taxonomy (ESPD-criterion.xml) with its cardinalities.

Cardinalities (0..1, 1, 1..n, 0..n) exist only in the official spreadsheet
ESPD-criterion.xlsx.  Reading it takes about a second, so the extracted table
is cached as JSON in the user cache folder, keyed by the spreadsheet's SHA-256.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from functools import cache
from pathlib import Path

import platformdirs
from lxml import etree

from app import APP_NAME
from app.espdxml.names import cac
from app.espdxml.reader import read_criterion
from app.models.criteria import Criterion, PropertyGroup
from app.models.taxonomy import Taxonomy
from espd_schemas import ArtefactSet, locate

log = logging.getLogger("dume.taxonomy")

_CARDINALITY_HEADER = "Cardinality"
_ID_HEADER = "XML PATH Like VARIANT ID Request"


def _cache_dir() -> Path:
    override = os.environ.get("DUME_DATA_DIR")
    if override:
        return Path(override) / "cache"
    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def read_cardinalities(xlsx: Path) -> dict[str, str]:
    """``{group or property id: cardinality}`` from every sheet of the spreadsheet."""
    import openpyxl  # only needed when the cache is cold

    workbook = openpyxl.load_workbook(xlsx, read_only=True, data_only=True)
    table: dict[str, str] = {}
    try:
        for sheet in workbook.worksheets:
            card_col = id_col = None
            for row in sheet.iter_rows(values_only=True):
                if card_col is None or id_col is None:
                    cells = [str(c).strip() if c is not None else "" for c in row]
                    if _CARDINALITY_HEADER in cells and _ID_HEADER in cells:
                        card_col, id_col = cells.index(_CARDINALITY_HEADER), cells.index(_ID_HEADER)
                    continue
                if id_col >= len(row) or card_col >= len(row):
                    continue
                ident, card = row[id_col], row[card_col]
                if isinstance(ident, str) and ident.strip() and card is not None:
                    table[ident.strip()] = str(card).strip()
    finally:
        workbook.close()
    return table


def cardinalities(artefacts: ArtefactSet) -> dict[str, str]:
    xlsx = artefacts.criterion_xlsx
    if not xlsx.is_file():
        log.warning("no criterion spreadsheet at %s: every group taken as 1", xlsx)
        return {}
    digest = hashlib.sha256(xlsx.read_bytes()).hexdigest()[:16]
    cached = _cache_dir() / f"cardinality-{artefacts.version}-{digest}.json"
    try:
        loaded: dict[str, str] = json.loads(cached.read_text(encoding="utf-8"))
        return loaded
    except (OSError, ValueError):
        pass
    table = read_cardinalities(xlsx)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(".tmp")
        temporary.write_text(json.dumps(table, sort_keys=True), encoding="utf-8")
        temporary.replace(cached)
    except OSError as exc:  # a read-only cache only costs time
        log.warning("cannot cache cardinalities: %s", exc)
    return table


def _normalise(card: str) -> str:
    card = card.replace(" ", "").lower()
    return {"0..1": "0..1", "1": "1", "1..n": "1..n", "0..n": "0..n"}.get(card, card or "1")


def _apply(group: PropertyGroup, table: dict[str, str]) -> None:
    group.cardinality = _normalise(table.get(group.id, "1"))
    for prop in group.properties:
        prop.cardinality = _normalise(table.get(prop.id, "1"))
    for sub in group.subgroups:
        _apply(sub, table)


def _mandatory(rules_dir: Path) -> tuple[frozenset[str], dict[str, str]]:
    """Read criterionList.xml: the categories BR-REQ-30 makes mandatory."""
    path = rules_dir / "criterionList.xml"
    categories: dict[str, str] = {}
    if path.is_file():
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False)).getroot()
        for element in root.iter("exclusion-criterion", "selection-criterion"):
            name = (element.findtext("name") or "").strip()
            if name and element.get("type"):
                categories[name] = element.get("type") or ""
    mandatory = frozenset(
        c for c, kind in categories.items() if kind in ("conviction", "contributions")
    )
    return mandatory, categories


@cache
def _load(version: str, root: str) -> Taxonomy:
    artefacts = ArtefactSet(version, Path(root))
    tree = etree.parse(str(artefacts.taxonomy_xml), etree.XMLParser(resolve_entities=False))
    table = cardinalities(artefacts)
    criteria: list[Criterion] = []
    for element in tree.getroot().iter(cac("TenderingCriterion")):
        criterion = read_criterion(element)
        for group in criterion.groups:
            _apply(group, table)
        criteria.append(criterion)
    mandatory, categories = _mandatory(artefacts.rules_dir("request"))
    return Taxonomy(version, criteria, mandatory, categories)


def load_taxonomy(artefacts: ArtefactSet | None = None) -> Taxonomy:
    """The taxonomy of *artefacts* (default: the current version), loaded once per process."""
    artefacts = artefacts or locate()
    return _load(artefacts.version, str(artefacts.root))


def _metadata(group: PropertyGroup, table: dict[str, tuple[str, str, str | None]]) -> None:
    table[group.id] = (group.cardinality, "", None)
    for prop in group.properties:
        table[prop.id] = (prop.cardinality, "", prop.code_list)
    for sub in group.subgroups:
        _metadata(sub, table)


def enrich(document_criteria: list[Criterion], taxonomy: Taxonomy) -> None:
    """Give a read document's criteria what only the taxonomy knows.

    Cardinalities (which groups repeat) and the code list of coded requirements
    are not in the XML; they are copied, by ID, from the official templates.
    """
    for criterion in document_criteria:
        if criterion.code not in taxonomy:
            continue
        table: dict[str, tuple[str, str, str | None]] = {}
        for group in taxonomy.get(criterion.code).groups:
            _metadata(group, table)
        for group in criterion.iter_groups():
            if group.id in table:
                group.cardinality = table[group.id][0]
            for prop in group.properties:
                if prop.id in table:
                    prop.cardinality = table[prop.id][0]
                    prop.code_list = prop.code_list or table[prop.id][2]
