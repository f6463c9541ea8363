"""The first-run wizard: role, official artefacts, API credentials, a first document.

Shown once, when the settings say the first run is not done.  Each step can
be redone later: the role and the credentials in Outils › Paramètres, the
artefacts with ``dume schemas --install``, documents from the Fichier menu.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

import espd_schemas
from app.errors import UserFacingError
from app.settings import FIRST_RUN_DONE, ROLE, SYNC_ACTIVE_PROFILE, Settings
from app.ui.errors import error_text

log = logging.getLogger("dume.ui.first_run")

ROLES = ("buyer", "operator", "both")


def home_message(role: str) -> str:
    """The welcome text of the main window for *role* (the only thing the role changes)."""
    if role == "buyer":
        return QCoreApplication.translate(
            "HomeScreen",
            "<h2>Bienvenue</h2><p>Rédigez une demande de DUME pour votre consultation : "
            "<b>Fichier › Nouvelle demande</b> (Ctrl+N). Vous pouvez aussi importer une demande "
            "existante (Ctrl+O) ou la glisser sur cette fenêtre.</p>",
        )
    if role == "operator":
        return QCoreApplication.translate(
            "HomeScreen",
            "<h2>Bienvenue</h2><p>Pour répondre à une consultation, importez la demande de DUME "
            "de l'acheteur (<b>Fichier › Importer un DUME</b>, Ctrl+O) ou glissez-la sur cette "
            "fenêtre, puis ouvrez-la pour rédiger votre réponse.</p>",
        )
    return QCoreApplication.translate(
        "HomeScreen",
        "<h2>Bienvenue</h2><p>Créez une demande de DUME (Ctrl+N), ou importez un document XML "
        "— une demande à laquelle répondre, une réponse à vérifier : menu Fichier, ou "
        "glissez-le sur cette fenêtre.</p>",
    )


@dataclass(frozen=True)
class FirstRunResult:
    role: str
    #: a document to import and open now (the sample or the user's file), if any
    document: Path | None


def _explain(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label


# ---------------------------------------------------------------- pages
class RolePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Bienvenue dans DUME"))
        self.setSubTitle(
            self.tr(
                "Cette application rédige, vérifie et signe le Document unique de marché "
                "européen, sans connexion. Quelques réglages, et vous êtes prêt."
            )
        )
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.addWidget(_explain(self.tr("<b>Vous utilisez DUME en tant que :</b>")))
        choices = (
            (
                self.tr("&Acheteur public"),
                self.tr("Vous rédigez les demandes de DUME de vos consultations."),
            ),
            (
                self.tr("&Opérateur économique"),
                self.tr(
                    "Vous répondez aux demandes des acheteurs avec le profil de votre entreprise."
                ),
            ),
            (
                self.tr("Les &deux"),
                self.tr(
                    "Vous rédigez des demandes et vous y répondez, ou vous vérifiez des réponses."
                ),
            ),
        )
        for index, (label, detail) in enumerate(choices):
            button = QRadioButton(label)
            self.group.addButton(button, index)
            layout.addWidget(button)
            hint = _explain(detail)
            hint.setContentsMargins(24, 0, 0, 8)
            layout.addWidget(hint)
        layout.addWidget(
            _explain(
                self.tr(
                    "Ce choix ne change que l'écran d'accueil : toutes les fonctions restent disponibles."
                )
            )
        )
        layout.addStretch(1)
        self.group.button(2).setChecked(True)

    def role(self) -> str:
        return ROLES[max(0, self.group.checkedId())]

    def set_role(self, role: str) -> None:
        self.group.button(ROLES.index(role)).setChecked(True)


class ArtefactsPage(QWizardPage):
    """The official ESPD-EDM files: checked against the manifest, installed if missing."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Référentiel officiel ESPD-EDM %s") % espd_schemas.CURRENT_VERSION)
        self.setSubTitle(
            self.tr(
                "Les schémas, règles, critères et listes de codes publiés par l'Office des "
                "publications de l'UE. DUME les vérifie fichier par fichier."
            )
        )
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("État du référentiel"))
        self.install_button = QPushButton(self.tr("&Installer depuis un dossier…"))
        self.install_button.clicked.connect(self._ask_folder)
        self.recheck_button = QPushButton(self.tr("&Vérifier à nouveau"))
        self.recheck_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.install_button)
        buttons.addWidget(self.recheck_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        layout.addWidget(
            _explain(
                self.tr(
                    "Le dossier à choisir est celui de la version %s du dépôt officiel ESPD-EDM "
                    "(il contient « ubl-2.3 », « validation », « codelists »…). Les fichiers sont "
                    "copiés dans le dossier des données de l'application."
                )
                % espd_schemas.CURRENT_VERSION
            )
        )
        layout.addStretch(1)
        self.report: espd_schemas.CheckReport | None = None

    def initializePage(self) -> None:
        self.refresh()

    def refresh(self) -> None:
        self.report = espd_schemas.check()
        self._show(self.report)
        self.completeChanged.emit()

    def _show(self, report: espd_schemas.CheckReport) -> None:
        if report.ok:
            count = len(espd_schemas.manifest()[report.version])
            self.status.setText(
                self.tr(
                    "<p style='color:#1b5e20'><b>✓ Référentiel installé et vérifié</b> : %1 fichiers conformes au manifeste.</p>"
                ).replace("%1", str(count))
            )
            return
        names = (report.missing + report.altered)[:5]
        self.status.setText(
            self.tr(
                "<p style='color:#b00020'><b>Référentiel incomplet</b> : %1 fichier(s) manquant(s), "
                "%2 modifié(s).</p><p>Par exemple : %3</p>"
            )
            .replace("%1", str(len(report.missing)))
            .replace("%2", str(len(report.altered)))
            .replace("%3", ", ".join(names))
        )

    def _ask_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(
            self, self.tr("Dossier du référentiel ESPD-EDM %s") % espd_schemas.CURRENT_VERSION
        )
        if folder:
            self.install_from(Path(folder))

    def install_from(self, folder: Path) -> bool:
        """Install the artefacts from *folder* (checked first); True when the set is complete."""
        try:
            report = espd_schemas.install(folder, espd_schemas.CURRENT_VERSION)
        except OSError as error:
            log.warning("artefact install failed: %s", type(error).__name__)
            self.status.setText(self.tr("Copie impossible : %s") % error.strerror)
            return False
        if not report.ok and report.root == folder:
            # the source itself is incomplete: nothing was copied
            self.status.setText(
                self.tr(
                    "<p style='color:#b00020'><b>Ce dossier ne contient pas le référentiel attendu</b> : "
                    "%1 fichier(s) manquant(s), %2 différent(s). Rien n'a été copié.</p>"
                )
                .replace("%1", str(len(report.missing)))
                .replace("%2", str(len(report.altered)))
            )
            return False
        self.refresh()
        return self.report is not None and self.report.ok

    def isComplete(self) -> bool:
        return self.report is not None and self.report.ok


class CredentialsPage(QWizardPage):
    """Optional: the PISTE application's credentials, straight to the OS keyring."""

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Service DUME en ligne (facultatif)"))
        self.setSubTitle(
            self.tr(
                "Pour publier vos DUME ou récupérer ceux des acheteurs, saisissez les identifiants "
                "de votre application PISTE. Vous pouvez passer cette étape : tout le reste "
                "fonctionne hors ligne."
            )
        )
        self.profile = QComboBox()
        self.profile.setAccessibleName(self.tr("Profil d'API"))
        self.profile.addItem(self.tr("Bac à sable PISTE (qualification)"), "sandbox")
        self.profile.addItem(self.tr("Production PISTE"), "production")
        self.client_id = QLineEdit()
        self.client_id.setAccessibleName(self.tr("Identifiant client PISTE"))
        self.secret = QLineEdit()
        self.secret.setAccessibleName(self.tr("Secret PISTE"))
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("Service :"), self.profile)
        form.addRow(self.tr("Identifiant client :"), self.client_id)
        form.addRow(self.tr("Secret :"), self.secret)
        form.addRow(
            _explain(
                self.tr(
                    "Le secret est gardé dans le trousseau du système, jamais dans un fichier. "
                    "Les adresses et les identifiants de plateforme se règlent dans "
                    "Outils › Paramètres › Service DUME."
                )
            )
        )
        form.addRow(self.message)

    def validatePage(self) -> bool:
        client_id, secret = self.client_id.text().strip(), self.secret.text()
        if not client_id and not secret:
            return True  # skipped
        from app.sync.credentials import Credentials, CredentialStore
        from app.sync.profiles import builtin_profile

        try:
            credentials = Credentials(client_id, secret)
            store = CredentialStore(
                builtin_profile(str(self.profile.currentData())).keyring_service
            )
            outcome = store.save(credentials)
        except UserFacingError as error:
            self.message.setText(error_text(error))
            return False
        self.secret.clear()
        self.message.setText(outcome.message)
        return True


class FirstDocumentPage(QWizardPage):
    CHOICES = ("sample", "import", "none")

    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("Votre premier document"))
        self.setSubTitle(
            self.tr(
                "Ouvrez l'exemple officiel pour découvrir l'application, ou importez un DUME reçu."
            )
        )
        self.group = QButtonGroup(self)
        self.path = QLineEdit()
        self.path.setAccessibleName(self.tr("Document à importer"))
        self.path.setPlaceholderText(self.tr("Fichier XML d'un DUME (demande ou réponse)"))
        browse = QPushButton(self.tr("&Parcourir…"))
        browse.clicked.connect(self._browse)
        self.message = QLabel()
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        labels = (
            self.tr("Ouvrir l'&exemple officiel (une demande de DUME)"),
            self.tr("&Importer un document :"),
            self.tr("&Commencer avec une bibliothèque vide"),
        )
        for index, label in enumerate(labels):
            button = QRadioButton(label)
            self.group.addButton(button, index)
            layout.addWidget(button)
            if index == 1:
                row = QHBoxLayout()
                row.setContentsMargins(24, 0, 0, 0)
                row.addWidget(self.path, 1)
                row.addWidget(browse)
                layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.group.button(0).setChecked(True)
        self.path.textEdited.connect(lambda _t: self.group.button(1).setChecked(True))

    def choice(self) -> str:
        return self.CHOICES[max(0, self.group.checkedId())]

    def _browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importer un DUME"), "", self.tr("Documents ESPD (*.xml)")
        )
        if name:
            self.path.setText(name)
            self.group.button(1).setChecked(True)

    def document(self) -> Path | None:
        choice = self.choice()
        if choice == "sample":
            return espd_schemas.locate().example("request")
        if choice == "import":
            return Path(self.path.text().strip()).expanduser()
        return None

    def validatePage(self) -> bool:
        if self.choice() != "import":
            return True
        path = Path(self.path.text().strip()).expanduser()
        if not self.path.text().strip() or not path.is_file():
            self.message.setText(
                self.tr("Choisissez un fichier XML existant, ou une autre option.")
            )
            return False
        return True


# ---------------------------------------------------------------- the wizard
class FirstRunWizard(QWizard):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Première utilisation de DUME"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.resize(760, 520)
        self.role_page = RolePage()
        self.artefacts_page = ArtefactsPage()
        self.credentials_page = CredentialsPage()
        self.document_page = FirstDocumentPage()
        for page in (
            self.role_page,
            self.artefacts_page,
            self.credentials_page,
            self.document_page,
        ):
            self.addPage(page)
        self.role_page.set_role(settings.get(ROLE))
        index = self.credentials_page.profile.findData(settings.get(SYNC_ACTIVE_PROFILE))
        self.credentials_page.profile.setCurrentIndex(max(0, index))
        self.result_value: FirstRunResult | None = None

    def accept(self) -> None:
        role = self.role_page.role()
        self.settings.set(ROLE, role)
        if self.credentials_page.client_id.text().strip():
            self.settings.set(SYNC_ACTIVE_PROFILE, str(self.credentials_page.profile.currentData()))
        self.settings.set(FIRST_RUN_DONE, True)
        self.settings.sync()
        self.result_value = FirstRunResult(role, self.document_page.document())
        log.info("first run done: role %s", role)
        super().accept()


def first_run_needed(settings: Settings) -> bool:
    return not settings.get(FIRST_RUN_DONE)
