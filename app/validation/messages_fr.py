"""French wording for the official findings (the rule files speak English).

The official message stays available (tooltip, JSON); users read a French
sentence chosen by rule id, most specific prefix first.
"""

from __future__ import annotations

from app.validation.findings import Finding

#: rule-id prefix -> French explanation (checked longest prefix first)
RULES_FR: dict[str, str] = {
    "BR-TCR-06-01": "Une réponse OUI ouvre des questions complémentaires : elles doivent être renseignées.",
    "BR-TCR-06-02": "La réponse est NON : les questions complémentaires ne doivent pas être renseignées.",
    "BR-TCR-07-01": "Une réponse NON ouvre des questions complémentaires : elles doivent être renseignées.",
    "BR-TCR-07-02": "La réponse est OUI : les questions prévues pour NON ne doivent pas être renseignées.",
    "BR-TCR-08": "Le type de la réponse ne correspond pas à la question (date, montant, texte…).",
    "BR-TCR-01-02": "Une réponse renvoie à une question qui n'existe pas dans le document.",
    "BR-TCR-01": "Une réponse n'indique pas la question à laquelle elle répond.",
    "BR-TCR-03": "Une réponse doit porter exactement une valeur.",
    "BR-TCR-04": "Une réponse porte plusieurs valeurs.",
    "BR-TCR-09": "Une réponse renvoie à une preuve absente du document.",
    "BR-REQ-20": "Les informations sur l'acheteur sont incomplètes (nom, pays, identifiant).",
    "BR-REQ-30": "Les motifs d'exclusion obligatoires (condamnations, impôts) doivent figurer dans la demande.",
    "BR-REQ-40": "La demande doit contenir au moins un critère de sélection.",
    "BR-SC-10": "Le type de procédure est obligatoire.",
    "BR-LOT-40": "Les motifs d'exclusion ne peuvent pas viser des lots.",
    "BR-LOT-41": "Chaque critère de sélection doit viser au moins un lot.",
    "BR-LOT": "Les lots du document sont incohérents.",
    "BR-RESP-10": "Les informations sur l'opérateur économique sont incomplètes (nom, pays, identifiant).",
    "BR-RESP-20": "Les représentants de l'opérateur économique sont incomplets.",
    "BR-RESP": "La réponse est incomplète.",
    "BR-OTH-04": "Un élément obligatoire du document est absent.",
    "BR-OTH-01": "Les attributs de liste de codes sont absents ou incorrects.",
    "BR-OTH-02": "Un identifiant n'indique pas l'organisme qui l'a attribué.",
    "BR-OTH-05": "La version UBL ou ESPD-EDM déclarée est incorrecte.",
    "BR-OTH": "Le document ne respecte pas une règle générale du format ESPD-EDM.",
    "BR-TC": "Un critère ne correspond pas à la taxonomie officielle (e-Certis).",
    "BR-COM-10": "La référence de l'avis TED est mal formée (AAAA/S NNN-NNNNNN).",
    "BR-LEAD": "Un groupement doit être décrit (nom du groupement, membres).",
    "BR-LAED": "Un groupement doit être décrit (nom du groupement, membres).",
    "xsd:": "Le document n'est pas conforme au schéma XML officiel.",
    "stylesheet:": "Les règles officielles n'ont pas pu s'exécuter sur ce document.",
}


def french_message(finding: Finding) -> str:
    """A French sentence for *finding*; quick checks are French already."""
    if finding.source == "check":
        return finding.message
    if finding.message.startswith("Invalid value:"):
        value = finding.message.split("'")[1] if "'" in finding.message else ""
        return f"Valeur « {value} » absente de la liste de codes officielle."
    for prefix in sorted(RULES_FR, key=len, reverse=True):
        if finding.rule_id.startswith(prefix):
            return RULES_FR[prefix]
    return "Règle officielle non respectée."
