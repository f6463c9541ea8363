"""Official findings are shown in French, the original kept alongside."""

from __future__ import annotations

from app.validation.findings import Finding
from app.validation.messages_fr import french_message


def test_most_specific_rule_wins() -> None:
    finding = Finding("fatal", "BR-TCR-06-01", "As the response 'X' is TRUE ...")
    assert french_message(finding).startswith("Une réponse OUI ouvre")
    assert french_message(Finding("fatal", "BR-TCR-08-04", "x")).startswith("Le type de la réponse")
    assert "taxonomie" in french_message(Finding("fatal", "BR-TC-15-01", "x"))


def test_code_list_values_name_the_value() -> None:
    finding = Finding("fatal", "01-ESPD-codelist-values", "Invalid value: 'FR' for the element ...")
    assert french_message(finding) == "Valeur « FR » absente de la liste de codes officielle."


def test_quick_checks_and_unknown_rules() -> None:
    assert french_message(Finding("error", "CHECK-EMAIL", "Adresse invalide.", source="check")) == (
        "Adresse invalide."
    )
    assert (
        french_message(Finding("fatal", "ZZ-UNKNOWN", "whatever"))
        == "Règle officielle non respectée."
    )
