"""French company identifiers: SIREN, SIRET (Luhn) and intra-EU VAT numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

IdentifierKind = Literal["SIRET", "SIREN", "VAT", "OTHER"]

# La Poste's establishments do not follow Luhn: their SIRET digits sum to a multiple of 5.
_LA_POSTE_SIREN = "356000000"
_VAT = re.compile(r"^[A-Z]{2}[0-9A-Z+*.]{2,13}$")


def _luhn_ok(digits: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def compact(raw: str) -> str:
    return re.sub(r"[\s.\-]", "", raw).upper()


def is_valid_siren(raw: str) -> bool:
    value = compact(raw)
    return len(value) == 9 and value.isdigit() and _luhn_ok(value)


def is_valid_siret(raw: str) -> bool:
    value = compact(raw)
    if len(value) != 14 or not value.isdigit():
        return False
    if value.startswith(_LA_POSTE_SIREN):
        return sum(int(c) for c in value) % 5 == 0
    return _luhn_ok(value)


def french_vat_from_siren(siren: str) -> str:
    key = (12 + 3 * (int(siren) % 97)) % 97
    return f"FR{key:02d}{siren}"


@dataclass(frozen=True)
class IdentifierCheck:
    kind: IdentifierKind
    value: str
    valid: bool
    message: str = ""


def check_identifier(raw: str) -> IdentifierCheck:
    """Classify and check what a user typed in an identifier field."""
    value = compact(raw)
    if not value:
        return IdentifierCheck("OTHER", value, False, "Identifiant vide.")
    if value.isdigit() and len(value) == 14:
        ok = is_valid_siret(value)
        return IdentifierCheck(
            "SIRET", value, ok, "" if ok else "SIRET invalide (clé de contrôle)."
        )
    if value.isdigit() and len(value) == 9:
        ok = is_valid_siren(value)
        return IdentifierCheck(
            "SIREN", value, ok, "" if ok else "SIREN invalide (clé de contrôle)."
        )
    if value.isdigit():
        return IdentifierCheck(
            "OTHER", value, False, "Un SIRET compte 14 chiffres, un SIREN 9 chiffres."
        )
    if value.startswith("FR") and len(value) == 13 and value[4:].isdigit():
        ok = value[2:4].isdigit() and french_vat_from_siren(value[4:]) == value
        return IdentifierCheck("VAT", value, ok, "" if ok else "Numéro de TVA français invalide.")
    if _VAT.match(value):
        return IdentifierCheck("VAT", value, True)
    return IdentifierCheck("OTHER", value, True)
