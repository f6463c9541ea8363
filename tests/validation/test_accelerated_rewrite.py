"""The rewrite itself: what is indexed, what is left alone, and that Saxon agrees on tricky data."""

from __future__ import annotations

import difflib
import logging
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.validation import accelerated
from app.validation.accelerated import derive
from espd_schemas import ArtefactSet

COMMON_03 = "03-ESPD-common-criterion-br.xsl"

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:cac="urn:test:cac" xmlns:cbc="urn:test:cbc" version="2.0">
   <xsl:output method="xml" indent="no"/>
   <xsl:template match="/"><out><xsl:apply-templates select="//query"/></out></xsl:template>
"""
TAIL = "</xsl:stylesheet>\n"

# Every look-up shape of the official file, plus the nodes each one finds.
LOOKUPS = (
    HEAD
    + """   <xsl:template match="query">
      <xsl:variable name="v" select="cbc:ID"/>
      <xsl:variable name="parent" select="ancestor::*[1]/cbc:ID"/>
      <xsl:variable name="all" select="document('tax.xml')//cac:G[cbc:ID = $v]"/>
      <xsl:variable name="firsts" select="document('tax.xml')//cac:G[cbc:ID = $v][1]/cac:P"/>
      <xsl:variable name="byParent" select="document('tax.xml')//cac:G[cbc:ID = $parent]"/>
      <r q="{@n}" all="{$all/@n}" firsts="{$firsts/@n}" parent="{$byParent/@n}"
         count="{count(document('tax.xml')//cac:H[cbc:ID = $v])}">
         <xsl:if test="document('tax.xml')//cac:H[cbc:ID = $v]">H</xsl:if>
      </r>
   </xsl:template>
"""
    + TAIL
)

# Same IDs among siblings (for [1]), two IDs on one node, padded IDs, other
# element types with the same ID, G nested in G, G at several depths.
TAXONOMY = """<tax xmlns:cac="urn:test:cac" xmlns:cbc="urn:test:cbc">
  <cac:G n="g1"><cbc:ID>a</cbc:ID><cac:P n="p1"/><cac:P n="p2"/></cac:G>
  <cac:G n="g2"><cbc:ID>a</cbc:ID><cac:P n="p3"/>
     <cac:G n="g3"><cbc:ID>a</cbc:ID><cbc:ID>b</cbc:ID><cac:P n="p4"/></cac:G>
     <cac:G n="g4"><cbc:ID>b</cbc:ID><cac:P n="p5"/></cac:G>
  </cac:G>
  <deep><deeper><cac:G n="g5"><cbc:ID>c</cbc:ID><cac:P n="p6"/></cac:G></deeper></deep>
  <cac:G n="g6"><cbc:ID> a </cbc:ID><cac:P n="p7"/></cac:G>
  <cac:H n="h1"><cbc:ID>a</cbc:ID></cac:H>
  <cac:G n="g7"><cbc:Other>a</cbc:Other><cac:P n="p8"/></cac:G>
  <cac:G n="g8"><cbc:ID>b</cbc:ID><cac:P n="p9"/></cac:G>
</tax>
"""

QUERIES = """<doc xmlns:cbc="urn:test:cbc">
  <query n="one"><cbc:ID>a</cbc:ID></query>
  <query n="two"><cbc:ID>b</cbc:ID><cbc:ID>c</cbc:ID></query>
  <query n="none"/>
  <query n="padded"><cbc:ID> a </cbc:ID></query>
  <query n="unknown"><cbc:ID>zz</cbc:ID></query>
  <query n="case"><cbc:ID>A</cbc:ID></query>
  <box><cbc:ID>b</cbc:ID><query n="child"><cbc:ID>c</cbc:ID></query></box>
</doc>
"""


def _write(folder: Path, stylesheet: str) -> Path:
    (folder / "tax.xml").write_text(TAXONOMY, encoding="utf-8")
    path = folder / "rules.xsl"
    path.write_text(stylesheet, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def saxon() -> tuple[Any, Any]:
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    return processor, processor.new_xslt30_processor()


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DUME_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv(accelerated.ACCELERATION_ENV, raising=False)


def _run(saxon: tuple[Any, Any], executable: Any) -> str:
    processor, _ = saxon
    return str(executable.transform_to_string(xdm_node=processor.parse_xml(xml_text=QUERIES)))


# ---------------------------------------------------------------- the official file
def test_the_official_stylesheet_gets_five_indexed_lookups_and_nothing_else(
    artefacts: ArtefactSet,
) -> None:
    source = artefacts.rules_dir("request") / COMMON_03
    derived = derive(source)
    assert derived is not None
    assert derived.byte_exact
    assert derived.skipped == ()
    assert len(derived.rewrites) == 5
    assert all(r.before.startswith("document('ESPD-criterion.xml')//") for r in derived.rewrites)
    assert sum(1 for r in derived.rewrites if r.before.endswith("[1]")) == 2
    assert "document('ESPD-criterion.xml')//" not in derived.text
    [(param, uri)] = derived.documents
    assert uri == (source.parent / "ESPD-criterion.xml").resolve().as_uri()
    # Line by line: the root start tag gains xml:base and two declarations, five
    # selects change, every other line is byte-identical.
    original = source.read_text(encoding="utf-8").splitlines()
    changed = derived.text.splitlines()
    matcher = difflib.SequenceMatcher(a=original, b=changed, autojunk=False)
    edits = [op for op in matcher.get_opcodes() if op[0] != "equal"]
    assert [op[0] for op in edits] == ["replace"] * 6
    _, i1, i2, j1, j2 = edits[0]
    assert (i2 - i1, j2 - j1) == (1, 3)
    assert changed[j1].startswith(original[i1].split(">", 1)[0] + f' xml:base="{source.as_uri()}">')
    assert changed[j1 + 1].lstrip().startswith('<xsl:key xmlns:cbc="')
    assert changed[j1 + 2].lstrip().startswith(f'<xsl:param name="{param}"')
    assert changed[j1 + 2].endswith("/>" + original[i1].split(">", 1)[1])
    for _, i1, i2, j1, j2 in edits[1:]:
        assert (i2 - i1, j2 - j1) == (1, 1)
        assert "document('ESPD-criterion.xml')//" in original[i1]
        assert "key('dume-accel-by-ID', $" in changed[j1]


def test_stylesheets_without_lookups_are_not_derived(artefacts: ArtefactSet) -> None:
    for kind in ("request", "response"):
        for path in sorted(artefacts.rules_dir(kind).glob("*.xsl")):
            assert (derive(path) is not None) == (path.name == COMMON_03), path.name


def test_the_derived_file_is_cached_by_content_and_regenerated_for_a_new_release(
    tmp_path: Path,
) -> None:
    source = _write(tmp_path, LOOKUPS)
    first = accelerated.accelerated_stylesheet(source)
    assert first is not None
    assert first.is_relative_to(tmp_path / "data" / "cache")
    assert first.read_text(encoding="utf-8") == derive(source).text  # type: ignore[union-attr]
    assert accelerated.accelerated_stylesheet(source) == first
    source.write_text(LOOKUPS.replace('indent="no"', 'indent="yes"'), encoding="utf-8")
    second = accelerated.accelerated_stylesheet(source)
    assert second is not None
    assert second != first
    assert 'indent="yes"' in second.read_text(encoding="utf-8")


# ---------------------------------------------------------------- semantics on tricky data
def test_indexed_lookups_find_exactly_what_the_scans_find(
    tmp_path: Path, saxon: tuple[Any, Any]
) -> None:
    source = _write(tmp_path, LOOKUPS)
    derived = derive(source)
    assert derived is not None
    assert len(derived.rewrites) == 4  # three selects and one test; the AVT is left alone
    _, compiler = saxon
    official = compiler.compile_stylesheet(stylesheet_file=str(source))
    fast = accelerated.compile_stylesheet(saxon[0], compiler, source)
    expected = _run(saxon, official)
    assert _run(saxon, fast) == expected
    # The data is not trivial: each shape found something, and [1] is per parent.
    result = etree.fromstring(expected.encode())
    rows = {r.get("q"): r for r in result}
    assert rows["one"].get("all") == "g1 g2 g3"
    assert rows["one"].get("firsts") == "p1 p2 p4"  # g2 is not first among its siblings
    assert rows["two"].get("all") == "g3 g4 g5 g8"
    assert rows["two"].get("firsts") == "p4 p6 p9"
    assert rows["none"].get("all") == ""
    assert rows["padded"].get("all") == "g6"  # string equality, no trimming
    assert rows["unknown"].get("all") == rows["case"].get("all") == ""
    assert rows["child"].get("parent") == "g3 g4 g8"
    assert rows["one"].text == "H"
    assert rows["one"].get("count") == "1"


def test_the_preloaded_taxonomy_is_used_and_equals_document(
    tmp_path: Path, saxon: tuple[Any, Any]
) -> None:
    processor, compiler = saxon
    source = _write(tmp_path, LOOKUPS)
    fast = accelerated.compile_stylesheet(processor, compiler, source)
    official = compiler.compile_stylesheet(stylesheet_file=str(source))
    assert _run(saxon, fast) == _run(saxon, official)
    # The parameter really feeds the look-ups: another document changes the answer.
    fast.set_parameter("dume-accel-doc-1", processor.parse_xml(xml_text="<empty/>"))
    assert 'all="g1 g2 g3"' not in _run(saxon, fast)


def test_acceleration_can_be_turned_off(
    tmp_path: Path, saxon: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    processor, compiler = saxon
    source = _write(tmp_path, LOOKUPS)
    monkeypatch.setenv(accelerated.ACCELERATION_ENV, "0")
    assert not accelerated.acceleration_enabled()
    assert accelerated.accelerated_stylesheet(source) is None
    plain = accelerated.compile_stylesheet(processor, compiler, source)
    # The official executable has no such parameter: supplying one changes nothing.
    plain.set_parameter("dume-accel-doc-1", processor.parse_xml(xml_text="<empty/>"))
    assert 'all="g1 g2 g3"' in _run(saxon, plain)
    assert not (tmp_path / "data" / "cache").exists()
    monkeypatch.setenv(accelerated.ACCELERATION_ENV, "1")
    assert accelerated.acceleration_enabled()


def test_an_unwritable_cache_still_accelerates_from_memory(
    tmp_path: Path, saxon: tuple[Any, Any]
) -> None:
    processor, compiler = saxon
    source = _write(tmp_path, LOOKUPS)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "cache").write_text("not a folder", encoding="utf-8")
    fast = accelerated.compile_stylesheet(processor, compiler, source)
    official = compiler.compile_stylesheet(stylesheet_file=str(source))
    assert _run(saxon, fast) == _run(saxon, official)
    fast.set_parameter("dume-accel-doc-1", processor.parse_xml(xml_text="<empty/>"))
    assert 'all="g1 g2 g3"' not in _run(saxon, fast)  # it is the derived one


def test_a_derived_copy_that_does_not_compile_falls_back_to_the_official_one(
    tmp_path: Path, saxon: tuple[Any, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from saxonche import PySaxonApiError

    processor, compiler = saxon
    source = _write(tmp_path, LOOKUPS)

    def broken(processor: Any, compiler: Any, derived: Any) -> Any:  # cannot be provoked
        raise PySaxonApiError("XTSE0010")

    monkeypatch.setattr(accelerated, "_compile_derived", broken)
    plain = accelerated.compile_stylesheet(processor, compiler, source)
    plain.set_parameter("dume-accel-doc-1", processor.parse_xml(xml_text="<empty/>"))
    assert 'all="g1 g2 g3"' in _run(saxon, plain)


# ---------------------------------------------------------------- what is left alone
def _template(body: str, variables: str = '<xsl:variable name="v" select="cbc:ID"/>') -> str:
    return HEAD + f'<xsl:template match="query">{variables}{body}</xsl:template>' + TAIL


@pytest.mark.parametrize(
    ("stylesheet", "reason"),
    [
        pytest.param(
            _template(
                "<xsl:value-of select=\"count(document('tax.xml')//cac:G[cbc:ID = $v])\"/>",
                '<xsl:param name="v" select="cbc:ID"/>',
            ),
            "paramètre",
            id="template-parameter",
        ),
        pytest.param(
            _template(
                "<xsl:value-of select=\"count(document('tax.xml')//cac:G[cbc:ID = $v])\"/>",
                '<xsl:variable name="v" select="1"/>',
            ),
            "chemin",
            id="number",
        ),
        pytest.param(
            _template(
                "<xsl:value-of select=\"count(document('tax.xml')//cac:G[cbc:ID = $v])\"/>",
                '<xsl:variable name="v" select="string(cbc:ID)"/>',
            ),
            "chemin",
            id="function-call",
        ),
        pytest.param(
            _template(
                "<xsl:value-of select=\"count(document('tax.xml')//cac:G[cbc:ID = $v])\"/>",
                '<xsl:variable name="v" as="xs:string*" select="cbc:ID"'
                ' xmlns:xs="http://www.w3.org/2001/XMLSchema"/>',
            ),
            "type déclaré",
            id="declared-type",
        ),
        pytest.param(
            _template(
                "<xsl:value-of select=\"count(document('tax.xml')//cac:G[cbc:ID = $v])\"/>",
                '<xsl:variable name="v"><xsl:value-of select="cbc:ID"/></xsl:variable>',
            ),
            "contenu",
            id="temporary-tree",
        ),
        pytest.param(
            HEAD.replace(
                "<xsl:template",
                '<xsl:variable name="v" select="//cbc:ID"/><xsl:template',
                1,
            )
            + '<xsl:template match="query"><xsl:value-of'
            " select=\"count(document('tax.xml')//cac:G[cbc:ID = $v])\"/></xsl:template>" + TAIL,
            "locale",
            id="global-variable",
        ),
        pytest.param(
            _template(
                "<xsl:value-of select=\"for $v in ('a', 'b') return"
                " count(document('tax.xml')//cac:G[cbc:ID = $v])\"/>"
            ),
            "liaison",
            id="range-variable",
        ),
        pytest.param(
            _template(
                '<xsl:value-of select="let $f := function($v) {'
                " count(document('tax.xml')//cac:G[cbc:ID = $v]) } return $f('a')\"/>"
            ),
            "liaison",
            id="inline-function-parameter",
        ),
        pytest.param(
            _template(
                "<xsl:value-of select='concat(\"document(&apos;tax.xml&apos;)"
                "//cac:G[cbc:ID = $v]\", cbc:ID)'/>"
            ),
            "littéral",
            id="double-quoted-literal",
        ),
        pytest.param(
            _template(
                "<xsl:value-of select=\"count(document('tax.xml')//cac:G[cbc:ID = $v])"
                " (: document('tax.xml')//cac:G[cbc:ID = $v] :)\"/>"
            ),
            "littéral",
            id="xpath-comment",
        ),
        pytest.param(
            _template(
                "<xsl:value-of default-collation="
                "'http://www.w3.org/2013/collation/UCA?strength=primary'"
                " select=\"count(document('tax.xml')//cac:G[cbc:ID = $v])\"/>"
            ),
            "default-collation",
            id="default-collation",
        ),
    ],
)
def test_lookups_whose_meaning_could_change_are_kept(
    tmp_path: Path,
    saxon: tuple[Any, Any],
    caplog: pytest.LogCaptureFixture,
    stylesheet: str,
    reason: str,
) -> None:
    source = _write(tmp_path, stylesheet)
    # A stylesheet Saxon accepts: only the rewrite declined it, and said why.
    saxon[1].compile_stylesheet(stylesheet_file=str(source))
    with caplog.at_level(logging.INFO, logger="dume.validation"):
        assert derive(source) is None
    assert reason in caplog.text


@pytest.mark.parametrize(
    "expression",
    [
        "document('tax.xml')//cac:G[cbc:ID = $v][2]",  # a position other than the first
        "document('tax.xml')//cac:G[cbc:ID = $v][1][cac:P]",  # a second predicate
        "document('tax.xml')//cac:G[ID = $v]",  # an unprefixed field
        "document('tax.xml')//cac:G[$v = cbc:ID]",  # operands swapped
        "document('tax.xml')//cac:G[cbc:ID eq $v]",  # a value comparison
        "document('tax.xml')/tax/cac:G[cbc:ID = $v]",  # not a // step
        "$x/document('tax.xml')//cac:G[cbc:ID = $v]",  # part of a longer path
        "document('tax.xml#f')//cac:G[cbc:ID = $v]",  # a fragment
    ],
)
def test_other_shapes_are_left_as_they_are(tmp_path: Path, expression: str) -> None:
    body = f'<xsl:variable name="x" select="/"/><xsl:copy-of select="{expression}"/>'
    source = _write(tmp_path, _template(body))
    assert derive(source) is None


def test_a_refused_lookup_does_not_stop_the_others(tmp_path: Path) -> None:
    body = (
        '<xsl:param name="p"/><xsl:copy-of select="document(\'tax.xml\')//cac:G[cbc:ID = $p]"/>'
        "<xsl:copy-of select=\"document('tax.xml')//cac:G[cbc:ID = $v]\"/>"
    )
    derived = derive(_write(tmp_path, _template(body)))
    assert derived is not None
    assert len(derived.rewrites) == 1
    assert len(derived.skipped) == 1
    assert "document('tax.xml')//cac:G[cbc:ID = $p]" in derived.text


def test_an_apostrophe_delimited_attribute_is_re_serialised_not_corrupted(
    tmp_path: Path, saxon: tuple[Any, Any]
) -> None:
    body = (
        "<xsl:variable name='all' select='document(&apos;tax.xml&apos;)//cac:G[cbc:ID = $v]'/>"
        '<r all="{$all/@n}"/>'
    )
    source = _write(tmp_path, _template(body))
    derived = derive(source)
    assert derived is not None
    assert not derived.byte_exact  # the raw text could not be edited in place
    processor, compiler = saxon
    official = compiler.compile_stylesheet(stylesheet_file=str(source))
    fast = accelerated.compile_stylesheet(processor, compiler, source)
    assert _run(saxon, fast) == _run(saxon, official)
    assert 'all="g1 g2 g3"' in _run(saxon, fast)
