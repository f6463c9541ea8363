"""Write :class:`EspdDocument` as ESPD-EDM 4.1.0 XML (UBL 2.3).

Elements are emitted in the XSD's sequence order; code-list attributes come
from the bundled ``.gc`` headers (see :mod:`app.espdxml.codelists`), because the
official rules compare them literally.
"""

from __future__ import annotations

from decimal import Decimal

from lxml import etree

from app.espdxml.codelists import PROCEDURE_LIST, element_attributes
from app.espdxml.names import CAC_NS, CBC_NS, REQUEST_NS, RESPONSE_NS, cac, cbc
from app.models.criteria import Criterion, CriterionProperty, PropertyGroup
from app.models.document import (
    Address,
    Answer,
    Contact,
    EconomicOperator,
    EspdDocument,
    Evidence,
    Party,
    Representative,
)
from app.models.values import (
    ANSWER_CARRIER,
    NUMERIC_FORMATS,
    QUANTITY_UNITS,
    REQUIREMENT_CARRIER,
    AmountValue,
    CodeValue,
    DateValue,
    EvidenceRefValue,
    IdentifierValue,
    IndicatorValue,
    NumericValue,
    PeriodValue,
    QuantityValue,
    TextValue,
    TimeValue,
    UriValue,
    Value,
)

WRITTEN_VERSION = "4.1.0"
_E = etree._Element

#: Attributes of the IDs of criteria, groups, properties and lots (as in the taxonomy).
_CRITERION_ID = {
    "schemeID": "Criterion",
    "schemeAgencyID": "OP",
    "schemeVersionID": WRITTEN_VERSION,
}
#: BR-OTH-02: every identifier needs a non-empty schemeAgencyID.
_DEFAULT_AGENCY = "OP"


def _sub(parent: _E, tag: str, text: str | None = None, **attrs: str) -> _E:
    element = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v})
    if text is not None:
        element.text = text
    return element


def _number(value: Decimal) -> str:
    # Keep what the user typed; only drop an exponent the XSD would refuse.
    text = format(value, "f")
    return text


def _code_attrs(value: CodeValue) -> dict[str, str]:
    attrs = {}
    if value.list_id:
        attrs["listID"] = value.list_id
    if value.list_agency_id:
        attrs["listAgencyID"] = value.list_agency_id
    if value.list_version_id:
        attrs["listVersionID"] = value.list_version_id
    return attrs


def _write_value_element(parent: _E, local: str, value: Value, data_type: str) -> None:
    """Write *value* as the carrier element *local* under *parent*."""
    match value:
        case IndicatorValue(value=flag):
            _sub(parent, cbc(local), "true" if flag else "false")
        case DateValue(value=day):
            _sub(parent, cbc(local), day.isoformat())
        case TimeValue(value=time_text):
            _sub(parent, cbc(local), time_text)
        case TextValue(value=text):
            _sub(parent, cbc(local), text)
        case AmountValue(value=amount, currency=currency):
            _sub(parent, cbc(local), _number(amount), currencyID=currency)
        case NumericValue(value=number):
            number_format = NUMERIC_FORMATS.get(data_type, "") if local == "ResponseNumeric" else ""
            _sub(parent, cbc(local), _number(number), format=number_format)
        case QuantityValue(value=number, unit=unit):
            # Only quantity elements carry a unit; ExpectedValueNumeric has none (XSD).
            if local.endswith("Quantity"):
                unit = unit or QUANTITY_UNITS.get(data_type, "")
                _sub(parent, cbc(local), _number(number), unitCode=unit)
            else:
                _sub(parent, cbc(local), _number(number))
        case CodeValue():
            _sub(parent, cbc(local), value.value, **_code_attrs(value))
        case UriValue(value=uri):
            _sub(parent, cbc(local), uri)
        case IdentifierValue(value=ident, scheme_id=scheme, scheme_agency_id=agency):
            _sub(
                parent,
                cbc(local),
                ident,
                schemeID=scheme or "",
                schemeAgencyID=agency or _DEFAULT_AGENCY,
            )
        case PeriodValue(start=start, end=end):
            period = _sub(parent, cac(local))
            if start:
                _sub(period, cbc("StartDate"), start.isoformat())
            if end:
                _sub(period, cbc("EndDate"), end.isoformat())
        case EvidenceRefValue(evidence_id=evidence_id):
            supplied = _sub(parent, cac(local))
            _sub(supplied, cbc("ID"), evidence_id, schemeAgencyID=_DEFAULT_AGENCY)


def _write_property(parent: _E, prop: CriterionProperty) -> None:
    element = _sub(parent, cac("TenderingCriterionProperty"))
    _sub(element, cbc("ID"), prop.id, **_CRITERION_ID)
    _sub(element, cbc("Name"), prop.name)
    _sub(element, cbc("Description"), prop.description)
    _sub(element, cbc("TypeCode"), prop.type_code, **element_attributes("TypeCode"))
    _sub(
        element, cbc("ValueDataTypeCode"), prop.data_type, **element_attributes("ValueDataTypeCode")
    )
    if prop.expected is not None:
        local = prop.expected_element or REQUIREMENT_CARRIER[prop.data_type][1]
        _write_value_element(element, local, prop.expected, prop.data_type)


def _write_group(parent: _E, group: PropertyGroup, tag: str) -> None:
    element = _sub(parent, cac(tag))
    _sub(element, cbc("ID"), group.id, **_CRITERION_ID)
    _sub(
        element,
        cbc("PropertyGroupTypeCode"),
        group.type_code,
        **element_attributes("PropertyGroupTypeCode"),
    )
    for prop in group.properties:
        _write_property(element, prop)
    for sub in group.subgroups:
        _write_group(element, sub, "SubsidiaryTenderingCriterionPropertyGroup")


def _write_criterion(parent: _E, criterion: Criterion) -> None:
    element = _sub(parent, cac("TenderingCriterion"))
    _sub(element, cbc("ID"), criterion.id, **_CRITERION_ID)
    _sub(
        element, cbc("CriterionTypeCode"), criterion.code, **element_attributes("CriterionTypeCode")
    )
    _sub(element, cbc("Name"), criterion.name)
    _sub(element, cbc("Description"), criterion.description)
    for lot in criterion.lot_refs:
        ref = _sub(element, cac("ProcurementProjectLotReference"))
        _sub(ref, cbc("ID"), lot, **_CRITERION_ID)
    for leg in criterion.legislation:
        legislation = _sub(element, cac("Legislation"))
        if leg.id:
            _sub(legislation, cbc("ID"), leg.id, **_CRITERION_ID)
        _sub(legislation, cbc("Title"), leg.title)
        _sub(legislation, cbc("Description"), leg.description)
        if leg.jurisdiction_level:
            _sub(legislation, cbc("JurisdictionLevel"), leg.jurisdiction_level)
        _sub(legislation, cbc("Article"), leg.article)
        if leg.uri:
            _sub(legislation, cbc("URI"), leg.uri)
        if leg.language:
            language = _sub(legislation, cac("Language"))
            _sub(language, cbc("LocaleCode"), leg.language, **element_attributes("LocaleCode"))
    for group in criterion.groups:
        _write_group(element, group, "TenderingCriterionPropertyGroup")


def _write_address(parent: _E, tag: str, address: Address) -> None:
    element = _sub(parent, cac(tag))
    if address.street:
        _sub(element, cbc("StreetName"), address.street)
    if address.city:
        _sub(element, cbc("CityName"), address.city)
    if address.postal_zone:
        _sub(element, cbc("PostalZone"), address.postal_zone)
    if address.country:  # an empty code would hide the rule that asks for the country
        country = _sub(element, cac("Country"))
        _sub(country, cbc("IdentificationCode"), address.country, **element_attributes("Country"))


def _write_contact(parent: _E, contact: Contact) -> None:
    if not any((contact.name, contact.telephone, contact.fax, contact.email)):
        return
    element = _sub(parent, cac("Contact"))
    for local, text in (
        ("Name", contact.name),
        ("Telephone", contact.telephone),
        ("Telefax", contact.fax),
        ("ElectronicMail", contact.email),
    ):
        if text:
            _sub(element, cbc(local), text)


def _write_representative(parent: _E, person_data: Representative) -> None:
    power = _sub(parent, cac("PowerOfAttorney"))
    if person_data.powers:
        _sub(power, cbc("Description"), person_data.powers)
    agent = _sub(power, cac("AgentParty"))
    person = _sub(agent, cac("Person"))
    if person_data.first_name:
        _sub(person, cbc("FirstName"), person_data.first_name)
    if person_data.family_name:
        _sub(person, cbc("FamilyName"), person_data.family_name)
    if person_data.role:
        _sub(person, cbc("JobTitle"), person_data.role)
    if person_data.birth_date:
        _sub(person, cbc("BirthDate"), person_data.birth_date.isoformat())
    if person_data.birthplace:
        _sub(person, cbc("BirthplaceName"), person_data.birthplace)
    _write_contact(person, person_data.contact)
    if person_data.address.country:
        _write_address(person, "ResidenceAddress", person_data.address)


def _write_party(parent: _E, party: Party, operator: EconomicOperator | None = None) -> None:
    element = _sub(parent, cac("Party"))
    if party.website:
        _sub(element, cbc("WebsiteURI"), party.website)
    if operator is not None and operator.size_code:
        _sub(
            element,
            cbc("IndustryClassificationCode"),
            operator.size_code,
            **element_attributes("IndustryClassificationCode"),
        )
    for ident in party.identifiers:
        identification = _sub(element, cac("PartyIdentification"))
        _sub(
            identification,
            cbc("ID"),
            ident.value,
            schemeID=ident.scheme_id or "",
            schemeAgencyID=ident.scheme_agency_id or _DEFAULT_AGENCY,
        )
    name = _sub(element, cac("PartyName"))
    _sub(name, cbc("Name"), party.name)
    _write_address(element, "PostalAddress", party.address)
    _write_contact(element, party.contact)
    if operator is not None:
        for representative in operator.representatives:
            _write_representative(element, representative)


def _write_answer(parent: _E, answer: Answer, data_type: str) -> None:
    element = _sub(parent, cac("TenderingCriterionResponse"))
    _sub(element, cbc("ID"), answer.id, **_CRITERION_ID)
    _sub(element, cbc("ValidatedCriterionPropertyID"), answer.property_id, **_CRITERION_ID)
    carrier = _carrier_for(answer.value, data_type)
    if carrier.startswith("ResponseValue/"):
        holder = _sub(element, cac("ResponseValue"))
        _sub(holder, cbc("ID"), f"{answer.id}/RV", **_CRITERION_ID)
        _write_value_element(
            holder, carrier.removeprefix("ResponseValue/"), answer.value, data_type
        )
    else:
        _write_value_element(element, carrier, answer.value, data_type)
    if answer.lot_ref:
        ref = _sub(element, cac("ProcurementProjectLotReference"))
        _sub(ref, cbc("ID"), answer.lot_ref, **_CRITERION_ID)


#: The carrier of each value class, for answers whose property is unknown.
_CARRIER_BY_VALUE = {
    "indicator": "ResponseValue/ResponseIndicator",
    "date": "ResponseValue/ResponseDate",
    "time": "ResponseValue/ResponseTime",
    "text": "ResponseValue/Description",
    "amount": "ResponseValue/ResponseAmount",
    "numeric": "ResponseValue/ResponseNumeric",
    "quantity": "ResponseValue/ResponseQuantity",
    "code": "ResponseValue/ResponseCode",
    "uri": "ResponseValue/ResponseURI",
    "identifier": "ResponseValue/ResponseID",
    "period": "ApplicablePeriod",
    "evidence": "EvidenceSupplied",
}


def _carrier_for(value: Value, data_type: str) -> str:
    """The element for *value*: the data type's carrier when the value fits it."""
    expected = ANSWER_CARRIER.get(data_type)
    if expected is not None and isinstance(value, expected[0]):
        return expected[1]
    return _CARRIER_BY_VALUE[value.type]


def _write_evidence(parent: _E, evidence: Evidence) -> None:
    element = _sub(parent, cac("Evidence"))
    _sub(element, cbc("ID"), evidence.id, schemeAgencyID=_DEFAULT_AGENCY)
    if evidence.description:
        _sub(element, cbc("Description"), evidence.description)
    if evidence.confidentiality:
        _sub(
            element,
            cbc("ConfidentialityLevelCode"),
            evidence.confidentiality,
            **element_attributes("ConfidentialityLevelCode"),
        )
    reference = _sub(element, cac("DocumentReference"))
    _sub(reference, cbc("ID"), evidence.document_id or evidence.id, schemeAgencyID=_DEFAULT_AGENCY)
    if evidence.uri:
        attachment = _sub(reference, cac("Attachment"))
        external = _sub(attachment, cac("ExternalReference"))
        _sub(external, cbc("URI"), evidence.uri)
    if evidence.issuer_id or evidence.issuer_name:
        issuer = _sub(reference, cac("IssuerParty"))
        if evidence.issuer_id:
            identification = _sub(issuer, cac("PartyIdentification"))
            _sub(identification, cbc("ID"), evidence.issuer_id, schemeAgencyID=_DEFAULT_AGENCY)
        name = _sub(issuer, cac("PartyName"))
        _sub(name, cbc("Name"), evidence.issuer_name or evidence.issuer_id)


def build_tree(document: EspdDocument) -> _E:
    is_response = document.kind == "response"
    namespace = RESPONSE_NS if is_response else REQUEST_NS
    root_name = (
        "QualificationApplicationResponse" if is_response else "QualificationApplicationRequest"
    )
    nsmap = {None: namespace, "cac": CAC_NS, "cbc": CBC_NS}
    root = etree.Element(f"{{{namespace}}}{root_name}", nsmap=nsmap)  # type: ignore[arg-type]
    _sub(root, cbc("UBLVersionID"), "2.3", schemeAgencyID="OASIS-UBL-TC")
    _sub(
        root,
        cbc("ProfileExecutionID"),
        f"ESPD-EDMv{WRITTEN_VERSION}",
        schemeAgencyID="OP",
        schemeVersionID=WRITTEN_VERSION,
    )
    _sub(root, cbc("ID"), document.id, schemeAgencyID=_DEFAULT_AGENCY)
    _sub(root, cbc("CopyIndicator"), "false")
    _sub(
        root,
        cbc("UUID"),
        document.uuid,
        schemeID="ISO/IEC 9834-8:2008 - 4UUID",
        schemeAgencyID=_DEFAULT_AGENCY,
        schemeVersionID=WRITTEN_VERSION,
    )
    _sub(
        root, cbc("ContractFolderID"), document.procedure.reference, schemeAgencyID=_DEFAULT_AGENCY
    )
    _sub(root, cbc("IssueDate"), document.issue_date.isoformat())
    if document.issue_time:
        _sub(root, cbc("IssueTime"), document.issue_time)
    if is_response and document.group_name:
        _sub(root, cbc("EconomicOperatorGroupName"), document.group_name)
    _sub(
        root,
        cbc("VersionID"),
        WRITTEN_VERSION,
        schemeAgencyID="OP",
        schemeVersionID=WRITTEN_VERSION,
    )
    if document.procedure.procedure_code:
        _sub(root, cbc("ProcedureCode"), document.procedure.procedure_code, **PROCEDURE_LIST)

    contracting = _sub(root, cac("ContractingParty"))
    if document.buyer_profile_uri:
        _sub(contracting, cbc("BuyerProfileURI"), document.buyer_profile_uri)
    _write_party(contracting, document.buyer)

    if document.economic_operator is not None:
        operator = _sub(root, cac("EconomicOperatorParty"))
        if document.economic_operator.role_code:
            role = _sub(operator, cac("EconomicOperatorRole"))
            _sub(
                role,
                cbc("RoleCode"),
                document.economic_operator.role_code,
                **element_attributes("RoleCode"),
            )
        _write_party(operator, document.economic_operator, document.economic_operator)

    if document.procedure.title or document.procedure.description:
        project = _sub(root, cac("ProcurementProject"))
        if document.procedure.title:
            _sub(project, cbc("Name"), document.procedure.title)
        if document.procedure.description:
            _sub(project, cbc("Description"), document.procedure.description)

    for lot in document.lots:
        element = _sub(root, cac("ProcurementProjectLot"))
        _sub(element, cbc("ID"), lot.id, **_CRITERION_ID)
        if lot.title:
            project = _sub(element, cac("ProcurementProject"))
            _sub(project, cbc("Name"), lot.title)

    for criterion in document.criteria:
        _write_criterion(root, criterion)

    if is_response:
        data_types = {p.id: p.data_type for p in document.property_index().values()}
        for answer in document.answers:
            _write_answer(root, answer, data_types.get(answer.property_id, ""))

    for reference in document.references:
        element = _sub(root, cac("AdditionalDocumentReference"))
        _sub(element, cbc("ID"), reference.id, schemeAgencyID=_DEFAULT_AGENCY)
        if reference.type_code:
            _sub(
                element,
                cbc("DocumentTypeCode"),
                reference.type_code,
                **element_attributes("DocumentTypeCode"),
            )
        if reference.description:
            _sub(element, cbc("DocumentDescription"), reference.description)

    if is_response:
        for evidence in document.evidences:
            _write_evidence(root, evidence)
    return root


def to_bytes(document: EspdDocument) -> bytes:
    root = build_tree(document)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
