"""Every label the PDFs print, in French (default) and English: one table, nothing scattered.

Criterion names, descriptions and questions are not here: they come from the
document (copied from the official taxonomy, in English).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from app.export.errors import ExportError

Lang = Literal["fr", "en"]
LANGS: tuple[str, ...] = get_args(Lang)

#: key -> (French, English)
LABELS: dict[str, tuple[str, str]] = {
    # ------------------------------------------------------------ title, summary
    "espd": (
        "Document unique de marché européen (DUME)",
        "European Single Procurement Document (ESPD)",
    ),
    "kind.request": ("Demande de l'acheteur", "Request of the contracting authority"),
    "kind.response": ("Réponse de l'opérateur économique", "Response of the economic operator"),
    "header.request": ("DUME · demande", "ESPD · request"),
    "header.response": ("DUME · réponse", "ESPD · response"),
    "summary": ("Résumé", "Summary"),
    "summary.buyer": ("Acheteur", "Contracting authority"),
    "summary.operator": ("Opérateur économique", "Economic operator"),
    "summary.reference": ("Référence de la procédure", "Procedure reference"),
    "summary.title": ("Intitulé", "Title"),
    "summary.lots": ("Lots", "Lots"),
    "summary.criteria": ("Critères", "Criteria"),
    "summary.criteria_counts": (
        "{total} : {eg} motifs d'exclusion, {sc} critères de sélection, {ot} autres",
        "{total}: {eg} exclusion grounds, {sc} selection criteria, {ot} other",
    ),
    "summary.answers": ("Réponses", "Answers"),
    "summary.answers_counts": (
        "{answers} réponses, {evidences} preuves",
        "{answers} answers, {evidences} pieces of evidence",
    ),
    "summary.issued": ("Date d'émission", "Issue date"),
    "summary.ids": ("Identifiants du document", "Document identifiers"),
    "summary.version": ("Version ESPD-EDM", "ESPD-EDM version"),
    "ref": ("Réf.", "Ref."),
    "uuid": ("UUID", "UUID"),
    "version": ("version", "version"),
    "generated": (
        "Généré le {date} par DUME Desktop {version}",
        "Generated on {date} by DUME Desktop {version}",
    ),
    "page": ("page {page} / {total}", "page {page} / {total}"),
    "none": ("—", "—"),
    "not_given": ("non renseigné", "not given"),
    "not_set": ("non précisé", "not specified"),
    # ------------------------------------------------------------ parts
    "part1": (
        "Partie I : informations concernant la procédure et l'acheteur",
        "Part I: Information concerning the procurement procedure and the contracting authority",
    ),
    "part2": (
        "Partie II : informations concernant l'opérateur économique",
        "Part II: Information concerning the economic operator",
    ),
    "part3": ("Partie III : motifs d'exclusion", "Part III: Exclusion grounds"),
    "part4": ("Partie IV : critères de sélection", "Part IV: Selection criteria"),
    "part5": (
        "Partie V : réduction du nombre de candidats qualifiés",
        "Part V: Reduction of the number of qualified candidates",
    ),
    "part6": ("Partie VI : déclarations finales", "Part VI: Concluding statements"),
    "annex": ("Annexe : pièces justificatives", "Annex: evidence"),
    "part.empty": (
        "Aucun critère de cette partie n'est retenu.",
        "No criterion of this part is selected.",
    ),
    "part2.request_note": (
        "À remplir par l'opérateur économique dans sa réponse.",
        "To be filled in by the economic operator in its response.",
    ),
    # sections of the official form
    "s1.procedure": ("Procédure de passation", "Procurement procedure"),
    "s1.buyer": ("Identité de l'acheteur", "Identity of the procurer"),
    "s1.lots": ("Lots", "Lots"),
    "s1.references": ("Documents de référence", "Reference documents"),
    "s2.A": (
        "A : informations concernant l'opérateur économique",
        "A: Information about the economic operator",
    ),
    "s2.B": (
        "B : informations concernant les représentants",
        "B: Information about representatives",
    ),
    "s2.C": (
        "C : recours aux capacités d'autres entités",
        "C: Information about reliance on the capacities of other entities",
    ),
    "s2.D": ("D : sous-traitance", "D: Information concerning subcontractors"),
    "s2.other": ("Autres informations", "Other information"),
    "s3.A": (
        "A : motifs liés à des condamnations pénales",
        "A: Grounds relating to criminal convictions",
    ),
    "s3.B": (
        "B : motifs liés au paiement d'impôts, de taxes ou de cotisations de sécurité sociale",
        "B: Grounds relating to the payment of taxes or social security contributions",
    ),
    "s3.C": (
        "C : motifs liés à l'insolvabilité, aux conflits d'intérêts ou à une faute professionnelle",
        "C: Grounds relating to insolvency, conflicts of interests or professional misconduct",
    ),
    "s3.D": ("D : motifs d'exclusion purement nationaux", "D: Purely national exclusion grounds"),
    "s3.other": ("Autres motifs d'exclusion", "Other exclusion grounds"),
    "s4.A": ("A : aptitude", "A: Suitability"),
    "s4.B": ("B : capacité économique et financière", "B: Economic and financial standing"),
    "s4.C": (
        "C : capacités techniques et professionnelles",
        "C: Technical and professional ability",
    ),
    "s4.D": (
        "D : systèmes d'assurance de la qualité et normes de gestion environnementale",
        "D: Quality assurance schemes and environmental management standards",
    ),
    "s4.other": ("Autres critères de sélection", "Other selection criteria"),
    "s5.main": ("Réduction du nombre de candidats", "Reduction of the number of candidates"),
    # ------------------------------------------------------------ fields
    "f.name": ("Nom", "Name"),
    "f.identifiers": ("Identifiants", "Identifiers"),
    "f.address": ("Adresse", "Address"),
    "f.country": ("Pays", "Country"),
    "f.contact": ("Contact", "Contact"),
    "f.telephone": ("Téléphone", "Telephone"),
    "f.fax": ("Télécopie", "Fax"),
    "f.email": ("Courriel", "Email"),
    "f.website": ("Site internet", "Website"),
    "f.buyer_profile": ("Profil d'acheteur", "Buyer profile"),
    "f.reference": ("Numéro de référence", "Reference number"),
    "f.title": ("Intitulé", "Title"),
    "f.description": ("Description", "Description"),
    "f.procedure_type": ("Type de procédure", "Procedure type"),
    "f.lot_id": ("Identifiant du lot", "Lot identifier"),
    "f.lot_title": ("Intitulé du lot", "Lot title"),
    "f.no_lots": ("Marché non alloti", "The contract is not divided into lots"),
    "f.doc_id": ("Identifiant", "Identifier"),
    "f.doc_type": ("Type", "Type"),
    "f.size": ("Taille de l'entreprise", "Enterprise size"),
    "f.role": ("Rôle", "Role"),
    "f.group_name": ("Nom du groupement", "Name of the group"),
    "f.first_name": ("Prénom", "First name"),
    "f.family_name": ("Nom de famille", "Family name"),
    "f.birth": ("Date et lieu de naissance", "Date and place of birth"),
    "f.position": ("Fonction, qualité", "Position, acting in the capacity of"),
    "f.powers": ("Étendue de la représentation", "Scope of the representation"),
    "f.representative": ("Représentant n° {n}", "Representative no. {n}"),
    "f.no_representative": ("Aucun représentant déclaré.", "No representative given."),
    # ------------------------------------------------------------ criteria
    "c.code": ("code", "code"),
    "c.lots": ("Lots concernés", "Lots concerned"),
    "c.legislation": ("Base juridique", "Legal basis"),
    "c.requirements": ("Exigences de l'acheteur", "Requirements of the contracting authority"),
    "c.answers": ("Réponse de l'opérateur économique", "Answer of the economic operator"),
    "c.requirement": ("Exigence", "Requirement"),
    "c.value": ("Valeur", "Value"),
    "c.question": ("Question", "Question"),
    "c.answer": ("Réponse", "Answer"),
    "c.if_true": ("Si « oui » :", "If “yes”:"),
    "c.if_false": ("Si « non » :", "If “no”:"),
    "c.occurrence": ("n° {n}", "no. {n}"),
    "c.lot_requirement": ("Lot", "Lot"),
    "yes": ("Oui", "Yes"),
    "no": ("Non", "No"),
    # ------------------------------------------------------------ evidence
    "e.number": ("n°", "no."),
    "e.id": ("Identifiant technique", "Technical identifier"),
    "e.document": ("Document", "Document"),
    "e.uri": ("Adresse", "Address"),
    "e.issuer": ("Émetteur", "Issuer"),
    "e.confidentiality": ("Accès", "Access"),
    "e.description": ("Description", "Description"),
    "e.see_annex": ("preuve n° {n} (voir l'annexe)", "evidence no. {n} (see the annex)"),
    "e.missing": ("preuve absente du document", "evidence missing from the document"),
    "e.none": ("Aucune pièce justificative.", "No evidence."),
    "orphans": ("Réponses sans question correspondante", "Answers without a matching question"),
    "orphans.note": (
        "Ces réponses figurent dans le XML mais ne se rattachent à aucune question des critères.",
        "These answers are in the XML but match no question of the criteria.",
    ),
    "unmapped": (
        "Éléments du XML non repris dans ce PDF : {names}.",
        "XML elements not shown in this PDF: {names}.",
    ),
    "conversion": ("Rapport de conversion", "Conversion report"),
    "conversion.note": (
        "Ce document a été converti depuis {source} ; ce qui n'a pas pu être repris tel quel :",
        "This document was converted from {source}; what could not be carried over as it was:",
    ),
    "conversion.impact": ("Effet", "Effect"),
    "conversion.item": ("Élément", "Item"),
    "conversion.value": ("Valeur d'origine", "Original value"),
    "conversion.reason": ("Raison", "Reason"),
    # ------------------------------------------------------------ part VI
    "concluding.1": (
        "Le ou les soussignés déclarent formellement que les renseignements communiqués dans les "
        "parties II à V ci-dessus sont exacts et corrects et qu'ils ont été établis en pleine "
        "connaissance des conséquences de toute fausse déclaration de nature grave.",
        "The undersigned formally declare(s) that the information stated under Parts II – V "
        "above is accurate and correct and that it has been set out in full awareness of the "
        "consequences of serious misrepresentation.",
    ),
    "concluding.2": (
        "Le ou les soussignés déclarent formellement être en mesure, sur demande et sans tarder, "
        "de fournir les certificats et autres formes de pièces justificatives visés, sauf si : "
        "a) le pouvoir adjudicateur ou l'entité adjudicatrice a la possibilité d'obtenir "
        "directement les pièces justificatives concernées en accédant à une base de données "
        "nationale dans un État membre qui est accessible gratuitement ; ou b) le pouvoir "
        "adjudicateur ou l'entité adjudicatrice est déjà en possession des pièces concernées.",
        "The undersigned formally declare(s) to be able, upon request and without delay, to "
        "provide the certificates and other forms of documentary evidence referred to, except "
        "where: a) the contracting authority or contracting entity has the possibility of "
        "obtaining the supporting documentation concerned directly by accessing a national "
        "database in any Member State that is available free of charge; or b) the contracting "
        "authority or contracting entity already possesses the documentation concerned.",
    ),
    "concluding.3": (
        "Le ou les soussignés consentent formellement à ce que {buyer} ait accès aux documents "
        "justificatifs des informations qui ont été fournies dans le présent document unique de "
        "marché européen, aux fins de la procédure {reference}.",
        "The undersigned formally consent(s) to {buyer} gaining access to documents supporting "
        "the information which has been provided in this European Single Procurement Document "
        "for the purposes of the procurement procedure {reference}.",
    ),
    "concluding.sign": (
        "Date, lieu et, si exigé ou nécessaire, signature(s) :",
        "Date, place and, where required or necessary, signature(s):",
    ),
    "concluding.date": ("Date", "Date"),
    "concluding.place": ("Lieu", "Place"),
    "concluding.signature": ("Signature(s)", "Signature(s)"),
    "concluding.request_note": (
        "Ces déclarations sont faites par l'opérateur économique dans sa réponse.",
        "These statements are made by the economic operator in its response.",
    ),
    # ------------------------------------------------------------ verification report
    "r.title": (
        "Rapport de vérification de signature électronique",
        "Electronic signature verification report",
    ),
    "r.header": ("Rapport de vérification", "Verification report"),
    "r.context": ("Fichier vérifié", "File checked"),
    "r.file": ("Fichier", "File"),
    "r.sha256": ("Empreinte SHA-256", "SHA-256 digest"),
    "r.checked_at": ("Date de la vérification", "Date of the check"),
    "r.trust_date": ("Listes de confiance (date des données)", "Trusted lists (date of the data)"),
    "r.tool": ("Outil", "Tool"),
    "r.policy": ("Politique de validation", "Validation policy"),
    "r.count": ("Nombre de signatures", "Number of signatures"),
    "r.verdict": ("Conclusion", "Conclusion"),
    "r.verdict.ok": (
        "Toutes les signatures sont valides. L'identité du signataire reste à contrôler "
        "par l'acheteur.",
        "Every signature is valid. The signer's identity remains to be checked by the buyer.",
    ),
    "r.verdict.failed": (
        "Au moins une signature est invalide.",
        "At least one signature is invalid.",
    ),
    "r.verdict.indeterminate": (
        "Au moins une signature n'a pas pu être validée complètement : voir le détail.",
        "At least one signature could not be fully validated: see the details.",
    ),
    "r.verdict.none": (
        "Aucune signature n'a été trouvée dans ce fichier.",
        "No signature was found in this file.",
    ),
    "r.signature": ("Signature n° {n}", "Signature no. {n}"),
    "r.indication": ("Résultat (ETSI EN 319 102-1)", "Result (ETSI EN 319 102-1)"),
    "r.signer": ("Signataire", "Signer"),
    "r.qualified": ("Certificat qualifié", "Qualified certificate"),
    "r.format": ("Format et niveau", "Format and level"),
    "r.signing_time": ("Date de signature déclarée", "Claimed signing time"),
    "r.timestamp": ("Horodatage", "Timestamp"),
    "r.integrity": ("Intégrité du document", "Document integrity"),
    "r.revocation": ("Révocation du certificat", "Certificate revocation"),
    "r.scope": ("Portée de la signature", "Signature scope"),
    "r.checks": (
        "Contrôles de l'arrêté du 22 mars 2019 (art. 5)",
        "Checks of the arrêté of 22 March 2019 (art. 5)",
    ),
    "r.check": ("Contrôle", "Check"),
    "r.status": ("Résultat", "Result"),
    "r.detail": ("Détail", "Details"),
    "r.check.identity": ("1. Identité du signataire", "1. Identity of the signer"),
    "r.check.certificate_category": (
        "2. Catégorie du certificat (art. 2)",
        "2. Certificate category (art. 2)",
    ),
    "r.check.format": ("3. Format de signature (art. 3)", "3. Signature format (art. 3)"),
    "r.check.validity_at_signing": (
        "4. Certificat ni expiré ni révoqué à la date de signature",
        "4. Certificate neither expired nor revoked at signing time",
    ),
    "r.check.integrity": ("5. Intégrité du document signé", "5. Integrity of the signed document"),
    "r.status.ok": ("Conforme", "Passed"),
    "r.status.failed": ("Non conforme", "Failed"),
    "r.status.to-check": ("À vérifier", "To be checked"),
    "r.warnings": ("Avertissements", "Warnings"),
    "r.identity_note": (
        "Le contrôle de l'identité du signataire ne peut pas être automatisé (arrêté du 22 mars "
        "2019, art. 5 II) : il revient à l'acheteur, qui décide d'accepter ou de rejeter le "
        "document.",
        "The identity of the signer cannot be checked by software (arrêté of 22 March 2019, "
        "art. 5 II): the buyer checks it and decides whether to accept the document.",
    ),
    "r.unknown": ("inconnu", "unknown"),
    "ind.TOTAL_PASSED": ("Valide", "Passed"),
    "ind.TOTAL_FAILED": ("Invalide", "Failed"),
    "ind.INDETERMINATE": ("Indéterminé", "Indeterminate"),
}

#: procurement-procedure-type codes (EU Vocabularies) -> (French, English)
PROCEDURE_TYPES: dict[str, tuple[str, str]] = {
    "open": ("Procédure ouverte", "Open procedure"),
    "restricted": ("Procédure restreinte", "Restricted procedure"),
    "neg-w-call": ("Procédure avec négociation", "Competitive procedure with negotiation"),
    "neg-wo-call": (
        "Procédure négociée sans publication préalable",
        "Negotiated procedure without prior publication",
    ),
    "comp-dial": ("Dialogue compétitif", "Competitive dialogue"),
    "innovation": ("Partenariat d'innovation", "Innovation partnership"),
    "comp-tend": ("Procédure concurrentielle", "Competitive tendering"),
    "oth-single": ("Autre procédure en une étape", "Other single stage procedure"),
    "oth-mult": ("Autre procédure en plusieurs étapes", "Other multiple stage procedure"),
}


def check_lang(lang: str) -> Lang:
    if lang not in LANGS:
        raise ExportError(
            f"Langue d'export inconnue : « {lang} ». Langues disponibles : {', '.join(LANGS)}."
        )
    return "fr" if lang == "fr" else "en"


def labelled(key: str, value: str, lang: Lang) -> str:
    """*value* after the label *key*: "Lots : LOT-0001" in French, "Lots: LOT-0001" in English."""
    return f"{label(key, lang)}{' : ' if lang == 'fr' else ': '}{value}"


def label(key: str, lang: Lang, **fields: object) -> str:
    """The label *key* in *lang*, with ``{fields}`` filled in."""
    french, english = LABELS[key]
    text = french if lang == "fr" else english
    return text.format(**fields) if fields else text


def procedure_type(code: str, lang: Lang) -> str:
    names = PROCEDURE_TYPES.get(code.lower())
    if names is None:
        return code
    return f"{names[0] if lang == 'fr' else names[1]} ({code})"


def format_datetime(moment: dt.datetime, lang: Lang) -> str:
    """A date and time for people, with its time zone when known (signing times matter)."""
    text = moment.strftime("%d/%m/%Y à %H:%M" if lang == "fr" else "%Y-%m-%d %H:%M")
    zone = moment.strftime("%Z") if moment.tzinfo else ""
    return f"{text} {zone}" if zone else text


def format_date(day: dt.date, lang: Lang) -> str:
    return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()
