"""Quick checks run while the user types: required fields, formats, identifiers.

They are cheap (well under a millisecond per field), unlike the official rules
which run on demand in a background task.  Each finding names the field it
concerns, so the UI can jump to it.
"""

from __future__ import annotations

import re

from app.models.document import EspdDocument
from app.models.identifiers import check_identifier
from app.validation.findings import Finding

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _missing(subject: str, label: str) -> Finding:
    return Finding(
        "error", "CHECK-REQUIRED", f"{label} : champ obligatoire.", subject=subject, source="check"
    )


def check_request(document: EspdDocument) -> list[Finding]:
    findings: list[Finding] = []
    buyer = document.buyer
    if not buyer.name.strip():
        findings.append(_missing("buyer.name", "Nom de l'acheteur"))
    if not buyer.address.country.strip():
        findings.append(_missing("buyer.address.country", "Pays de l'acheteur"))
    elif len(buyer.address.country) != 3:
        findings.append(
            Finding(
                "error",
                "CHECK-COUNTRY",
                "Le pays doit être un code ISO à trois lettres (FRA).",
                subject="buyer.address.country",
                source="check",
            )
        )
    for identifier in buyer.identifiers:
        result = check_identifier(identifier.value)
        if not result.valid:
            findings.append(
                Finding(
                    "error",
                    "CHECK-IDENTIFIER",
                    result.message,
                    subject="buyer.identifier",
                    source="check",
                )
            )
    if buyer.contact.email and not _EMAIL.match(buyer.contact.email):
        findings.append(
            Finding(
                "error",
                "CHECK-EMAIL",
                "Adresse électronique invalide.",
                subject="buyer.contact.email",
                source="check",
            )
        )
    if not document.procedure.reference.strip():
        findings.append(_missing("procedure.reference", "Référence de la consultation"))
    if not document.procedure.procedure_code.strip():
        findings.append(_missing("procedure.procedure_code", "Type de procédure"))
    if not document.lots:
        findings.append(
            Finding(
                "error",
                "CHECK-LOTS",
                "Au moins un lot est nécessaire (LOT-0000 s'il n'y a pas d'allotissement).",
                subject="lots",
                source="check",
            )
        )
    lot_ids = set(document.lot_ids())
    for criterion in document.criteria:
        if criterion.family == "SC":
            unknown = [lot for lot in criterion.lot_refs if lot not in lot_ids]
            if unknown or not criterion.lot_refs:
                findings.append(
                    Finding(
                        "error",
                        "CHECK-CRITERION-LOTS",
                        f"« {criterion.name} » doit viser au moins un lot existant.",
                        subject=f"criteria/{criterion.code}",
                        source="check",
                    )
                )
        for prop in criterion.requirements():
            if prop.expected is None and prop.data_type not in ("CODE_BOOLEAN",):
                findings.append(
                    Finding(
                        "warning",
                        "CHECK-REQUIREMENT",
                        f"« {criterion.name} » : exigence non renseignée "
                        f"({prop.description or prop.data_type}).",
                        subject=f"criteria/{criterion.code}",
                        source="check",
                    )
                )
    return findings
