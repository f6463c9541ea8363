"""Acceptance: the accelerated stylesheet gives exactly the official failed asserts.

Each document goes through the official ``03-ESPD-common-criterion-br.xsl``
and through its derived copy, compiled in the same Saxon processor; the sets of
(id, flag, location, normalised text) must be identical.  The corpus: the
official examples, generated requests and responses, and documents broken on
purpose so that the stylesheet's asserts fire.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from lxml import etree

from app.espdxml.names import cac, cbc
from app.espdxml.writer import to_bytes
from app.models.document import EspdDocument
from app.validation.accelerated import (
    RuleComparator,
    compile_stylesheet,
    failed_asserts,
    self_check,
)
from app.validation.service import run_rules
from espd_schemas import ArtefactSet, DocumentKind
from tests.strategies import requests, responses

pytestmark = pytest.mark.slow

GENERATED = settings(
    max_examples=5,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    derandomize=True,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # no shrinking: minutes per document
)


@pytest.fixture(scope="module")
def comparators(artefacts: ArtefactSet) -> dict[str, RuleComparator]:
    return {kind: RuleComparator(artefacts, kind) for kind in ("request", "response")}


def _assert_same(comparator: RuleComparator, data: bytes) -> set[str]:
    """Both versions agree on *data*; returns the rule ids the official one reported."""
    [check] = comparator.compare(data)
    assert check.name == "03-ESPD-common-criterion-br.xsl"
    assert check.differences == []
    assert check.identical_svrl  # the whole report, not only the failed asserts
    if check.official_error is not None:
        return {f"error: {check.official_error}"}
    return {key[0] for key in check.official}


# ---------------------------------------------------------------- official examples
@pytest.mark.parametrize("kind", ["request", "response"])
def test_official_examples_agree_and_pass(artefacts: ArtefactSet, kind: DocumentKind) -> None:
    report = self_check(artefacts, kind)
    assert report.ok
    assert report.documents == 1
    [check] = report.stylesheets
    assert (check.name, check.rewrites, check.official, check.official_error) == (
        "03-ESPD-common-criterion-br.xsl",
        5,
        frozenset(),
        None,
    )
    assert check.identical_svrl
    assert check.accelerated_s < check.official_s


@pytest.mark.parametrize("kind", ["request", "response"])
def test_all_rules_through_compile_stylesheet_match_the_service(
    artefacts: ArtefactSet, kind: DocumentKind
) -> None:
    """What _RuleSet would build with compile_stylesheet reports what run_rules reports."""
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    compiler = processor.new_xslt30_processor()
    data = artefacts.example(kind).read_bytes()
    node = processor.parse_xml(xml_text=data.decode("utf-8"))
    ours: set[tuple[str, str, str, str]] = set()
    paths = sorted(artefacts.rules_dir(kind).glob("*.xsl"))
    for path in paths:
        executable = compile_stylesheet(processor, compiler, path)
        ours |= failed_asserts(executable.transform_to_string(xdm_node=node) or "")
    official = {
        (f.rule_id, f.severity, f.location, f.message) for f in run_rules(data, artefacts, kind)
    }
    assert len(paths) == (10 if kind == "request" else 12)
    assert ours == official == set()


# ---------------------------------------------------------------- generated documents
@GENERATED
@given(requests())
def test_generated_requests_agree(
    comparators: dict[str, RuleComparator], document: EspdDocument
) -> None:
    _assert_same(comparators["request"], to_bytes(document))


@GENERATED
@given(responses())
def test_generated_responses_agree(
    comparators: dict[str, RuleComparator], document: EspdDocument
) -> None:
    _assert_same(comparators["response"], to_bytes(document))


# ---------------------------------------------------------------- broken on purpose
Mutation = Callable[[etree._Element], None]


def _first(root: etree._Element, path: str) -> etree._Element:
    found = root.find(path)
    assert found is not None, path
    return found


def _criterion(root: etree._Element) -> etree._Element:
    return _first(root, cac("TenderingCriterion"))


def _group(root: etree._Element) -> etree._Element:
    return _first(_criterion(root), cac("TenderingCriterionPropertyGroup"))


def _subgroup(root: etree._Element) -> etree._Element:
    return _first(_group(root), cac("SubsidiaryTenderingCriterionPropertyGroup"))


def _property(root: etree._Element) -> etree._Element:
    return _first(_group(root), cac("TenderingCriterionProperty"))


def _set(element: etree._Element, child: str, value: str) -> None:
    _first(element, cbc(child)).text = value


def _remove_property(root: etree._Element) -> None:
    group = _group(root)
    group.remove(_first(group, cac("TenderingCriterionProperty")))


def _second_group_id(root: etree._Element) -> None:
    """Two cbc:ID on one group: the look-up value is a sequence of two."""
    subgroup = _subgroup(root)
    extra = copy.deepcopy(_first(subgroup, cbc("ID")))
    extra.text = _first(_group(root), cbc("ID")).text
    subgroup.insert(1, extra)


def _duplicate_group(root: etree._Element) -> None:
    group = _group(root)
    twin = copy.deepcopy(group)
    _set(twin, "PropertyGroupTypeCode", "ONTRUE")
    group.addnext(twin)


def _move_subgroup(root: etree._Element) -> None:
    """A subsidiary group under the wrong parent: found in the taxonomy, not there."""
    criteria = root.findall(cac("TenderingCriterion"))
    subgroup = _subgroup(root)
    _first(criteria[1], cac("TenderingCriterionPropertyGroup")).append(subgroup)


def _empty_ids(root: etree._Element) -> None:
    _set(_criterion(root), "ID", "  ")
    _set(_subgroup(root), "ID", "")


MUTATIONS: list[tuple[str, DocumentKind, Mutation, set[str]]] = [
    (
        "group-type-onmaybe",
        "request",
        lambda r: _set(_group(r), "PropertyGroupTypeCode", "ONMAYBE"),
        {"BR-TC-15-01"},
    ),
    (
        "subgroup-type-onmaybe",
        "response",
        lambda r: _set(_subgroup(r), "PropertyGroupTypeCode", "ONMAYBE"),
        {"BR-TC-15-02"},
    ),
    (
        "unknown-criterion-id",
        "request",
        lambda r: _set(_criterion(r), "ID", "00000000-0000-4000-8000-000000000000"),
        {"BR-TC-02-02"},
    ),
    (
        "wrong-criterion-type-code",
        "response",
        lambda r: _set(_criterion(r), "CriterionTypeCode", "corruption"),
        {"BR-TC-04"},
    ),
    ("property-removed", "request", _remove_property, {"BR-TC-16-01"}),
    (
        "subgroup-property-removed",
        "request",
        lambda r: _subgroup(r).remove(_first(_subgroup(r), cac("TenderingCriterionProperty"))),
        {"BR-TC-16-02"},
    ),
    (
        "subgroup-removed",
        "request",
        lambda r: _group(r).remove(_subgroup(r)),
        {"BR-TC-17-01"},
    ),
    (
        "group-removed",
        "response",
        lambda r: _criterion(r).remove(_group(r)),
        {"BR-TC-07"},
    ),
    (
        "type-code-changed",
        "request",
        lambda r: _set(_property(r), "TypeCode", "CAPTION"),
        {"BR-TC-20-02"},
    ),
    (
        "value-data-type-changed",
        "response",
        lambda r: _set(_property(r), "ValueDataTypeCode", "AMOUNT"),
        {"BR-TC-21-03"},
    ),
    (
        "unknown-group-id",
        "request",
        lambda r: _set(_group(r), "ID", "C1_EG_crime-org/QG9"),
        {"BR-TC-13"},
    ),
    ("subgroup-under-wrong-parent", "request", _move_subgroup, {"BR-TC-13"}),
    (
        "unknown-property-id",
        "request",
        lambda r: _set(_property(r), "ID", "C1_EG_crime-org/QG1/Q9"),
        set(),
    ),
    # The official stylesheet aborts (XPTY0004 in normalize-space): so must the copy.
    ("two-ids-on-a-group", "request", _second_group_id, {"error: A sequence of more than one"}),
    ("duplicated-group", "response", _duplicate_group, set()),
    ("blank-ids", "request", _empty_ids, {"BR-TC-02-01"}),
]


@pytest.fixture(scope="module")
def examples(artefacts: ArtefactSet) -> dict[str, etree._Element]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    return {
        kind: etree.fromstring(artefacts.example(kind).read_bytes(), parser)
        for kind in ("request", "response")
    }


@pytest.mark.parametrize(
    ("kind", "mutate", "expected"),
    [pytest.param(kind, mutate, expected, id=name) for name, kind, mutate, expected in MUTATIONS],
)
def test_broken_documents_agree(
    comparators: dict[str, RuleComparator],
    examples: dict[str, etree._Element],
    kind: DocumentKind,
    mutate: Mutation,
    expected: set[str],
) -> None:
    root = copy.deepcopy(examples[kind])
    mutate(root)
    reported = _assert_same(comparators[kind], etree.tostring(root, encoding="UTF-8"))
    assert all(any(r.startswith(e) for r in reported) for e in expected), reported


def test_the_broken_corpus_covers_the_lookup_asserts() -> None:
    covered: set[str] = set().union(*(expected for *_, expected in MUTATIONS))
    assert any(rule.startswith("error: ") for rule in covered)
    lookup_asserts = {
        "BR-TC-02-02", "BR-TC-04", "BR-TC-07", "BR-TC-13", "BR-TC-15-01", "BR-TC-15-02",
        "BR-TC-16-01", "BR-TC-16-02", "BR-TC-17-01", "BR-TC-20-02", "BR-TC-21-03",
    }  # fmt: skip
    assert lookup_asserts <= covered
