"""Read a legacy (2.x, 3.x, 4.0) document as it is, before any mapping.

The document part (header, parties, lots, evidences, references) shares its
structure with 4.1.0, so the 4.1.0 reader reads it, on a copy without the
criteria and answers.  Criteria and answers are read here, leniently: each
criterion keeps its slots (see :mod:`app.legacy.structure`) and each answer
its element, so the converter can say exactly where anything it drops was.

Every other element holding a value that the model does not carry is listed in
:attr:`SourceDocument.unmodelled`, so the report can name it.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field

from lxml import etree

from app.espdxml.detect import DetectedVersion
from app.espdxml.names import cac, cbc
from app.espdxml.reader import read_tree
from app.espdxml.value_elements import ValueProblem, parse_date, read_value
from app.legacy.structure import CriterionSlots, Resolver, criterion_slots, text_of
from app.models.document import EspdDocument
from app.models.values import EvidenceRefValue, Value

_E = etree._Element

_PARTY_FIELDS = (
    "WebsiteURI",
    "PartyIdentification/ID",
    "PartyName/Name",
    "PostalAddress/StreetName",
    "PostalAddress/CityName",
    "PostalAddress/PostalZone",
    "PostalAddress/Country/IdentificationCode",
    "Contact/Name",
    "Contact/Telephone",
    "Contact/Telefax",
    "Contact/ElectronicMail",
)
_PERSON_FIELDS = (
    "FirstName",
    "FamilyName",
    "BirthDate",
    "BirthplaceName",
    "JobTitle",
    "Contact/Name",
    "Contact/Telephone",
    "Contact/Telefax",
    "Contact/ElectronicMail",
    "ResidenceAddress/StreetName",
    "ResidenceAddress/CityName",
    "ResidenceAddress/PostalZone",
    "ResidenceAddress/Country/IdentificationCode",
)
_OPERATOR = "EconomicOperatorParty/Party"
_POWER = f"{_OPERATOR}/PowerOfAttorney"

#: Leaf paths (local names below the root) whose value the 4.1.0 model carries.
CARRIED_PATHS: frozenset[str] = frozenset(
    {
        # Version markers: replaced by the 4.1.0 ones, on purpose.
        "UBLVersionID",
        "CustomizationID",
        "ProfileID",
        "ProfileExecutionID",
        "VersionID",
        "QualificationApplicationTypeCode",
        "CopyIndicator",
        # Header and parties.
        "ID",
        "UUID",
        "ContractFolderID",
        "IssueDate",
        "IssueTime",
        "ProcedureCode",
        "EconomicOperatorGroupName",
        "ContractingParty/BuyerProfileURI",
        *(f"ContractingParty/Party/{f}" for f in _PARTY_FIELDS),
        *(f"{_OPERATOR}/{f}" for f in _PARTY_FIELDS),
        "EconomicOperatorParty/EconomicOperatorRole/RoleCode",
        f"{_OPERATOR}/IndustryClassificationCode",
        f"{_POWER}/Description",
        *(f"{_POWER}/AgentParty/Person/{f}" for f in _PERSON_FIELDS),
        "ProcurementProject/Name",
        "ProcurementProject/Description",
        "ProcurementProjectLot/ID",
        "ProcurementProjectLot/ProcurementProject/Name",
        "Evidence/ID",
        "Evidence/Description",
        "Evidence/ConfidentialityLevelCode",
        "Evidence/DocumentReference/ID",
        "Evidence/DocumentReference/DocumentDescription",
        "Evidence/DocumentReference/Attachment/ExternalReference/URI",
        "Evidence/DocumentReference/IssuerParty/PartyIdentification/ID",
        "Evidence/DocumentReference/IssuerParty/PartyName/Name",
        "AdditionalDocumentReference/ID",
        "AdditionalDocumentReference/DocumentTypeCode",
        "AdditionalDocumentReference/DocumentDescription",
    }
)
#: Root children read by the legacy layer itself.
_OWN_SUBTREES = frozenset({"TenderingCriterion", "TenderingCriterionResponse"})
#: 2.x version markers the 4.1.0 reader does not know (left out of its copy).
_VERSION_MARKERS = frozenset({"QualificationApplicationTypeCode"})
#: Root children the 4.1.0 model holds once: a second one is reported.
_SINGLE = ("ContractingParty", "EconomicOperatorParty", "ProcurementProject")


def _local(element: _E) -> str:
    return etree.QName(element).localname


@dataclass(frozen=True)
class Unmodelled:
    """A value-holding element the 4.1.0 model does not carry."""

    path: str  # XPath
    label: str  # local-name path below the root
    value: str


@dataclass
class SourceCriterion:
    element: _E
    id: str
    code: str
    name: str
    lot_refs: list[str]
    slots: CriterionSlots | None = None


@dataclass
class SourceAnswer:
    element: _E
    id: str
    property_id: str
    values: list[Value]
    problems: list[str]
    lot_ref: str | None


@dataclass
class SourceDocument:
    detected: DetectedVersion
    name: str
    tree: etree._ElementTree
    #: the document part (header, parties, lots, evidences, references), criteria left out
    base: EspdDocument
    criteria: list[SourceCriterion]
    answers: list[SourceAnswer]
    unmodelled: list[Unmodelled] = field(default_factory=list)
    #: (field, bad text) the header could not take, replaced or left out
    header_problems: list[tuple[str, str, str]] = field(default_factory=list)

    def path(self, element: _E) -> str:
        return self.tree.getpath(element)


def _leaf_paths(root: _E) -> list[tuple[_E, str]]:
    result = []
    for element in root.iter():
        if element is root or not isinstance(element.tag, str) or len(element):
            continue
        if not (element.text or "").strip():
            continue
        names = []
        node: _E | None = element
        while node is not None and node is not root:
            names.append(_local(node))
            node = node.getparent()
        result.append((element, "/".join(reversed(names))))
    return result


def _unmodelled(tree: etree._ElementTree) -> list[Unmodelled]:
    root = tree.getroot()
    found = []
    seen: dict[str, int] = {}
    for child in root:
        if isinstance(child.tag, str) and _local(child) in _SINGLE:
            seen[_local(child)] = seen.get(_local(child), 0) + 1
    repeated = {name for name, count in seen.items() if count > 1}
    firsts: dict[str, _E] = {}
    for child in root:
        if isinstance(child.tag, str) and _local(child) in repeated:
            firsts.setdefault(_local(child), child)
    for element, path in _leaf_paths(root):
        top = path.split("/", 1)[0]
        if top in _OWN_SUBTREES:
            continue
        extra_copy = top in repeated and not _inside(element, firsts[top])
        if path in CARRIED_PATHS and not extra_copy:
            continue
        found.append(
            Unmodelled(tree.getpath(element), path, " ".join((element.text or "").split()))
        )
    return found


def _inside(element: _E, ancestor: _E) -> bool:
    node: _E | None = element
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def _sanitise_dates(copy_root: _E, problems: list[tuple[str, str, str]]) -> None:
    """Replace or drop the dates the 4.1.0 reader would refuse, noting each one."""
    issue = copy_root.find(cbc("IssueDate"))
    if issue is not None:
        try:
            parse_date(issue.text or "")
        except ValueProblem:
            problems.append(("IssueDate", issue.text or "", "date d'émission illisible"))
            issue.text = dt.date.today().isoformat()
    for birth in copy_root.iter(cbc("BirthDate")):
        try:
            parse_date(birth.text or "")
        except ValueProblem:
            problems.append(("BirthDate", birth.text or "", "date de naissance illisible"))
            parent = birth.getparent()
            if parent is not None:
                parent.remove(birth)


def _read_answer(element: _E) -> SourceAnswer:
    values: list[Value] = []
    problems: list[str] = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        local = _local(child)
        try:
            if local == "ResponseValue":
                carriers = [c for c in child if isinstance(c.tag, str) and _local(c) != "ID"]
                values.extend(read_value(c) for c in carriers)
            elif local == "ApplicablePeriod":
                values.append(read_value(child))
            elif local == "EvidenceSupplied":
                values.append(EvidenceRefValue(evidence_id=text_of(child, "ID")))
        except ValueProblem as problem:
            problems.append(str(problem))
    lot = element.find(f"{cac('ProcurementProjectLotReference')}/{cbc('ID')}")
    return SourceAnswer(
        element=element,
        id=text_of(element, "ID"),
        property_id=text_of(element, "ValidatedCriterionPropertyID"),
        values=values,
        problems=problems,
        lot_ref=" ".join((lot.text or "").split()) or None if lot is not None else None,
    )


def read_source(tree: etree._ElementTree, detected: DetectedVersion, name: str) -> SourceDocument:
    """Read *tree* without mapping anything; criteria slots are resolved later."""
    root = tree.getroot()
    stripped = copy.deepcopy(root)
    for child in list(stripped):
        if isinstance(child.tag, str) and _local(child) in _OWN_SUBTREES | _VERSION_MARKERS:
            stripped.remove(child)
    problems: list[tuple[str, str, str]] = []
    _sanitise_dates(stripped, problems)
    base = read_tree(etree.ElementTree(stripped), detected, name)
    criteria = [
        SourceCriterion(
            element=element,
            id=text_of(element, "ID"),
            code=text_of(element, "CriterionTypeCode"),
            name=text_of(element, "Name"),
            lot_refs=[
                text_of(ref, "ID") for ref in element.findall(cac("ProcurementProjectLotReference"))
            ],
        )
        for element in root.findall(cac("TenderingCriterion"))
    ]
    answers = [_read_answer(e) for e in root.findall(cac("TenderingCriterionResponse"))]
    return SourceDocument(
        detected=detected,
        name=name,
        tree=tree,
        base=base,
        criteria=criteria,
        answers=answers,
        unmodelled=_unmodelled(tree),
        header_problems=problems,
    )


def resolve_slots(criterion: SourceCriterion, resolver: Resolver) -> CriterionSlots:
    criterion.slots = criterion_slots(criterion.element, resolver)
    return criterion.slots
