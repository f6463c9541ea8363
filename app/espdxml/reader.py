"""Read ESPD-EDM 4.1.0 requests and responses into :class:`EspdDocument`.

Everything the model carries is read verbatim (IDs, codes, requirement and
answer values), so writing a read document back loses nothing the rules or a
buyer care about.  Root elements the model does not hold are listed in
``unmapped_elements`` so the UI can say what would not be carried over.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TypeVar

from lxml import etree

from app.errors import DocumentRefusedError
from app.espdxml import safe
from app.espdxml.detect import DetectedVersion, detect, require_readable
from app.espdxml.names import cac, cbc
from app.espdxml.value_elements import (
    ValueProblem,
    optional_date,
    parse_date,
    read_period,
    read_value,
)
from app.models.criteria import Criterion, CriterionProperty, Legislation, PropertyGroup
from app.models.document import (
    Address,
    Answer,
    Contact,
    DocumentReference,
    EconomicOperator,
    EspdDocument,
    Evidence,
    Lot,
    Party,
    PartyIdentifier,
    Procedure,
    Representative,
)
from app.models.values import (
    CodeValue,
    EvidenceRefValue,
    Value,
)

log = logging.getLogger("dume.xml")

_E = etree._Element
_T = TypeVar("_T")

#: Root children read into the model; anything else is reported as unmapped.
_MODELLED_ROOT_CHILDREN = {
    "UBLVersionID",
    "ProfileExecutionID",
    "ID",
    "CopyIndicator",
    "UUID",
    "ContractFolderID",
    "IssueDate",
    "IssueTime",
    "VersionID",
    "ProcedureCode",
    "ContractingParty",
    "EconomicOperatorParty",
    "EconomicOperatorGroupName",
    "ProcurementProject",
    "ProcurementProjectLot",
    "TenderingCriterion",
    "TenderingCriterionResponse",
    "Evidence",
    "AdditionalDocumentReference",
    "CustomizationID",
    "ProfileID",
}


def _text(parent: _E | None, path: str) -> str:
    """Text of the first element at *path* ('cac:A/cbc:B' written as 'A/B' with prefixes)."""
    if parent is None:
        return ""
    element = parent.find(_qualify(path))
    return (element.text or "").strip() if element is not None and element.text else ""


def _qualify(path: str) -> str:
    parts = []
    for part in path.split("/"):
        prefix, _, local = part.partition(":")
        parts.append(cac(local) if prefix == "cac" else cbc(local))
    return "/".join(parts)


def _find(parent: _E | None, path: str) -> _E | None:
    return None if parent is None else parent.find(_qualify(path))


def _findall(parent: _E | None, path: str) -> list[_E]:
    return [] if parent is None else list(parent.findall(_qualify(path)))


#: The property children that hold a buyer's value, in the XSD's order.
EXPECTED_ELEMENTS = (
    "ExpectedAmount",
    "ExpectedID",
    "ExpectedIndicator",
    "ExpectedCode",
    "ExpectedValueNumeric",
    "ExpectedDescription",
    "ExpectedURI",
    "MaximumAmount",
    "MinimumAmount",
    "MaximumValueNumeric",
    "MinimumValueNumeric",
    "MaximumQuantity",
    "MinimumQuantity",
    "TranslationTypeCode",
    "CertificationLevelDescription",
    "CopyQualityTypeCode",
    "ApplicablePeriod",
)


def read_property(element: _E) -> CriterionProperty:
    expected: Value | None = None
    expected_element: str | None = None
    code_list: str | None = None
    for child in element:
        if not isinstance(child.tag, str):
            continue
        local = etree.QName(child).localname
        if local in EXPECTED_ELEMENTS:
            expected = read_value(child)
            expected_element = local
            if isinstance(expected, CodeValue):
                code_list = expected.list_id
            break
    return CriterionProperty(
        id=_text(element, "cbc:ID"),
        name=_text(element, "cbc:Name"),
        description=_text(element, "cbc:Description"),
        type_code=_text(element, "cbc:TypeCode"),
        data_type=_text(element, "cbc:ValueDataTypeCode"),
        expected=expected,
        expected_element=expected_element,
        code_list=code_list,
    )


def read_group(element: _E) -> PropertyGroup:
    return PropertyGroup(
        id=_text(element, "cbc:ID"),
        type_code=_text(element, "cbc:PropertyGroupTypeCode"),
        properties=[read_property(p) for p in _findall(element, "cac:TenderingCriterionProperty")],
        subgroups=[
            read_group(g)
            for g in _findall(element, "cac:SubsidiaryTenderingCriterionPropertyGroup")
        ],
    )


def read_criterion(element: _E) -> Criterion:
    return Criterion(
        id=_text(element, "cbc:ID"),
        code=_text(element, "cbc:CriterionTypeCode"),
        name=_text(element, "cbc:Name"),
        description=_text(element, "cbc:Description"),
        lot_refs=[
            _text(ref, "cbc:ID") for ref in _findall(element, "cac:ProcurementProjectLotReference")
        ],
        legislation=[
            Legislation(
                id=_text(leg, "cbc:ID") or None,
                title=_text(leg, "cbc:Title"),
                description=_text(leg, "cbc:Description"),
                jurisdiction_level=_text(leg, "cbc:JurisdictionLevel"),
                article=_text(leg, "cbc:Article"),
                uri=_text(leg, "cbc:URI"),
                language=_text(leg, "cac:Language/cbc:LocaleCode"),
            )
            for leg in _findall(element, "cac:Legislation")
        ],
        groups=[read_group(g) for g in _findall(element, "cac:TenderingCriterionPropertyGroup")],
    )


def _read_address(element: _E | None) -> Address:
    return Address(
        street=_text(element, "cbc:StreetName"),
        city=_text(element, "cbc:CityName"),
        postal_zone=_text(element, "cbc:PostalZone"),
        country=_text(element, "cac:Country/cbc:IdentificationCode"),
    )


def _read_contact(element: _E | None) -> Contact:
    return Contact(
        name=_text(element, "cbc:Name"),
        telephone=_text(element, "cbc:Telephone"),
        fax=_text(element, "cbc:Telefax"),
        email=_text(element, "cbc:ElectronicMail"),
    )


def _read_party_fields(party: _E | None) -> dict[str, object]:
    identifiers = []
    for ident in _findall(party, "cac:PartyIdentification/cbc:ID"):
        identifiers.append(
            PartyIdentifier(
                value=(ident.text or "").strip(),
                scheme_id=ident.get("schemeID"),
                scheme_agency_id=ident.get("schemeAgencyID"),
            )
        )
    return {
        "name": _text(party, "cac:PartyName/cbc:Name"),
        "identifiers": identifiers,
        "website": _text(party, "cbc:WebsiteURI"),
        "address": _read_address(_find(party, "cac:PostalAddress")),
        "contact": _read_contact(_find(party, "cac:Contact")),
    }


def _read_representative(power: _E) -> Representative:
    person = _find(power, "cac:AgentParty/cac:Person")
    return Representative(
        first_name=_text(person, "cbc:FirstName"),
        family_name=_text(person, "cbc:FamilyName"),
        birth_date=optional_date(_find(person, "cbc:BirthDate")),
        birthplace=_text(person, "cbc:BirthplaceName"),
        role=_text(person, "cbc:JobTitle"),
        powers=_text(power, "cbc:Description"),
        contact=_read_contact(_find(person, "cac:Contact")),
        address=_read_address(_find(person, "cac:ResidenceAddress")),
    )


def _read_operator(element: _E) -> EconomicOperator:
    party = _find(element, "cac:Party")
    fields = _read_party_fields(party)
    return EconomicOperator.model_validate(
        {
            **fields,
            "role_code": _text(element, "cac:EconomicOperatorRole/cbc:RoleCode"),
            "size_code": _text(party, "cbc:IndustryClassificationCode"),
            "representatives": [
                _read_representative(p) for p in _findall(party, "cac:PowerOfAttorney")
            ],
        }
    )


def _read_answer(element: _E) -> Answer:
    carrier: _E | None = None
    value_holder = _find(element, "cac:ResponseValue")
    if value_holder is not None:
        for child in value_holder:
            if isinstance(child.tag, str) and etree.QName(child).localname != "ID":
                carrier = child
                break
    value: Value
    if carrier is not None:
        value = read_value(carrier)
    elif (period := _find(element, "cac:ApplicablePeriod")) is not None:
        value = read_period(period)
    elif (evidence := _find(element, "cac:EvidenceSupplied")) is not None:
        value = EvidenceRefValue(evidence_id=_text(evidence, "cbc:ID"))
    else:
        raise ValueProblem("réponse sans valeur")
    lot = _text(element, "cac:ProcurementProjectLotReference/cbc:ID") or None
    return Answer(
        id=_text(element, "cbc:ID"),
        property_id=_text(element, "cbc:ValidatedCriterionPropertyID"),
        value=value,
        lot_ref=lot,
    )


def _read_evidence(element: _E) -> Evidence:
    reference = _find(element, "cac:DocumentReference")
    return Evidence(
        id=_text(element, "cbc:ID"),
        confidentiality=_text(element, "cbc:ConfidentialityLevelCode"),
        document_id=_text(reference, "cbc:ID"),
        uri=_text(reference, "cac:Attachment/cac:ExternalReference/cbc:URI"),
        description=_text(element, "cbc:Description")
        or _text(reference, "cbc:DocumentDescription"),
        issuer_id=_text(reference, "cac:IssuerParty/cac:PartyIdentification/cbc:ID"),
        issuer_name=_text(reference, "cac:IssuerParty/cac:PartyName/cbc:Name"),
    )


def _guard(name: str, what: str, build: Callable[[], _T]) -> _T:
    try:
        return build()
    except ValueProblem as exc:
        raise DocumentRefusedError(f"{name} : {what} : {exc}.") from None


def read_tree(tree: etree._ElementTree, detected: DetectedVersion, name: str) -> EspdDocument:
    root = tree.getroot()
    project = _find(root, "cac:ProcurementProject")
    buyer_party = _find(root, "cac:ContractingParty/cac:Party")
    criteria = []
    for element in _findall(root, "cac:TenderingCriterion"):
        code = _text(element, "cbc:CriterionTypeCode") or _text(element, "cbc:ID")
        criteria.append(_guard(name, f"critère {code}", partial(read_criterion, element)))
    answers = []
    for element in _findall(root, "cac:TenderingCriterionResponse"):
        answer_id = _text(element, "cbc:ID")
        answers.append(_guard(name, f"réponse {answer_id}", partial(_read_answer, element)))
    unmapped = sorted(
        {
            etree.QName(child).localname
            for child in root
            if isinstance(child.tag, str)
            and etree.QName(child).localname not in _MODELLED_ROOT_CHILDREN
        }
    )
    if unmapped:
        log.warning("%s: elements not carried over: %s", name, ", ".join(unmapped))
    operator_element = _find(root, "cac:EconomicOperatorParty")
    document = EspdDocument.model_validate(
        {
            "kind": detected.kind,
            "source_version": detected.version,
            "id": _text(root, "cbc:ID"),
            "uuid": _text(root, "cbc:UUID"),
            "issue_date": _guard(
                name,
                "date d'émission",
                lambda: parse_date(_text(root, "cbc:IssueDate") or "1970-01-01"),
            ),
            "issue_time": _text(root, "cbc:IssueTime") or None,
            "version_id": _text(root, "cbc:VersionID") or detected.version,
            "procedure": Procedure(
                reference=_text(root, "cbc:ContractFolderID"),
                title=_text(project, "cbc:Name"),
                description=_text(project, "cbc:Description"),
                procedure_code=_text(root, "cbc:ProcedureCode"),
            ),
            "buyer": Party.model_validate(_read_party_fields(buyer_party)),
            "buyer_profile_uri": _text(root, "cac:ContractingParty/cbc:BuyerProfileURI"),
            "economic_operator": _read_operator(operator_element)
            if operator_element is not None
            else None,
            "group_name": _text(root, "cbc:EconomicOperatorGroupName"),
            "lots": [
                Lot(id=_text(lot, "cbc:ID"), title=_text(lot, "cac:ProcurementProject/cbc:Name"))
                for lot in _findall(root, "cac:ProcurementProjectLot")
            ],
            "criteria": criteria,
            "answers": answers,
            "evidences": [_read_evidence(e) for e in _findall(root, "cac:Evidence")],
            "references": [
                DocumentReference(
                    id=_text(ref, "cbc:ID"),
                    type_code=_text(ref, "cbc:DocumentTypeCode"),
                    description=_text(ref, "cbc:DocumentDescription"),
                )
                for ref in _findall(root, "cac:AdditionalDocumentReference")
            ],
            "unmapped_elements": unmapped,
        }
    )
    _enrich_from_taxonomy(document)
    return document


def _enrich_from_taxonomy(document: EspdDocument) -> None:
    """Cardinalities and code lists come from the official taxonomy, when it is installed."""
    from app.errors import ArtefactsMissingError
    from app.espdxml.taxonomy import enrich, load_taxonomy

    try:
        taxonomy = load_taxonomy()
    except ArtefactsMissingError:
        log.info("taxonomy not installed: criteria read without cardinalities")
        return
    enrich(document.criteria, taxonomy)


def read_bytes(data: bytes, name: str = "document") -> EspdDocument:
    tree = safe.parse_bytes(data, name)
    detected = detect(tree, name)
    require_readable(detected, name)
    return read_tree(tree, detected, name)


def read_file(path: Path) -> EspdDocument:
    tree = safe.parse_file(path)
    detected = detect(tree, path.name)
    require_readable(detected, path.name)
    return read_tree(tree, detected, path.name)
