"""Build documents from the taxonomy: new requests, criteria scoped to lots, typed values.

Used by the buyer workspace, by ``dume new-request --spec`` and by the tests'
document generators, so every path produces the same, rule-valid structure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from app.errors import SpecError
from app.models.criteria import Criterion, PropertyGroup
from app.models.document import NO_LOT_ID, EspdDocument, Lot, PartyIdentifier, new_request
from app.models.taxonomy import Taxonomy
from app.models.values import (
    REQUIREMENT_CARRIER,
    AmountValue,
    CodeValue,
    IdentifierValue,
    NumericValue,
    PeriodValue,
    TextValue,
    UriValue,
    Value,
)

#: Requirement values the official taxonomy ships as examples; a new criterion
#: starts without them, except the GUI hints of CODE_BOOLEAN requirements.
_KEPT_EXAMPLE_TYPES = frozenset({"CODE_BOOLEAN"})


def _lot_group_index(criterion: Criterion) -> int | None:
    """The top-level group that starts with the LOT_IDENTIFIER requirement (RG1)."""
    for index, group in enumerate(criterion.groups):
        if group.properties and group.properties[0].data_type == "LOT_IDENTIFIER":
            return index
    return None


def _clear_examples(group: PropertyGroup) -> None:
    for prop in group.properties:
        if prop.is_requirement and prop.data_type not in _KEPT_EXAMPLE_TYPES:
            prop.expected = None
            prop.expected_element = None
    for sub in group.subgroups:
        _clear_examples(sub)


def fresh_criterion(taxonomy: Taxonomy, code: str) -> Criterion:
    """A copy of the template of *code* without the taxonomy's example values."""
    if code not in taxonomy:
        raise SpecError(f"Critère inconnu dans la taxonomie {taxonomy.version} : « {code} ».")
    criterion = taxonomy.instantiate(code)
    criterion.lot_refs = []
    for group in criterion.groups:
        _clear_examples(group)
    return criterion


def scope_to_lots(criterion: Criterion, lots: list[str]) -> None:
    """Apply a selection criterion to *lots*: one lot reference and one RG1 group per lot.

    Exclusion grounds never carry lots (BR-LOT-40); every selection criterion
    must (BR-LOT-41), and its RG1 group names the lot in a LOT_IDENTIFIER
    requirement, so a buyer can set a different threshold for each lot.
    """
    if criterion.family != "SC":
        criterion.lot_refs = []
        return
    lots = lots or [NO_LOT_ID]
    criterion.lot_refs = list(lots)
    index = _lot_group_index(criterion)
    if index is None:
        return
    existing = [g for g in criterion.groups if g.id == criterion.groups[index].id]
    template = existing[0]
    by_lot = {}
    for group in existing:
        expected = group.properties[0].expected
        if isinstance(expected, IdentifierValue):
            by_lot[expected.value] = group
    new_groups: list[PropertyGroup] = []
    for lot in lots:
        group = by_lot.get(lot) or template.model_copy(deep=True)
        lot_property = group.properties[0]
        lot_property.expected = IdentifierValue(value=lot, scheme_agency_id="OP")
        lot_property.expected_element = "ExpectedID"
        new_groups.append(group)
    others = [g for g in criterion.groups if g.id != template.id]
    criterion.groups = new_groups + others


def lot_groups(criterion: Criterion) -> dict[str, PropertyGroup]:
    """``{lot id: its RG1 group}`` of a selection criterion."""
    index = _lot_group_index(criterion)
    if index is None:
        return {}
    result = {}
    for group in criterion.groups:
        if group.id == criterion.groups[index].id:
            expected = group.properties[0].expected
            if isinstance(expected, IdentifierValue):
                result[expected.value] = group
    return result


def add_criterion(
    document: EspdDocument, taxonomy: Taxonomy, code: str, lots: Iterable[str] | None = None
) -> Criterion:
    existing = document.criterion(code)
    if existing is not None:
        return existing
    criterion = fresh_criterion(taxonomy, code)
    scope_to_lots(criterion, list(lots) if lots is not None else document.lot_ids())
    # Keep the taxonomy's order (exclusion grounds, then selection, then others).
    order = {c: i for i, c in enumerate(taxonomy.codes)}
    position = sum(1 for c in document.criteria if order.get(c.code, 0) < order[code])
    document.add_criterion(criterion, position)
    return criterion


def ensure_mandatory(document: EspdDocument, taxonomy: Taxonomy) -> list[str]:
    """Add the exclusion grounds every request must carry; return the codes added."""
    added = []
    for code in taxonomy.codes:
        if code in taxonomy.mandatory_codes and document.criterion(code) is None:
            add_criterion(document, taxonomy, code)
            added.append(code)
    return added


# ---------------------------------------------------------------- typed values
def _decimal(raw: Any, what: str) -> Decimal:
    try:
        return Decimal(str(raw))
    except InvalidOperation:
        raise SpecError(f"{what} : nombre attendu, reçu « {raw} ».") from None


def _date(raw: Any, what: str) -> dt.date | None:
    if raw in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(raw))
    except ValueError:
        raise SpecError(f"{what} : date AAAA-MM-JJ attendue, reçu « {raw} ».") from None


def requirement_value(
    data_type: str, raw: Any, what: str = "exigence", code_list: str | None = None
) -> Value:
    """Turn a JSON value (number, string, object) into the typed value of *data_type*.

    *code_list* is the listID of a coded requirement, as the taxonomy gives it.
    """
    if data_type not in REQUIREMENT_CARRIER:
        raise SpecError(f"{what} : le type {data_type} n'accepte pas de valeur de l'acheteur.")
    value_class = REQUIREMENT_CARRIER[data_type][0]
    if value_class is AmountValue:
        if isinstance(raw, Mapping):
            return AmountValue(
                value=_decimal(raw.get("amount", raw.get("value")), what),
                currency=str(raw.get("currency", "EUR")),
            )
        return AmountValue(value=_decimal(raw, what))
    if value_class is NumericValue:
        return NumericValue(value=_decimal(raw, what))
    if value_class is PeriodValue:
        if not isinstance(raw, Mapping):
            raise SpecError(f'{what} : période attendue sous la forme {{"start", "end"}}.')
        return PeriodValue(start=_date(raw.get("start"), what), end=_date(raw.get("end"), what))
    if value_class is CodeValue:
        list_id = code_list or ("boolean-gui-control-type" if data_type == "CODE_BOOLEAN" else None)
        local_list = list_id is not None and not list_id.startswith("http")
        return CodeValue(
            value=str(raw),
            list_id=list_id,
            list_agency_id="OP" if list_id else None,
            list_version_id="4.1.0" if local_list else None,
        )
    if value_class is IdentifierValue:
        return IdentifierValue(value=str(raw), scheme_agency_id="OP")
    if value_class is UriValue:
        return UriValue(value=str(raw))
    return TextValue(value=str(raw))


# ---------------------------------------------------------------- spec
def party_identifier(raw: str) -> PartyIdentifier:
    """The identifier as written in the XML: SIREN/SIRET as NATIONAL, VAT numbers as VAT."""
    compact = raw.replace(" ", "")
    if compact.isdigit() and len(compact) in (9, 14):  # SIREN or SIRET
        return PartyIdentifier(value=compact, scheme_id="NATIONAL", scheme_agency_id="INSEE")
    if len(compact) > 2 and compact[:2].isalpha():
        return PartyIdentifier(value=compact, scheme_id="VAT", scheme_agency_id="VIES")
    return PartyIdentifier(value=compact, scheme_agency_id="OP")


def request_from_spec(spec: Mapping[str, Any], taxonomy: Taxonomy) -> EspdDocument:
    """Build a request from a scripting spec (see README, « dume new-request »)."""
    if not isinstance(spec, Mapping):
        raise SpecError("La spécification doit être un objet JSON.")
    buyer = spec.get("buyer") or {}
    procedure = spec.get("procedure") or {}
    if not buyer.get("name"):
        raise SpecError("buyer.name est obligatoire.")
    if not buyer.get("country"):
        raise SpecError("buyer.country est obligatoire (code ISO alpha-3, par exemple FRA).")
    if len(str(buyer["country"])) != 3:
        raise SpecError(
            f"buyer.country doit être un code alpha-3 (FRA, BEL...), reçu « {buyer['country']} »."
        )
    document = new_request()
    document.buyer.name = str(buyer["name"])
    if buyer.get("identifier"):
        document.buyer.identifiers = [party_identifier(str(buyer["identifier"]))]
    document.buyer.address.country = str(buyer["country"]).upper()
    document.buyer.address.city = str(buyer.get("city", ""))
    document.buyer.contact.email = str(buyer.get("email", ""))
    document.procedure.reference = str(procedure.get("reference", "")) or document.id
    document.procedure.title = str(procedure.get("title", ""))
    document.procedure.description = str(procedure.get("description", ""))
    document.procedure.procedure_code = str(procedure.get("type", "open"))
    lots = spec.get("lots") or []
    for lot in lots:
        if isinstance(lot, Mapping):
            document.lots.append(Lot(id=str(lot["id"]), title=str(lot.get("title", ""))))
        else:
            document.lots.append(Lot(id=str(lot)))
    if not document.lots:
        document.lots.append(Lot(id=NO_LOT_ID))

    for entry in spec.get("criteria") or []:
        if isinstance(entry, str):
            entry = {"code": entry}
        code = str(entry.get("code", ""))
        lots_of = entry.get("lots")
        unknown_lots = [lot for lot in lots_of or [] if lot not in document.lot_ids()]
        if unknown_lots:
            raise SpecError(f"{code} : lot(s) inconnu(s) {', '.join(unknown_lots)}.")
        criterion = add_criterion(document, taxonomy, code, lots_of)
        for property_id, raw in (entry.get("requirements") or {}).items():
            prop = criterion.find_property(property_id)
            if prop is None or not prop.is_requirement:
                raise SpecError(f"{code} : « {property_id} » n'est pas une exigence de ce critère.")
            value = requirement_value(prop.data_type, raw, property_id, prop.code_list)
            document.set_requirement(property_id, value)
    ensure_mandatory(document, taxonomy)
    return document
