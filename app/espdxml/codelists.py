"""Genericode (.gc) code lists: the values offered to users and the list attributes.

The business rules compare ``listID`` / ``listVersionID`` literally with the
bundled lists, so the writer takes them from the ``.gc`` headers instead of
hard-coding them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from lxml import etree

from espd_schemas import ArtefactSet, locate

#: Which list governs which coded element, as the official CVA file says.
ELEMENT_LISTS = {
    "Country": "Country",
    "ConfidentialityLevelCode": "AccessRight",
    "TypeCode": "CriterionElementType",
    "DocumentTypeCode": "DocRefContentType",
    "IndustryClassificationCode": "EconomicOperatorSize",
    "RoleCode": "EoRoleType",
    "PropertyGroupTypeCode": "PropertyGroupType",
    "ValueDataTypeCode": "ResponseDataType",
    "CriterionTypeCode": "Criterion",
    "LocaleCode": "Language",
    "Currency": "Currency",
    "BooleanGUIControl": "BooleanGUIControlType",
    "FinancialRatio": "FinancialRatioType",
    "EOIDType": "EOIDType",
}

#: Every list attribute set is written with the agency "OP": the 4.1.0 rules
#: demand it even for the lists whose header names TED-OP-ESPD.
LIST_AGENCY = "OP"

#: procurement-procedure-type (EU Vocabularies) has no .gc in the ESPD-EDM
#: release; these attributes match the official examples.
PROCEDURE_LIST = {
    "listID": "http://publications.europa.eu/resource/authority/procurement-procedure-type",
    "listAgencyID": LIST_AGENCY,
    "listVersionID": "20250924-0",
}


@dataclass(frozen=True)
class CodeList:
    short_name: str
    list_id: str
    version: str
    #: code -> {language (eng, fra ...): label}
    labels: dict[str, dict[str, str]] = field(repr=False)

    @property
    def codes(self) -> list[str]:
        return list(self.labels)

    def attributes(self) -> dict[str, str]:
        return {"listID": self.list_id, "listAgencyID": LIST_AGENCY, "listVersionID": self.version}

    def label(self, code: str, language: str = "fra") -> str:
        names = self.labels.get(code, {})
        return names.get(language) or names.get("eng") or names.get("Name") or code


def _parse(path: Path) -> CodeList:
    root = etree.parse(
        str(path), etree.XMLParser(resolve_entities=False, no_network=True)
    ).getroot()
    ident = root.find("Identification")
    if ident is None:
        raise ValueError(f"{path.name}: no Identification block")
    short_name = ident.findtext("ShortName") or path.stem
    list_id = ident.findtext("LongName[@Identifier='listId']") or short_name
    version = ident.findtext("Version") or ""
    labels: dict[str, dict[str, str]] = {}
    for row in root.iter("Row"):
        values: dict[str, str] = {}
        for value in row.iter("Value"):
            column = value.get("ColumnRef") or ""
            text = value.findtext("SimpleValue") or ""
            if column.endswith("_label"):
                column = column.removesuffix("_label")
            values[column] = text
        code = values.pop("code", "")
        if code:
            if "Name" in values and "eng" not in values:
                values["eng"] = values["Name"]
            labels[code] = values
    return CodeList(short_name, list_id, version, labels)


@cache
def _load(path: str) -> CodeList:
    return _parse(Path(path))


def code_list(name: str, artefacts: ArtefactSet | None = None) -> CodeList:
    """The code list *name* (file stem, e.g. ``Country``), parsed once per process."""
    artefacts = artefacts or locate()
    return _load(str(artefacts.codelist(name)))


def element_attributes(element: str, artefacts: ArtefactSet | None = None) -> dict[str, str]:
    """The list attributes to write on the coded element named *element*."""
    return code_list(ELEMENT_LISTS[element], artefacts).attributes()
