"""A corpus of varied legacy documents, made from the official examples.

Real platforms send documents with missing optional parts, criteria of their
own, extra repetitions and odd values.  Each one must import without a crash
and either convert (every source answer carried or reported, with the reason)
or be refused with a message that says why.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from app.errors import DocumentRefusedError, UserFacingError
from app.espdxml.names import NSMAP, PRE_AWARD_NAMESPACES, cac, cbc
from app.espdxml.writer import to_bytes
from app.legacy import ConversionResult, convert
from app.validation import validate_bytes
from tests.legacy.helpers import reported_paths, source_answers

_E = etree._Element
Mutation = Callable[[_E], None]


def _mutate(path: Path, change: Mutation) -> bytes:
    root = etree.fromstring(path.read_bytes())
    change(root)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))


def _first(root: _E, xpath: str) -> _E:
    found = root.xpath(xpath, namespaces=NSMAP)
    assert isinstance(found, list)
    assert found, xpath
    element = found[0]
    assert isinstance(element, etree._Element)
    return element


def _remove(root: _E, xpath: str) -> None:
    for element in root.xpath(xpath, namespaces=NSMAP):
        assert isinstance(element, etree._Element)
        parent = element.getparent()
        assert parent is not None
        parent.remove(element)


def _set_text(root: _E, xpath: str, text: str) -> None:
    _first(root, xpath).text = text


def _accounted_for(data: bytes, result: ConversionResult) -> None:
    """Every source answer is carried or named in the report."""
    carried = set(result.provenance.values())
    reported = reported_paths(result)
    lost = [p for p in source_answers(data) if p not in carried and p not in reported]
    assert lost == []


# ---------------------------------------------------------------- mutations
def _no_operator(root: _E) -> None:
    _remove(root, "cac:EconomicOperatorParty")


def _unknown_criterion(root: _E) -> None:
    criterion = _first(root, "cac:TenderingCriterion[1]")
    _set_text(criterion, "cbc:ID", str(uuid.uuid4()))
    _set_text(criterion, "cbc:CriterionTypeCode", "made-up-criterion")


def _repeated_answer(root: _E) -> None:
    answer = _first(
        root,
        "cac:TenderingCriterionResponse"
        "[cbc:ValidatedCriterionPropertyID='C12_EG_bankruptcy/QG1/QSG1/Q1']",
    )
    extra = etree.fromstring(etree.tostring(answer))
    _first(extra, "cac:ResponseValue/cbc:Description").text = "SECOND VALUE"
    answer.addnext(extra)


def _yes_instead_of_true(root: _E) -> None:
    _set_text(root, "(//cbc:ResponseIndicator)[1]", "yes")


def _impossible_date(root: _E) -> None:
    _set_text(root, "(//cbc:ResponseDate)[1]", "2019-13-45")


def _unknown_country_and_procedure(root: _E) -> None:
    _set_text(
        root,
        "cac:EconomicOperatorParty/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode",
        "ZZ",
    )
    _set_text(root, "cbc:ProcedureCode", "PRIOR")


def _dangling_property(root: _E) -> None:
    _set_text(root, "cac:TenderingCriterionResponse[5]/cbc:ValidatedCriterionPropertyID", "nope")


def _bad_header_dates(root: _E) -> None:
    _set_text(root, "cbc:IssueDate", "yesterday")
    _set_text(root, "//cbc:BirthDate", "1969-02-30")


def _dangling_evidence(root: _E) -> None:
    _set_text(root, "(//cac:EvidenceSupplied/cbc:ID)[1]", "NO-SUCH-EVIDENCE")


def _second_turnover_year(root: _E) -> None:
    """3.3.0 repeats a group, with fresh property IDs, for a second year."""
    group = _first(
        root,
        "//cac:TenderingCriterion[cbc:CriterionTypeCode='gen-year-to']"
        "//cac:SubsidiaryTenderingCriterionPropertyGroup[cbc:ID='c0cd9c1c-e90a-4ff9-bce3-ac0fe31abf16']",
    )
    clone = etree.fromstring(etree.tostring(group))
    for index, ident in enumerate(
        clone.iterfind(f"{cac('TenderingCriterionProperty')}/{cbc('ID')}")
    ):
        ident.text = f"second-year-{index}"
        response = etree.SubElement(root, cac("TenderingCriterionResponse"))
        etree.SubElement(response, cbc("ID")).text = f"second-year-answer-{index}"
        etree.SubElement(response, cbc("ValidatedCriterionPropertyID")).text = ident.text
        if index == 0:
            value = etree.SubElement(response, cac("ResponseValue"))
            amount = etree.SubElement(value, cbc("ResponseAmount"), currencyID="EUR")
            amount.text = "123456"
        else:
            period = etree.SubElement(response, cac("ApplicablePeriod"))
            etree.SubElement(period, cbc("StartDate")).text = "2016-01-01"
            etree.SubElement(period, cbc("EndDate")).text = "2016-12-31"
    group.addnext(clone)


def _no_project_and_buyer_country(root: _E) -> None:
    _remove(root, "cac:ProcurementProject")
    _remove(root, "cac:ContractingParty/cac:Party/cac:PostalAddress/cac:Country")


def _older_3_x(root: _E) -> None:
    _set_text(root, "cbc:ProfileExecutionID", "ESPD-EDMv3.1.0")


def _2_0_x_without_flavour(root: _E) -> None:
    _remove(root, "cbc:QualificationApplicationTypeCode")
    _set_text(root, "cbc:VersionID", "2.0.2")


def _draft_namespaces(root: _E) -> None:
    """A 2.0.x document as published, in the UBL 2.2 public-review namespaces."""
    type_code = _first(root, "cbc:QualificationApplicationTypeCode")
    type_code.set("listVersionID", "02.00.00")
    _set_text(root, "cbc:VersionID", "1.0")
    draft = {final: draft for draft, final in PRE_AWARD_NAMESPACES.items()}
    for element in root.iter():
        if isinstance(element.tag, str):
            qname = etree.QName(element)
            if qname.namespace in draft:
                element.tag = f"{{{draft[qname.namespace]}}}{qname.localname}"


def _no_criteria(root: _E) -> None:
    """A response fragment: header, operator and evidences, no criterion and no answer."""
    _remove(root, "cac:TenderingCriterion")
    _remove(root, "cac:TenderingCriterionResponse")


def _3_0_0_without_profile(root: _E) -> None:
    """3.0.0 as published: UBL 2.3, no ProfileExecutionID, the model version on the criteria."""
    _remove(root, "cbc:ProfileExecutionID")
    for ident in root.iterfind(f"{cac('TenderingCriterion')}/{cbc('ID')}"):
        ident.set("schemeVersionID", "3.0.0")


def _lots_named_by_requirements(root: _E) -> None:
    """2.x style lot restriction, as a public implementation writes it: LOT_IDENTIFIER
    requirements in the first group of a selection criterion (here lots 1 and 3 of 3)."""
    first_criterion = _first(root, "cac:TenderingCriterion")
    for number in (1, 2, 3):
        lot = etree.Element(cac("ProcurementProjectLot"))
        etree.SubElement(lot, cbc("ID")).text = f"Lot{number}"
        first_criterion.addprevious(lot)
    group = _first(
        root,
        "cac:TenderingCriterion[starts-with(cbc:CriterionTypeCode, 'CRITERION.SELECTION')][1]"
        "/cac:TenderingCriterionPropertyGroup[1]",
    )
    for lot_id in ("Lot1", "Lot3"):
        prop = etree.SubElement(group, cac("TenderingCriterionProperty"))
        etree.SubElement(prop, cbc("ID")).text = str(uuid.uuid4())
        etree.SubElement(prop, cbc("Description")).text = "LotIDs"
        etree.SubElement(prop, cbc("TypeCode")).text = "REQUIREMENT"
        etree.SubElement(prop, cbc("ValueDataTypeCode")).text = "LOT_IDENTIFIER"
        etree.SubElement(prop, cbc("ExpectedID")).text = lot_id


CASES: list[tuple[str, str, Mutation, str]] = [
    ("2.1.1-BASIC-response", "no-operator", _no_operator, "field_missing"),
    ("3.3.0-response", "unknown-criterion", _unknown_criterion, "criterion_dropped"),
    ("4.0.0-response", "repeated-answer", _repeated_answer, "repetition_dropped"),
    ("2.1.1-EXTENDED-response", "yes-not-true", _yes_instead_of_true, "value_unreadable"),
    ("3.3.0-response", "impossible-date", _impossible_date, "value_unreadable"),
    ("2.1.1-BASIC-response", "odd-codes", _unknown_country_and_procedure, "field_changed"),
    ("4.0.0-response", "dangling-property", _dangling_property, "answer_dropped"),
    ("2.1.1-BASIC-response", "bad-dates", _bad_header_dates, "field_dropped"),
    ("3.3.0-response", "dangling-evidence", _dangling_evidence, "answer_dropped"),
    ("3.3.0-response", "second-year", _second_turnover_year, ""),
    ("4.0.0-request", "no-project", _no_project_and_buyer_country, "field_missing"),
    ("3.3.0-request", "older-3.x", _older_3_x, "document_note"),
    ("2.1.1-BASIC-request", "2.0.x", _2_0_x_without_flavour, "document_note"),
    ("2.1.1-EXTENDED-request", "draft-namespaces", _draft_namespaces, "document_note"),
    ("4.0.0-response", "no-criteria", _no_criteria, "criterion_added"),
    ("2.1.1-EXTENDED-request", "lots-by-requirement", _lots_named_by_requirements, ""),
    ("3.3.0-request", "3.0.0-no-profile", _3_0_0_without_profile, "document_note"),
]


@pytest.mark.parametrize(
    ("example", "change", "expected_kind"),
    [(e, c, k) for e, _, c, k in CASES],
    ids=[name for _, name, _, _ in CASES],
)
def test_varied_documents_convert_and_say_what_changed(
    example: str, change: Mutation, expected_kind: str, examples: dict[str, Path]
) -> None:
    data = _mutate(examples[example], change)
    result = convert(data, name=f"{example}.xml")
    _accounted_for(data, result)
    if expected_kind:
        entries = result.report.of_kind(expected_kind)
        assert entries, [e.kind for e in result.report.entries]
        assert all(e.reason for e in entries)
    assert to_bytes(result.document)  # the model is complete enough to be written


def test_a_2_0_x_draft_is_read_in_the_final_namespaces(examples: dict[str, Path]) -> None:
    data = _mutate(examples["2.1.1-EXTENDED-request"], _draft_namespaces)
    assert b"urn:X-test:UBL:Pre-award:CommonBasic" in data
    result = convert(data, name="draft.xml")
    assert (result.source.version, result.source.draft_namespaces) == ("2.0.0", True)
    reference = convert(examples["2.1.1-EXTENDED-request"])
    assert result.document.criterion_codes() == reference.document.criterion_codes()
    assert any("urn:X-test" in e.value for e in result.report.of_kind("document_note"))


def test_a_response_without_criteria_gets_the_mandatory_grounds_to_answer(
    examples: dict[str, Path],
) -> None:
    result = convert(_mutate(examples["4.0.0-response"], _no_criteria))
    added = {e.target_criterion for e in result.report.of_kind("criterion_added")}
    assert added == {
        "crime-org",
        "corruption",
        "fraud",
        "terr-offence",
        "finan-laund",
        "human-traffic",
        "tax-pay",
        "socsec-pay",
    }
    assert set(result.document.criterion_codes()) == added
    assert result.document.economic_operator is not None
    assert result.document.evidences  # what the fragment did carry is kept


def test_a_2_1_0_model_named_in_the_profile_chooses_the_table(examples: dict[str, Path]) -> None:
    """2.1.0 writes "ESPD-EDMv2.1.0-REGULATED": REGULATED is the Basic model of 2.1.1."""

    def profile_only(root: _E) -> None:
        _remove(root, "cbc:QualificationApplicationTypeCode")
        _remove(root, "cbc:VersionID")
        profile = etree.Element(cbc("ProfileExecutionID"))
        profile.text = "ESPD-EDMv2.1.0-REGULATED"
        _first(root, "cbc:ProfileID").addnext(profile)

    result = convert(_mutate(examples["2.1.1-BASIC-response"], profile_only))
    assert (result.source.version, result.source.flavour) == ("2.1.0", "REGULATED")
    reference = convert(examples["2.1.1-BASIC-response"])
    assert result.report.answers_carried == reference.report.answers_carried


def test_3_0_0_is_told_by_its_criteria_when_it_has_no_profile(
    examples: dict[str, Path],
) -> None:
    result = convert(_mutate(examples["3.3.0-request"], _3_0_0_without_profile))
    assert (result.source.version, result.source.family) == ("3.0.0", "3")
    reference = convert(examples["3.3.0-request"])
    assert result.document.criterion_codes() == reference.document.criterion_codes()
    assert result.report.requirements_carried == reference.report.requirements_carried

    def no_version_at_all(root: _E) -> None:
        _3_0_0_without_profile(root)
        for ident in root.iterfind(f"{cac('TenderingCriterion')}/{cbc('ID')}"):
            del ident.attrib["schemeVersionID"]

    with pytest.raises(DocumentRefusedError, match="sans ProfileExecutionID"):
        convert(_mutate(examples["3.3.0-request"], no_version_at_all), name="x.xml")


def test_lots_named_by_requirements_restrict_the_criterion(examples: dict[str, Path]) -> None:
    data = _mutate(examples["2.1.1-EXTENDED-request"], _lots_named_by_requirements)
    result = convert(data)
    assert result.document.lot_ids() == ["Lot1", "Lot2", "Lot3"]
    restricted = {
        c.code: c.lot_refs
        for c in result.document.criteria
        if c.family == "SC" and c.lot_refs != ["Lot1", "Lot2", "Lot3"]
    }
    # the criterion restricted above, and the one the official example restricts to Lot1
    assert restricted == {"prof-regist": ["Lot1", "Lot3"], "finan-requ": ["Lot1"]}
    assert not [e for e in result.report.entries if e.label == "LotIDs"]


def test_an_unknown_criterion_keeps_its_answers_in_the_report(examples: dict[str, Path]) -> None:
    data = _mutate(examples["3.3.0-response"], _unknown_criterion)
    result = convert(data)
    assert result.document.criterion("crime-org") is None
    dropped = [
        e for e in result.report.of_kind("answer_dropped") if e.criterion == "made-up-criterion"
    ]
    assert dropped
    assert {e.value for e in dropped} >= {"true", "DUMMY_DESCRIPTION"}


def test_odd_values_are_kept_visible(examples: dict[str, Path]) -> None:
    data = _mutate(examples["2.1.1-BASIC-response"], _unknown_country_and_procedure)
    result = convert(data)
    operator = result.document.economic_operator
    assert operator is not None
    assert operator.address.country == "ZZ"
    assert result.document.procedure.procedure_code == "PRIOR"
    reasons = " ".join(e.reason for e in result.report.of_kind("field_changed"))
    assert "Code pays inconnu" in reasons
    assert "procurement-procedure-type" in reasons


def test_a_bad_issue_date_is_replaced_and_said(examples: dict[str, Path]) -> None:
    result = convert(_mutate(examples["2.1.1-BASIC-response"], _bad_header_dates))
    labels = {e.label: e for e in result.report.entries}
    assert labels["IssueDate"].value == "yesterday"
    assert labels["BirthDate"].value == "1969-02-30"
    operator = result.document.economic_operator
    assert operator is not None
    assert operator.representatives[0].birth_date is None


@pytest.mark.slow
@pytest.mark.parametrize(
    "name",
    [
        "second-year",
        "repeated-answer",
        "no-operator",
        "draft-namespaces",
        "lots-by-requirement",
        "3.0.0-no-profile",
    ],
)
def test_converted_variants_still_pass_the_4_1_0_rules(
    name: str, examples: dict[str, Path]
) -> None:
    example, _, change, _ = next(case for case in CASES if case[1] == name)
    result = convert(_mutate(examples[example], change))
    findings = validate_bytes(to_bytes(result.document)).findings
    blocking = [f for f in findings if f.blocking]
    if name == "no-operator":
        # The report already said the operator is to complete; the rules agree.
        assert result.report.of_kind("field_missing")
        assert all(
            "EconomicOperatorParty" in f.location + f.subject + f.message for f in blocking
        ), [(f.rule_id, f.location) for f in blocking]
        assert blocking
    else:
        assert blocking == []
    if name == "second-year":
        amounts = [
            a.value
            for a in result.document.answers
            if a.property_id == "C29_SC_gen-year-to/RG1/RSG1/QSG2/Q2"
        ]
        assert len(amounts) == 2


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"not xml at all",
        b"<QualificationApplicationRequest",
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>',
        b"<Invoice xmlns='urn:oasis:names:specification:ubl:schema:xsd:Invoice-2'/>",
        b"<QualificationApplicationRequest xmlns='urn:oasis:names:specification:ubl:schema:xsd:"
        b"QualificationApplicationRequest-2'/>",
    ],
    ids=["empty", "text", "truncated", "dtd", "not-espd", "no-version"],
)
def test_unreadable_files_are_refused_with_a_reason(data: bytes) -> None:
    with pytest.raises(DocumentRefusedError) as caught:
        convert(data, name="envoi.xml")
    assert isinstance(caught.value, UserFacingError)
    assert caught.value.one_line().startswith("envoi.xml")


def test_random_damage_never_crashes_the_import(examples: dict[str, Path]) -> None:
    """Seeded random damage (removed, emptied, duplicated, stripped elements): every
    damaged document converts with each answer carried or reported, or is refused."""
    import random

    chance = random.Random(20251122)
    names = sorted(examples)
    converted = 0
    messages: list[str] = []
    for _ in range(15):
        root = etree.fromstring(examples[chance.choice(names)].read_bytes())
        elements = [e for e in root.iter() if isinstance(e.tag, str) and e is not root]
        for _ in range(chance.randint(1, 6)):
            element = chance.choice(elements)
            parent = element.getparent()
            if parent is None:
                continue
            roll = chance.random()
            if roll < 0.4:
                parent.remove(element)
            elif roll < 0.7:
                element.text = chance.choice(["", "x", "-1", "2020-02-30", "true", "ZZ", "1e9"])
            elif roll < 0.85:
                parent.append(etree.fromstring(etree.tostring(element)))
            else:
                element.attrib.clear()
        data = bytes(etree.tostring(root))
        try:
            result = convert(data, name="abîmé.xml")
        except DocumentRefusedError as refusal:
            messages.append(refusal.one_line())
            continue
        _accounted_for(data, result)
        assert to_bytes(result.document)
        converted += 1
    assert converted + len(messages) == 15
    assert converted > 10
    assert all(message.startswith("abîmé.xml") for message in messages)
