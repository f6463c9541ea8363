"""The main window: library on the left, the open document's editor on the right.

It only lays out and wires: document logic lives in the core, edits go
through the session's undo stack, long work through the task runner.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app.errors import UserFacingError
from app.espdxml.taxonomy import load_taxonomy
from app.espdxml.writer import to_bytes
from app.models.builder import ensure_mandatory
from app.models.document import NO_LOT_ID, EspdDocument, Lot, new_request
from app.models.editing import AddCriterion, Batch, Operation, RemoveCriterion
from app.models.taxonomy import Taxonomy
from app.settings import (
    AUTOSAVE_DELAY_MS,
    ONLINE_SIGNATURE_CHECKS,
    TRUSTED_LIST_REFRESH_DAYS,
    MemoryBackend,
    Settings,
)
from app.storage import documents as stored
from app.storage.atomic import atomic_write_bytes
from app.storage.library import Library
from app.ui.api_settings_page import ApiSettingsDialog, ApiSettingsPage, ProfileSettings
from app.ui.errors import show_error
from app.ui.importing import ImportController
from app.ui.library_commands import DeleteDocument, DuplicateDocument
from app.ui.library_panel import LibraryPanel
from app.ui.operator_pages import edit_company_profile
from app.ui.outbox_view import OutboxDialog
from app.ui.request_editor import RequestEditor
from app.ui.response_editor import ResponseEditor, ask_start_response
from app.ui.session import DocumentSession
from app.ui.sync_controller import SyncController
from app.ui.sync_status import SyncStatusIndicator
from app.ui.tasks import Task, TaskProgress, TaskRunner
from app.validation import ValidationReport

if TYPE_CHECKING:
    from app.signature.verify import Verifier
    from app.ui.settings_dialog import SettingsDialog, SettingsPage
    from app.ui.signing_dialog import SigningDialog
    from app.ui.verification_view import VerificationView

log = logging.getLogger("dume.ui")

#: the criteria of the French "DUME simplifié": turnover and headcount only
SIMPLIFIED_SELECTION = ("gen-year-to", "year-manpower")


def _importable(path: Path) -> bool:
    """An XML file, a ZIP archive (its ESPD documents) or a folder (its ``*.xml`` files)."""
    return path.is_dir() or path.suffix.lower() in (".xml", ".zip")


def write_export(
    document: EspdDocument, path: Path, buyer_request: bytes | None = None
) -> tuple[str, str]:
    """Write *document* as XML, PDF or a ZIP of both, chosen by the file name; atomic.

    With *buyer_request* (the buyer's 2.1.1 request), the XML is a 2.1.1 response.
    Returns (sha256, format).  Runs in a background task.
    """
    suffix = path.suffix.lower()
    if buyer_request is not None and suffix == ".xml":
        from app.legacy import write_2_1_1

        return atomic_write_bytes(path, write_2_1_1(document, request=buyer_request)), "xml-2.1.1"
    if suffix == ".pdf":
        from app.export.files import export_pdf

        return export_pdf(document, path).sha256, "pdf"
    if suffix == ".zip":
        from app.export.files import export_zip

        return export_zip(document, path).sha256, "zip"
    return atomic_write_bytes(path, to_bytes(document)), "xml"


def with_filter_suffix(path: Path, chosen_filter: str) -> Path:
    """Follow the format picked in the dialog when the name still has the default suffix."""
    wanted = next((s for s in (".pdf", ".zip", ".xml") if f"*{s}" in chosen_filter), "")
    if wanted and path.suffix.lower() not in (wanted,) and path.suffix.lower() in ("", ".xml"):
        return path.with_suffix(wanted)
    return path


def export_ready(document: EspdDocument) -> EspdDocument:
    """The document as exported: a request without lots gets the single LOT-0000."""
    ready = document.clone()
    if ready.kind == "request" and not ready.lots:
        ready.lots.append(Lot(id=NO_LOT_ID))
    return ready


class MainWindow(QMainWindow):
    exported = Signal(str)

    #: keys of settings changed in the settings dialog (the app reacts: language ...)
    settings_changed = Signal(list)

    def __init__(
        self, library: Library, taxonomy: Taxonomy | None = None, settings: Settings | None = None
    ) -> None:
        super().__init__()
        self.library = library
        # Tests and scripts get throw-away settings; the app passes the user's.
        self.settings = settings or Settings(MemoryBackend())
        self.verification_view: VerificationView | None = None
        self._windows: list[QWidget] = []
        self.taxonomy = taxonomy or load_taxonomy()
        self.runner = TaskRunner(self)
        self.session: DocumentSession | None = None
        self.editor: RequestEditor | ResponseEditor | None = None
        self.library_undo = QUndoStack(self)
        self.setWindowTitle(self.tr("DUME"))
        self.resize(1280, 720)
        self.setAcceptDrops(True)

        self.library_panel = LibraryPanel(library)
        self.library_panel.open_requested.connect(self.open_document)
        self.welcome = QLabel(
            self.tr(
                "<h2>Bienvenue</h2><p>Créez une demande de DUME (Ctrl+N), ou importez un "
                "document XML : menu Fichier, ou glissez-le sur cette fenêtre.</p>"
            )
        )
        self.welcome.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.welcome.setWordWrap(True)
        self.right = QStackedWidget()
        self.right.addWidget(self.welcome)
        splitter = QSplitter()
        splitter.addWidget(self.library_panel)
        splitter.addWidget(self.right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([300, 980])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self._build_menus()
        # Online sync: one worker thread owns the engine; the indicator says where it stands.
        self.sync_profiles = ProfileSettings(self.settings.backend)
        self.sync = SyncController(library, self.sync_profiles.active_profile(), parent=self)
        self.sync.action_failed.connect(lambda _action, error: show_error(self, error))
        self.sync.published.connect(
            lambda entry: self.statusBar().showMessage(
                self.tr("Mis en file d'envoi : %s") % entry.title, 5000
            )
        )
        self.sync.fetched.connect(self._fetched)
        self.sync.entries_changed.connect(lambda _entries: self.library_panel.refresh())
        self._outbox_dialog: OutboxDialog | None = None
        self.sync_indicator = SyncStatusIndicator(self.sync)
        self.sync_indicator.clicked.connect(self.show_outbox)
        self.statusBar().addPermanentWidget(self.sync_indicator)
        self.undo_delete_button = QPushButton(self.tr("Annuler la suppression"))
        self.undo_delete_button.setVisible(False)
        self.undo_delete_button.clicked.connect(self._undo_library)
        self.statusBar().addPermanentWidget(self.undo_delete_button)
        self.task_progress = TaskProgress(self)
        self.statusBar().addPermanentWidget(self.task_progress)
        self.importer = ImportController(self.runner, library, self.task_progress, self)
        self.importer.status.connect(lambda text: self.statusBar().showMessage(text, 10000))
        self.importer.imported.connect(self._batch_imported)
        self._update_actions()

    # ------------------------------------------------------------ menus
    def _action(
        self,
        text: str,
        slot: object,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        return action

    def _build_menus(self) -> None:
        self.new_action = self._action(
            self.tr("&Nouvelle demande"), self.new_request, QKeySequence.StandardKey.New
        )
        self.import_action = self._action(
            self.tr("&Importer un DUME…"), self._ask_import, QKeySequence.StandardKey.Open
        )
        self.export_action = self._action(
            self.tr("&Exporter (XML, PDF, ZIP)…"), self._ask_export, "Ctrl+E"
        )
        self.duplicate_action = self._action(
            self.tr("&Dupliquer"), self.duplicate_selected, "Ctrl+D"
        )
        self.delete_action = self._action(
            self.tr("&Supprimer"), self.delete_selected, QKeySequence.StandardKey.Delete
        )
        self.respond_action = self._action(
            self.tr("&Répondre à cette demande…"), self.respond_to_selected, "Ctrl+R"
        )
        self.profile_action = self._action(self.tr("Profil de l'&entreprise…"), self.edit_profile)
        quit_action = self._action(self.tr("&Quitter"), self.close, QKeySequence.StandardKey.Quit)
        file_menu = self.menuBar().addMenu(self.tr("&Fichier"))
        for action in (self.new_action, self.import_action, self.respond_action):
            file_menu.addAction(action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.duplicate_action)
        file_menu.addAction(self.delete_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.edit_menu = self.menuBar().addMenu(self.tr("É&dition"))
        self.undo_action = self._action(
            self.tr("Annuler"), self._undo, QKeySequence.StandardKey.Undo
        )
        self.redo_action = self._action(self.tr("Rétablir"), self._redo, "Ctrl+Shift+Z")
        self.edit_menu.addAction(self.undo_action)
        self.edit_menu.addAction(self.redo_action)
        self.validate_action = self._action(
            self.tr("&Valider (règles officielles)"), self._validate, "F7"
        )
        tools = self.menuBar().addMenu(self.tr("&Outils"))
        tools.addAction(self.validate_action)
        tools.addAction(self.profile_action)
        tools.addSeparator()
        self.verify_signatures_action = self._action(
            self.tr("Vérifier des &signatures…"), self.open_verification, "Ctrl+Shift+V"
        )
        self.sign_file_action = self._action(
            self.tr("Si&gner un fichier…"), lambda: self.open_signing()
        )
        tools.addAction(self.verify_signatures_action)
        tools.addAction(self.sign_file_action)
        tools.addSeparator()
        self.settings_action = self._action(
            self.tr("&Paramètres…"), self.open_settings, QKeySequence.StandardKey.Preferences
        )
        tools.addAction(self.settings_action)
        self.publish_action = self._action(
            self.tr("&Publier"), self.publish_current, "Ctrl+Shift+P"
        )
        self.fetch_action = self._action(
            self.tr("&Récupérer par numéro…"), self.ask_fetch_by_number
        )
        self.outbox_action = self._action(self.tr("File d'&envoi…"), self.show_outbox)
        self.api_settings_action = self._action(self.tr("&Comptes et API…"), self.show_api_settings)
        service = self.menuBar().addMenu(self.tr("Service &DUME"))
        service.addAction(self.publish_action)
        service.addAction(self.fetch_action)
        service.addSeparator()
        service.addAction(self.outbox_action)
        service.addAction(self.api_settings_action)
        help_menu = self.menuBar().addMenu(self.tr("&Aide"))
        help_menu.addAction(
            self._action(
                self.tr("&Guide d'utilisation"),
                self.open_help,
                QKeySequence.StandardKey.HelpContents,
            )
        )
        help_menu.addAction(self._action(self.tr("&Journal"), self.open_log))
        help_menu.addAction(self._action(self.tr("À &propos"), self._about))

    def _update_actions(self) -> None:
        has_doc = self.session is not None
        for action in (self.export_action, self.validate_action, self.publish_action):
            action.setEnabled(has_doc)
        stack = self.session.undo_stack if self.session else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        if stack is not None:
            self.undo_action.setText(
                self.tr("Annuler %s") % stack.undoText() if stack.canUndo() else self.tr("Annuler")
            )
            self.redo_action.setText(
                self.tr("Rétablir %s") % stack.redoText()
                if stack.canRedo()
                else self.tr("Rétablir")
            )

    def _undo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.undo()

    def _redo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.redo()

    # ------------------------------------------------------------ documents
    def new_request(self) -> str:
        document = new_request()
        document.buyer.address.country = "FRA"
        document.procedure.title = self.tr("Nouvelle demande")
        ensure_mandatory(document, self.taxonomy)
        doc_id = stored.save_new(self.library, document)
        self.library_panel.refresh()
        self.open_document(doc_id)
        return doc_id

    def open_document(self, doc_id: str) -> None:
        self.close_document()
        try:
            session = DocumentSession(
                self.library,
                doc_id,
                stored.load(self.library, doc_id),
                autosave_delay=self.settings.get(AUTOSAVE_DELAY_MS) / 1000,
            )
        except UserFacingError as error:
            show_error(self, error)
            return
        self.session = session
        session.undo_stack.indexChanged.connect(lambda _i: self._update_actions())
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        if session.document.kind == "response":
            self.editor = ResponseEditor(session, self.taxonomy, self.runner, self.library)
            self.editor.library_changed.connect(self.library_panel.refresh)
            self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        else:
            self.editor = RequestEditor(session, self.taxonomy, self.runner)
            self.editor.selection.presetRequested.connect(self.apply_preset)
        self.right.addWidget(self.editor)
        self.right.setCurrentWidget(self.editor)
        self.library_panel.select(doc_id)
        self.setWindowTitle(self.tr("DUME — %s") % session.document.display_title())
        self._update_actions()

    def respond_to_selected(self) -> str | None:
        """Answer the selected request: its summary, the lot, the profile, then the response."""
        doc_id = self.library_panel.selected_id()
        if not doc_id:
            return None
        response_id = ask_start_response(self, self.library, doc_id)
        if response_id is not None:
            self.library_panel.refresh()
            self.open_document(response_id)
        return response_id

    def edit_profile(self) -> None:
        edit_company_profile(self, self.library)

    def close_document(self) -> None:
        if self.editor is not None:
            self.right.removeWidget(self.editor)
            self.editor.deleteLater()
            self.editor = None
        if self.session is not None:
            self.session.close()
            self.session = None
        self._update_actions()

    def _saved(self) -> None:
        self.statusBar().showMessage(self.tr("Enregistré"), 2000)
        self.library_panel.refresh()

    def _save_failed(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Enregistrement impossible"), message)

    def import_path(self, path: Path) -> str | None:
        try:
            summary = stored.import_file(self.library, path)
        except UserFacingError as error:
            log.warning("import refused: %s", error.one_line())
            show_error(self, error)
            return None
        self.library_panel.refresh()
        self.statusBar().showMessage(self.tr("Importé : %s") % summary.title, 5000)
        return summary.id

    def import_paths(self, paths: list[Path]) -> Task | None:
        """Import files and folders in the background (see :class:`ImportController`)."""
        return self.importer.import_paths(paths)

    def _batch_imported(self, ids: list[str]) -> None:
        self.library_panel.refresh()
        if ids:
            self.library_panel.select(ids[-1])

    def _ask_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Importer des DUME"),
            "",
            self.tr("Documents ESPD ou dossiers de consultation (*.xml *.zip)"),
        )
        self.import_paths([Path(name) for name in names])

    def duplicate_selected(self) -> None:
        doc_id = self.library_panel.selected_id()
        if doc_id:
            self.library_undo.push(
                DuplicateDocument(self.library, doc_id, self.library_panel.refresh)
            )

    def delete_selected(self) -> None:
        doc_id = self.library_panel.selected_id()
        if not doc_id:
            return
        if self.session is not None and self.session.doc_id == doc_id:
            self.close_document()
            self.right.setCurrentWidget(self.welcome)
        self.library_undo.push(DeleteDocument(self.library, doc_id, self.library_panel.refresh))
        self.undo_delete_button.setVisible(True)
        self.statusBar().showMessage(self.tr("Document placé dans la corbeille."), 8000)

    def _undo_library(self) -> None:
        self.library_undo.undo()
        self.undo_delete_button.setVisible(self.library_undo.canUndo())

    # ------------------------------------------------------------ presets
    def apply_preset(self, name: str) -> None:
        if self.session is None:
            return
        document = self.session.document
        operations: list[Operation] = []
        if name == "simplified":
            for criterion in list(document.criteria):
                if criterion.family == "SC" and criterion.code not in SIMPLIFIED_SELECTION:
                    operations.append(RemoveCriterion(self.taxonomy, criterion.code))
            for code in SIMPLIFIED_SELECTION:
                if document.criterion(code) is None:
                    operations.append(AddCriterion(self.taxonomy, code))
            self.session.push(Batch(operations, self.tr("Préréglage DUME simplifié")))
        elif name == "previous":
            self._start_from_previous()

    def _start_from_previous(self) -> None:
        assert self.session is not None
        requests = [
            s for s in self.library.list_documents(kind="request") if s.id != self.session.doc_id
        ]
        if not requests:
            QMessageBox.information(
                self,
                self.tr("Aucune demande"),
                self.tr("La bibliothèque ne contient pas d'autre demande."),
            )
            return
        labels = [f"{s.title} ({s.procedure_reference})" for s in requests]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Repartir d'une demande"), self.tr("Demande :"), labels, 0, False
        )
        if ok:
            self.copy_criteria_from(requests[labels.index(choice)].id)

    def copy_criteria_from(self, source_id: str) -> None:
        """Take the criteria (with their requirements) of a previous request."""
        assert self.session is not None
        source = stored.load(self.library, source_id)
        document = self.session.document
        operations: list[Operation] = [
            RemoveCriterion(self.taxonomy, c.code)
            for c in document.criteria
            if c.code not in self.taxonomy.mandatory_codes
        ]
        lots = document.lot_ids()
        for criterion in source.criteria:
            copy = criterion.model_copy(deep=True)
            if copy.family == "SC":
                from app.models.builder import scope_to_lots

                scope_to_lots(copy, [lot for lot in copy.lot_refs if lot in lots] or lots)
            if copy.code in self.taxonomy.mandatory_codes:
                continue
            operations.append(AddCriterion(self.taxonomy, copy.code, restored=copy))
        self.session.push(Batch(operations, self.tr("Reprendre les critères d'une demande")))

    # ------------------------------------------------------------ validation and export
    def _validate(self) -> None:
        if self.editor is not None:
            self.editor.show_page(self.editor.validation)
            self.editor.validation.run_official()

    def _ask_export(self) -> None:
        if self.session is None:
            return
        name, chosen = QFileDialog.getSaveFileName(
            self,
            self.tr("Exporter le DUME"),
            f"{self.session.document.procedure.reference or 'dume'}.xml",
            ";;".join(self.export_filters()),
        )
        if name:
            self.export_to(with_filter_suffix(Path(name), chosen), buyer_version="2.1.1" in chosen)

    def export_filters(self) -> list[str]:
        filters = [
            self.tr("XML ESPD-EDM 4.1.0 (*.xml)"),
            self.tr("PDF lisible (*.pdf)"),
            self.tr("XML et PDF dans un ZIP (*.zip)"),
        ]
        if self.buyer_request_xml() is not None:
            # Answer in the buyer's version by default: the buyer's platform reads it.
            filters.insert(0, self.tr("XML ESPD-EDM 2.1.1, version de l'acheteur (*.xml)"))
        return filters

    def buyer_request_xml(self) -> bytes | None:
        """The buyer's original 2.x request, when the open response answers one."""
        from app.legacy.importing import buyer_request_xml

        if self.session is None or self.session.document.kind != "response":
            return None
        request_id = self.library.get(self.session.doc_id).answers_request_id
        if request_id is None:
            return None
        return buyer_request_xml(stored.load(self.library, request_id))

    def export_to(self, path: Path, buyer_version: bool = False) -> None:
        """Validate in the background, then write atomically (asking first if invalid)."""
        assert self.editor is not None
        assert self.session is not None
        self.session.flush()
        panel = self.editor.validation
        quick_errors = [f for f in panel.run_quick() if f.blocking]
        task = panel.run_official()
        if task is None:
            return

        buyer_request = self.buyer_request_xml() if buyer_version else None

        def done(report: ValidationReport) -> None:
            panel.official_done.disconnect(done)
            self._finish_export(path, report, bool(quick_errors), buyer_request)

        panel.official_done.connect(done)

    def confirm_export_with_errors(self, report: ValidationReport) -> bool:
        blocking = sum(1 for f in report.findings if f.blocking)
        answer = QMessageBox.question(
            self,
            self.tr("Document non conforme"),
            self.tr(
                "Le document contient %n erreur(s). Les plateformes risquent de le refuser. "
                "Exporter quand même ?",
                "",
                blocking,
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _finish_export(
        self,
        path: Path,
        report: ValidationReport,
        quick_errors: bool,
        buyer_request: bytes | None = None,
    ) -> None:
        assert self.session is not None
        if (not report.valid or quick_errors) and not self.confirm_export_with_errors(report):
            return
        if isinstance(self.editor, ResponseEditor):
            document = self.editor.export_document()
        else:
            document = export_ready(self.session.document)
        doc_id, valid = self.session.doc_id, report.valid
        task = self.runner.start(
            "export", lambda _progress, _cancel: write_export(document, path, buyer_request)
        )
        self.task_progress.track(task, self.tr("Export"))
        task.succeeded.connect(lambda result: self._exported(doc_id, path, result, valid))
        task.failed.connect(self._export_failed)

    def _exported(self, doc_id: str, path: Path, result: tuple[str, str], valid: bool) -> None:
        digest, kind = result
        self.library.record_export(doc_id, str(path.resolve()), digest, kind)
        if valid:
            self.library.set_status(doc_id, "exported")
        self.library_panel.refresh()
        self.statusBar().showMessage(self.tr("Exporté : %s") % path, 8000)
        self.exported.emit(str(path))
        if isinstance(self.editor, ResponseEditor) and self.editor.session.doc_id == doc_id:
            self.editor.offer_profile_update()  # answers back into the profile, if confirmed

    def _export_failed(self, error: Exception) -> None:
        if isinstance(error, UserFacingError):
            show_error(self, error)
        else:
            raise error

    # ------------------------------------------------------------ tools and help windows
    def _keep(self, window: QWidget) -> QWidget:
        window.setWindowFlag(Qt.WindowType.Window)
        self._windows.append(window)
        window.show()
        return window

    def open_verification(self) -> VerificationView:
        from app.ui.verification_view import VerificationView

        if self.verification_view is None:
            self.verification_view = VerificationView(
                self.runner, self.library, verifier_factory=self.make_verifier, parent=self
            )
            self.verification_view.setWindowFlag(Qt.WindowType.Window)
            self.verification_view.resize(1280, 720)
            self.sync.remote_verified.connect(self.verification_view.show_remote)
        self._offer_remote_verification()
        # no raise_(): it warns under the offscreen platform
        self.verification_view.show()
        self.verification_view.activateWindow()
        return self.verification_view

    def make_verifier(self) -> Verifier:
        """The signature verifier the settings ask for (built on a worker thread)."""
        from app.signature.trust import TrustStore
        from app.signature.verify import Verifier, online_verifier

        if not self.settings.get(ONLINE_SIGNATURE_CHECKS):
            return Verifier()
        return online_verifier(
            TrustStore(), refresh_every_days=self.settings.get(TRUSTED_LIST_REFRESH_DAYS)
        )

    def _offer_remote_verification(self) -> None:
        """« Vérifier en ligne » exists only while a verification service is configured."""
        if self.verification_view is not None:
            configured = self.sync.remote_verification_configured
            self.verification_view.set_remote(
                self.sync.verify_signature_remotely if configured else None
            )

    def open_signing(self, file: Path | None = None) -> SigningDialog:
        from app.ui.signing_dialog import open_signing_dialog

        return open_signing_dialog(self, self.runner, file, settings=self.settings)

    def open_settings(self) -> SettingsDialog:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.settings, self.settings_pages(), self)
        dialog.changed.connect(self.settings_changed)
        dialog.changed.connect(self._reset_verifier)
        dialog.show()
        return dialog

    def _reset_verifier(self, _keys: list[str]) -> None:
        # the next verification builds its verifier from the settings as they are now
        if self.verification_view is not None:
            self.verification_view.verifier.reset()

    def settings_pages(self) -> list[SettingsPage]:
        """Extra pages of the settings dialog: the DUME service accounts."""
        from app.ui.settings_dialog import ApiPageAdapter

        page = ApiSettingsPage(self.sync_profiles, self.sync)
        page.profile_saved.connect(self.sync.apply_profile)
        page.profile_saved.connect(lambda _profile: self._offer_remote_verification())
        return [ApiPageAdapter(page)]

    # ------------------------------------------------------------ DUME service
    def publish_current(self) -> None:
        if self.session is not None:
            self.session.flush()  # the outbox takes the saved revision
            self.sync.publish(self.session.doc_id)

    def ask_fetch_by_number(self) -> None:
        number, ok = QInputDialog.getText(
            self,
            self.tr("Récupérer par numéro"),
            self.tr("Numéro du DUME acheteur (8 lettres ou chiffres) :"),
        )
        if ok and number.strip():
            self.sync.fetch_by_number(number)

    def _fetched(self, number: str, doc_id: str, already: bool) -> None:
        self.library_panel.refresh()
        self.library_panel.select(doc_id)
        message = (
            self.tr("Le DUME %s est déjà dans la bibliothèque : il est sélectionné.")
            if already
            else self.tr("DUME %s récupéré dans la bibliothèque.")
        )
        self.statusBar().showMessage(message % number, 8000)

    def show_outbox(self) -> None:
        if self._outbox_dialog is None:
            self._outbox_dialog = OutboxDialog(self.sync, self)
        self._outbox_dialog.show()
        self._outbox_dialog.activateWindow()

    def show_api_settings(self) -> None:
        ApiSettingsDialog(self.sync_profiles, self.sync, self).show()

    def open_help(self) -> QWidget:
        from app.ui.help_window import HelpWindow

        return self._keep(HelpWindow())

    def open_log(self) -> QWidget:
        from app.logs import current_setup, setup_logging
        from app.paths import user_log_dir
        from app.ui.log_window import LogWindow

        logs = current_setup() or setup_logging()
        return self._keep(LogWindow(logs.tail, str(user_log_dir())))

    # ------------------------------------------------------------ window
    def recover(self) -> list[str]:
        """Reopen what was being edited when the app died, and say so."""
        recovered = self.library.recover_sessions()
        if recovered:
            first = recovered[0].document
            self.open_document(first.id)
            self.statusBar().showMessage(
                self.tr("Document récupéré après un arrêt inattendu : %s") % first.title, 15000
            )
        return [r.document.id for r in recovered]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls()
        if urls and all(u.isLocalFile() and _importable(Path(u.toLocalFile())) for u in urls):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.import_paths([Path(url.toLocalFile()) for url in event.mimeData().urls()])
        event.acceptProposedAction()

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("À propos"),
            self.tr(
                "DUME — application hors ligne pour le Document unique de marché européen "
                "(ESPD-EDM 4.1.0).\nCritères et listes de codes : Office des publications de l'UE "
                "(EUPL 1.2, CC BY 4.0)."
            ),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        self.runner.cancel_all()
        self.runner.wait(10000)
        self.close_document()
        self.sync.shutdown()
        super().closeEvent(event)
