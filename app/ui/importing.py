"""Importing files and folders: read and converted off the GUI thread, added in one go.

Reading an ESPD file (and converting an older version) takes from milliseconds
to a second; a folder of them, much longer.  The work runs as a background task
with progress and cancel; the documents are added to the library on the GUI
thread, in one transaction, once all are read; the files refused are listed
together at the end instead of one dialog each.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import UserFacingError
from app.legacy.importing import ImportBatch, read_files
from app.storage.documents import save_imported
from app.storage.library import Library
from app.ui.errors import error_text, show_error
from app.ui.tasks import Task, TaskProgress, TaskRunner

log = logging.getLogger("dume.ui.importing")


class ImportController(QObject):
    imported = Signal(list)  # library ids of the documents added, in file order
    status = Signal(str)  # one line for the status bar

    def __init__(
        self, runner: TaskRunner, library: Library, progress: TaskProgress, parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._runner = runner
        self._library = library
        self._progress = progress
        self._window = parent
        self.task: Task | None = None

    def import_paths(self, paths: Sequence[Path]) -> Task | None:
        """Import files, and the ``*.xml`` of folders, in the background."""
        sources = list(paths)
        if not sources:
            return None
        if self.task is not None and self.task.running:
            self.status.emit(self.tr("Une importation est déjà en cours."))
            return None
        task = self._runner.start(
            "import", lambda progress, cancel: read_files(sources, progress, cancel)
        )
        self.task = task
        self._progress.track(task, self.tr("Importation"))
        task.succeeded.connect(self._read)
        task.failed.connect(self._failed)
        task.cancelled.connect(
            lambda: self.status.emit(self.tr("Importation annulée : aucun document ajouté."))
        )
        return task

    def _read(self, batch: ImportBatch) -> None:
        try:
            ids = save_imported(self._library, [document for _, document in batch.documents])
        except UserFacingError as error:  # the library could not take them: nothing added
            show_error(self._window, error)
            return
        log.info("imported %d file(s), %d refused", len(ids), len(batch.refused))
        message = self.tr("%n document(s) importé(s)", "", len(ids))
        if batch.converted:
            message += self.tr(
                ", dont %n converti(s) d'une version antérieure", "", batch.converted
            )
        if batch.refused:
            message += self.tr(", %n fichier(s) refusé(s)", "", len(batch.refused))
        self.status.emit(message + ".")
        self.imported.emit(ids)
        if batch.refused:
            self.present_refused(batch.refused)

    def _failed(self, error: Exception) -> None:
        if not isinstance(error, UserFacingError):
            raise error  # a defect: the crash handler reports it
        show_error(self._window, error)

    def present_refused(self, refused: Sequence[tuple[Path, UserFacingError]]) -> None:
        """The one presenter of refused imports: one dialog, every file with its reason."""
        if len(refused) == 1:
            show_error(self._window, refused[0][1])
            return
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Fichiers refusés"),
            self.tr(
                "%n fichier(s) n'ont pas pu être importés ; le détail dit pourquoi.",
                "",
                len(refused),
            ),
            QMessageBox.StandardButton.Ok,
            self._window,
        )
        box.setDetailedText("\n".join(error_text(error) for _, error in refused))
        box.exec()
