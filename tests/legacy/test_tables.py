"""The mapping tables: generated from the official releases, and consistent with them."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from lxml import etree

from app.espdxml.names import cac
from app.espdxml.taxonomy import load_taxonomy
from app.legacy.build_tables import DATA_DIR, SOURCE_TABLES, build_all
from app.legacy.layout import LAYOUTS, LEGACY_VERSIONS, legacy_artefacts
from app.legacy.structure import text_of
from app.legacy.tables import code, code_2_1_1, countries, mapping_table


def _rows(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(encoding="utf-8") as stream:
        return list(csv.DictReader(line for line in stream if not line.startswith("#")))


def test_generated_tables_are_those_the_official_releases_give(legacy_home: Path) -> None:
    """Re-running the generator on the artefacts changes nothing: the data files are current."""
    for name, content in build_all(legacy_home).items():
        committed = json.loads((DATA_DIR / name).read_text(encoding="utf-8"))
        assert committed == json.loads(json.dumps(content)), name


def test_exclusion_and_selection_criteria_map_on_their_ecertis_uuid() -> None:
    taxonomy = load_taxonomy()
    by_id = {c.id: c.code for c in taxonomy.criteria if c.family in ("EG", "SC")}
    assert len(by_id) == 55
    for table in SOURCE_TABLES:
        criteria = mapping_table(table).criteria
        found = {ident: m for ident, m in criteria.items() if ident in by_id}
        assert len(found) == 55, table
        for ident, mapping in found.items():
            assert (mapping.target, mapping.method) == (by_id[ident], "id"), ident


def test_the_seven_other_criteria_map_by_code() -> None:
    expected = {
        "CRITERION.OTHER.EO_DATA.SHELTERED_WORKSHOP": "shelt-worksh",
        "CRITERION.OTHER.EO_DATA.REGISTERED_IN_OFFICIAL_LIST": "registered",
        "CRITERION.OTHER.EO_DATA.TOGETHER_WITH_OTHERS": "eo-group",
        "CRITERION.OTHER.EO_DATA.RELIES_ON_OTHER_CAPACITIES": "relied",
        "CRITERION.OTHER.EO_DATA.SUBCONTRACTS_WITH_THIRD_PARTIES": "subco-ent",
        "CRITERION.OTHER.EO_DATA.REDUCTION_OF_CANDIDATES": "staff-red",
        "CRITERION.OTHER.EO_SME": "sme",
    }
    criteria = mapping_table("2.1.1-extended").criteria.values()
    by_code = {m.source_code: m for m in criteria}
    for source, target in expected.items():
        assert (by_code[source].target, by_code[source].method) == (target, "hand")
    for table, method in (("3.3.0", "hand"), ("4.0.0", "id")):
        criteria_of_table = mapping_table(table).criteria.values()
        others = [m for m in criteria_of_table if m.target in expected.values()]
        assert sorted(m.target for m in others) == sorted(expected.values()), table
        assert {m.method for m in others} == {method}, table
    dropped = [m for m in criteria if m.target is None]
    assert {m.source_code for m in dropped} >= {
        "CRITERION.OTHER.EO_DATA.LOTS_TENDERED",
        "CRITERION.SELECTION.ECONOMIC_FINANCIAL_STANDING.TURNOVER.SET_UP",
    }
    assert all(m.note for m in dropped), "every criterion without counterpart says why"


def test_every_target_property_exists_in_4_1_0_with_the_recorded_type() -> None:
    taxonomy = load_taxonomy()
    properties = {p.id: p for c in taxonomy.criteria for p in c.iter_properties()}
    for table in SOURCE_TABLES:
        loaded = mapping_table(table)
        for criterion in loaded.criteria.values():
            for key, entry in loaded.slots(criterion).items():
                if entry.target is None:
                    continue
                target = properties[entry.target]
                assert target.data_type == entry.target_data_type, (table, key)
                assert target.type_code == entry.type_code, (table, key)
                assert criterion.target is not None
                prefix = taxonomy.get(criterion.target).path_id + "/"
                assert entry.target.startswith(prefix), (table, key)


def test_hand_rows_name_slots_that_exist() -> None:
    for row in _rows("property_overrides.csv") + _rows("implied_answers.csv"):
        table = mapping_table(row["table"])
        key = row.get("source_key") or row["when_answered"]
        owners = [c for c in table.criteria.values() if c.target == row["criterion"]]
        assert any(key in table.slots(c) for c in owners), row


def test_legacy_codes_become_4_1_0_codes_and_back() -> None:
    assert code("procedure-type", "open").target == "open"  # type: ignore[union-attr]
    awarded = code("procedure-type", "AWARD_WO_PUB")
    assert awarded is not None
    assert (awarded.target, bool(awarded.note)) == ("neg-wo-call", True)
    assert code("eo-size", "SME").target == "sme"  # type: ignore[union-attr]
    assert code("eo-role", "OENRON").target == "subcont"  # type: ignore[union-attr]
    assert code_2_1_1("eo-role", "group-lead") == "LE"
    assert code_2_1_1("procedure-type", "neg-wo-call") == "NEGOTIATED_WO_CALL"


def test_every_2_1_1_country_has_its_alpha_3_code() -> None:
    table = countries()
    new = legacy_artefacts("2.1.1").root.parent / "4.1.0"
    gc = etree.parse(str(new / "codelists/gc/Country.gc")).getroot()
    alpha3 = {v.findtext("SimpleValue") for v in gc.iter("Value") if v.get("ColumnRef") == "code"}
    old = etree.parse(str(legacy_artefacts("2.1.1").codelist("CountryCodeIdentifier"))).getroot()
    alpha2 = {v.findtext("SimpleValue") for v in old.iter("Value") if v.get("ColumnRef") == "code"}
    assert set(table) == alpha2
    assert set(table.values()) <= alpha3
    expected = {"FR": "FRA", "DE": "DEU", "GB": "GBR", "GR": "GRC", "CI": "CIV", "AD": "AND"}
    assert {k: table[k] for k in expected} == expected
    eu = "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"
    assert len({table[c] for c in eu.split()}) == 27


@pytest.mark.parametrize("version", [*LEGACY_VERSIONS, "4.1.0"])
def test_layout_names_files_that_exist(version: str) -> None:
    artefacts = legacy_artefacts(version)
    assert artefacts.missing() == []
    for kind in ("request", "response"):
        assert list(artefacts.rules_dir(kind).glob("*.xsl")), kind
    for path in artefacts.examples().values():
        assert path.is_file(), path
    for pattern in LAYOUTS[version].manifest_patterns:
        assert list(artefacts.root.glob(pattern)), pattern


def test_2_1_1_stylesheets_find_their_code_lists_in_the_release_layout() -> None:
    artefacts = legacy_artefacts("2.1.1")
    for kind in ("request", "response"):
        rules = artefacts.rules_dir(kind)
        for stylesheet in rules.glob("*.xsl"):
            text = stylesheet.read_text(encoding="utf-8")
            for relative in re.findall(r"document\('([^']+\.gc)'\)", text):
                target = (rules / relative).resolve()
                # CPVCodes.gc is not in the release; its rule matches no element.
                assert target.is_file() or target.name == "CPVCodes.gc", relative


def test_both_2_1_1_flavours_have_their_taxonomy() -> None:
    artefacts = legacy_artefacts("2.1.1")
    for flavour, count in (("BASIC", 66), ("EXTENDED", 67)):
        root = etree.parse(str(artefacts.taxonomy(flavour))).getroot()
        criteria = list(root.iter(cac("TenderingCriterion")))
        assert len(criteria) == count
        assert text_of(criteria[0], "ID") == "005eb9ed-1347-4ca3-bb29-9bc0db64e1ab"
