"""The settings dialog: load, check every page before saving any, secrets to the keyring."""

from __future__ import annotations

from pathlib import Path

import keyring
from pytestqt.qtbot import QtBot

from app.settings import (
    AUTOSAVE_DELAY_MS,
    DATA_FOLDER,
    LANGUAGE,
    ONLINE_SIGNATURE_CHECKS,
    PROXY_KEYRING_ENTRY,
    PROXY_KEYRING_SERVICE,
    PROXY_MODE,
    PROXY_URL,
    PROXY_USER,
    ROLE,
    TRUSTED_LIST_REFRESH_DAYS,
    TSA_URL,
    Settings,
)
from app.ui.settings_dialog import SettingsDialog

PROXY_SECRET = "pr0xy-P@ss-1234"


def _dialog(qtbot: QtBot, settings: Settings) -> SettingsDialog:
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()  # not exec(): the test drives it, nothing waits on a modal loop
    return dialog


def test_saving_every_page(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, settings)
    assert [dialog.nav.item(r).text() for r in range(dialog.nav.count())] == [
        "Général",
        "Signature",
        "Réseau",
    ]
    general, signature, network = dialog.general, dialog.signature, dialog.network
    assert general.language.currentData() == "system"
    general.language.setCurrentIndex(general.language.findData("en"))
    general.role.setCurrentIndex(general.role.findData("buyer"))
    general.data_folder.setText(str(tmp_path / "données"))
    general.autosave.setValue(2000)
    signature.tsa_url.setText("http://timestamp.example.org/tsr")
    signature.refresh_days.setValue(0)
    assert signature.online_checks.isChecked()  # on by default
    signature.online_checks.setChecked(False)
    network.modes.button(2).click()
    network.url.setText("http://proxy.example:3128")
    network.user.setText("agent")
    network.password.setText(PROXY_SECRET)
    changed: list[list[str]] = []
    dialog.changed.connect(changed.append)

    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    assert dialog.result() == dialog.DialogCode.Accepted
    assert settings.get(LANGUAGE) == "en"
    assert settings.get(ROLE) == "buyer"
    assert settings.get(DATA_FOLDER) == str(tmp_path / "données")
    assert settings.get(AUTOSAVE_DELAY_MS) == 2000
    assert settings.get(TSA_URL) == "http://timestamp.example.org/tsr"
    assert settings.get(TRUSTED_LIST_REFRESH_DAYS) == 0
    assert settings.get(ONLINE_SIGNATURE_CHECKS) is False
    assert (settings.get(PROXY_MODE), settings.get(PROXY_URL), settings.get(PROXY_USER)) == (
        "manual",
        "http://proxy.example:3128",
        "agent",
    )
    assert keyring.get_password(PROXY_KEYRING_SERVICE, PROXY_KEYRING_ENTRY) == PROXY_SECRET
    ini = Path(settings.backend.path).read_text(encoding="utf-8")  # type: ignore[attr-defined]
    assert PROXY_SECRET not in ini
    assert changed
    assert LANGUAGE.key in changed[0]
    assert PROXY_URL.key in changed[0]
    assert any("trousseau" in notice for notice in dialog.notices)

    again = _dialog(qtbot, settings)  # loads what was saved; the password is not shown
    assert again.general.language.currentData() == "en"
    assert not again.signature.online_checks.isChecked()
    assert again.network.password.text() == ""
    assert "Enregistré" in again.network.password.placeholderText()


def test_a_wrong_value_on_one_page_saves_nothing(qtbot: QtBot, settings: Settings) -> None:
    dialog = _dialog(qtbot, settings)
    dialog.general.role.setCurrentIndex(dialog.general.role.findData("operator"))
    dialog.network.modes.button(2).click()
    dialog.network.url.setText("http://agent:secret@proxy.example:3128")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    assert dialog.isVisible()  # still open, on the page at fault
    assert dialog.stack.currentWidget() is dialog.network
    assert dialog.focusWidget() is dialog.network.url
    assert "identifiants ne se mettent pas dans l'adresse" in dialog.error.text()
    assert not settings.is_set(ROLE)  # the valid page was not saved either
    assert not settings.is_set(PROXY_URL)

    dialog.network.url.setText("")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert "adresse du proxy manuel" in dialog.error.text()
    dialog.network.modes.button(0).click()
    dialog.general.data_folder.setText("relatif/dossier")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert dialog.stack.currentWidget() is dialog.general
    assert "chemin complet" in dialog.error.text()
