"""The criterion tree: criterion -> property groups -> properties (recursive).

The same classes hold the official taxonomy (the templates) and the criteria
of a document (a deep copy of a template, with the buyer's requirement values
set), so a document keeps every official ID and structure the rules check.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

from pydantic import BaseModel, Field

from app.models.values import Value

CriterionFamily = Literal["EG", "SC", "OT"]


class CriterionProperty(BaseModel):
    id: str
    name: str = ""
    description: str = ""
    type_code: str  # QUESTION, REQUIREMENT or CAPTION
    data_type: str  # ValueDataTypeCode
    expected: Value | None = None
    #: the element that holds :attr:`expected` (ExpectedID, MinimumAmount ...), kept for round trips
    expected_element: str | None = None
    #: the listID the taxonomy gives the buyer's code (financial-ratio-type, occupation ...)
    code_list: str | None = None
    #: from the official spreadsheet: "1", "0..1", "1..n", "0..n"
    cardinality: str = "1"

    @property
    def is_question(self) -> bool:
        return self.type_code == "QUESTION"

    @property
    def is_requirement(self) -> bool:
        return self.type_code == "REQUIREMENT"


class PropertyGroup(BaseModel):
    id: str
    type_code: str  # ON*, ONTRUE, ONFALSE (and three C36 quirks, kept verbatim)
    properties: list[CriterionProperty] = Field(default_factory=list)
    subgroups: list[PropertyGroup] = Field(default_factory=list)
    cardinality: str = "1"

    @property
    def repeatable(self) -> bool:
        return self.cardinality.endswith("n")

    @property
    def optional(self) -> bool:
        return self.cardinality.startswith("0")

    def iter_groups(self) -> Iterator[PropertyGroup]:
        yield self
        for sub in self.subgroups:
            yield from sub.iter_groups()

    def indicator(self) -> CriterionProperty | None:
        """The INDICATOR question whose answer drives ONTRUE/ONFALSE subgroups."""
        for prop in self.properties:
            if prop.is_question and prop.data_type == "INDICATOR":
                return prop
        return None


class Legislation(BaseModel):
    id: str | None = None
    title: str = ""
    description: str = ""
    jurisdiction_level: str = ""
    article: str = ""
    uri: str = ""
    language: str = ""


class Criterion(BaseModel):
    id: str  # eCertis UUID (EG/SC) or path id (OT)
    code: str  # CriterionTypeCode, e.g. crime-org
    name: str = ""
    description: str = ""
    lot_refs: list[str] = Field(default_factory=list)
    legislation: list[Legislation] = Field(default_factory=list)
    groups: list[PropertyGroup] = Field(default_factory=list)

    @property
    def path_id(self) -> str:
        """The taxonomy path prefix, e.g. ``C29_SC_gen-year-to``."""
        for group in self.groups:
            return group.id.split("/", 1)[0]
        return ""

    @property
    def family(self) -> CriterionFamily:
        parts = self.path_id.split("_")
        family = parts[1] if len(parts) > 1 else "OT"
        if family == "EG":
            return "EG"
        if family == "SC":
            return "SC"
        return "OT"

    def iter_groups(self) -> Iterator[PropertyGroup]:
        for group in self.groups:
            yield from group.iter_groups()

    def iter_properties(self) -> Iterator[CriterionProperty]:
        for group in self.iter_groups():
            yield from group.properties

    def questions(self) -> list[CriterionProperty]:
        return [p for p in self.iter_properties() if p.is_question]

    def requirements(self) -> list[CriterionProperty]:
        return [p for p in self.iter_properties() if p.is_requirement]

    def find_property(self, property_id: str) -> CriterionProperty | None:
        for prop in self.iter_properties():
            if prop.id == property_id:
                return prop
        return None
