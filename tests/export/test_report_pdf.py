"""The signature-verification report: context, verdict, the five checks of the arrêté."""

from __future__ import annotations

import datetime as dt

import pytest

from app.export.errors import ExportError
from app.export.report_pdf import (
    ArreteChecks,
    CheckResult,
    CheckStatus,
    SignatureResult,
    VerificationReportData,
    overall,
    render_report,
    render_verification_report,
)
from tests.export.conftest import GENERATED
from tests.export.pdf_support import font_names, page_texts

SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"

GOOD = SignatureResult(
    indication="TOTAL_PASSED",
    signer="Élodie Łukasiewicz-Ferré, SARL Bâtiments Œuvre (SIREN 123456789)",
    qualified=True,
    format_level="PAdES-B-T",
    signing_time=dt.datetime(2026, 3, 12, 10, 30, tzinfo=dt.UTC),
    timestamp=dt.datetime(2026, 3, 12, 10, 31, tzinfo=dt.UTC),
    integrity=True,
    revocation="non révoqué (OCSP du 12/03/2026)",
    scope="document entier",
    checks=ArreteChecks(
        identity=CheckResult(CheckStatus.TO_CHECK, "Élodie Łukasiewicz-Ferré <elodie@oeuvre.fr>"),
        certificate_category=CheckResult(CheckStatus.OK, "Certificat qualifié (liste FR)"),
        format=CheckResult(CheckStatus.OK, "PAdES-B-T"),
        validity_at_signing=CheckResult(CheckStatus.OK, "Valide du 01/01/2025 au 01/01/2028"),
        integrity=CheckResult(CheckStatus.OK, "Empreinte conforme"),
    ),
)
BAD = SignatureResult(
    indication="TOTAL_FAILED",
    sub_indication="HASH_FAILURE",
    signer="Jean Dupont",
    qualified=False,
    format_level="XAdES-B-B détachée",
    integrity=False,
    checks=ArreteChecks(integrity=CheckResult(CheckStatus.FAILED, "Le document a été modifié")),
    warnings=["Algorithme SHA-1 faible", "Aucune donnée de révocation"],
)


def _data(*signatures: SignatureResult) -> VerificationReportData:
    return VerificationReportData(
        file_name="offre-lot1 « définitive ».pdf",
        file_sha256=SHA,
        signatures=list(signatures),
        checked_at=dt.datetime(2026, 3, 13, 9, 0, tzinfo=dt.UTC),
        trust_data_date=dt.date(2026, 3, 1),
        policy="ETSI TS 119 172-4",
    )


def _text(data: bytes) -> str:
    return " ".join(" ".join(page_texts(data)).split())


def test_report_shows_context_signatures_and_the_five_checks() -> None:
    rendered = render_report(_data(GOOD, BAD), generated=GENERATED)
    text = _text(rendered.data)
    for expected in (
        "Rapport de vérification de signature électronique",
        "Au moins une signature est invalide.",
        "Fichier offre-lot1 « définitive ».pdf",
        "13/03/2026 à 09:00 UTC",
        "Listes de confiance (date des données) 01/03/2026",
        "Politique de validation ETSI TS 119 172-4",
        "Nombre de signatures 2",
        "Signature n° 1 — Élodie Łukasiewicz-Ferré",
        "Valide (TOTAL_PASSED)",
        "Date de signature déclarée 12/03/2026 à 10:30 UTC",
        "Horodatage 12/03/2026 à 10:31 UTC",
        "1. Identité du signataire À vérifier Élodie Łukasiewicz-Ferré <elodie@oeuvre.fr>",
        "2. Catégorie du certificat (art. 2) Conforme Certificat qualifié (liste FR)",
        "3. Format de signature (art. 3) Conforme PAdES-B-T",
        "4. Certificat ni expiré ni révoqué à la date de signature Conforme",
        "5. Intégrité du document signé Conforme Empreinte conforme",
        "Signature n° 2 — Jean Dupont",
        "Invalide (TOTAL_FAILED / HASH_FAILURE)",
        "Certificat qualifié Non",
        "5. Intégrité du document signé Non conforme Le document a été modifié",
        "• Algorithme SHA-1 faible",
        "ne peut pas être automatisé",
    ):
        assert expected in text, expected
    assert SHA in text.replace(" ", "")
    for number, page in enumerate(page_texts(rendered.data), start=1):
        flat = " ".join(page.split())
        assert f"page {number} / {rendered.pages}" in flat
        assert "Rapport de vérification · offre-lot1" in flat
    assert all("DejaVuSans" in name for name in font_names(rendered.data))


def test_report_in_english() -> None:
    text = _text(render_verification_report(_data(GOOD), "en", generated=GENERATED))
    assert "Electronic signature verification report" in text
    assert (
        "Every signature is valid. The signer's identity remains to be checked by the buyer."
        in text
    )
    assert "1. Identity of the signer To be checked" in text
    assert "2. Certificate category (art. 2) Passed" in text
    assert "Rapport" not in text


def test_a_file_without_signature_says_so() -> None:
    text = _text(render_verification_report(_data(), generated=GENERATED))
    assert "Aucune signature n'a été trouvée dans ce fichier." in text
    assert "Nombre de signatures 0" in text


def test_overall_result() -> None:
    indeterminate = SignatureResult(indication="INDETERMINATE", sub_indication="NO_POE")
    assert overall(_data(GOOD)) is CheckStatus.OK
    assert overall(_data(GOOD, BAD)) is CheckStatus.FAILED
    assert overall(_data(GOOD, indeterminate)) is CheckStatus.TO_CHECK
    assert overall(_data()) is CheckStatus.FAILED
    text = _text(render_verification_report(_data(indeterminate), generated=GENERATED))
    assert "Indéterminé (INDETERMINATE / NO_POE)" in text
    assert "n'a pas pu être validée complètement" in text
    # by default every check waits for a person: nothing is claimed without evidence
    assert text.count("À vérifier") == 5


def test_many_signatures_span_pages() -> None:
    rendered = render_report(_data(*([GOOD, BAD] * 6)), generated=GENERATED)
    assert rendered.pages >= 3
    assert "Signature n° 12 — Jean Dupont" in _text(rendered.data)


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ExportError):
        render_verification_report(_data(GOOD), "it")
