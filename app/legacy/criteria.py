"""Conversion step: criteria and the buyer's requirement values.

Each source criterion becomes the 4.1.0 template its mapping names (the same
eCertis UUID, or the hand table for the "other" criteria); each buyer value
follows its property slot and is fitted to the 4.1.0 data type, on the lot
groups it was set for.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from app.espdxml.reader import EXPECTED_ELEMENTS
from app.espdxml.value_elements import ValueProblem, read_value
from app.legacy.context import TARGET_VERSION, Placed, Step
from app.legacy.source import SourceCriterion
from app.legacy.source import resolve_slots as _resolve_slots
from app.legacy.structure import Slot, identity_resolver, level_paths, table_resolver, text_of
from app.legacy.tables import CriterionMapping, PropertyMapping
from app.legacy.values import fit
from app.models.builder import fresh_criterion, lot_groups, scope_to_lots
from app.models.criteria import Criterion, CriterionProperty
from app.models.document import EspdDocument
from app.models.values import REQUIREMENT_CARRIER, CodeValue, Value, display

_E = etree._Element

#: Children of a criterion that the mapping reads (anything else is reported).
_CRITERION_CHILDREN = frozenset(
    {
        "ID",
        "CriterionTypeCode",
        "Name",
        "Description",
        "ProcurementProjectLotReference",
        "Legislation",
        "SubTenderingCriterion",
        "TenderingCriterionPropertyGroup",
    }
)


class CriteriaMapping(Step):
    def apply(self, document: EspdDocument) -> None:
        order = {c: i for i, c in enumerate(self.taxonomy.codes)}
        built: list[Criterion] = []
        for source in self.source.criteria:
            mapping = self.table.criterion(source.id, source.code)
            if mapping is None:
                # Unknown to the tables: walk it as it is, so its answers are named.
                slots = _resolve_slots(source, identity_resolver)
            else:
                keys = list(self.table.slots(mapping))
                slots = _resolve_slots(source, table_resolver(level_paths(keys)))
            for group in slots.unknown_groups:
                self._unknown_group(source, group)
            target_code = mapping.target if mapping else None
            if target_code is None or target_code not in self.taxonomy:
                self._drop_criterion(source, mapping)
                for slot in slots.slots:
                    self.state.placed[slot.property_id] = Placed(source, mapping, slot, None, None)
                continue
            self._extra_children(source)
            criterion = self.state.targets.get(target_code)
            if criterion is None:
                criterion = fresh_criterion(self.taxonomy, target_code)
                scope_to_lots(criterion, self._criterion_lots(document, source, criterion))
                self.state.targets[target_code] = criterion
                built.append(criterion)
            else:
                self.note(
                    "document_note",
                    self.source.path(source.element),
                    source_id=source.id,
                    criterion=source.code,
                    target_criterion=target_code,
                    reason="Critère présent plusieurs fois : ses réponses sont réunies.",
                )
            entries = self.table.slots(mapping) if mapping else {}
            for slot in slots.slots:
                entry = entries.get(slot.key)
                self.state.placed.setdefault(
                    slot.property_id, Placed(source, mapping, slot, entry, criterion)
                )
                if slot.type_code == "REQUIREMENT":
                    self._requirement(document, source, criterion, slot, entry)
        built.sort(key=lambda c: order.get(c.code, len(order)))
        document.criteria = built

    def _criterion_lots(
        self, document: EspdDocument, source: SourceCriterion, criterion: Criterion
    ) -> list[str]:
        lots = document.lot_ids()
        if criterion.family != "SC":
            return []
        if document.kind == "response":
            return lots
        # 2.x restricts a criterion to lots with LOT_IDENTIFIER requirements, 3.x+ with
        # lot references; either way the criterion applies to the lots named.
        named = [
            lot for lot in source.lot_refs + _lot_ids(source.element, deep=True) if lot in lots
        ]
        return list(dict.fromkeys(named)) or lots

    def _unknown_group(self, source: SourceCriterion, group: _E) -> None:
        path = self.source.path(group)
        holds_values = False
        for prop in group.iter():
            if isinstance(prop.tag, str) and etree.QName(prop).localname == (
                "TenderingCriterionProperty"
            ):
                self.state.unknown_group_properties[text_of(prop, "ID")] = path
                holds_values |= text_of(prop, "TypeCode") in ("QUESTION", "REQUIREMENT")
        if not holds_values:
            return  # captions only: nothing to lose
        self.note(
            "document_note",
            path,
            source_id=text_of(group, "ID"),
            criterion=source.code,
            reason="Groupe de questions inconnu de la taxonomie de cette version : "
            "ses valeurs sont signalées une à une.",
        )

    def _drop_criterion(self, source: SourceCriterion, mapping: CriterionMapping | None) -> None:
        reason = (
            mapping.note
            if mapping is not None and mapping.note
            else f"Critère inconnu de la taxonomie {self.source.detected.version} : "
            "sans équivalent en 4.1.0."
        )
        self.note(
            "criterion_dropped",
            self.source.path(source.element),
            source_id=source.id,
            criterion=source.code,
            label=source.name,
            reason=reason,
        )

    def _extra_children(self, source: SourceCriterion) -> None:
        for child in source.element:
            if not isinstance(child.tag, str):
                continue
            local = etree.QName(child).localname
            if local == "Legislation":
                title = text_of(child, "Title")
                if title and not title.startswith("["):
                    self.note(
                        "field_dropped",
                        self.source.path(child),
                        criterion=source.code,
                        label="Legislation",
                        value=title,
                        reason="La référence juridique est celle de la taxonomie 4.1.0 ; "
                        "celle du document n'est pas reprise.",
                    )
            elif local not in _CRITERION_CHILDREN:
                text = " ".join(" ".join(str(t) for t in child.itertext()).split())
                if text:
                    self.note(
                        "field_dropped",
                        self.source.path(child),
                        criterion=source.code,
                        label=local,
                        value=text,
                        reason="Élément de critère supprimé après la version 2 "
                        "(pondération, méthode d'évaluation ...).",
                    )

    def _requirement(
        self,
        document: EspdDocument,
        source: SourceCriterion,
        criterion: Criterion,
        slot: Slot,
        entry: PropertyMapping | None,
    ) -> None:
        expected = next(
            (
                child
                for child in slot.element
                if isinstance(child.tag, str) and etree.QName(child).localname in EXPECTED_ELEMENTS
            ),
            None,
        )
        if expected is None or (entry is not None and entry.role == "lot"):
            return
        lot_named = (
            text_of(slot.element, "ExpectedID") if slot.data_type == "LOT_IDENTIFIER" else ""
        )
        if lot_named and lot_named in document.lot_ids():
            return  # carried as the criterion's lot scope (see _criterion_lots)
        path = self.source.path(expected)
        common = {
            "source_id": slot.property_id,
            "criterion": source.code,
            "target_criterion": criterion.code,
            "label": slot.description,
        }
        if lot_named and lot_named in self.state.source_lots:
            self.note(
                "requirement_dropped",
                path,
                value=lot_named,
                reason="Exigence propre à un lot qui n'est pas celui de ce document converti.",
                **common,
            )
            return
        try:
            value = read_value(expected)
        except ValueProblem as problem:
            self.note(
                "value_unreadable",
                path,
                value=(expected.text or "").strip(),
                reason=f"Valeur de l'acheteur illisible : {problem}.",
                **common,
            )
            return
        if entry is None or entry.target is None:
            self.note(
                "requirement_dropped",
                path,
                value=display(value),
                reason="Exigence sans équivalent dans le critère 4.1.0.",
                **common,
            )
            return
        targets = list(
            self._target_properties(criterion, entry.target, self._slot_lots(document, slot))
        )
        if not targets:
            self.note(
                "requirement_dropped",
                path,
                value=display(value),
                reason="Exigence propre à un lot absent du document converti.",
                **common,
            )
            return
        data_type = targets[0].data_type
        try:
            fitted, note = fit(value, data_type, requirement=True)
        except ValueProblem as problem:
            self.note(
                "requirement_dropped",
                path,
                value=display(value),
                target_id=entry.target,
                reason=f"Valeur incompatible avec l'exigence 4.1.0 : {problem}.",
                **common,
            )
            return
        template = self.taxonomy.get(criterion.code).find_property(entry.target)
        for prop in targets:
            prop.expected = self._with_code_list(prop, fitted, template)
            prop.expected_element = REQUIREMENT_CARRIER[prop.data_type][1]
        self.report.requirements_carried += 1
        if note or entry.relation == "changed":
            self.note(
                "requirement_changed",
                path,
                value=display(value),
                target_id=entry.target,
                target_value=display(fitted),
                reason=note or "Le sens de l'exigence a changé en 4.1.0 : à vérifier.",
                **common,
            )

    @staticmethod
    def _with_code_list(
        prop: CriterionProperty, value: Value, template_prop: CriterionProperty | None
    ) -> Value:
        """A coded buyer value with the list attributes the 4.1.0 taxonomy gives the property."""
        if not isinstance(value, CodeValue):
            return value
        example = template_prop.expected if template_prop is not None else None
        template = example if isinstance(example, CodeValue) else None
        list_id = template.list_id if template else prop.code_list
        if list_id is None and prop.data_type == "CODE_BOOLEAN":
            list_id = "boolean-gui-control-type"
        if list_id is None:
            return CodeValue(value=value.value)
        local = not list_id.startswith("http")
        return CodeValue(
            value=value.value,
            list_id=list_id,
            list_agency_id=template.list_agency_id if template else "OP",
            list_version_id=(template.list_version_id if template else None)
            or (TARGET_VERSION if local else None),
        )

    def _slot_lots(self, document: EspdDocument, slot: Slot) -> list[str] | None:
        """The document lots a buyer value applies to (None: every lot).

        4.0.0 (and 2.1.1 Extended) name the lots of a requirement group with
        LOT_IDENTIFIER requirements.  When no group of the criterion names a
        lot of the document (a placeholder such as ``[LotID]``), the value
        applies to every lot.
        """
        node: _E | None = slot.element.getparent()
        named: list[str] = []
        criterion_element: _E | None = None
        while node is not None:
            if etree.QName(node).localname == "TenderingCriterion":
                criterion_element = node
                break
            named.extend(_lot_ids(node, deep=False))
            node = node.getparent()
        lots = set(document.lot_ids())
        if criterion_element is None or not lots & set(_lot_ids(criterion_element, deep=True)):
            return None
        return [lot for lot in named if lot in lots] if named else None

    @staticmethod
    def _target_properties(
        criterion: Criterion, property_id: str, lots: list[str] | None
    ) -> Iterator[CriterionProperty]:
        by_lot = lot_groups(criterion)
        lot_group_ids = {id(g) for g in by_lot.values()}
        for group in criterion.groups:
            if id(group) in lot_group_ids and lots is not None:
                lot = next(k for k, g in by_lot.items() if g is group)
                if lot not in lots:
                    continue
            for inner in group.iter_groups():
                for prop in inner.properties:
                    if prop.id == property_id:
                        yield prop


def _lot_ids(element: _E, *, deep: bool) -> list[str]:
    """Lots named by the LOT_IDENTIFIER requirements of *element* (or all its groups)."""
    candidates = element.iter() if deep else iter(element)
    found = []
    for prop in candidates:
        if (
            isinstance(prop.tag, str)
            and etree.QName(prop).localname == "TenderingCriterionProperty"
            and text_of(prop, "TypeCode") == "REQUIREMENT"
            and text_of(prop, "ValueDataTypeCode") == "LOT_IDENTIFIER"
            and text_of(prop, "ExpectedID")
        ):
            found.append(text_of(prop, "ExpectedID"))
    return found
