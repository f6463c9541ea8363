"""ESPD request and response documents.

:class:`EspdDocument` is the one model for both kinds: a request carries the
buyer, the procedure, the lots and the selected criteria with their
requirement values; a response adds the economic operator, the answers (a flat
list, as in the XML) and the evidences.  Mutations that views need to follow go
through the methods below, which emit :class:`~app.models.events.Change`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, Field, PrivateAttr

from app.models.criteria import Criterion, CriterionProperty
from app.models.events import Change, EventBus
from app.models.values import QUANTITY_UNITS, REQUIREMENT_CARRIER, QuantityValue, Value

DocumentKind = Literal["request", "response"]

#: Bumped when the JSON layout of the model changes (the store migrates old drafts).
MODEL_VERSION = 1

NO_LOT_ID = "LOT-0000"


class Address(BaseModel):
    street: str = ""
    city: str = ""
    postal_zone: str = ""
    country: str = ""  # ISO 3166 alpha-3 (BEL, FRA ...)


class Contact(BaseModel):
    name: str = ""
    telephone: str = ""
    fax: str = ""
    email: str = ""


class PartyIdentifier(BaseModel):
    value: str
    #: VAT, NATIONAL, LEI, DUNS, BRIS for operators (EOIDType); free for buyers
    scheme_id: str | None = None
    scheme_agency_id: str | None = None


class Party(BaseModel):
    name: str = ""
    identifiers: list[PartyIdentifier] = Field(default_factory=list)
    website: str = ""
    address: Address = Field(default_factory=Address)
    contact: Contact = Field(default_factory=Contact)


class Representative(BaseModel):
    first_name: str = ""
    family_name: str = ""
    birth_date: dt.date | None = None
    birthplace: str = ""
    role: str = ""
    powers: str = ""  # PowerOfAttorney/Description: the scope of the representation
    contact: Contact = Field(default_factory=Contact)
    address: Address = Field(default_factory=Address)


class EconomicOperator(Party):
    role_code: str = "sole-tenderer"  # eo-role-type
    size_code: str = ""  # economic-operator-size: micro, small, medium, sme, large
    representatives: list[Representative] = Field(default_factory=list)


class Procedure(BaseModel):
    reference: str = ""  # cbc:ContractFolderID
    title: str = ""  # ProcurementProject/cbc:Name
    description: str = ""  # ProcurementProject/cbc:Description
    procedure_code: str = "open"  # procurement-procedure-type


class Lot(BaseModel):
    id: str
    title: str = ""


class Answer(BaseModel):
    """One ``TenderingCriterionResponse``."""

    id: str
    property_id: str  # ValidatedCriterionPropertyID
    value: Value
    lot_ref: str | None = None


class Evidence(BaseModel):
    id: str
    confidentiality: str = "CONFIDENTIAL"  # access-right code
    document_id: str = ""
    uri: str = ""
    description: str = ""
    issuer_id: str = ""
    issuer_name: str = ""


class DocumentReference(BaseModel):
    """An ``AdditionalDocumentReference`` (TED notice, the ESPD request answered ...)."""

    id: str
    type_code: str = ""
    description: str = ""


class EspdDocument(BaseModel):
    kind: DocumentKind
    model_version: int = MODEL_VERSION
    #: the ESPD-EDM version the document was read from (written documents are 4.1.0)
    source_version: str = "4.1.0"
    id: str = Field(default_factory=lambda: f"ESPD-{uuid.uuid4()}")
    uuid: str = Field(default_factory=lambda: str(uuid.uuid4()))
    issue_date: dt.date = Field(default_factory=dt.date.today)
    issue_time: str | None = None
    version_id: str = "4.1.0"
    procedure: Procedure = Field(default_factory=Procedure)
    buyer: Party = Field(default_factory=Party)
    buyer_profile_uri: str = ""
    economic_operator: EconomicOperator | None = None
    group_name: str = ""  # EconomicOperatorGroupName
    lots: list[Lot] = Field(default_factory=list)
    criteria: list[Criterion] = Field(default_factory=list)
    answers: list[Answer] = Field(default_factory=list)
    evidences: list[Evidence] = Field(default_factory=list)
    references: list[DocumentReference] = Field(default_factory=list)
    #: root elements the reader met but does not model; reported, never dropped silently
    unmapped_elements: list[str] = Field(default_factory=list)
    #: for a document converted from an older ESPD-EDM version: the mismatch report
    #: (JSON of app.legacy.MismatchReport); kept with the draft, never written to the XML
    conversion_report: dict[str, Any] | None = None
    #: for a converted document: the original file, base64, so a response can be
    #: written back in the buyer's own version (never written to the 4.1.0 XML)
    original_xml: str | None = None

    _events: EventBus = PrivateAttr(default_factory=EventBus)

    # ------------------------------------------------------------ queries
    @property
    def events(self) -> EventBus:
        return self._events

    def display_title(self) -> str:
        return self.procedure.title or self.procedure.reference or self.id

    def criterion(self, code: str) -> Criterion | None:
        for criterion in self.criteria:
            if criterion.code == code:
                return criterion
        return None

    def criterion_codes(self) -> list[str]:
        return [c.code for c in self.criteria]

    def lot_ids(self) -> list[str]:
        return [lot.id for lot in self.lots]

    def property_index(self) -> dict[str, CriterionProperty]:
        return {p.id: p for c in self.criteria for p in c.iter_properties()}

    def answers_for(self, property_id: str) -> list[Answer]:
        return [a for a in self.answers if a.property_id == property_id]

    def evidence(self, evidence_id: str) -> Evidence | None:
        for item in self.evidences:
            if item.id == evidence_id:
                return item
        return None

    # ------------------------------------------------------------ mutations
    def _changed(self, path: str, old: Any, new: Any) -> None:
        self._events.emit(Change(path, old, new))

    def set_field(self, path: str, value: Any) -> None:
        """Set a dotted field such as ``buyer.address.city`` or ``procedure.title``."""
        *parents, leaf = path.split(".")
        target: Any = self
        for part in parents:
            target = getattr(target, part)
        old = getattr(target, leaf)
        if old == value:
            return
        setattr(target, leaf, value)
        self._changed(path, old, value)

    def next_lot_id(self) -> str:
        used = {lot.id for lot in self.lots}
        number = 1
        while f"LOT-{number:04d}" in used:
            number += 1
        return f"LOT-{number:04d}"

    def add_lot(self, title: str = "", lot_id: str | None = None, index: int | None = None) -> Lot:
        lot = Lot(id=lot_id or self.next_lot_id(), title=title)
        position = len(self.lots) if index is None else index
        self.lots.insert(position, lot)
        self._changed("lots", None, lot.id)
        return lot

    def remove_lot(self, lot_id: str) -> Lot:
        lot = next(lot for lot in self.lots if lot.id == lot_id)
        self.lots.remove(lot)
        for criterion in self.criteria:
            if lot_id in criterion.lot_refs:
                criterion.lot_refs.remove(lot_id)
        self._changed("lots", lot_id, None)
        return lot

    def rename_lot(self, lot_id: str, title: str) -> None:
        lot = next(lot for lot in self.lots if lot.id == lot_id)
        old, lot.title = lot.title, title
        self._changed(f"lots/{lot_id}", old, title)

    def move_lot(self, lot_id: str, new_index: int) -> None:
        lot = next(lot for lot in self.lots if lot.id == lot_id)
        old_index = self.lots.index(lot)
        self.lots.pop(old_index)
        self.lots.insert(new_index, lot)
        self._changed("lots", old_index, new_index)

    def add_criterion(self, criterion: Criterion, index: int | None = None) -> None:
        if self.criterion(criterion.code) is not None:
            return
        position = len(self.criteria) if index is None else index
        self.criteria.insert(position, criterion)
        self._changed(f"criteria/{criterion.code}", None, criterion.code)

    def remove_criterion(self, code: str) -> Criterion:
        criterion = self.criterion(code)
        if criterion is None:
            raise KeyError(code)
        self.criteria.remove(criterion)
        property_ids = {p.id for p in criterion.iter_properties()}
        self.answers = [a for a in self.answers if a.property_id not in property_ids]
        self._changed(f"criteria/{code}", code, None)
        return criterion

    def set_requirement(self, property_id: str, value: Value | None) -> None:
        """Set the buyer's value of a REQUIREMENT property (all its occurrences)."""
        found = False
        for criterion in self.criteria:
            for prop in criterion.iter_properties():
                if prop.id == property_id:
                    found = True
                    prop.expected = value
                    carrier = REQUIREMENT_CARRIER.get(prop.data_type)
                    prop.expected_element = carrier[1] if value is not None and carrier else None
        if not found:
            raise KeyError(property_id)
        self._changed(f"requirements/{property_id}", None, value)

    def set_answers(
        self, property_id: str, values: Iterable[Value], lot_ref: str | None = None
    ) -> None:
        """Replace the answers to one question (several values for a repeated group)."""
        old = self.answers_for(property_id)
        kept = [a for a in self.answers if a.property_id != property_id]
        values = [self._with_default_unit(property_id, value) for value in values]
        new = [
            Answer(id=f"{property_id}/R{n}", property_id=property_id, value=value, lot_ref=lot_ref)
            for n, value in enumerate(values, start=1)
        ]
        self.answers = kept + new
        self._changed(f"answers/{property_id}", old, new)

    def _with_default_unit(self, property_id: str, value: Value) -> Value:
        """Give a quantity the unit its data type implies, as the XML will carry it."""
        if not isinstance(value, QuantityValue) or value.unit is not None:
            return value
        prop = self.property_index().get(property_id)
        unit = QUANTITY_UNITS.get(prop.data_type) if prop else None
        return value.model_copy(update={"unit": unit}) if unit else value

    # ------------------------------------------------------------ copies
    def clone(self) -> EspdDocument:
        """A deep copy with its own event bus (undo snapshots, duplicates)."""
        return self.model_copy(deep=True)


def new_request() -> EspdDocument:
    return EspdDocument(kind="request", id=f"ESPDREQ-{uuid.uuid4()}")
