"""Quick checks of a response while the operator types, and the response as exported.

The checks are cheap (no XSLT): operator identity, the lot, required answers,
evidences.  :func:`export_ready_response` is what the XML gets: answers left in
branches the operator closed are dropped (BR-TCR-06-02 forbids them), and the
one official branch made only of a caption is acknowledged (BR-TCR-07-01 wants
an answer even there).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.models.answering import CONDITIONAL, active_questions, required_questions, subgroup_applies
from app.models.criteria import Criterion, PropertyGroup
from app.models.document import Answer, EspdDocument
from app.models.identifiers import check_identifier
from app.models.reuse import (
    answer_lot_ref,
    answer_slots,
    evidence_ids,
    occurrence_count,
    questions_below,
    repeat_roots,
)
from app.models.values import PLACEHOLDER_TEXT, EvidenceRefValue, TextValue, is_placeholder
from app.validation.findings import Finding, Severity

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _finding(severity: Severity, rule: str, message: str, subject: str) -> Finding:
    return Finding(severity, rule, message, subject=subject, source="check")


def _check_operator(document: EspdDocument) -> list[Finding]:
    operator = document.economic_operator
    if operator is None:
        return [
            _finding(
                "error",
                "CHECK-REQUIRED",
                "L'opérateur économique n'est pas renseigné.",
                "economic_operator.name",
            )
        ]
    findings = []
    if not operator.name.strip():
        findings.append(
            _finding(
                "error",
                "CHECK-REQUIRED",
                "Nom de l'entreprise : champ obligatoire.",
                "economic_operator.name",
            )
        )
    if not operator.identifiers:
        findings.append(
            _finding(
                "error",
                "CHECK-REQUIRED",
                "Au moins un identifiant de l'entreprise (SIRET, n° de TVA…) est obligatoire.",
                "economic_operator.identifiers",
            )
        )
    for identifier in operator.identifiers:
        if identifier.scheme_id in ("NATIONAL", "VAT"):
            result = check_identifier(identifier.value)
            if not result.valid:
                findings.append(
                    _finding(
                        "error",
                        "CHECK-IDENTIFIER",
                        result.message,
                        f"economic_operator.identifiers.{identifier.scheme_id}",
                    )
                )
    if not operator.size_code:
        findings.append(
            _finding(
                "error",
                "CHECK-REQUIRED",
                "Taille de l'entreprise (micro, petite, moyenne…) : champ obligatoire.",
                "economic_operator.size_code",
            )
        )
    if not operator.address.country.strip():
        findings.append(
            _finding(
                "error",
                "CHECK-REQUIRED",
                "Pays de l'entreprise : champ obligatoire.",
                "economic_operator.address.country",
            )
        )
    for number, person in enumerate(operator.representatives, start=1):
        missing = [
            label
            for label, value in (
                ("prénom", person.first_name),
                ("nom", person.family_name),
                ("pays de résidence", person.address.country),
            )
            if not value.strip()
        ]
        if missing:
            findings.append(
                _finding(
                    "error",
                    "CHECK-REPRESENTATIVE",
                    f"Représentant n° {number} : {', '.join(missing)} obligatoire(s).",
                    "economic_operator.representatives",
                )
            )
    if operator.contact.email and not _EMAIL.match(operator.contact.email):
        findings.append(
            _finding(
                "error",
                "CHECK-EMAIL",
                "Adresse électronique de l'entreprise invalide.",
                "economic_operator.contact.email",
            )
        )
    return findings


def _check_answers(document: EspdDocument) -> list[Finding]:
    findings = []
    missing: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    blocking: dict[str, bool] = {}
    for item in required_questions(document):
        if document.answers_for(item.question.id):
            continue
        code = item.criterion.code
        names[code] = item.criterion.name
        missing.setdefault(code, []).append(item.question.id)
        # Exclusion grounds must all be answered (BR-RESP-30), and so must an opened
        # branch (BR-TCR-06/07); other selection answers only draw a warning (BR-RESP-40).
        blocking[code] = (
            blocking.get(code, False)
            or item.criterion.family == "EG"
            or item.group.type_code in CONDITIONAL
        )
    for code, property_ids in missing.items():
        findings.append(
            _finding(
                "error" if blocking[code] else "warning",
                "CHECK-ANSWER",
                f"« {names[code]} » : {len(property_ids)} réponse(s) obligatoire(s) manquante(s).",
                f"answers/{property_ids[0]}",
            )
        )
    return findings


def _check_placeholders(document: EspdDocument) -> list[Finding]:
    """Answers a conversion filled with « À COMPLÉTER »: never to be sent as they are."""
    criterion_of = {
        question.id: criterion
        for criterion in document.criteria
        for question in criterion.questions()
    }
    counts: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for answer in document.answers:
        criterion = criterion_of.get(answer.property_id)
        if criterion is None or not is_placeholder(answer.value):
            continue
        names[criterion.code] = criterion.name
        counts.setdefault(criterion.code, []).append(answer.property_id)
    return [
        _finding(
            "error",
            "CHECK-PLACEHOLDER",
            f"« {names[code]} » : {len(ids)} réponse(s) reprise(s) d'un ancien format "
            f"restent « {PLACEHOLDER_TEXT} ».",
            f"answers/{ids[0]}",
        )
        for code, ids in counts.items()
    ]


def _check_occurrences(document: EspdDocument) -> list[Finding]:
    findings = []
    active = {item.question.id for item in active_questions(document)}
    for criterion in document.criteria:
        for root in repeat_roots(criterion):
            questions = [
                q for q in questions_below(root) if q.id in active and q.cardinality[0] != "0"
            ]
            ids = [q.id for q in questions]
            count = occurrence_count(document, ids)
            if count < 2:
                continue
            for index in range(count):
                for question in questions:
                    slots = answer_slots(document, question.id)
                    if index >= len(slots) or slots[index] is None:
                        findings.append(
                            _finding(
                                "warning",
                                "CHECK-OCCURRENCE",
                                f"« {criterion.name} » : l'occurrence n° {index + 1} est "
                                "incomplète.",
                                f"answers/{question.id}",
                            )
                        )
                        break
    return findings


def _check_evidences(document: EspdDocument) -> list[Finding]:
    findings = []
    for answer in document.answers:
        if not isinstance(answer.value, EvidenceRefValue):
            continue
        evidence = document.evidence(answer.value.evidence_id)
        if evidence is None:
            findings.append(
                _finding(
                    "error",
                    "CHECK-EVIDENCE",
                    f"La preuve « {answer.value.evidence_id} » n'existe pas.",
                    f"answers/{answer.property_id}",
                )
            )
        elif not (evidence.uri.strip() or evidence.document_id.strip()):
            findings.append(
                _finding(
                    "warning",
                    "CHECK-EVIDENCE",
                    "Une preuve n'a ni adresse web ni référence.",
                    f"answers/{answer.property_id}",
                )
            )
    return findings


def check_response(document: EspdDocument) -> list[Finding]:
    findings = _check_operator(document)
    if len(document.lots) != 1:
        findings.append(
            _finding(
                "error",
                "CHECK-LOTS",
                "Une réponse couvre exactement un lot : choisissez-le.",
                "lots",
            )
        )
    findings += _check_answers(document)
    findings += _check_placeholders(document)
    findings += _check_occurrences(document)
    findings += _check_evidences(document)
    return findings


# ---------------------------------------------------------------- export
def _open_caption_groups(document: EspdDocument, criterion: Criterion) -> Iterator[PropertyGroup]:
    """Conditional groups that apply and hold no question, only a caption."""

    def walk(group: PropertyGroup) -> Iterator[PropertyGroup]:
        for sub in group.subgroups:
            if not subgroup_applies(document, group, sub):
                continue
            if sub.type_code in CONDITIONAL and not any(p.is_question for p in sub.properties):
                yield sub
            yield from walk(sub)

    for group in criterion.groups:
        yield from walk(group)


def export_ready_response(document: EspdDocument) -> EspdDocument:
    """The response as written to XML (the working document keeps closed branches' answers)."""
    ready = document.clone()
    active = {item.question.id for item in active_questions(ready)}
    ready.answers = [a for a in ready.answers if a.property_id in active]
    for criterion in ready.criteria:
        lot_ref = answer_lot_ref(ready, criterion)
        for group in _open_caption_groups(ready, criterion):
            for caption in group.properties:
                if caption.type_code != "CAPTION":
                    continue
                text = caption.description or caption.name or "Pris en compte"
                ready.answers.append(
                    Answer(
                        id=f"{caption.id}/R1",
                        property_id=caption.id,
                        value=TextValue(value=text),
                        lot_ref=lot_ref,
                    )
                )
    used = {e for a in ready.answers for e in evidence_ids([a.value])}
    ready.evidences = [e for e in ready.evidences if e.id in used]
    return ready
