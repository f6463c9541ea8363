"""The signing dialog: a file, a certificate (PKCS#12 file or PKCS#11 token), a format.

The password or PIN is asked at each signature, handed to the background task
for that one call and never kept: not on the dialog, not in the settings, not
in the logs.  Signing runs through the shared :class:`~app.ui.tasks.TaskRunner`;
a wrong password ends in a clear French message and nothing is written (the
core opens the key before it produces any byte).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.settings import TSA_URL, Settings
from app.signature.detect import looks_like_pdf, looks_like_xml
from app.signature.sign import (
    SignedOutput,
    SignFormat,
    SigningKey,
    SignOptions,
    load_pkcs12,
    open_pkcs11,
    sign_file,
)
from app.ui.errors import error_text
from app.ui.i18n import error_title
from app.ui.tasks import Task, TaskRunner
from app.validation import CancelToken

log = logging.getLogger("dume.ui.signing")

Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class FormatChoice:
    """One entry of the format list: what the core is asked for, and the output's name."""

    key: str
    format: SignFormat
    xades_packaging: str = "enveloped"

    def output_for(self, source: Path) -> Path:
        if self.format is SignFormat.PADES:
            return source.with_name(f"{source.stem}-signé{source.suffix or '.pdf'}")
        if self.format is SignFormat.CADES:
            return source.with_name(f"{source.name}.p7s")
        if self.xades_packaging == "detached":
            return source.with_name(f"{source.name}.xades.xml")
        return source.with_name(f"{source.stem}-signé{source.suffix or '.xml'}")


PADES = FormatChoice("pades", SignFormat.PADES)
CADES_DETACHED = FormatChoice("cades", SignFormat.CADES)
XADES_ENVELOPED = FormatChoice("xades-enveloped", SignFormat.XADES, "enveloped")
XADES_DETACHED = FormatChoice("xades-detached", SignFormat.XADES, "detached")


def formats_for(head: bytes) -> list[FormatChoice]:
    """The formats offered for a file, best first, from its first bytes (not its name)."""
    if looks_like_pdf(head):
        return [PADES, CADES_DETACHED]
    if looks_like_xml(head):
        return [XADES_ENVELOPED, XADES_DETACHED, CADES_DETACHED]
    return [CADES_DETACHED]


@dataclass(frozen=True)
class KeySource:
    """Where the key is: a PKCS#12 file, or a PKCS#11 module (and token/key labels)."""

    pkcs12: Path | None = None
    module: str | None = None
    token_label: str | None = None
    key_label: str | None = None

    def open(self, secret: str) -> SigningKey:
        if self.pkcs12 is not None:
            return load_pkcs12(self.pkcs12, secret)
        assert self.module is not None
        return open_pkcs11(
            self.module, secret, token_label=self.token_label, key_label=self.key_label
        )


def sign_in_background(
    source: Path,
    key_source: KeySource,
    secret: str,
    options: SignOptions,
    out: Path,
    cancel: CancelToken,
) -> tuple[Path, SignedOutput]:
    """Worker side: open the key, sign, write atomically, close the key."""
    with key_source.open(secret) as key:
        cancel.check()
        return sign_file(source, key, options, out=out, cancel=cancel)


class SigningDialog(QDialog):
    """Sign one file. Non-modal by default: the main window stays usable meanwhile."""

    #: the signed file was written: (Path of the signed file, SignedOutput)
    signed = Signal(object, object)
    #: a signing task ended, whatever its outcome (the dialog is ready again)
    attempt_finished = Signal()

    def __init__(
        self,
        runner: TaskRunner,
        file: Path | None = None,
        *,
        settings: Settings | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        if settings is None:
            from app.ui.settings_store import open_settings

            settings = open_settings()
        self.task: Task | None = None
        self.last_output: Path | None = None
        self._output_edited = False
        self.setWindowTitle(self.tr("Signer un fichier"))
        self.setMinimumWidth(620)

        # ---- the file
        self.file_edit = QLineEdit()
        self.file_edit.setAccessibleName(self.tr("Fichier à signer"))
        self.file_edit.editingFinished.connect(self._file_changed)
        browse_file = QPushButton(self.tr("Parcourir…"))
        browse_file.clicked.connect(self._pick_file)
        file_row = QHBoxLayout()
        file_row.addWidget(self.file_edit, 1)
        file_row.addWidget(browse_file)

        # ---- the certificate
        self.pkcs12_radio = QRadioButton(self.tr("Fichier de certificat PKCS#12 (.p12, .pfx)"))
        self.pkcs11_radio = QRadioButton(self.tr("Carte à puce ou jeton (PKCS#11)"))
        self.pkcs12_radio.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.pkcs12_radio)
        group.addButton(self.pkcs11_radio)
        group.buttonToggled.connect(lambda *_: self._update_source())
        self.pkcs12_edit = QLineEdit()
        self.pkcs12_edit.setAccessibleName(self.tr("Fichier PKCS#12"))
        browse_p12 = QPushButton(self.tr("Parcourir…"))
        browse_p12.clicked.connect(self._pick_pkcs12)
        p12_row = QHBoxLayout()
        p12_row.addWidget(self.pkcs12_edit, 1)
        p12_row.addWidget(browse_p12)
        self.module_edit = QLineEdit()
        self.module_edit.setAccessibleName(self.tr("Module PKCS#11"))
        self.module_edit.setPlaceholderText(
            self.tr("bibliothèque du fabricant (.so, .dll, .dylib)")
        )
        browse_module = QPushButton(self.tr("Parcourir…"))
        browse_module.clicked.connect(self._pick_module)
        module_row = QHBoxLayout()
        module_row.addWidget(self.module_edit, 1)
        module_row.addWidget(browse_module)
        self.token_edit = QLineEdit()
        self.token_edit.setPlaceholderText(self.tr("facultatif"))
        self.key_label_edit = QLineEdit()
        self.key_label_edit.setPlaceholderText(self.tr("facultatif"))
        self._pkcs12_widgets = [self.pkcs12_edit, browse_p12]
        self._pkcs11_widgets = [self.module_edit, browse_module, self.token_edit]
        self._pkcs11_widgets.append(self.key_label_edit)
        cert_form = QFormLayout()
        cert_form.addRow(self.pkcs12_radio)
        cert_form.addRow(self._label(self.tr("Fi&chier :"), self.pkcs12_edit), p12_row)
        cert_form.addRow(self.pkcs11_radio)
        cert_form.addRow(self._label(self.tr("&Module :"), self.module_edit), module_row)
        cert_form.addRow(self.tr("&Jeton (libellé) :"), self.token_edit)
        cert_form.addRow(self.tr("&Clé (libellé) :"), self.key_label_edit)
        cert_box = QGroupBox(self.tr("Certificat de signature"))
        cert_box.setLayout(cert_form)
        secret_note = QLabel(
            self.tr(
                "Le mot de passe ou le code PIN est demandé à chaque signature ; il n'est "
                "jamais enregistré."
            )
        )
        secret_note.setWordWrap(True)

        # ---- format, timestamp, output
        self.format_combo = QComboBox()
        self.format_combo.setAccessibleName(self.tr("Format de signature"))
        self.format_combo.currentIndexChanged.connect(lambda _i: self._suggest_output())
        # The timestamp authority comes from the settings (Paramètres > Signature);
        # it can be changed here for one signature without touching them.
        self.tsa_edit = QLineEdit(settings.get(TSA_URL))
        self.tsa_edit.setAccessibleName(self.tr("Autorité d'horodatage"))
        self.tsa_edit.setPlaceholderText(
            self.tr("URL de l'autorité d'horodatage : facultatif, niveau B-T (en ligne)")
        )
        self.output_edit = QLineEdit()
        self.output_edit.setAccessibleName(self.tr("Fichier signé"))
        self.output_edit.textEdited.connect(self._output_typed)
        browse_out = QPushButton(self.tr("Parcourir…"))
        browse_out.clicked.connect(self._pick_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.output_edit, 1)
        out_row.addWidget(browse_out)
        form = QFormLayout()
        form.addRow(self._label(self.tr("&Fichier à signer :"), self.file_edit), file_row)
        form.addRow(cert_box)
        form.addRow(secret_note)
        form.addRow(self.tr("F&ormat :"), self.format_combo)
        form.addRow(self.tr("&Horodatage :"), self.tsa_edit)
        form.addRow(self._label(self.tr("Fichier si&gné :"), self.output_edit), out_row)

        # ---- state and buttons
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Signature en cours"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(
            "QLabel { color: #8c1d18; background: #f9dedc; padding: 6px; }"
        )
        self.error_label.setAccessibleName(self.tr("Erreur"))
        self.error_label.setVisible(False)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setStyleSheet(
            "QLabel { color: #0b5d1e; background: #dcf2e1; padding: 6px; }"
        )
        self.result_label.setVisible(False)
        self.sign_button = QPushButton(self.tr("&Signer"))
        self.sign_button.setDefault(True)
        self.sign_button.clicked.connect(self.start_signing)
        self.close_button = QPushButton(self.tr("Fermer"))
        self.close_button.clicked.connect(self._close_or_cancel)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.sign_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.result_label)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

        self._update_source()
        if file is not None:
            self.set_file(file)
        else:
            self._fill_formats([CADES_DETACHED])

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        """A form label whose mnemonic reaches a field that sits in a row layout."""
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # ------------------------------------------------------------ prompts (overridable)
    def ask_secret(self, title: str, label: str) -> str | None:
        """The password or PIN, for this signature only; None when the user gives up."""
        text, ok = QInputDialog.getText(self, title, label, QLineEdit.EchoMode.Password)
        return text if ok else None

    def ask_open_path(self, title: str, filter_text: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(self, title, "", filter_text)
        return Path(name) if name else None

    def ask_save_path(self, default: Path) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Fichier signé"), str(default))
        return Path(name) if name else None

    def confirm_overwrite(self, path: Path) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remplacer le fichier ?"),
            self.tr("%s existe déjà. Le remplacer par le fichier signé ?") % path.name,
        )
        return answer == QMessageBox.StandardButton.Yes

    # ------------------------------------------------------------ file and format
    def set_file(self, path: Path) -> None:
        """Preset the file to sign (the operator's exported response, for instance)."""
        self.file_edit.setText(str(path))
        self._file_changed()

    def source(self) -> Path | None:
        text = self.file_edit.text().strip()
        return Path(text) if text else None

    def _file_changed(self) -> None:
        source = self.source()
        head = b""
        if source is not None and source.is_file():
            try:
                with source.open("rb") as stream:
                    head = stream.read(1024)
            except OSError:
                head = b""
        self._fill_formats(formats_for(head))

    def _fill_formats(self, choices: list[FormatChoice]) -> None:
        labels = {
            PADES.key: self.tr("PAdES — signature intégrée au PDF"),
            CADES_DETACHED.key: self.tr("CAdES détachée — fichier .p7s à joindre"),
            XADES_ENVELOPED.key: self.tr("XAdES enveloppée — signature dans le XML"),
            XADES_DETACHED.key: self.tr("XAdES détachée — jeton .xades.xml à joindre"),
        }
        self.format_combo.blockSignals(True)
        self.format_combo.clear()
        for choice in choices:
            self.format_combo.addItem(labels[choice.key], choice)
        self.format_combo.blockSignals(False)
        self._suggest_output()

    def choice(self) -> FormatChoice:
        data = self.format_combo.currentData()
        assert isinstance(data, FormatChoice)
        return data

    def select_format(self, key: str) -> None:
        for index in range(self.format_combo.count()):
            if self.format_combo.itemData(index).key == key:
                self.format_combo.setCurrentIndex(index)
                return
        raise ValueError(key)

    def _suggest_output(self) -> None:
        source = self.source()
        if source is not None and not self._output_edited and self.format_combo.count():
            self.output_edit.setText(str(self.choice().output_for(source)))

    def _output_typed(self, _text: str) -> None:
        self._output_edited = True

    def _update_source(self) -> None:
        pkcs12 = self.pkcs12_radio.isChecked()
        for widget in self._pkcs12_widgets:
            widget.setEnabled(pkcs12)
        for widget in self._pkcs11_widgets:
            widget.setEnabled(not pkcs12)

    def _pick_file(self) -> None:
        path = self.ask_open_path(self.tr("Fichier à signer"), self.tr("Tous les fichiers (*)"))
        if path is not None:
            self._output_edited = False
            self.set_file(path)

    def _pick_pkcs12(self) -> None:
        path = self.ask_open_path(
            self.tr("Certificat PKCS#12"), self.tr("Certificats PKCS#12 (*.p12 *.pfx)")
        )
        if path is not None:
            self.pkcs12_edit.setText(str(path))

    def _pick_module(self) -> None:
        path = self.ask_open_path(
            self.tr("Module PKCS#11"), self.tr("Bibliothèques (*.so *.dll *.dylib)")
        )
        if path is not None:
            self.module_edit.setText(str(path))

    def _pick_output(self) -> None:
        current = self.output_edit.text().strip()
        path = self.ask_save_path(Path(current) if current else Path.home())
        if path is not None:
            self._output_edited = True
            self.output_edit.setText(str(path))

    # ------------------------------------------------------------ signing
    def key_source(self) -> KeySource | None:
        if self.pkcs12_radio.isChecked():
            text = self.pkcs12_edit.text().strip()
            return KeySource(pkcs12=Path(text)) if text else None
        module = self.module_edit.text().strip()
        if not module:
            return None
        return KeySource(
            module=module,
            token_label=self.token_edit.text().strip() or None,
            key_label=self.key_label_edit.text().strip() or None,
        )

    def _problem(self) -> str | None:
        """What stops the signature before any secret is asked."""
        source = self.source()
        if source is None or not source.is_file():
            return self.tr("Choisissez le fichier à signer.")
        if self.key_source() is None:
            return (
                self.tr("Choisissez le fichier de certificat PKCS#12.")
                if self.pkcs12_radio.isChecked()
                else self.tr("Indiquez le module PKCS#11 de la carte ou du jeton.")
            )
        out = self.output_edit.text().strip()
        if not out:
            return self.tr("Indiquez où enregistrer le fichier signé.")
        if Path(out).resolve() == source.resolve():
            return self.tr("Le fichier signé ne peut pas remplacer l'original.")
        return None

    def start_signing(self) -> Task | None:
        if self.task is not None and self.task.running:
            return None
        self._show_error(None)
        self.result_label.setVisible(False)
        problem = self._problem()
        if problem is not None:
            self._show_error(problem)
            return None
        source = self.source()
        key_source = self.key_source()
        assert source is not None
        assert key_source is not None
        out = Path(self.output_edit.text().strip())
        if out.exists() and not self.confirm_overwrite(out):
            return None
        if key_source.pkcs12 is not None:
            secret = self.ask_secret(
                self.tr("Mot de passe du certificat"),
                self.tr("Mot de passe de %s :") % key_source.pkcs12.name,
            )
        else:
            secret = self.ask_secret(self.tr("Code PIN"), self.tr("Code PIN de la carte :"))
        if secret is None:
            return None
        choice = self.choice()
        options = SignOptions(
            format=choice.format,
            xades_packaging=choice.xades_packaging,
            tsa_url=self.tsa_edit.text().strip() or None,
        )

        # The worker takes the secret out of this box: once the key is open, nothing
        # in the dialog or the task still refers to it.
        box = [secret]
        del secret

        def work(_progress: Progress, cancel: CancelToken) -> tuple[Path, SignedOutput]:
            return sign_in_background(source, key_source, box.pop(), options, out, cancel)

        self.progress.setVisible(True)
        self.sign_button.setEnabled(False)
        self.close_button.setText(self.tr("Annuler"))
        self.task = self._runner.start("signature", work)
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._failed)
        self.task.cancelled.connect(self._cancelled)
        self.task.finished.connect(self._finished)
        return self.task

    def _succeeded(self, outcome: tuple[Path, SignedOutput]) -> None:
        path, output = outcome
        self.last_output = path
        self.result_label.setText(
            self.tr("Fichier signé : %s — %s %s, signataire : %s, SHA-256 %s.")
            % (
                path,
                output.format.value.upper(),
                output.level,
                output.signer_subject,
                output.sha256,
            )
        )
        self.result_label.setVisible(True)
        log.info("signed file written (%s %s)", output.format.value, output.level)
        self.signed.emit(path, output)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, UserFacingError):
            self._show_error(f"{error_title(error)} : {error_text(error)}")
        else:
            log.error("unexpected %s while signing", type(error).__name__)
            self._show_error(
                self.tr("Erreur inattendue (%s) : aucun fichier n'a été écrit.")
                % type(error).__name__
            )

    def _cancelled(self) -> None:
        self._show_error(self.tr("Signature annulée : aucun fichier n'a été écrit."))

    def _finished(self) -> None:
        self.progress.setVisible(False)
        self.sign_button.setEnabled(True)
        self.close_button.setText(self.tr("Fermer"))
        self.attempt_finished.emit()

    def _show_error(self, text: str | None) -> None:
        self.error_label.setText(text or "")
        self.error_label.setVisible(bool(text))

    def _close_or_cancel(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self.task is not None and self.task.running:
            self.task.cancel()  # the task ends on its own; the key is closed by the worker
        super().reject()


def open_signing_dialog(
    parent: QWidget,
    runner: TaskRunner,
    file: Path | None = None,
    *,
    settings: Settings | None = None,
) -> SigningDialog:
    """Show a non-modal signing dialog (deleted when closed), the file preset if given."""
    dialog = SigningDialog(runner, file, settings=settings, parent=parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
