"""Answer in the buyer's version: write a 4.1.0 response as an ESPD-EDM 2.1.1 response.

When a buyer sent a 2.1.1 request, its platform may only accept 2.1.1
answers.  The 2.1.1 response is built from:

- the buyer's own 2.1.1 criteria when the request is given (same IDs, same
  requirement values, same flavour), otherwise the official 2.1.1 taxonomy of
  the flavour;
- the 4.1.0 answers, each carried back to the 2.1.1 question the mapping
  tables pair it with, its value fitted to the 2.1.1 data type;
- the document part written by the 4.1.0 writer, then turned into 2.1.1
  (UBL 2.2 header, CEN-BII profile, 2.x code lists, alpha-2 countries).

What 2.1.1 cannot hold is listed in the returned report, as for conversions.
"""

from __future__ import annotations

import copy
import uuid
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from lxml import etree

from app.errors import DocumentRefusedError
from app.espdxml import safe
from app.espdxml.detect import detect
from app.espdxml.names import cac, cbc
from app.espdxml.value_elements import ValueProblem
from app.espdxml.writer import build_tree
from app.legacy.answers import placeholder_for
from app.legacy.layout import legacy_artefacts
from app.legacy.report import Mismatch, MismatchReport
from app.legacy.structure import Slot, criterion_slots, level_paths, table_resolver, text_of
from app.legacy.tables import MappingTable, code_2_1_1, countries_alpha2, mapping_table
from app.legacy.values import fit
from app.models.document import Answer, EspdDocument
from app.models.values import (
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
    display,
)

_E = etree._Element
VERSION = "2.1.1"
_AGENCY = "EU-COM-GROW"
_ID_ATTRS = {"schemeID": "CriteriaTaxonomy", "schemeAgencyID": _AGENCY, "schemeVersionID": VERSION}
_UUID_ATTRS = {
    "schemeID": "ISO/IEC 9834-8:2008 - 4UUID",
    "schemeAgencyID": _AGENCY,
    "schemeVersionID": VERSION,
}
_CUSTOMIZATION = {
    "request": "urn:www.cenbii.eu:transaction:biitrdm070:ver3.0",
    "response": "urn:www.cenbii.eu:transaction:biitrdm092:ver3.0",
}
#: 2.1.1 code list (genericode file stem) of each coded element the writer touches
_LISTS = {
    "IdentificationCode": "CountryCodeIdentifier",
    "RoleCode": "EORoleType",
    "IndustryClassificationCode": "EOIndustryClassificationCode",
    "ConfidentialityLevelCode": "ConfidentialityLevel",
    "DocumentTypeCode": "DocRefContentType",
    "ProcedureCode": "ProcedureType",
    "QualificationApplicationTypeCode": "QualificationApplicationType",
}
#: this package's code tables (codes.csv) for the same elements
_TABLES = {
    "RoleCode": "eo-role",
    "IndustryClassificationCode": "eo-size",
    "ConfidentialityLevelCode": "confidentiality",
    "DocumentTypeCode": "doc-ref",
    "ProcedureCode": "procedure-type",
}
#: 2.1.1 carries these answers as cbc:ResponseQuantity with this unitCode (BR-TCR-08).
_QUANTITY_UNITS_211 = {"PERCENTAGE": "PERCENTAGE", "QUANTITY_YEAR": "YEAR"}


@dataclass
class Export211:
    data: bytes
    report: MismatchReport


@cache
def _list_attributes(name: str) -> dict[str, str]:
    """listID / listAgencyID / listVersionID of the 2.1.1 genericode list *name*."""
    path = legacy_artefacts(VERSION).codelist(name)
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    ident = etree.parse(str(path), parser).getroot().find("Identification")
    if ident is None:
        return {"listID": name}
    return {
        "listID": ident.findtext("ShortName") or name,
        "listAgencyID": ident.findtext("Agency/Identifier") or _AGENCY,
        "listVersionID": ident.findtext("Version") or VERSION,
    }


def _set_attrs(element: _E, attrs: dict[str, str]) -> None:
    for key in list(element.attrib):
        del element.attrib[key]
    for key, value in attrs.items():
        element.set(key, value)


def _sub(parent: _E, tag: str, text: str | None = None, **attrs: str) -> _E:
    element = etree.SubElement(parent, tag, {k: v for k, v in attrs.items() if v})
    if text is not None:
        element.text = text
    return element


class _Writer:
    def __init__(self, response: EspdDocument, flavour: str) -> None:
        self.response = response
        self.flavour = flavour
        self.table: MappingTable = mapping_table(f"2.1.1-{flavour.lower()}")
        self.report = MismatchReport(
            source_version="4.1.0",
            source_label="ESPD-EDM 4.1.0",
            kind=response.kind,
            target_version=VERSION,
        )
        self.used: set[str] = set()
        #: group element -> itself and its copies made for repeated answers
        self.copies: dict[_E, list[_E]] = {}

    # ------------------------------------------------------------ header
    def _code(self, element: _E, local: str) -> None:
        value = (element.text or "").strip()
        if local == "IdentificationCode":
            alpha2 = countries_alpha2().get(value)
            if alpha2 is None:
                self._field(local, value, "Code pays sans équivalent alpha-2 : conservé tel quel.")
            else:
                element.text = alpha2
            attrs = {**_list_attributes(_LISTS[local]), "listName": "CountryCodeIdentifier"}
            _set_attrs(element, attrs)
            return
        table = _TABLES.get(local)
        if table is not None:
            legacy = code_2_1_1(table, value)
            if legacy is None:
                self._field(local, value, "Code sans équivalent dans la liste 2.1.1.")
            else:
                element.text = legacy
        _set_attrs(element, _list_attributes(_LISTS[local]))

    def _field(self, label: str, value: str, reason: str) -> None:
        self.report.add(
            Mismatch("field_changed", f"//{label}", label=label, value=value, reason=reason)
        )

    def header(self, root: _E) -> None:
        kind = self.response.kind
        ubl = root.find(cbc("UBLVersionID"))
        assert ubl is not None
        ubl.text = "2.2"
        profile_execution = root.find(cbc("ProfileExecutionID"))
        if profile_execution is not None:
            root.remove(profile_execution)
        customization = etree.Element(
            cbc("CustomizationID"), schemeAgencyID="CEN-BII", schemeVersionID=VERSION
        )
        customization.text = _CUSTOMIZATION[kind]
        profile = etree.Element(cbc("ProfileID"), schemeAgencyID="CEN-BII", schemeVersionID=VERSION)
        profile.text = "4.1"
        ubl.addnext(customization)
        customization.addnext(profile)
        identifier = root.find(cbc("UUID"))
        if identifier is not None:
            identifier.set("schemeAgencyID", _AGENCY)
            identifier.set("schemeVersionID", VERSION)
        version = root.find(cbc("VersionID"))
        assert version is not None
        version.text = VERSION
        _set_attrs(version, {"schemeAgencyID": _AGENCY, "schemeVersionID": VERSION})
        type_code = etree.Element(cbc("QualificationApplicationTypeCode"))
        type_code.text = self.flavour
        _set_attrs(type_code, _list_attributes(_LISTS["QualificationApplicationTypeCode"]))
        anchor = root.find(cbc("ProcedureCode"))
        (anchor if anchor is not None else version).addnext(type_code)
        for local in _LISTS:
            if local == "QualificationApplicationTypeCode":
                continue
            for element in list(root.iter(cbc(local))):
                self._code(element, local)
        for lot in root.iterfind(f"{cac('ProcurementProjectLot')}/{cbc('ID')}"):
            _set_attrs(lot, {"schemeAgencyID": _AGENCY})

    # ------------------------------------------------------------ criteria
    def template_criteria(self) -> list[_E]:
        """The 2.1.1 criteria of the flavour whose 4.1.0 counterpart the response holds."""
        path = legacy_artefacts(VERSION).taxonomy(self.flavour)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=True)
        root = etree.parse(str(path), parser).getroot()
        codes = set(self.response.criterion_codes())
        chosen = []
        for element in root.iter(cac("TenderingCriterion")):
            mapping = self.table.criterion(
                text_of(element, "ID"), text_of(element, "CriterionTypeCode")
            )
            if mapping is not None and mapping.target in codes:
                chosen.append(copy.deepcopy(element))
        return chosen

    def answers(self, criteria: list[_E]) -> list[_E]:
        written: list[_E] = []
        for element in criteria:
            mapping = self.table.criterion(
                text_of(element, "ID"), text_of(element, "CriterionTypeCode")
            )
            if mapping is None:
                continue
            entries = self.table.slots(mapping)
            slots = criterion_slots(element, table_resolver(level_paths(list(entries)))).slots
            by_key = {slot.key: slot for slot in slots}
            answered: dict[str, list[Value]] = {}
            for slot in slots:
                entry = entries.get(slot.key)
                if slot.type_code != "QUESTION" or entry is None or entry.target is None:
                    continue
                values = []
                for answer in self.response.answers_for(entry.target):
                    value = self._back(answer, slot)
                    if value is not None:
                        values.append(value)
                        self.used.add(answer.id)
                if values:
                    answered[slot.key] = values
            self._complete(element, slots, answered)
            for key, values in answered.items():
                slot = by_key[key]
                written.append(self._response(slot.property_id, values[0]))
                for occurrence, value in enumerate(values[1:], start=1):
                    written.append(self._response(self._repeat(slot, occurrence), value))
        return written

    def _repeat(self, slot: Slot, occurrence: int) -> str:
        """The property ID of *slot* in the *occurrence*-th copy of its group.

        2.1.1 allows one answer per property (BR-TCR-01-03): a second turnover
        year is a second copy of the group, with its own property IDs.
        """
        group = slot.group_element
        copies = self.copies.setdefault(group, [group])
        while len(copies) <= occurrence:
            clone = copy.deepcopy(group)
            for sub in clone.findall(cac("SubsidiaryTenderingCriterionPropertyGroup")):
                clone.remove(sub)
            for ident in clone.iterfind(f"{cac('TenderingCriterionProperty')}/{cbc('ID')}"):
                ident.text = str(uuid.uuid4())
            copies[-1].addnext(clone)
            copies.append(clone)
        index = list(group.findall(cac("TenderingCriterionProperty"))).index(slot.element)
        return text_of(copies[occurrence].findall(cac("TenderingCriterionProperty"))[index], "ID")

    def _back(self, answer: Answer, slot: Slot) -> Value | None:
        value = answer.value
        unit = _QUANTITY_UNITS_211.get(slot.data_type)
        data_type = "QUANTITY" if unit else slot.data_type
        if isinstance(value, CodeValue) and slot.data_type == "CODE_COUNTRY":
            alpha2 = countries_alpha2().get(value.value, value.value)
            return CodeValue(value=alpha2, **_code_attrs("CountryCodeIdentifier"))
        try:
            fitted, note = fit(value, data_type)
        except ValueProblem as problem:
            self.report.add(
                Mismatch(
                    "answer_dropped",
                    "",
                    source_id=answer.property_id,
                    label=slot.description,
                    value=display(value),
                    target_id=slot.property_id,
                    reason=f"Valeur impossible à écrire en 2.1.1 : {problem}.",
                )
            )
            return None
        if unit and isinstance(fitted, QuantityValue):
            fitted = fitted.model_copy(update={"unit": unit})
        if note:
            self.report.add(
                Mismatch(
                    "answer_changed",
                    "",
                    source_id=answer.property_id,
                    label=slot.description,
                    value=display(value),
                    target_id=slot.property_id,
                    target_value=display(fitted),
                    reason=note,
                )
            )
        return fitted

    def _complete(self, criterion: _E, slots: list[Slot], answered: dict[str, list[Value]]) -> None:
        """Keep the yes/no branches consistent as the 2.1.1 rules check them (BR-TCR-06/07)."""
        indicator: dict[str, bool] = {}
        for slot in slots:
            values = answered.get(slot.key, [])
            if values and isinstance(values[0], IndicatorValue):
                indicator[slot.key] = values[0].value
        # Keyed by the elements themselves: holding them keeps lxml's proxies stable.
        group_values: dict[_E, set[bool]] = {}
        for slot in slots:
            if slot.key in indicator:
                group_values.setdefault(slot.group_element, set()).add(indicator[slot.key])
        for slot in slots:
            if slot.type_code != "QUESTION" or slot.group_type not in ("ONTRUE", "ONFALSE"):
                continue
            parent = slot.group_element.getparent()
            flags = group_values.get(parent, set()) if parent is not None else set()
            opening = slot.group_type == "ONTRUE"
            if (not opening) in flags and slot.key in answered:
                del answered[slot.key]  # a branch the 4.1.0 answers close
            elif opening in flags and slot.key not in answered:
                placeholder = placeholder_for(slot.data_type)
                self.report.add(
                    Mismatch(
                        "answer_missing",
                        "",
                        criterion=text_of(criterion, "CriterionTypeCode"),
                        label=slot.description,
                        target_id=slot.property_id,
                        target_value=display(placeholder) if placeholder else "",
                        reason="Question 2.1.1 sans équivalent en 4.1.0, obligatoire vu la réponse "
                        "précédente : à compléter"
                        + (" (valeur provisoire écrite)." if placeholder else "."),
                    )
                )
                if placeholder is not None:
                    answered[slot.key] = [placeholder]

    def _response(self, property_id: str, value: Value) -> _E:
        element = etree.Element(cac("TenderingCriterionResponse"))
        _sub(element, cbc("ID"), str(uuid.uuid4()), **_UUID_ATTRS)
        _sub(element, cbc("ValidatedCriterionPropertyID"), property_id, **_ID_ATTRS)
        if isinstance(value, PeriodValue):
            period = _sub(element, cac("ApplicablePeriod"))
            if value.start:
                _sub(period, cbc("StartDate"), value.start.isoformat())
            if value.end:
                _sub(period, cbc("EndDate"), value.end.isoformat())
            return element
        if isinstance(value, EvidenceRefValue):
            supplied = _sub(element, cac("EvidenceSupplied"))
            _sub(supplied, cbc("ID"), value.evidence_id, schemeAgencyID=_AGENCY)
            return element
        holder = _sub(element, cac("ResponseValue"))
        _sub(holder, cbc("ID"), str(uuid.uuid4()), **_UUID_ATTRS)
        _value_element(holder, value)
        return element

    def unexported(self) -> None:
        index = {p.id: (c, p) for c in self.response.criteria for p in c.iter_properties()}
        for answer in self.response.answers:
            if answer.id in self.used:
                continue
            criterion, prop = index.get(answer.property_id, (None, None))
            self.report.add(
                Mismatch(
                    "answer_dropped",
                    "",
                    source_id=answer.property_id,
                    criterion=criterion.code if criterion else "",
                    label=(prop.description or prop.name) if prop else "",
                    value=display(answer.value),
                    reason="Question 4.1.0 sans équivalent dans le modèle 2.1.1 "
                    f"{self.flavour} : réponse non exportée.",
                )
            )
        self.report.answers_in_source = len(self.response.answers)
        self.report.answers_carried = len(self.used)


def _code_attrs(name: str) -> dict[str, str | None]:
    attrs = _list_attributes(name)
    return {
        "list_id": attrs.get("listID"),
        "list_agency_id": attrs.get("listAgencyID"),
        "list_version_id": attrs.get("listVersionID"),
    }


def _value_element(holder: _E, value: Value) -> None:
    match value:
        case IndicatorValue(value=flag):
            _sub(holder, cbc("ResponseIndicator"), "true" if flag else "false")
        case DateValue(value=day):
            _sub(holder, cbc("ResponseDate"), day.isoformat())
        case TimeValue(value=text):
            _sub(holder, cbc("ResponseTime"), text)
        case TextValue(value=text):
            _sub(holder, cbc("Description"), text)
        case AmountValue(value=amount, currency=currency):
            _sub(holder, cbc("ResponseAmount"), format(amount, "f"), currencyID=currency)
        case NumericValue(value=number):
            _sub(holder, cbc("ResponseNumeric"), format(number, "f"))
        case QuantityValue(value=number, unit=unit):
            _sub(holder, cbc("ResponseQuantity"), format(number, "f"), unitCode=unit or "")
        case CodeValue():
            attrs = {
                "listID": value.list_id or "",
                "listAgencyID": value.list_agency_id or _AGENCY,
                "listVersionID": value.list_version_id or VERSION,
            }
            _sub(holder, cbc("ResponseCode"), value.value, **attrs)
        case UriValue(value=uri):
            _sub(holder, cbc("ResponseURI"), uri)
        case IdentifierValue(value=ident, scheme_id=scheme):
            _sub(holder, cbc("ResponseID"), ident, schemeID=scheme or "", schemeAgencyID=_AGENCY)
        case _:
            raise ValueError(f"unexpected value {value!r}")


def _request_criteria(request: bytes) -> tuple[list[_E], str | None]:
    tree = safe.parse_bytes(request, "demande 2.1.1")
    detected = detect(tree, "demande 2.1.1")
    if detected.family != "2" or detected.kind != "request":
        raise DocumentRefusedError(
            f"La demande de l'acheteur est au format {detected.label} ({detected.kind}) : "
            "une demande ESPD-EDM 2.1.1 est attendue pour répondre en 2.1.1."
        )
    criteria = [copy.deepcopy(e) for e in tree.getroot().findall(cac("TenderingCriterion"))]
    return criteria, detected.flavour


def _empty_copy(response: EspdDocument) -> EspdDocument:
    shell = response.model_copy(deep=True)
    shell.criteria = []
    shell.answers = []
    return shell


def export_2_1_1(
    response: EspdDocument, *, request: bytes | None = None, flavour: str | None = None
) -> Export211:
    """*response* (4.1.0) written as an ESPD-EDM 2.1.1 response, with what could not be."""
    if response.kind != "response":
        raise ValueError("only responses are written in 2.1.1")
    criteria: list[_E] | None = None
    if request is not None:
        criteria, request_flavour = _request_criteria(request)
        flavour = flavour or request_flavour
    chosen = (flavour or "EXTENDED").upper()
    if chosen not in ("BASIC", "EXTENDED"):
        chosen = "EXTENDED"
    writer = _Writer(response, chosen)
    if criteria is None:
        criteria = writer.template_criteria()
    root = build_tree(_empty_copy(response))
    writer.header(root)
    responses = writer.answers(criteria)
    anchor = next(
        (
            child
            for child in root
            if isinstance(child.tag, str)
            and etree.QName(child).localname in ("AdditionalDocumentReference", "Evidence")
        ),
        None,
    )
    for element in [*criteria, *responses]:
        if anchor is None:
            root.append(element)
        else:
            anchor.addprevious(element)
    writer.unexported()
    data = bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return Export211(data, writer.report)


def write_2_1_1(
    response: EspdDocument, *, request: bytes | Path | None = None, flavour: str | None = None
) -> bytes:
    """The 2.1.1 XML of *response*; see :func:`export_2_1_1` for what was left out."""
    data = request.read_bytes() if isinstance(request, Path) else request
    return export_2_1_1(response, request=data, flavour=flavour).data
