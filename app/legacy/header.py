"""Conversion step: the document part (procedure, parties, codes, lots).

The 2.x code lists (procedure type, operator role and size, alpha-2
countries ...) become their 4.1.0 counterparts through ``codes.csv`` and
``countries.json``; a code that changes meaning or has no counterpart is
reported, and kept verbatim when dropping it would lose the information.
"""

from __future__ import annotations

from app.espdxml.codelists import code_list
from app.legacy.context import Step
from app.legacy.tables import code
from app.legacy.values import country_alpha3
from app.models.document import NO_LOT_ID, Address, EconomicOperator, EspdDocument, Lot, Party
from app.models.values import IndicatorValue


class HeaderMapping(Step):
    def apply(self, document: EspdDocument) -> None:
        for name, text, reason in self.source.header_problems:
            self.note(
                "field_changed" if name == "IssueDate" else "field_dropped",
                f"//cbc:{name}",
                label=name,
                value=text,
                reason=f"{reason} : "
                + ("remplacée par la date du jour." if name == "IssueDate" else "non reprise."),
            )
        if not self.source.base.id:
            self.note(
                "field_changed",
                "/*/cbc:ID",
                label="ID",
                value="",
                target_value=document.id,
                reason="Document sans identifiant : un identifiant a été attribué.",
            )
        self._procedure(document)
        self._party_codes(document.buyer, "ContractingParty/Party")
        if not document.buyer.address.country:
            self.note(
                "field_missing",
                self._root_path("ContractingParty"),
                label="ContractingParty/Party/PostalAddress/Country",
                reason="Le pays de l'acheteur est obligatoire en 4.1.0 (BR-REQ-20-03).",
            )
        operator = document.economic_operator
        if operator is not None:
            self._party_codes(operator, "EconomicOperatorParty/Party")
            operator.role_code = self._code(
                "eo-role", "EoRoleType", operator.role_code, "EconomicOperatorRole/RoleCode"
            )
            operator.size_code = self._code(
                "eo-size",
                "EconomicOperatorSize",
                operator.size_code,
                "Party/IndustryClassificationCode",
            )
            for index, person in enumerate(operator.representatives, start=1):
                self._address(
                    person.address, f"PowerOfAttorney[{index}]/AgentParty/Person/ResidenceAddress"
                )
        elif document.kind == "response":
            # An empty operator keeps the document schema-valid, so the rules can
            # name each missing field (name, country ...).
            document.economic_operator = EconomicOperator(role_code="")
            self.note(
                "field_missing",
                "/*",
                label="EconomicOperatorParty",
                reason="La réponse ne décrit pas l'opérateur économique : à compléter.",
            )
        for evidence in document.evidences:
            evidence.confidentiality = self._code(
                "confidentiality",
                "AccessRight",
                evidence.confidentiality,
                f"Evidence[{evidence.id}]/ConfidentialityLevelCode",
            )
        for reference in list(document.references):
            if not reference.type_code:
                continue
            mapped = self._code(
                "doc-ref",
                "DocRefContentType",
                reference.type_code,
                f"AdditionalDocumentReference[{reference.id}]/DocumentTypeCode",
                keep_unknown=False,
            )
            reference.type_code = mapped

    def _procedure(self, document: EspdDocument) -> None:
        raw = document.procedure.procedure_code
        if not raw:
            if document.kind == "request":
                self.note(
                    "field_missing",
                    "/*/cbc:ProcedureCode",
                    label="ProcedureCode",
                    reason="Le type de procédure est obligatoire dans une demande 4.1.0 "
                    "(BR-SC-10) : à compléter.",
                )
            return
        mapping = code("procedure-type", raw)
        if mapping is not None and mapping.target:
            document.procedure.procedure_code = mapping.target
            if mapping.note:
                self.note(
                    "field_changed",
                    "/*/cbc:ProcedureCode",
                    label="ProcedureCode",
                    value=raw,
                    target_value=mapping.target,
                    reason=mapping.note,
                )
            return
        self.note(
            "field_changed",
            "/*/cbc:ProcedureCode",
            label="ProcedureCode",
            value=raw,
            target_value=raw,
            reason="Type de procédure sans équivalent dans la liste 4.1.0 "
            "(procurement-procedure-type) : conservé tel quel, à vérifier.",
        )

    def _code(
        self, table: str, gc_name: str, raw: str, label: str, *, keep_unknown: bool = True
    ) -> str:
        """*raw* as a code of the 4.1.0 list *gc_name*; a change or a miss is reported."""
        if not raw:
            return raw
        valid = code_list(gc_name).codes
        if raw in valid:
            return raw
        mapping = code(table, raw)
        if mapping is not None and mapping.target:
            if mapping.note:
                self.note(
                    "field_changed",
                    f"//{label}",
                    label=label,
                    value=raw,
                    target_value=mapping.target,
                    reason=mapping.note,
                )
            return mapping.target
        self.note(
            "field_changed" if keep_unknown else "field_dropped",
            f"//{label}",
            label=label,
            value=raw,
            target_value=raw if keep_unknown else "",
            reason=f"Code absent de la liste 4.1.0 {gc_name}"
            + (" : conservé tel quel, à corriger." if keep_unknown else " : non repris."),
        )
        return raw if keep_unknown else ""

    def _party_codes(self, party: Party, label: str) -> None:
        self._address(party.address, f"{label}/PostalAddress")
        valid = code_list("EOIDType").codes
        for identifier in party.identifiers:
            scheme = identifier.scheme_id
            if not scheme or scheme in valid:
                continue
            mapping = code("eoid-type", scheme)
            new_scheme = mapping.target if mapping is not None and mapping.target else None
            identifier.scheme_id = new_scheme
            if new_scheme is None:
                self.note(
                    "field_changed",
                    f"//{label}/PartyIdentification/ID",
                    label=f"{label}/PartyIdentification/ID/@schemeID",
                    value=scheme,
                    target_value="",
                    reason="Type d'identifiant absent de la liste 4.1.0 EOIDType : retiré "
                    f"(identifiant {identifier.value} conservé).",
                )

    def _address(self, address: Address, label: str) -> None:
        raw = address.country
        if not raw:
            return
        alpha3 = country_alpha3(raw)
        if alpha3 is None:
            self.note(
                "field_changed",
                f"//{label}/Country/IdentificationCode",
                label=f"{label}/Country",
                value=raw,
                target_value=raw,
                reason="Code pays inconnu : conservé tel quel, à corriger (code ISO alpha-3).",
            )
            return
        address.country = alpha3

    def lots(self, document: EspdDocument, wanted: str | None) -> None:
        base_lots = self.source.base.lots
        self.state.source_lots = [lot.id for lot in base_lots]
        if document.kind == "request":
            document.lots = [lot.model_copy() for lot in base_lots] or [Lot(id=NO_LOT_ID)]
            return
        ids = self.state.source_lots
        if wanted is not None and (wanted in ids or not ids):
            kept = wanted
        elif ids:
            kept = ids[0]
        else:
            kept = NO_LOT_ID
        if wanted is not None and kept != wanted:
            self.note(
                "document_note",
                "/*",
                value=wanted,
                reason=f"Le lot demandé « {wanted} » n'existe pas dans le document ; "
                f"la réponse est convertie pour le lot {kept}.",
            )
        title = next((lot.title for lot in base_lots if lot.id == kept), "")
        document.lots = [Lot(id=kept, title=title)]
        self.state.kept_lot = kept
        for other in ids:
            if other != kept:
                self.note(
                    "lot_dropped",
                    self._root_path("ProcurementProjectLot"),
                    value=other,
                    target_value=kept,
                    reason="Une réponse 4.1.0 couvre un seul lot (BR-LOT-10) : convertissez "
                    f"à nouveau pour le lot {other} si besoin.",
                )

    def operator_role(self, document: EspdDocument) -> None:
        """4.1.0 requires the operator's role (BR-RESP-10-02/03); 2.x Basic often omits it."""
        operator = document.economic_operator
        if operator is None or operator.role_code:
            return
        group = document.criterion("eo-group")
        together = None
        if group is not None and group.groups:
            indicator = group.groups[0].indicator()
            answers = document.answers_for(indicator.id) if indicator else []
            if answers and isinstance(answers[0].value, IndicatorValue):
                together = answers[0].value.value
        operator.role_code = "group-mem" if together else "sole-tenderer"
        self.note(
            "field_changed",
            "/*/cac:EconomicOperatorParty",
            label="EconomicOperatorRole/RoleCode",
            value="",
            target_value=operator.role_code,
            reason="Rôle de l'opérateur absent du document d'origine, obligatoire en 4.1.0 : "
            + (
                "« membre d'un groupement » déduit de la réponse au critère « groupement », "
                "précisez s'il s'agit du mandataire."
                if together
                else "« soumissionnaire seul » supposé, à vérifier."
            ),
        )
