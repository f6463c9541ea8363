"""Every edit of a document is an :class:`Operation` that knows how to undo itself.

The UI wraps each operation in one generic undo command, so undo/redo, autosave
and screen refreshes all go through this single pipeline.  ``apply`` performs the
change and returns the inverse operation.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any

from app.models.builder import add_criterion, scope_to_lots
from app.models.criteria import Criterion
from app.models.document import EspdDocument
from app.models.events import Change
from app.models.taxonomy import Taxonomy
from app.models.values import Value


class Operation(ABC):
    #: shown in the Edit menu: "Annuler : <label>"
    label: str = ""

    @abstractmethod
    def apply(self, document: EspdDocument) -> Operation:
        """Do the change; return the operation that undoes it."""

    def merge_key(self) -> str | None:
        """Successive operations with the same key merge into one undo step (typing)."""
        return None


@dataclass
class SetField(Operation):
    path: str
    value: Any
    label: str = "Modifier un champ"

    def apply(self, document: EspdDocument) -> Operation:
        *parents, leaf = self.path.split(".")
        target: Any = document
        for part in parents:
            target = getattr(target, part)
        old = getattr(target, leaf)
        document.set_field(self.path, self.value)
        return SetField(self.path, old, self.label)

    def merge_key(self) -> str | None:
        return f"field:{self.path}"


@dataclass
class SetBuyerIdentifier(Operation):
    value: str
    label: str = "Modifier l'identifiant de l'acheteur"

    def apply(self, document: EspdDocument) -> Operation:
        from app.models.builder import party_identifier

        old = document.buyer.identifiers[0].value if document.buyer.identifiers else ""
        document.buyer.identifiers = [party_identifier(self.value)] if self.value.strip() else []
        document.events.emit(Change("buyer.identifier", old, self.value))
        return SetBuyerIdentifier(old, self.label)

    def merge_key(self) -> str | None:
        return "field:buyer.identifier"


@dataclass
class AddLot(Operation):
    title: str = ""
    lot_id: str | None = None
    index: int | None = None
    #: selection criteria that applied to the lot when it was removed (for undo)
    criteria_codes: list[str] = field(default_factory=list)
    label: str = "Ajouter un lot"

    def apply(self, document: EspdDocument) -> Operation:
        lot = document.add_lot(self.title, self.lot_id, self.index)
        for code in self.criteria_codes:
            criterion = document.criterion(code)
            if criterion is not None and lot.id not in criterion.lot_refs:
                scope_to_lots(criterion, [*criterion.lot_refs, lot.id])
        return RemoveLot(lot.id, label=self.label)


@dataclass
class RemoveLot(Operation):
    lot_id: str
    label: str = "Supprimer un lot"

    def apply(self, document: EspdDocument) -> Operation:
        index = document.lot_ids().index(self.lot_id)
        codes = [c.code for c in document.criteria if self.lot_id in c.lot_refs]
        lot = document.remove_lot(self.lot_id)
        for code in codes:
            criterion = document.criterion(code)
            if criterion is not None:
                scope_to_lots(criterion, criterion.lot_refs)
        return AddLot(lot.title, lot.id, index, codes, label=self.label)


@dataclass
class RenameLot(Operation):
    lot_id: str
    title: str
    label: str = "Renommer un lot"

    def apply(self, document: EspdDocument) -> Operation:
        old = next(lot.title for lot in document.lots if lot.id == self.lot_id)
        document.rename_lot(self.lot_id, self.title)
        return RenameLot(self.lot_id, old, self.label)

    def merge_key(self) -> str | None:
        return f"lot-title:{self.lot_id}"


@dataclass
class MoveLot(Operation):
    lot_id: str
    index: int
    label: str = "Déplacer un lot"

    def apply(self, document: EspdDocument) -> Operation:
        old = document.lot_ids().index(self.lot_id)
        document.move_lot(self.lot_id, self.index)
        return MoveLot(self.lot_id, old, self.label)


@dataclass
class AddCriterion(Operation):
    taxonomy: Taxonomy
    code: str
    lots: list[str] | None = None
    #: a criterion removed earlier, restored as it was (for undo)
    restored: Criterion | None = None
    index: int | None = None
    label: str = "Ajouter un critère"

    def apply(self, document: EspdDocument) -> Operation:
        if self.restored is not None:
            document.add_criterion(self.restored.model_copy(deep=True), self.index)
        else:
            add_criterion(document, self.taxonomy, self.code, self.lots)
        return RemoveCriterion(self.taxonomy, self.code, label=self.label)


@dataclass
class RemoveCriterion(Operation):
    taxonomy: Taxonomy
    code: str
    label: str = "Retirer un critère"

    def apply(self, document: EspdDocument) -> Operation:
        index = document.criterion_codes().index(self.code)
        removed = document.remove_criterion(self.code)
        return AddCriterion(
            self.taxonomy, self.code, restored=removed, index=index, label=self.label
        )


@dataclass
class ScopeCriterion(Operation):
    """Restrict a selection criterion to some lots."""

    code: str
    lots: list[str]
    label: str = "Modifier les lots d'un critère"

    def apply(self, document: EspdDocument) -> Operation:
        criterion = document.criterion(self.code)
        if criterion is None:
            raise KeyError(self.code)
        old = list(criterion.lot_refs)
        scope_to_lots(criterion, self.lots)
        document.events.emit(Change(f"criteria/{self.code}/lots", old, list(self.lots)))
        return ScopeCriterion(self.code, old, self.label)


@dataclass
class SetRequirement(Operation):
    property_id: str
    value: Value | None
    label: str = "Modifier une exigence"

    def apply(self, document: EspdDocument) -> Operation:
        old = document.property_index()[self.property_id].expected
        document.set_requirement(self.property_id, self.value)
        return SetRequirement(self.property_id, old, self.label)

    def merge_key(self) -> str | None:
        return f"requirement:{self.property_id}"


@dataclass
class Batch(Operation):
    """Several operations as one undo step (presets)."""

    operations: list[Operation]
    label: str = "Modifications"

    def apply(self, document: EspdDocument) -> Operation:
        inverses = [operation.apply(document) for operation in self.operations]
        return Batch(list(reversed(inverses)), self.label)
