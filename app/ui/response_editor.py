"""The response editor: the economic operator answers a request.

Same shape as :class:`app.ui.request_editor.RequestEditor` (``pages``,
``validation``, ``show_page``, ``jump_to``), plus the export of the response,
the company profile (apply, save back after confirmation) and the reuse of a
previous response.  Every question the user must confirm goes through an
overridable method (``confirm_*``, ``choose_*``, ``review_merge``), so tests
never meet a modal dialog.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QMessageBox,
    QProgressBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.espdxml.writer import to_bytes
from app.models.answering import completeness, criteria_for_lot
from app.models.document import EspdDocument, Lot
from app.models.events import Change
from app.models.profile import (
    OperatorProfile,
    ProfileChanges,
    load_profile,
    profile_changes,
    profile_from_response,
    responses_for_lots,
    save_profile,
    start_response,
)
from app.models.response_checks import check_response, export_ready_response
from app.models.response_ops import ApplyProfile, ChooseLot, MergeResponse
from app.models.reuse import ReusePlan, adopt_cardinalities, plan_merge
from app.models.taxonomy import Taxonomy
from app.storage import documents as stored
from app.storage.atomic import atomic_write_bytes
from app.storage.library import Library
from app.storage.records import CompanyProfile, DocumentSummary
from app.ui.answer_form import AnswerPage, criterion_status
from app.ui.errors import show_error
from app.ui.operator_pages import (
    LotChoicePage,
    OperatorPage,
    ProcedureSummaryPage,
    dialog_buttons,
    procedure_html,
)
from app.ui.part_navigation import part_navigation
from app.ui.session import DocumentSession
from app.ui.tasks import Task, TaskRunner
from app.ui.validation_panel import ValidationPanel
from app.validation import Finding, ValidationReport

__all__ = [
    "ResponseEditor",
    "ResponseValidationPanel",
    "StartResponseDialog",
    "ask_start_response",
    "start_response",
]

log = logging.getLogger("dume.ui.response")


def _warn(parent: QWidget, error: UserFacingError) -> None:
    show_error(parent, error)


class ResponseValidationPanel(ValidationPanel):
    """The buyer's panel, with the response's quick checks and its exported form."""

    def quick_checks(self, document: EspdDocument) -> list[Finding]:
        return check_response(document)

    def bytes_to_validate(self, document: EspdDocument) -> bytes:
        # What the rules see is what the export writes (closed branches dropped).
        return to_bytes(export_ready_response(document))


class ResponseEditor(QWidget):
    #: the response was written to this path
    exported = Signal(str)
    #: the company profile (id) was saved from this response
    profile_saved = Signal(str)
    #: documents were added to the library (responses for other lots)
    library_changed = Signal()
    #: a short message for the status bar
    message = Signal(str)

    def __init__(
        self,
        session: DocumentSession,
        taxonomy: Taxonomy,
        runner: TaskRunner,
        library: Library,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.taxonomy = taxonomy
        self.library = library
        # Derived data, not an edit: an imported response lacks the spreadsheet's cardinalities.
        adopt_cardinalities(session.document, taxonomy)
        self.request_id, self.request = self._linked_request()
        self.last_plan: ReusePlan | None = None

        self.summary = ProcedureSummaryPage(session, self.request)
        self.lots = LotChoicePage(session, self.request)
        self.operator = OperatorPage(session)
        self.other = AnswerPage(session, taxonomy, "OT")
        self.exclusion = AnswerPage(session, taxonomy, "EG")
        self.selection = AnswerPage(session, taxonomy, "SC")
        self.validation = ResponseValidationPanel(runner)
        self.answer_pages = [self.other, self.exclusion, self.selection]
        self.pages: list[tuple[str, QWidget]] = [
            (self.tr("Procédure"), self.summary),
            (self.tr("Lot"), self.lots),
            (self.tr("Partie II – Opérateur"), self.operator),
            (self.tr("Partie II – Compléments"), self.other),
            (self.tr("Partie III – Exclusion"), self.exclusion),
            (self.tr("Partie IV – Sélection"), self.selection),
            (self.tr("Vérification"), self.validation),
        ]
        self.nav, self.stack = part_navigation(self.pages, self.tr("Parties de la réponse"))

        self.title = QLabel()
        self.title.setWordWrap(True)
        self.progress_label = QLabel()
        self.progress_label.setObjectName("progress")
        self.progress_bar = QProgressBar()
        self.progress_bar.setMaximumWidth(180)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.setAccessibleName(self.tr("Réponses obligatoires données"))
        header = QHBoxLayout()
        header.setContentsMargins(8, 4, 8, 0)
        header.addWidget(self.title, 1)
        header.addWidget(self.progress_label)
        header.addWidget(self.progress_bar)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addLayout(body, 1)

        self.validation.set_document(session.document)
        self.validation.jump_requested.connect(self.jump_to)
        self.summary.merge_requested.connect(self.merge_previous)
        self.lots.lot_chosen.connect(self.choose_lot)
        self.lots.other_lots_requested.connect(self.respond_to_other_lots)
        self.operator.apply_profile_requested.connect(self.apply_profile)
        self.operator.save_profile_requested.connect(self.offer_profile_update)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._reload_structure)
        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(100)
        self._progress_timer.timeout.connect(self.update_progress)
        session.changed.connect(self._model_changed)
        session.replayed.connect(self._refresh_all)
        self.update_header()

    # ------------------------------------------------------------ the request answered
    def _linked_request(self) -> tuple[str | None, EspdDocument | None]:
        try:
            request_id = self.library.get(self.session.doc_id).answers_request_id
            if request_id is None:
                return None, None
            request = stored.load(self.library, request_id)
        except UserFacingError as error:
            log.info("linked request unavailable: %s", error.one_line())
            return None, None
        adopt_cardinalities(request, self.taxonomy)
        return request_id, request

    @property
    def document(self) -> EspdDocument:
        return self.session.document

    # ------------------------------------------------------------ navigation
    def show_page(self, page: QWidget) -> None:
        for row, (_title, candidate) in enumerate(self.pages):
            if candidate is page:
                self.nav.setCurrentRow(row)

    def current_page_title(self) -> str:
        item = self.nav.currentItem()
        return item.text() if item is not None else ""

    def jump_to(self, subject: str) -> None:
        if subject.startswith(("economic_operator", "group_name")):
            self.show_page(self.operator)
            self.operator.focus_subject(subject)
            return
        if subject == "lots":
            self.show_page(self.lots)
            self.lots.focus_subject(subject)
            return
        code = subject if subject.startswith(("answers/", "criteria/")) else subject.split("/")[0]
        for page in self.answer_pages:
            if page.focus_subject(code):
                self.show_page(page)
                page.focus_subject(code)  # focus once shown
                return

    # ------------------------------------------------------------ following the model
    def _model_changed(self, change: Change) -> None:
        self.validation.schedule_quick()
        path = change.path
        if path.startswith(("lots", "criteria")):
            self._reload_timer.start()
            return
        if path.startswith(("answers/", "evidences/")):
            for page in self.answer_pages:
                page.model_changed(change)
            self._progress_timer.start()
        elif path.startswith("economic_operator"):
            self.operator.reload()
            self.update_header()

    def _reload_structure(self) -> None:
        for page in (self.summary, self.lots, *self.answer_pages):
            page.reload()
        self.update_header()

    def _refresh_all(self) -> None:
        # After undo/redo every page shows the model again.
        self.summary.reload()
        self.lots.reload()
        self.operator.reload()
        for page in self.answer_pages:
            if [c.code for c in page.criteria()] != list(page._items):
                page.reload()
            else:
                page.refresh_form()
        self.validation.schedule_quick()
        self.update_header()

    def progress_text(self) -> str:
        answered, required = completeness(self.document)
        return self.tr("%s sur %s réponses obligatoires") % (answered, required)

    def update_progress(self) -> None:
        status = criterion_status(self.document)
        for page in self.answer_pages:
            page.update_status(status)
        answered = sum(given for given, _needed in status.values())
        required = sum(needed for _given, needed in status.values())
        self.progress_label.setText(
            self.tr("%s sur %s réponses obligatoires") % (answered, required)
        )
        self.progress_bar.setRange(0, max(required, 1))
        self.progress_bar.setValue(answered if required else 1)

    def update_header(self) -> None:
        lot = ", ".join(self.document.lot_ids()) or self.tr("sans lot")
        operator = self.document.economic_operator
        who = (
            operator.name
            if operator is not None and operator.name
            else self.tr("opérateur à renseigner")
        )
        self.title.setText(
            self.tr("<b>Réponse</b> à « %s » — lot %s — %s")
            % (self.document.display_title(), lot, who)
        )
        self.update_progress()

    # ------------------------------------------------------------ lots
    def choose_lot(self, lot_id: str) -> None:
        if self.request is None:
            return
        title = next((lot.title for lot in self.request.lots if lot.id == lot_id), "")
        criteria = criteria_for_lot(self.request.criteria, lot_id)
        self.session.push(ChooseLot(Lot(id=lot_id, title=title), criteria))

    def respond_to_other_lots(self, lots: list[str]) -> list[str]:
        if self.request_id is None:
            return []
        self.session.flush()
        try:
            created = responses_for_lots(
                self.library, self.request_id, self.document, lots, self.taxonomy
            )
        except UserFacingError as error:
            _warn(self, error)
            return []
        self.library_changed.emit()
        self.message.emit(self.tr("%s réponse(s) préparée(s) pour les autres lots.") % len(created))
        return created

    # ------------------------------------------------------------ profile
    def choose_profile(self, profiles: list[CompanyProfile], creating: bool) -> str | None:
        """Which profile to use; ``None``: none (or, when *creating*, a new one)."""
        if len(profiles) <= 1:
            return profiles[0].id if profiles else None
        names = [p.name for p in profiles]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Profil de l'entreprise"), self.tr("Profil :"), names, 0, False
        )
        return profiles[names.index(choice)].id if ok else None

    def confirm_profile_update(self, name: str, changes: ProfileChanges) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Enregistrer dans le profil"),
            self.tr("Enregistrer les réponses de ce DUME dans le profil « %s » ?\n%s")
            % (name, changes.describe()),
        )
        return answer == QMessageBox.StandardButton.Yes

    def offer_profile_update(self) -> str | None:
        """Save the answers given here into the company profile, once the user confirms."""
        try:
            profile_id = self.choose_profile(self.library.list_profiles(), creating=True)
            base = load_profile(self.library, profile_id) if profile_id else OperatorProfile()
            updated = profile_from_response(self.document, base)
            changes = profile_changes(base, updated)
            if changes.empty or not self.confirm_profile_update(updated.name, changes):
                return None
            saved = save_profile(self.library, updated, profile_id)
        except UserFacingError as error:
            _warn(self, error)
            return None
        self.profile_saved.emit(saved)
        self.message.emit(self.tr("Profil « %s » mis à jour.") % updated.name)
        return saved

    def apply_profile(self) -> ReusePlan | None:
        profiles = self.library.list_profiles()
        if not profiles:
            self.message.emit(
                self.tr("Aucun profil d'entreprise : créez-le depuis le menu Outils.")
            )
            return None
        profile_id = self.choose_profile(profiles, creating=False)
        if profile_id is None:
            return None
        try:
            profile = load_profile(self.library, profile_id)
        except UserFacingError as error:
            _warn(self, error)
            return None
        operation, plan = ApplyProfile.build(self.document, profile)
        self.session.push(operation)
        self.last_plan = plan
        self.message.emit(
            self.tr("Profil appliqué : %s réponse(s) reprise(s), %s à compléter.")
            % (len(plan.copied), len(plan.new))
        )
        return plan

    # ------------------------------------------------------------ reuse a previous response
    def choose_previous_response(self, candidates: list[DocumentSummary]) -> str | None:
        labels = [
            f"{s.title} ({s.procedure_reference}) — {s.modified:%d/%m/%Y}" for s in candidates
        ]
        choice, ok = QInputDialog.getItem(
            self, self.tr("Reprendre une réponse"), self.tr("Réponse :"), labels, 0, False
        )
        return candidates[labels.index(choice)].id if ok else None

    def review_merge(self, plan: ReusePlan) -> bool:
        return MergeReviewDialog(plan, self).exec() == QDialog.DialogCode.Accepted

    def merge_previous(self) -> ReusePlan | None:
        candidates = [
            s for s in self.library.list_documents(kind="response") if s.id != self.session.doc_id
        ]
        if not candidates:
            self.message.emit(self.tr("La bibliothèque ne contient pas d'autre réponse."))
            return None
        chosen = self.choose_previous_response(candidates)
        if chosen is None:
            return None
        return self.merge_from(chosen)

    def merge_from(self, response_id: str) -> ReusePlan | None:
        try:
            previous = stored.load(self.library, response_id)
        except UserFacingError as error:
            _warn(self, error)
            return None
        plan = plan_merge(previous, self.document)
        self.last_plan = plan
        if plan.is_empty() or not self.review_merge(plan):
            return plan
        self.session.push(MergeResponse.from_plan(plan))
        return plan

    # ------------------------------------------------------------ export
    def confirm_export_with_errors(self, report: ValidationReport) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Exporter malgré les erreurs ?"),
            self.tr(
                "La réponse n'est pas conforme (%n erreur(s)). Les plateformes la refuseront. "
                "Exporter quand même ?",
                "",
                sum(1 for f in report.findings if f.blocking),
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def export_to(self, path: Path) -> Task | None:
        """Validate in the background, then write atomically (asking first if invalid)."""
        self.session.flush()
        panel = self.validation
        quick_errors = [f for f in panel.run_quick() if f.blocking]
        task = panel.run_official()
        if task is None:
            return None

        def done(report: ValidationReport) -> None:
            panel.official_done.disconnect(done)
            self._finish_export(path, report, bool(quick_errors))

        def failed(_error: object) -> None:
            panel.official_done.disconnect(done)

        panel.official_done.connect(done)
        task.failed.connect(failed)
        return task

    def export_document(self) -> EspdDocument:
        """The response as written (closed branches dropped, caption branch acknowledged)."""
        return export_ready_response(self.document)

    def _finish_export(self, path: Path, report: ValidationReport, quick_errors: bool) -> None:
        if (not report.valid or quick_errors) and not self.confirm_export_with_errors(report):
            return
        try:
            digest = atomic_write_bytes(path, to_bytes(self.export_document()))
            self.library.record_export(self.session.doc_id, str(path.resolve()), digest, "xml")
            if report.valid:
                self.library.set_status(self.session.doc_id, "exported")
        except UserFacingError as error:
            _warn(self, error)
            return
        self.library_changed.emit()
        self.message.emit(self.tr("Exporté : %s") % path)
        self.exported.emit(str(path))
        self.offer_profile_update()


class MergeReviewDialog(QDialog):
    """What a merge copies and what is left to answer, before the user accepts it."""

    def __init__(self, plan: ReusePlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reprendre une réponse précédente"))
        self.resize(760, 520)
        copied = QListWidget()
        copied.setAccessibleName(self.tr("Réponses reprises"))
        for name in plan.copied_criteria():
            count = sum(1 for a in plan.copied if a.criterion_name == name)
            copied.addItem(self.tr("%s — %s réponse(s)") % (name, count))
        new = QListWidget()
        new.setAccessibleName(self.tr("Nouveau : à compléter"))
        for name in plan.new_criteria():
            count = sum(1 for q in plan.new if q.criterion_name == name)
            new.addItem(self.tr("%s — %s question(s)") % (name, count))
        columns = QHBoxLayout()
        for title, widget in (
            (self.tr("Repris (%s réponses)") % len(plan.copied), copied),
            (self.tr("Nouveau, à compléter (%s questions)") % len(plan.new), new),
        ):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{title}</b>"))
            box.addWidget(widget)
            columns.addLayout(box)
        buttons = dialog_buttons(self.tr("Reprendre ces réponses"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if plan.kept:
            layout.addWidget(
                QLabel(self.tr("%s réponse(s) déjà données ici sont conservées.") % len(plan.kept))
            )
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)


# ---------------------------------------------------------------- starting a response
class StartResponseDialog(QDialog):
    """Before answering: the procedure summary, the lot, the company profile."""

    def __init__(self, library: Library, request_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Répondre à cette demande"))
        self.resize(820, 600)
        self.library = library
        self.request_id = request_id
        request = stored.load(library, request_id)
        if request.kind != "request":
            from app.models.profile import ResponseStartError

            raise ResponseStartError("Seule une demande de DUME peut recevoir une réponse.")
        summary = QTextBrowser()
        summary.setHtml(procedure_html(request))
        summary.setAccessibleName(self.tr("Résumé de la procédure"))
        self.lot = QComboBox()
        self.lot.setAccessibleName(self.tr("Lot"))
        for lot in request.lots:
            self.lot.addItem(f"{lot.id} – {lot.title}" if lot.title else lot.id, lot.id)
        self.profile = QComboBox()
        self.profile.setAccessibleName(self.tr("Profil de l'entreprise"))
        self.profile.addItem(self.tr("Aucun (réponse vierge)"), None)
        for profile in library.list_profiles():
            self.profile.addItem(profile.name, profile.id)
        if self.profile.count() > 1:
            self.profile.setCurrentIndex(1)
        form = QFormLayout()
        form.addRow(self.tr("Lot pour lequel vous répondez"), self.lot)
        form.addRow(self.tr("Préremplir avec le profil"), self.profile)
        buttons = dialog_buttons(self.tr("Commencer la réponse"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary, 1)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str | None, str | None]:
        return self.lot.currentData(), self.profile.currentData()

    def start(self) -> str:
        lot, profile = self.chosen()
        return start_response(self.library, self.request_id, lot, profile)


def ask_start_response(parent: QWidget, library: Library, request_id: str) -> str | None:
    """The "Répondre à cette demande…" action: the new response's id, or None."""
    try:
        dialog = StartResponseDialog(library, request_id, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.start()
    except UserFacingError as error:
        _warn(parent, error)
        return None
