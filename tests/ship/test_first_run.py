"""The first-run wizard, walked through like a user would (French, offscreen), with the
screenshots of docs/screenshots/first-run-*.png taken on the way."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QWizard
from pytestqt.qtbot import QtBot

import espd_schemas
from app.settings import FIRST_RUN_DONE, ROLE, SYNC_ACTIVE_PROFILE, Settings
from app.ui.first_run import FirstRunResult, FirstRunWizard, first_run_needed, home_message
from app.ui.i18n import Translations
from tests.screenshots import SCREENSHOTS
from tests.sync.memory_keyring import MemoryKeyring

CLIENT_SECRET = "S3cr3t-first-run-42"


@pytest.fixture
def french(catalogues: Path) -> Iterator[Translations]:
    """The French catalogues, Qt's included: the wizard's own buttons say « Suivant »."""
    application = QApplication.instance()
    assert application is not None
    translations = Translations(application, catalogues)
    translations.switch("fr")
    yield translations
    translations.remove()


def _wizard(qtbot: QtBot, settings: Settings) -> FirstRunWizard:
    wizard = FirstRunWizard(settings)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def _shot(wizard: FirstRunWizard, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    image = wizard.grab()
    assert (image.width(), image.height()) == (760, 520)
    assert image.save(str(SCREENSHOTS / f"first-run-{name}.png"))


def test_first_run_as_an_operator(
    qtbot: QtBot,
    settings: Settings,
    french: Translations,
    memory_keyring: MemoryKeyring,
    example_request: Path,
) -> None:
    assert first_run_needed(settings)
    wizard = _wizard(qtbot, settings)
    assert wizard.button(QWizard.WizardButton.NextButton).text() == "&Suivant >"
    wizard.role_page.group.button(1).click()
    _shot(wizard, "1-role")

    wizard.next()
    assert wizard.currentPage() is wizard.artefacts_page
    assert wizard.artefacts_page.isComplete()  # the artefacts of the test session are installed
    assert "Référentiel installé et vérifié" in wizard.artefacts_page.status.text()
    _shot(wizard, "2-artefacts")

    wizard.next()
    page = wizard.credentials_page
    qtbot.keyClicks(page.client_id, "mairie-demo-client")
    qtbot.keyClicks(page.secret, CLIENT_SECRET)
    _shot(wizard, "3-credentials")
    wizard.next()
    assert memory_keyring.entries[("dume-desktop/sandbox", "client_secret")] == CLIENT_SECRET
    assert page.secret.text() == ""

    assert wizard.currentPage() is wizard.document_page
    _shot(wizard, "4-document")
    wizard.button(QWizard.WizardButton.FinishButton).click()

    assert wizard.result_value == FirstRunResult("operator", example_request)
    assert settings.get(ROLE) == "operator"
    assert settings.get(FIRST_RUN_DONE) is True
    assert settings.get(SYNC_ACTIVE_PROFILE) == "sandbox"
    assert not first_run_needed(settings)
    assert CLIENT_SECRET not in Path(settings.backend.path).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert "importez la demande" in home_message("operator")


def test_missing_artefacts_are_installed_from_a_folder(
    qtbot: QtBot,
    settings: Settings,
    french: Translations,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    artefacts: espd_schemas.ArtefactSet,
) -> None:
    monkeypatch.setenv(espd_schemas.ESPD_HOME_ENV, str(tmp_path / "espd-edm"))
    wizard = _wizard(qtbot, settings)
    wizard.next()
    page = wizard.artefacts_page
    assert not page.isComplete()
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert "Référentiel incomplet" in page.status.text()
    _shot(wizard, "2-artefacts-missing")

    wrong = tmp_path / "wrong"
    wrong.mkdir()
    assert not page.install_from(wrong)
    assert "Rien n'a été copié" in page.status.text()
    assert not (tmp_path / "espd-edm" / espd_schemas.CURRENT_VERSION).exists()

    assert page.install_from(artefacts.root)
    assert page.isComplete()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert espd_schemas.check().ok  # really copied where the app looks


def test_importing_a_file_that_does_not_exist_is_refused(
    qtbot: QtBot, settings: Settings, tmp_path: Path
) -> None:
    wizard = _wizard(qtbot, settings)
    page = wizard.document_page
    page.group.button(1).click()
    page.path.setText(str(tmp_path / "absent.xml"))
    assert not page.validatePage()
    assert "fichier XML existant" in page.message.text()
    real = tmp_path / "dume.xml"
    real.write_text("<x/>", encoding="utf-8")
    page.path.setText(str(real))
    assert page.validatePage()
    assert page.document() == real
    page.group.button(2).click()
    assert page.document() is None
