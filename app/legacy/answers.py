"""Conversion step: the answers of a response.

Each answer follows its property slot to the 4.1.0 question; its value is
fitted to the 4.1.0 data type.  Then the yes/no branches are made consistent
the way the 4.1.0 rules check them (BR-TCR-06/07): answers to a branch that
does not apply are dropped, a question a branch now requires is listed as to
complete (with a visible « À COMPLÉTER » value when asked and possible), and
evidence references must resolve (BR-TCR-09).
"""

from __future__ import annotations

import logging

from lxml import etree

from app.espdxml.value_elements import ValueProblem
from app.legacy.context import Collected, Placed, Step
from app.legacy.report import MismatchKind
from app.legacy.source import SourceAnswer
from app.legacy.values import fit
from app.models.criteria import Criterion, CriterionProperty, PropertyGroup
from app.models.document import EspdDocument
from app.models.values import (
    PLACEHOLDER_TEXT,
    CodeValue,
    EvidenceRefValue,
    IdentifierValue,
    IndicatorValue,
    PeriodValue,
    TextValue,
    Value,
    display,
)

log = logging.getLogger("dume.legacy")

_E = etree._Element


def placeholder_for(data_type: str) -> Value | None:
    """A value that visibly asks for completion, for the types that can hold one."""
    if data_type in ("DESCRIPTION", "CERTIFICATION_LEVEL_DESCRIPTION"):
        return TextValue(value=PLACEHOLDER_TEXT)
    if data_type in ("IDENTIFIER", "ECONOMIC_OPERATOR_IDENTIFIER", "QUAL_IDENTIFIER"):
        return IdentifierValue(value=PLACEHOLDER_TEXT, scheme_agency_id="OP")
    if data_type == "PERIOD":
        return PeriodValue()
    if data_type == "CODE":
        return CodeValue(value=PLACEHOLDER_TEXT)
    return None


class AnswerMapping(Step):
    def apply(self, document: EspdDocument) -> None:
        properties = document.property_index()
        repeatable = _repeatable_properties(document.criteria)
        collected: dict[str, list[Collected]] = {}
        self.report.answers_in_source = len(self.source.answers)
        for answer in self.source.answers:
            path = self.source.path(answer.element)
            placed = self.state.placed.get(answer.property_id)
            common = {"source_id": answer.property_id}
            if placed is not None:
                common.update(
                    criterion=placed.criterion.code,
                    target_criterion=placed.target.code if placed.target else "",
                    label=placed.slot.description,
                )
            for problem in answer.problems:
                self.note(
                    "value_unreadable",
                    path,
                    value=_carrier_text(answer.element),
                    reason=f"Réponse illisible : {problem}.",
                    **common,
                )
            if not answer.values:
                if not answer.problems:
                    self.note(
                        "answer_dropped", path, reason="Réponse sans valeur : ignorée.", **common
                    )
                continue
            values_text = " ; ".join(display(v) for v in answer.values)
            reason = self._answer_refusal(answer, placed)
            if reason is not None:
                kind: MismatchKind = (
                    "lot_dropped"
                    if answer.lot_ref and answer.lot_ref != self.state.kept_lot
                    else "answer_dropped"
                )
                self.note(kind, path, value=values_text, reason=reason, **common)
                continue
            assert placed is not None
            assert placed.entry is not None
            assert placed.target is not None
            self.state.answered_slots.add((placed.target.code, placed.slot.key))
            target_id = placed.entry.target
            assert target_id is not None
            prop = properties[target_id]
            for value in answer.values:
                try:
                    fitted, note = fit(value, prop.data_type)
                except ValueProblem as problem:
                    self.note(
                        "answer_dropped",
                        path,
                        value=display(value),
                        target_id=target_id,
                        reason=f"Valeur incompatible avec la question 4.1.0 : {problem}.",
                        **common,
                    )
                    continue
                collected.setdefault(target_id, []).append(Collected(fitted, answer, path))
                if note or placed.entry.relation == "changed":
                    self.note(
                        "answer_changed",
                        path,
                        value=display(value),
                        target_id=target_id,
                        target_value=display(fitted),
                        reason=note or "Le sens de la question a changé en 4.1.0 : à vérifier.",
                        **common,
                    )
        for target_id, items in collected.items():
            if len(items) > 1 and not repeatable.get(target_id, False):
                for extra in items[1:]:
                    self.note(
                        "repetition_dropped",
                        extra.path,
                        source_id=extra.source.property_id,
                        value=display(extra.value),
                        target_id=target_id,
                        target_value=display(items[0].value),
                        reason="La question 4.1.0 n'accepte qu'une réponse : "
                        "seule la première est reprise.",
                    )
                items = items[:1]
            criterion = self._criterion_of(document, target_id)
            lot_ref = self.state.kept_lot if criterion and criterion.family == "SC" else None
            document.set_answers(target_id, [i.value for i in items], lot_ref=lot_ref)
            for written, item in zip(document.answers_for(target_id), items, strict=True):
                self.state.origin[written.id] = item

    def _answer_refusal(self, answer: SourceAnswer, placed: Placed | None) -> str | None:
        """Why *answer* cannot be carried, or None when it can."""
        lot = answer.lot_ref
        if lot and lot != self.state.kept_lot and lot in self.state.source_lots:
            return f"Réponse propre au lot {lot}, non couvert par la réponse 4.1.0."
        if placed is None:
            if answer.property_id in self.state.unknown_group_properties:
                return "La question appartient à un groupe inconnu de la taxonomie."
            return (
                "La réponse vise une propriété absente des critères du document "
                f"(« {answer.property_id} »)."
            )
        if placed.target is None:
            mapping = placed.mapping
            return (
                mapping.note
                if mapping is not None and mapping.note
                else "Le critère de cette réponse n'a pas d'équivalent en 4.1.0."
            )
        if placed.entry is None:
            return "Question inconnue de la taxonomie de cette version."
        if placed.entry.target is None:
            if placed.slot.key.startswith("S:"):
                return "Sous-critère national : absent de la taxonomie 4.1.0."
            return "Question sans équivalent en 4.1.0."
        return None

    @staticmethod
    def _criterion_of(document: EspdDocument, property_id: str) -> Criterion | None:
        for criterion in document.criteria:
            if criterion.find_property(property_id) is not None:
                return criterion
        return None

    def implied(self, document: EspdDocument) -> None:
        for criterion in document.criteria:
            for row in self.table.implied(criterion.code):
                if (criterion.code, row.when_answered) not in self.state.answered_slots:
                    continue
                prop = criterion.find_property(row.target_property)
                if prop is None or document.answers_for(prop.id):
                    continue
                try:
                    value, _ = fit(TextValue(value=row.value), prop.data_type)
                except ValueProblem:
                    log.warning("implied answer %s: bad value %r", prop.id, row.value)
                    continue
                lot_ref = self.state.kept_lot if criterion.family == "SC" else None
                document.set_answers(prop.id, [value], lot_ref=lot_ref)
                self.note(
                    "answer_derived",
                    "",
                    target_criterion=criterion.code,
                    target_id=prop.id,
                    label=prop.description or prop.name,
                    target_value=display(value),
                    reason=row.note,
                )

    def branches(self, document: EspdDocument) -> None:
        for criterion in document.criteria:
            for group in criterion.groups:
                self._branch(document, criterion, group)

    def _indicator_values(self, document: EspdDocument, group: PropertyGroup) -> set[bool]:
        values = set()
        for prop in group.properties:
            for answer in document.answers_for(prop.id):
                if isinstance(answer.value, IndicatorValue):
                    values.add(answer.value.value)
        return values

    def _branch(self, document: EspdDocument, criterion: Criterion, group: PropertyGroup) -> None:
        for sub in group.subgroups:
            if sub.type_code in ("ONTRUE", "ONFALSE"):
                values = self._indicator_values(document, group)
                opening = sub.type_code == "ONTRUE"
                applies, excluded = (opening in values), ((not opening) in values)
                if excluded:
                    self._drop_branch(document, criterion, sub)
                    continue
                if applies:
                    for prop in sub.properties:
                        if prop.is_question and not document.answers_for(prop.id):
                            self._missing(document, criterion, prop)
            self._branch(document, criterion, sub)

    def _missing(
        self, document: EspdDocument, criterion: Criterion, prop: CriterionProperty
    ) -> None:
        """A question the 4.1.0 rules now require, without any source answer."""
        placeholder = placeholder_for(prop.data_type) if self.fill_required else None
        reason = (
            "Question 4.1.0 sans réponse dans le document source, obligatoire vu la réponse "
            "précédente (BR-TCR-06/07) : à compléter."
        )
        if placeholder is not None:
            lot_ref = self.state.kept_lot if criterion.family == "SC" else None
            document.set_answers(prop.id, [placeholder], lot_ref=lot_ref)
            reason += (
                " Une valeur provisoire « à compléter » a été écrite pour que le document reste "
                "conforme ; remplacez-la avant l'envoi."
            )
        self.note(
            "answer_missing",
            "",
            target_criterion=criterion.code,
            target_id=prop.id,
            label=prop.description or prop.name,
            target_value=display(placeholder) if placeholder is not None else "",
            reason=reason,
        )

    def _drop_branch(
        self, document: EspdDocument, criterion: Criterion, sub: PropertyGroup
    ) -> None:
        ids = {p.id for g in sub.iter_groups() for p in g.properties}
        kept = []
        for answer in document.answers:
            if answer.property_id not in ids:
                kept.append(answer)
                continue
            origin = self.state.origin.get(answer.id)
            self.note(
                "branch_dropped",
                origin.path if origin else "",
                source_id=origin.source.property_id if origin else "",
                target_criterion=criterion.code,
                target_id=answer.property_id,
                value=display(answer.value),
                reason="Réponse à une branche qui ne s'applique pas vu la réponse oui/non "
                "qui la commande (BR-TCR-06/07) : non reprise.",
            )
        document.answers = kept

    def evidence_links(self, document: EspdDocument) -> None:
        known = {e.id for e in document.evidences}
        kept = []
        for answer in document.answers:
            value = answer.value
            if isinstance(value, EvidenceRefValue) and value.evidence_id not in known:
                origin = self.state.origin.get(answer.id)
                self.note(
                    "answer_dropped",
                    origin.path if origin else "",
                    target_id=answer.property_id,
                    value=display(value),
                    reason="La preuve référencée n'est pas décrite dans le document "
                    "(BR-TCR-09) : référence non reprise.",
                )
                continue
            kept.append(answer)
        document.answers = kept


def _carrier_text(element: _E) -> str:
    return " ".join(" ".join(str(t) for t in element.itertext()).split())[:200]


def _repeatable_properties(criteria: list[Criterion]) -> dict[str, bool]:
    """Property ID -> may it take several answers (a repeatable question group above it)."""
    result: dict[str, bool] = {}

    def walk(group: PropertyGroup, inherited: bool) -> None:
        last = group.id.rsplit("/", 1)[-1]
        repeat = inherited or (last.startswith("Q") and group.repeatable)
        for prop in group.properties:
            result[prop.id] = result.get(prop.id, False) or repeat or prop.cardinality.endswith("n")
        for sub in group.subgroups:
            walk(sub, repeat)

    for criterion in criteria:
        for group in criterion.groups:
            walk(group, False)
    return result
