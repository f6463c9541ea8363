"""Company data from a SIRET (``donnees/recupererDonneesOE``), typed for the profile form.

The answer's field names are not documented (§1.5: "company identity,
turnover, etc. presumably"), so they are read tolerantly and the raw answer is
kept for display.  :meth:`CompanyData.to_economic_operator` gives the model
object the operator workspace edits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from app.models.document import Address, Contact, EconomicOperator, PartyIdentifier
from app.sync.errors import ConfigurationError
from app.sync.wire import lookup

__all__ = ["CompanyData", "check_siret", "parse_company_data"]

_LA_POSTE_SIREN = "356000000"

#: French company categories -> ESPD economic-operator-size codes
_SIZE_CODES = {
    "micro": "micro",
    "tpe": "micro",
    "microentreprise": "micro",
    "pme": "sme",
    "petite": "small",
    "moyenne": "medium",
    "eti": "large",
    "ge": "large",
    "grande": "large",
    "small": "small",
    "medium": "medium",
    "large": "large",
    "sme": "sme",
}
_FRANCE = {"fr", "fra", "france"}


def _luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def check_siret(value: str) -> str:
    """The SIRET without spaces, or a clear French error (14 digits, checksum)."""
    siret = re.sub(r"[\s.]", "", value)
    if not re.fullmatch(r"\d{14}", siret):
        raise ConfigurationError(f"SIRET « {value} » : 14 chiffres attendus.")
    # La Poste's establishments share one SIREN and use a digit sum multiple of 5
    la_poste = siret.startswith(_LA_POSTE_SIREN) and sum(int(c) for c in siret) % 5 == 0
    if not (_luhn_ok(siret) or la_poste):
        raise ConfigurationError(
            f"SIRET « {value} » : la clé de contrôle ne correspond pas (faute de frappe ?)."
        )
    return siret


def _text(data: Mapping[str, Any], *names: str) -> str:
    value = lookup(data, *names)
    if value is None or isinstance(value, Mapping | list):
        return ""
    return str(value).strip()


def _country(value: str) -> str:
    if value.lower() in _FRANCE:
        return "FRA"
    return value.upper() if re.fullmatch(r"[A-Za-z]{3}", value) else ""


@dataclass(frozen=True)
class CompanyData:
    siret: str
    name: str = ""
    legal_form: str = ""
    activity_code: str = ""  # NAF/APE
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = ""  # ISO alpha-3 when known
    website: str = ""
    email: str = ""
    telephone: str = ""
    size_code: str = ""  # ESPD economic-operator-size, when the category is known
    headcount: str = ""
    vat_number: str = ""
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def to_economic_operator(self, base: EconomicOperator | None = None) -> EconomicOperator:
        """*base* (or a new operator) completed with what the service knows.

        Fields the user already filled are kept; identifiers are added, never
        duplicated (SIRET as ``NATIONAL``/INSEE, VAT as ``VAT``/VIES).
        """
        operator = base.model_copy(deep=True) if base is not None else EconomicOperator()
        operator.name = operator.name or self.name
        operator.website = operator.website or self.website
        operator.size_code = operator.size_code or self.size_code
        operator.address = Address(
            street=operator.address.street or self.street,
            city=operator.address.city or self.city,
            postal_zone=operator.address.postal_zone or self.postal_code,
            country=operator.address.country or self.country,
        )
        operator.contact = Contact(
            name=operator.contact.name,
            telephone=operator.contact.telephone or self.telephone,
            fax=operator.contact.fax,
            email=operator.contact.email or self.email,
        )
        known = {identifier.value for identifier in operator.identifiers}
        if self.siret and self.siret not in known:
            operator.identifiers.append(
                PartyIdentifier(value=self.siret, scheme_id="NATIONAL", scheme_agency_id="INSEE")
            )
        if self.vat_number and self.vat_number not in known:
            operator.identifiers.append(
                PartyIdentifier(value=self.vat_number, scheme_id="VAT", scheme_agency_id="VIES")
            )
        return operator


def parse_company_data(siret: str, response: Mapping[str, Any]) -> CompanyData:
    """Read the (undocumented) answer of recupererDonneesOE tolerantly."""
    data = lookup(response, "donneesOE", "donneesEntreprise", "entreprise", "operateur")
    if not isinstance(data, Mapping):
        data = response
    address = lookup(data, "adresse", "adressePostale", "address")
    address = address if isinstance(address, Mapping) else {}
    category = _text(data, "categorieEntreprise", "tailleEntreprise", "taille", "categorie")
    return CompanyData(
        siret=_text(data, "siret", "siretOE") or siret,
        name=_text(data, "raisonSociale", "denominationSociale", "denomination", "nom", "rs"),
        legal_form=_text(data, "formeJuridique", "libelleFormeJuridique"),
        activity_code=_text(data, "codeNAF", "codeAPE", "activitePrincipale"),
        street=_text(address, "voie", "adresse", "ligne1", "rue", "numeroEtVoie"),
        postal_code=_text(address, "codePostal", "cp"),
        city=_text(address, "ville", "commune", "localite", "libelleCommune"),
        country=_country(_text(address, "codePays", "pays", "country")),
        website=_text(data, "siteInternet", "siteWeb", "website"),
        email=_text(data, "courriel", "email", "mail"),
        telephone=_text(data, "telephone", "tel"),
        size_code=_SIZE_CODES.get(category.lower().replace("-", ""), ""),
        headcount=_text(data, "effectif", "trancheEffectif"),
        vat_number=_text(data, "numeroTVA", "tvaIntracommunautaire", "numeroTvaIntracom"),
        raw=dict(data),
    )
