"""Where each criterion sits in the ESPD form (Parts III and IV and their sections).

The taxonomy lists criteria in form order; a section starts at its first code.
"""

from __future__ import annotations

from app.models.criteria import Criterion

#: (first criterion code of the section, section key)
SECTION_STARTS: list[tuple[str, str]] = [
    ("crime-org", "III.A"),
    ("tax-pay", "III.B"),
    ("envir-law", "III.C"),
    ("nati-ground", "III.D"),
    ("prof-regist", "IV.A"),
    ("gen-year-to", "IV.B"),
    ("work-perform", "IV.C"),
    ("qu-certif-indep", "IV.D"),
    ("shelt-worksh", "II"),
    ("staff-red", "V"),
    ("sme", "II"),
]

SECTION_TITLES_FR = {
    "II": "Partie II – Informations sur l'opérateur économique",
    "III.A": "Partie III.A – Condamnations pénales",
    "III.B": "Partie III.B – Paiement des impôts et cotisations sociales",
    "III.C": "Partie III.C – Insolvabilité, conflits d'intérêts, faute professionnelle",
    "III.D": "Partie III.D – Motifs d'exclusion purement nationaux",
    "IV.A": "Partie IV.A – Aptitude",
    "IV.B": "Partie IV.B – Capacité économique et financière",
    "IV.C": "Partie IV.C – Capacités techniques et professionnelles",
    "IV.D": "Partie IV.D – Assurance qualité et gestion environnementale",
    "V": "Partie V – Réduction du nombre de candidats qualifiés",
}


def sections(criteria: list[Criterion]) -> dict[str, str]:
    """``{criterion code: section key}`` for criteria in taxonomy order."""
    starts = dict(SECTION_STARTS)
    current = "III.A"
    result = {}
    for criterion in criteria:
        current = starts.get(criterion.code, current)
        result[criterion.code] = current
    return result
