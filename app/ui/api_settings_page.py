"""« Comptes et API » : the API profiles (sandbox, production) and the PISTE credentials.

The addresses and platform identifiers are ordinary settings (one JSON
object per profile in the app's settings file).  The PISTE client id and secret go to the OS keyring only
(:class:`~app.sync.credentials.CredentialStore`); when there is no keyring
they are kept for this session and the page says so.  « Tester la
connexion » runs ``healthCheck`` on the sync worker thread, never here.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Protocol

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.sync.credentials import NO_KEYRING_MESSAGE, Credentials, CredentialStore
from app.sync.engine import Connectivity
from app.sync.errors import CredentialsMissingError
from app.sync.profiles import ApiProfile, builtin_profile, check_endpoint
from app.ui.errors import error_text
from app.ui.sync_controller import SyncController
from app.ui.sync_status import COLOURS, FAILED_COLOUR

log = logging.getLogger("dume.ui.sync")

PROFILE_NAMES = ("sandbox", "production")
ACTIVE_KEY = "sync/active_profile"
PROFILE_KEY = "sync/profiles/{name}"
OK_COLOUR = COLOURS[Connectivity.ONLINE]


def editable_settings(profile: ApiProfile) -> dict[str, Any]:
    """The fields this page edits; never a secret (a profile holds none)."""
    return {
        "token_url": profile.token_url,
        "api_base_url": profile.api_base_url,
        "signature_verify_url": profile.signature_verify_url,
        "platform": {
            "type_id": profile.platform.type_id,
            "platform_id": profile.platform.platform_id,
            "technical_id": profile.platform.technical_id,
        },
        "requester": {"id": profile.requester.id, "name": profile.requester.name},
    }


class TextStore(Protocol):
    """Text key/value storage: the app settings' backend (QSettings INI file, or memory)."""

    def read(self, key: str) -> str | None: ...

    def write(self, key: str, value: str) -> None: ...

    def sync(self) -> None: ...


class ProfileSettings:
    """The API profiles in the settings: which one is used, and each one's addresses and ids.

    *store* is the settings backend (``app.settings.Settings.backend``), so the
    profiles live in the same file as every other setting.
    """

    def __init__(self, store: TextStore) -> None:
        self.store = store

    def load(self, name: str) -> ApiProfile:
        builtin_profile(name)  # an unknown name is a clear error
        raw = self.store.read(PROFILE_KEY.format(name=name))
        data: dict[str, Any] = {}
        if raw:
            try:
                loaded = json.loads(raw)
            except ValueError:
                log.warning("settings of API profile %s unreadable: defaults used", name)
            else:
                data = loaded if isinstance(loaded, dict) else {}
        return ApiProfile.from_settings({**data, "name": name})

    def save(self, profile: ApiProfile) -> None:
        self.store.write(
            PROFILE_KEY.format(name=profile.name),
            json.dumps(editable_settings(profile), ensure_ascii=False),
        )
        self.store.sync()

    def active_name(self) -> str:
        name = self.store.read(ACTIVE_KEY)
        return name if name in PROFILE_NAMES else "sandbox"

    def set_active(self, name: str) -> None:
        self.store.write(ACTIVE_KEY, name)
        self.store.sync()

    def active_profile(self) -> ApiProfile:
        return self.load(self.active_name())


class ApiSettingsPage(QWidget):
    """Edit a profile, store its credentials in the keyring, test the connection."""

    profile_saved = Signal(object)  # the ApiProfile now in use

    def __init__(
        self,
        profiles: ProfileSettings,
        controller: SyncController,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.profiles = profiles
        self.controller = controller
        self._testing = False

        self.profile_box = QComboBox()
        self.profile_box.setAccessibleName(self.tr("Profil d'API"))
        labels = {
            "sandbox": self.tr("Bac à sable PISTE (qualification)"),
            "production": self.tr("Production PISTE"),
        }
        for name in PROFILE_NAMES:
            self.profile_box.addItem(labels[name], name)
        self.token_url = self._line(self.tr("Adresse du jeton PISTE (OAuth2)"))
        self.api_base_url = self._line(self.tr("Adresse des API DUME"))
        self.platform_type = QComboBox()
        self.platform_type.setAccessibleName(self.tr("Type d'identifiant de la plateforme"))
        for type_id, label in (
            (1, self.tr("SIRET")),
            (2, self.tr("TVA intracommunautaire")),
            (3, self.tr("Identifiant hors UE")),
            (4, self.tr("RIDET")),
            (5, self.tr("Numéro Tahiti")),
        ):
            self.platform_type.addItem(label, type_id)
        self.platform_id = self._line(self.tr("Identifiant de la plateforme (idPlateforme)"))
        self.technical_id = self._line(
            self.tr("Identifiant technique de la plateforme (idTechniquePlateforme)")
        )
        self.requester_id = self._line(self.tr("Identifiant du demandeur (idDemandeur)"))
        self.requester_name = self._line(self.tr("Raison sociale du demandeur (rsDemandeur)"))
        self.signature_url = self._line(self.tr("Service de vérification des signatures"))
        self.signature_url.setPlaceholderText(self.tr("Facultatif"))

        self.client_id = self._line(self.tr("Identifiant client PISTE"))
        self.secret = self._line(self.tr("Secret PISTE"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.credentials_label = QLabel()
        self.credentials_label.setWordWrap(True)
        self.no_keyring_label = QLabel(NO_KEYRING_MESSAGE)  # the core says it in French
        self.no_keyring_label.setWordWrap(True)
        self.no_keyring_label.setStyleSheet(f"color: {FAILED_COLOUR};")
        self.forget_button = QPushButton(self.tr("&Effacer les identifiants"))

        self.test_button = QPushButton(self.tr("&Tester la connexion"))
        self.save_button = QPushButton(self.tr("Enregistrer et &utiliser ce profil"))
        self.save_button.setDefault(True)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.setAccessibleName(self.tr("Résultat"))

        service = QFormLayout()
        service.addRow(self.tr("Profil :"), self.profile_box)
        service.addRow(self.tr("Adresse du jeton :"), self.token_url)
        service.addRow(self.tr("Adresse des API :"), self.api_base_url)
        service.addRow(self.tr("Type d'identifiant :"), self.platform_type)
        service.addRow(self.tr("idPlateforme :"), self.platform_id)
        service.addRow(self.tr("idTechniquePlateforme :"), self.technical_id)
        service.addRow(self.tr("idDemandeur :"), self.requester_id)
        service.addRow(self.tr("rsDemandeur :"), self.requester_name)
        service.addRow(self.tr("Vérification des signatures :"), self.signature_url)
        service_box = QGroupBox(self.tr("Service DUME"))
        service_box.setLayout(service)

        credentials = QFormLayout()
        credentials.addRow(self.tr("Identifiant client :"), self.client_id)
        credentials.addRow(self.tr("Secret :"), self.secret)
        credentials.addRow(self.credentials_label)
        credentials.addRow(self.no_keyring_label)
        forget_row = QHBoxLayout()
        forget_row.addWidget(self.forget_button)
        forget_row.addStretch(1)
        credentials.addRow(forget_row)
        credentials_box = QGroupBox(
            self.tr("Identifiants PISTE (gardés dans le trousseau du système)")
        )
        credentials_box.setLayout(credentials)

        buttons = QHBoxLayout()
        buttons.addWidget(self.test_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addWidget(service_box)
        layout.addWidget(credentials_box)
        layout.addWidget(self.result_label)
        layout.addStretch(1)
        layout.addLayout(buttons)

        self.profile_box.currentIndexChanged.connect(lambda _i: self.load_profile())
        self.test_button.clicked.connect(self.test_connection)
        self.save_button.clicked.connect(self.save)
        self.forget_button.clicked.connect(self.forget_credentials)
        controller.connection_tested.connect(self._tested)
        active = PROFILE_NAMES.index(profiles.active_name())
        if active == self.profile_box.currentIndex():
            self.load_profile()
        else:
            self.profile_box.setCurrentIndex(active)

    def _line(self, accessible: str) -> QLineEdit:
        line = QLineEdit()
        line.setAccessibleName(accessible)
        line.setMinimumWidth(420)
        return line

    # ------------------------------------------------------------ form <-> profile
    def profile_name(self) -> str:
        return str(self.profile_box.currentData())

    def store(self) -> CredentialStore:
        return builtin_store(self.profile_name())

    def load_profile(self) -> None:
        profile = self.profiles.load(self.profile_name())
        self.token_url.setText(profile.token_url)
        self.api_base_url.setText(profile.api_base_url)
        index = self.platform_type.findData(profile.platform.type_id or 1)
        self.platform_type.setCurrentIndex(max(0, index))
        self.platform_id.setText(profile.platform.platform_id)
        self.technical_id.setText(profile.platform.technical_id)
        self.requester_id.setText(profile.requester.id)
        self.requester_name.setText(profile.requester.name)
        self.signature_url.setText(profile.signature_verify_url or "")
        stored = self.store().load()
        self.client_id.setText(stored.client_id if stored else "")
        self.secret.clear()
        self.result_label.clear()
        self._show_credentials_state()

    def profile_from_form(self) -> ApiProfile:
        base = self.profiles.load(self.profile_name())
        signature = self.signature_url.text().strip() or None
        return ApiProfile.from_settings(
            {
                **editable_settings(base),
                "name": base.name,
                "token_url": self.token_url.text().strip(),
                "api_base_url": self.api_base_url.text().strip(),
                "signature_verify_url": signature,
                "platform": {
                    "type_id": int(self.platform_type.currentData()),
                    "platform_id": self.platform_id.text().strip(),
                    "technical_id": self.technical_id.text().strip(),
                },
                "requester": {
                    "id": self.requester_id.text().strip(),
                    "name": self.requester_name.text().strip(),
                },
            }
        )

    @staticmethod
    def check(profile: ApiProfile) -> None:
        """Addresses must be usable; the platform ids, once typed, must be well formed."""
        check_endpoint(profile.token_url, "Adresse du jeton PISTE")
        check_endpoint(profile.api_base_url, "Adresse des API DUME")
        if profile.signature_verify_url:
            check_endpoint(profile.signature_verify_url, "Adresse du service de signature")
        if profile.platform.platform_id or profile.platform.technical_id:
            profile.platform.check()

    def typed_credentials(self) -> Credentials | None:
        """What the fields say, completed with the stored secret; None: nothing typed."""
        client_id = self.client_id.text().strip()
        secret = self.secret.text()
        if secret:
            return Credentials(client_id, secret)  # raises if the id is missing
        stored = self.store().load()
        if not client_id:
            return None
        if stored is None:
            raise CredentialsMissingError(
                "Saisissez aussi le secret de l'application PISTE.",
            )
        if stored.client_id == client_id:
            return None  # unchanged
        return Credentials(client_id, stored.client_secret, stored.cpro_account)

    def _show_credentials_state(self) -> None:
        store = self.store()
        where = store.where()
        texts = {
            "keyring": self.tr("Identifiants enregistrés dans le trousseau du système."),
            "session": self.tr(
                "Identifiants gardés en mémoire pour cette session seulement : ils seront "
                "redemandés au prochain lancement."
            ),
            "none": self.tr("Aucun identifiant enregistré pour ce profil."),
        }
        self.credentials_label.setText(texts[where])
        self.secret.setPlaceholderText(
            self.tr("Secret enregistré — laisser vide pour le garder")
            if where != "none"
            else self.tr("Secret de l'application PISTE")
        )
        self.no_keyring_label.setVisible(not store.keyring_available())
        self.forget_button.setEnabled(where != "none")

    def _show_result(self, ok: bool, message: str) -> None:
        self.result_label.setText(message)
        self.result_label.setStyleSheet(f"color: {OK_COLOUR if ok else FAILED_COLOUR};")

    # ------------------------------------------------------------ actions
    def save(self) -> bool:
        """Store the settings (QSettings) and the credentials (keyring), and use the profile."""
        try:
            profile = self.profile_from_form()
            self.check(profile)
            credentials = self.typed_credentials()
        except UserFacingError as exc:
            self._show_result(False, error_text(exc))
            return False
        messages = [
            self.tr("Profil « %s » enregistré et utilisé.") % self.profile_box.currentText()
        ]
        persisted = True
        if credentials is not None:
            outcome = CredentialStore(profile.keyring_service).save(credentials)
            persisted = outcome.persisted
            messages.append(outcome.message)
        self.profiles.save(profile)
        self.profiles.set_active(profile.name)
        self.secret.clear()
        self._show_credentials_state()
        self._show_result(persisted, " ".join(messages))
        self.profile_saved.emit(profile)
        return True

    def test_connection(self) -> None:
        try:
            profile = self.profile_from_form()
            self.check(profile)
            credentials = self.typed_credentials()
        except UserFacingError as exc:
            self._show_result(False, error_text(exc))
            return
        self._testing = True
        self.test_button.setEnabled(False)
        self.result_label.setStyleSheet("")
        self.result_label.setText(self.tr("Test de la connexion en cours…"))
        self.controller.test_connection(profile, credentials)

    def _tested(self, ok: bool, message: str) -> None:
        if not self._testing:
            return  # another page asked
        self._testing = False
        self.test_button.setEnabled(True)
        self._show_result(ok, message)

    def forget_credentials(self) -> None:
        self.store().delete()
        self.client_id.clear()
        self.secret.clear()
        self._show_credentials_state()
        self._show_result(True, self.tr("Identifiants effacés du trousseau."))
        if self.profile_name() == self.controller.profile.name:
            self.controller.apply_profile(self.controller.profile)


def builtin_store(name: str) -> CredentialStore:
    return CredentialStore(builtin_profile(name).keyring_service)


class ApiSettingsDialog(QDialog):
    """« Comptes et API… »."""

    def __init__(
        self, profiles: ProfileSettings, controller: SyncController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Comptes et API — service DUME"))
        self.page = ApiSettingsPage(profiles, controller)
        self.page.profile_saved.connect(controller.apply_profile)
        close = QDialogButtonBox()
        close.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(close)
