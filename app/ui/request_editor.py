"""The request editor: a navigation list of ESPD parts, their pages, and the checks."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QVBoxLayout,
    QWidget,
)

from app.models.events import Change
from app.models.taxonomy import Taxonomy
from app.ui.conversion_banner import ConversionBanner
from app.ui.part_navigation import part_navigation
from app.ui.request_pages import ExclusionPage, LotsPage, Page, ProcedurePage, SelectionPage
from app.ui.session import DocumentSession
from app.ui.tasks import TaskRunner
from app.ui.validation_panel import ValidationPanel


class RequestEditor(QWidget):
    def __init__(
        self,
        session: DocumentSession,
        taxonomy: Taxonomy,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.procedure = ProcedurePage(session)
        self.lots = LotsPage(session)
        self.exclusion = ExclusionPage(session, taxonomy)
        self.selection = SelectionPage(session, taxonomy)
        self.validation = ValidationPanel(runner)
        self.pages: list[tuple[str, QWidget]] = [
            (self.tr("Partie I – Procédure"), self.procedure),
            (self.tr("Lots"), self.lots),
            (self.tr("Partie III – Exclusion"), self.exclusion),
            (self.tr("Partie IV – Sélection"), self.selection),
            (self.tr("Vérification"), self.validation),
        ]
        self.nav, self.stack = part_navigation(self.pages, self.tr("Parties du DUME"))
        self.banner = ConversionBanner(session.document)
        body = QHBoxLayout()
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(body, 1)
        self.validation.set_document(session.document)
        self.validation.jump_requested.connect(self.jump_to)
        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(0)
        self._reload_timer.timeout.connect(self._reload_lists)
        session.changed.connect(self._model_changed)
        session.replayed.connect(self._refresh_all)

    def show_page(self, page: QWidget) -> None:
        for row, (_title, candidate) in enumerate(self.pages):
            if candidate is page:
                self.nav.setCurrentRow(row)

    def _model_changed(self, change: Change) -> None:
        self.validation.schedule_quick()
        # Field edits come from the page showing them; structural changes redraw the
        # lists, once the event that caused them has returned (it may come from a list item).
        if change.path.startswith(("lots", "criteria")):
            self._reload_timer.start()

    def _reload_lists(self) -> None:
        self.lots.reload()
        self.exclusion.reload()
        self.selection.reload()

    def _refresh_all(self) -> None:
        # After undo/redo every page shows the model again (cheap: a few hundred widgets).
        for _title, page in self.pages:
            if isinstance(page, Page):
                page.reload()
        self.validation.schedule_quick()

    def jump_to(self, subject: str) -> None:
        for _title, page in self.pages:
            if isinstance(page, Page) and page.focus_subject(subject):
                self.show_page(page)
                page.focus_subject(subject)
                return
        # Findings of the official rules point at XML paths: fall back on the part.
        if "ContractingParty" in subject or "ContractFolderID" in subject:
            self.show_page(self.procedure)
        elif subject:
            code = subject.split("/")[0]
            for page in (self.exclusion, self.selection):
                if page.focus_subject(code):
                    self.show_page(page)
                    return

    def current_page_title(self) -> str:
        item = self.nav.currentItem()
        return item.text() if item is not None else ""
