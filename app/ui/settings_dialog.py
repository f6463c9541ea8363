"""The settings dialog: one page per subject, each with load / check / save.

Every page loads its widgets from :class:`app.settings.Settings`, checks
them (raising :class:`SettingsCheckError`, which names the widget at fault)
and saves them.  « Enregistrer » checks every page first and saves only if
all pass, so a wrong value on one page never leaves half the settings
written.  Secrets (the proxy password; the PISTE secret on the « Service
DUME » page) go to the OS keyring, never to the settings file.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import keyring
import keyring.errors
from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.paths import DATA_DIR_ENV
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
    Setting,
    Settings,
    SettingValueError,
)
from app.ui.errors import error_text

log = logging.getLogger("dume.ui.settings")


class SettingsCheckError(UserFacingError):
    """A page refused a value; *widget* is where the user must correct it."""

    title = "Paramètre invalide"

    def __init__(self, message: str, widget: QWidget, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.widget = widget


def checked(setting: Setting[Any], value: Any, widget: QWidget) -> Any:
    """*value* if *setting* accepts it, else a :class:`SettingsCheckError` on *widget*."""
    try:
        return setting.check(value)
    except SettingValueError as error:
        raise SettingsCheckError(error.message, widget, hint=error.hint) from None


class SettingsPage(Protocol):
    """What the dialog needs of a page (the API page of the sync UI fits it through an adapter)."""

    def page_title(self) -> str: ...

    def widget(self) -> QWidget: ...

    def load(self, settings: Settings) -> None: ...

    def check(self) -> None: ...

    def save(self, settings: Settings) -> list[str]:
        """Store the values; returns notices for the user (empty: nothing to say)."""
        ...


class _FormPage(QWidget):
    def widget(self) -> QWidget:
        return self

    @staticmethod
    def _note(text: str) -> QLabel:
        label = QLabel(text)
        label.setWordWrap(True)
        label.setStyleSheet("color: palette(mid);")
        return label


# ---------------------------------------------------------------- pages
class GeneralPage(_FormPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.language = QComboBox()
        self.language.setAccessibleName(self.tr("Langue de l'interface"))
        for label, value in (
            (self.tr("Langue du système"), "system"),
            (self.tr("Français"), "fr"),
            ("English", "en"),  # a language's own name is never translated
        ):
            self.language.addItem(label, value)
        self.role = QComboBox()
        self.role.setAccessibleName(self.tr("Votre rôle"))
        for label, value in (
            (self.tr("Acheteur public"), "buyer"),
            (self.tr("Opérateur économique"), "operator"),
            (self.tr("Les deux"), "both"),
        ):
            self.role.addItem(label, value)
        self.data_folder = QLineEdit()
        self.data_folder.setAccessibleName(self.tr("Dossier des données"))
        self.data_folder.setPlaceholderText(self.tr("Dossier par défaut"))
        choose = QPushButton(self.tr("C&hoisir…"))
        choose.clicked.connect(self._choose_folder)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.data_folder, 1)
        folder_row.addWidget(choose)
        self.autosave = QSpinBox()
        self.autosave.setAccessibleName(self.tr("Délai d'enregistrement automatique"))
        self.autosave.setRange(AUTOSAVE_DELAY_MS.minimum or 0, AUTOSAVE_DELAY_MS.maximum or 60000)
        self.autosave.setSingleStep(100)
        self.autosave.setSuffix(self.tr(" ms"))
        form = QFormLayout(self)
        form.addRow(self.tr("Langue :"), self.language)
        form.addRow(
            self._note(
                self.tr(
                    "La fenêtre principale est reconstruite dans la nouvelle langue ; votre travail est enregistré avant."
                )
            )
        )
        form.addRow(self.tr("Rôle :"), self.role)
        form.addRow(
            self._note(
                self.tr(
                    "Le rôle ne change que l'écran d'accueil : toutes les fonctions restent disponibles."
                )
            )
        )
        form.addRow(self.tr("Dossier des données :"), folder_row)
        note = self.tr(
            "La bibliothèque et les artefacts ESPD y sont rangés. Le changement prend effet au prochain démarrage ; déplacez vous-même les fichiers existants."
        )
        if os.environ.get(DATA_DIR_ENV):
            note += (
                " " + self.tr("La variable %s impose actuellement un autre dossier.") % DATA_DIR_ENV
            )
        form.addRow(self._note(note))
        form.addRow(self.tr("Enregistrement automatique après :"), self.autosave)

    def page_title(self) -> str:
        return self.tr("Général")

    def _choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Dossier des données"), self.data_folder.text()
        )
        if folder:
            self.data_folder.setText(folder)

    def load(self, settings: Settings) -> None:
        self.language.setCurrentIndex(max(0, self.language.findData(settings.get(LANGUAGE))))
        self.role.setCurrentIndex(max(0, self.role.findData(settings.get(ROLE))))
        self.data_folder.setText(settings.get(DATA_FOLDER))
        self.autosave.setValue(settings.get(AUTOSAVE_DELAY_MS))

    def check(self) -> None:
        checked(AUTOSAVE_DELAY_MS, self.autosave.value(), self.autosave)
        text = self.data_folder.text().strip()
        if not text:
            return
        folder = Path(text).expanduser()
        if not folder.is_absolute():
            raise SettingsCheckError(
                self.tr("Indiquez le chemin complet du dossier des données."), self.data_folder
            )
        existing = folder
        while not existing.exists() and existing != existing.parent:
            existing = existing.parent
        if not existing.is_dir() or not os.access(existing, os.W_OK):
            raise SettingsCheckError(
                self.tr("Le dossier « %s » n'est pas accessible en écriture.") % existing,
                self.data_folder,
            )

    def save(self, settings: Settings) -> list[str]:
        settings.set(LANGUAGE, str(self.language.currentData()))
        settings.set(ROLE, str(self.role.currentData()))
        folder = self.data_folder.text().strip()
        settings.set(DATA_FOLDER, str(Path(folder).expanduser()) if folder else "")
        settings.set(AUTOSAVE_DELAY_MS, self.autosave.value())
        return []


class SignaturePage(_FormPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tsa_url = QLineEdit()
        self.tsa_url.setAccessibleName(self.tr("Service d'horodatage"))
        self.tsa_url.setPlaceholderText(self.tr("https://… (facultatif)"))
        self.refresh_days = QSpinBox()
        self.refresh_days.setAccessibleName(self.tr("Actualisation des listes de confiance"))
        self.refresh_days.setRange(
            TRUSTED_LIST_REFRESH_DAYS.minimum or 0, TRUSTED_LIST_REFRESH_DAYS.maximum or 365
        )
        self.refresh_days.setSuffix(self.tr(" jour(s)"))
        self.refresh_days.setSpecialValueText(self.tr("Jamais (à la demande)"))
        self.online_checks = QCheckBox(
            self.tr("Vérifier en ligne quand c'est possible (révocation, listes de confiance)")
        )
        form = QFormLayout(self)
        form.addRow(self.tr("Service d'horodatage (TSA) :"), self.tsa_url)
        form.addRow(
            self._note(
                self.tr(
                    "Utilisé pour horodater vos signatures (niveau B-T). Sans adresse, les signatures ne sont pas horodatées."
                )
            )
        )
        form.addRow(self.tr("Actualiser les listes de confiance tous les :"), self.refresh_days)
        form.addRow(
            self._note(
                self.tr(
                    "Les listes de confiance européennes servent à vérifier les signatures ; hors ligne, la dernière copie est utilisée et signalée comme périmée."
                )
            )
        )
        form.addRow(self.online_checks)
        form.addRow(
            self._note(
                self.tr(
                    "Télécharge les listes de révocation (CRL) des certificats et actualise les listes de confiance à l'échéance choisie. Sans réseau, la vérification se fait avec ce qui est déjà enregistré."
                )
            )
        )

    def page_title(self) -> str:
        return self.tr("Signature")

    def load(self, settings: Settings) -> None:
        self.tsa_url.setText(settings.get(TSA_URL))
        self.refresh_days.setValue(settings.get(TRUSTED_LIST_REFRESH_DAYS))
        self.online_checks.setChecked(settings.get(ONLINE_SIGNATURE_CHECKS))

    def check(self) -> None:
        checked(TSA_URL, self.tsa_url.text().strip(), self.tsa_url)
        checked(TRUSTED_LIST_REFRESH_DAYS, self.refresh_days.value(), self.refresh_days)

    def save(self, settings: Settings) -> list[str]:
        settings.set(TSA_URL, self.tsa_url.text().strip())
        settings.set(TRUSTED_LIST_REFRESH_DAYS, self.refresh_days.value())
        settings.set(ONLINE_SIGNATURE_CHECKS, self.online_checks.isChecked())
        return []


def proxy_password() -> str | None:
    """The proxy password from the keyring (None without one, or without a keyring)."""
    try:
        return keyring.get_password(PROXY_KEYRING_SERVICE, PROXY_KEYRING_ENTRY)
    except keyring.errors.KeyringError as error:
        log.warning("proxy password unreadable: %s", type(error).__name__)
        return None


class NetworkPage(_FormPage):
    MODES = ("system", "none", "manual")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.modes = QButtonGroup(self)
        labels = (
            self.tr("Utiliser le proxy du système"),
            self.tr("Aucun proxy (connexion directe)"),
            self.tr("Proxy manuel :"),
        )
        form = QFormLayout(self)
        for index, label in enumerate(labels):
            button = QRadioButton(label)
            self.modes.addButton(button, index)
            form.addRow(button)
        self.url = QLineEdit()
        self.url.setAccessibleName(self.tr("Adresse du proxy"))
        self.url.setPlaceholderText("http://proxy.example.fr:3128")
        self.user = QLineEdit()
        self.user.setAccessibleName(self.tr("Utilisateur du proxy"))
        self.password = QLineEdit()
        self.password.setAccessibleName(self.tr("Mot de passe du proxy"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.forget = QPushButton(self.tr("&Oublier le mot de passe"))
        self.forget.clicked.connect(self.forget_password)
        form.addRow(self.tr("Adresse :"), self.url)
        form.addRow(self.tr("Utilisateur :"), self.user)
        form.addRow(self.tr("Mot de passe :"), self.password)
        form.addRow("", self.forget)
        form.addRow(
            self._note(
                self.tr(
                    "Le mot de passe est gardé dans le trousseau du système, jamais dans un fichier. Les changements prennent effet au prochain démarrage."
                )
            )
        )
        self.modes.idToggled.connect(lambda _id, _on: self._enable())

    def page_title(self) -> str:
        return self.tr("Réseau")

    def _enable(self) -> None:
        manual = self.modes.checkedId() == self.MODES.index("manual")
        for widget in (self.url, self.user, self.password):
            widget.setEnabled(manual)

    def mode(self) -> str:
        return self.MODES[max(0, self.modes.checkedId())]

    def load(self, settings: Settings) -> None:
        button = self.modes.button(self.MODES.index(settings.get(PROXY_MODE)))
        button.setChecked(True)
        self.url.setText(settings.get(PROXY_URL))
        self.user.setText(settings.get(PROXY_USER))
        self.password.clear()
        stored = proxy_password() is not None
        self.password.setPlaceholderText(
            self.tr("Enregistré — laisser vide pour le garder") if stored else ""
        )
        self.forget.setEnabled(stored)
        self._enable()

    def check(self) -> None:
        url = self.url.text().strip()
        checked(PROXY_URL, url, self.url)
        if self.mode() == "manual" and not url:
            raise SettingsCheckError(self.tr("Indiquez l'adresse du proxy manuel."), self.url)
        if self.password.text() and not self.user.text().strip():
            raise SettingsCheckError(
                self.tr("Un mot de passe de proxy demande un nom d'utilisateur."), self.user
            )

    def save(self, settings: Settings) -> list[str]:
        settings.set(PROXY_MODE, self.mode())
        settings.set(PROXY_URL, self.url.text().strip())
        settings.set(PROXY_USER, self.user.text().strip())
        secret = self.password.text()
        self.password.clear()
        if not secret:
            return []
        try:
            keyring.set_password(PROXY_KEYRING_SERVICE, PROXY_KEYRING_ENTRY, secret)
        except keyring.errors.KeyringError as error:
            log.warning("proxy password not stored: %s", type(error).__name__)
            return [
                self.tr(
                    "Aucun trousseau système disponible : le mot de passe du proxy n'a pas été enregistré."
                )
            ]
        self.forget.setEnabled(True)
        return [self.tr("Mot de passe du proxy enregistré dans le trousseau du système.")]

    def forget_password(self) -> None:
        # nothing stored, or no keyring: nothing to forget
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(PROXY_KEYRING_SERVICE, PROXY_KEYRING_ENTRY)
        self.password.setPlaceholderText("")
        self.forget.setEnabled(False)


class ApiPageAdapter:
    """The sync UI's « Service DUME » page (:mod:`app.ui.api_settings_page`) as a settings page.

    That page keeps its own profile storage and « Tester la connexion »; the
    dialog only asks it to check and save together with the other pages.
    """

    def __init__(self, page: Any) -> None:
        self.page = page

    def page_title(self) -> str:
        return QCoreApplication.translate("SettingsDialog", "Service DUME")

    def widget(self) -> QWidget:
        widget: QWidget = self.page
        return widget

    def load(self, settings: Settings) -> None:
        self.page.load_profile()

    def check(self) -> None:
        try:
            self.page.check(self.page.profile_from_form())
            self.page.typed_credentials()
        except UserFacingError as error:
            raise SettingsCheckError(error.one_line(), self.page) from None

    def save(self, settings: Settings) -> list[str]:
        self.page.save()
        return [self.page.result_label.text()]


# ---------------------------------------------------------------- the dialog
class SettingsDialog(QDialog):
    """« Paramètres… » of the Outils menu."""

    #: keys of the settings whose value changed (e.g. ``app/language``) after « Enregistrer »
    changed = Signal(list)

    def __init__(
        self,
        settings: Settings,
        extra_pages: Sequence[SettingsPage] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self.notices: list[str] = []
        self.setWindowTitle(self.tr("Paramètres"))
        self.resize(820, 520)
        self.general = GeneralPage()
        self.signature = SignaturePage()
        self.network = NetworkPage()
        self.pages: list[SettingsPage] = [self.general, *extra_pages, self.signature, self.network]
        self.nav = QListWidget()
        self.nav.setAccessibleName(self.tr("Rubriques des paramètres"))
        self.nav.setMaximumWidth(200)
        self.stack = QStackedWidget()
        for page in self.pages:
            self.nav.addItem(page.page_title())
            self.stack.addWidget(page.widget())
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setTextFormat(Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color: #b00020;")
        self.error.setAccessibleName(self.tr("Erreur de saisie"))
        self.error.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body, 1)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.load()

    def load(self) -> None:
        for page in self.pages:
            page.load(self.settings)

    def show_page(self, widget: QWidget) -> None:
        for row, page in enumerate(self.pages):
            if page.widget() is widget or page.widget().isAncestorOf(widget):
                self.nav.setCurrentRow(row)
                return

    def check(self) -> bool:
        """Check every page; show the first problem by its field."""
        for page in self.pages:
            try:
                page.check()
            except SettingsCheckError as error:
                self.show_page(error.widget)
                error.widget.setFocus()
                self.error.setText(error_text(error))
                self.error.show()
                return False
        self.error.hide()
        return True

    def accept(self) -> None:
        if not self.check():
            return
        before = {
            key: self.settings.backend.read(key) for key in self.settings.backend.stored_keys()
        }
        self.notices = []
        for page in self.pages:
            self.notices += [n for n in page.save(self.settings) if n]
        self.settings.sync()
        after = {
            key: self.settings.backend.read(key) for key in self.settings.backend.stored_keys()
        }
        keys = sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))
        log.info("settings saved: %s", ", ".join(keys) or "no change")
        super().accept()
        if keys:
            self.changed.emit(keys)
