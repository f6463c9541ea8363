"""Live quick checks, and the official validation in a background task."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.espdxml.writer import to_bytes
from app.models.checks import check_request
from app.models.document import EspdDocument
from app.ui.tasks import Task, TaskRunner, show_progress
from app.validation import CancelToken, Finding, ValidationReport, validate_bytes
from app.validation.messages_fr import french_message

SEVERITY_FR = {"fatal": "Erreur", "error": "Erreur", "warning": "Avertissement", "info": "Info"}


def finding_text(finding: Finding) -> str:
    # Colour is never the only signal: every line starts with its severity word.
    prefix = SEVERITY_FR.get(finding.severity, finding.severity)
    rule = f" [{finding.rule_id}]" if not finding.rule_id.startswith("CHECK") else ""
    where = f" ({finding.subject})" if finding.subject and finding.source != "check" else ""
    return f"{prefix}{rule} : {french_message(finding)}{where}"


class ValidationPanel(QWidget):
    #: a finding was activated: jump to its subject
    jump_requested = Signal(str)
    #: the official validation finished (report) — used before export
    official_done = Signal(object)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._document: EspdDocument | None = None
        self.task: Task | None = None
        self.last_report: ValidationReport | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Résultats de la vérification"))
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.run_button = QPushButton(self.tr("Lancer la &validation officielle"))
        self.run_button.clicked.connect(self.run_official)
        self.cancel_button = QPushButton(self.tr("Annuler"))
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.progress.setAccessibleName(self.tr("Progression de la validation"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addLayout(buttons)
        layout.addWidget(self.list)
        self._quick: list[Finding] = []
        # Quick checks run a moment after typing stops, never on every keystroke.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self.run_quick)

    def set_document(self, document: EspdDocument) -> None:
        self._document = document
        self.last_report = None
        self.run_quick()

    def schedule_quick(self) -> None:
        self.last_report = None  # the document changed: the official verdict is stale
        self._timer.start()

    def run_quick(self) -> list[Finding]:
        if self._document is None:
            return []
        self._quick = self.quick_checks(self._document)
        self._show()
        return self._quick

    def quick_checks(self, document: EspdDocument) -> list[Finding]:
        """The cheap checks of this kind of document (responses override it)."""
        return check_request(document)

    def bytes_to_validate(self, document: EspdDocument) -> bytes:
        """What the official rules check: the document as exported."""
        return to_bytes(document)

    def _show(self) -> None:
        self.list.clear()
        findings = list(self._quick)
        if self.last_report is not None:
            findings += self.last_report.findings
        for finding in findings:
            item = QListWidgetItem(finding_text(finding))
            item.setData(Qt.ItemDataRole.UserRole, finding.subject)
            # The official English text and its location stay one hover away.
            item.setToolTip(f"{finding.message}\n{finding.location or finding.subject}")
            self.list.addItem(item)
        errors = sum(1 for f in findings if f.blocking)
        warnings = len(findings) - errors
        state = self.tr("Validation officielle : non lancée")
        if self.last_report is not None:
            state = (
                self.tr("Validation officielle : conforme")
                if self.last_report.valid
                else self.tr("Validation officielle : non conforme")
            )
        self.summary.setText(
            self.tr("%n erreur(s)", "", errors)
            + " · "
            + self.tr("%n avertissement(s)", "", warnings)
            + " · "
            + state
        )

    def _activated(self, item: QListWidgetItem) -> None:
        subject = item.data(Qt.ItemDataRole.UserRole)
        if subject:
            self.jump_requested.emit(subject)

    def run_official(self) -> Task | None:
        if self._document is None or (self.task is not None and self.task.running):
            return None
        # Serialised on the GUI thread: the model is not shared with the worker.
        data = self.bytes_to_validate(self._document)

        def work(progress: object, cancel: CancelToken) -> ValidationReport:
            return validate_bytes(data, "document", progress, cancel)  # type: ignore[arg-type]

        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.task = self._runner.start("validation", work)
        self.task.progressed.connect(self._progressed)
        self.task.succeeded.connect(self._succeeded)
        self.task.failed.connect(self._failed)
        self.task.finished.connect(self._finished)
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _progressed(self, done: int, total: int, what: str) -> None:
        show_progress(self.progress, done, total, what)

    def _succeeded(self, report: ValidationReport) -> None:
        self.last_report = report
        self._show()
        self.official_done.emit(report)

    def _failed(self, error: Exception) -> None:
        self.summary.setText(self.tr("La validation n'a pas pu s'exécuter : %s") % error)

    def _finished(self) -> None:
        self.progress.setVisible(False)
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)
