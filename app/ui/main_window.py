"""The main window: for now the document library, with import (issue 4 adds the editors)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.errors import UserFacingError
from app.storage.documents import import_file
from app.storage.library import Library
from app.ui.library_model import LibraryModel

log = logging.getLogger("dume.ui")


def show_error(parent: QWidget, error: UserFacingError) -> None:
    """The one presenter of user-facing errors."""
    QMessageBox.warning(parent, parent.tr("Erreur"), error.one_line())


class MainWindow(QMainWindow):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self._library = library
        self.setWindowTitle(self.tr("DUME — bibliothèque"))
        self.resize(1100, 680)

        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Rechercher un titre ou une référence…"))
        self.search.setAccessibleName(self.tr("Recherche dans la bibliothèque"))
        self.search.textChanged.connect(self.refresh)

        self.model = LibraryModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Documents de la bibliothèque"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.empty_hint = QLabel(
            self.tr("Aucun document. Importez un DUME (Fichier › Importer) pour commencer.")
        )
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.search)
        layout.addWidget(self.table)
        layout.addWidget(self.empty_hint)
        self.setCentralWidget(central)

        self.import_action = QAction(self.tr("&Importer un DUME…"), self)
        self.import_action.setShortcut(QKeySequence.StandardKey.Open)
        self.import_action.triggered.connect(self._ask_import)
        quit_action = QAction(self.tr("&Quitter"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu = self.menuBar().addMenu(self.tr("&Fichier"))
        file_menu.addAction(self.import_action)
        file_menu.addSeparator()
        file_menu.addAction(quit_action)
        self.statusBar().showMessage(self.tr("Hors ligne"))
        self.refresh()

    def refresh(self) -> None:
        rows = self._library.list_documents(search=self.search.text() or None)
        self.model.set_rows(rows)
        self.empty_hint.setVisible(not rows)

    def import_path(self, path: Path) -> bool:
        try:
            summary = import_file(self._library, path)
        except UserFacingError as error:
            log.warning("import refused: %s", error.one_line())
            show_error(self, error)
            return False
        self.refresh()
        self.statusBar().showMessage(self.tr("Importé : %s") % summary.title, 5000)
        return True

    def _ask_import(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Importer un DUME"), "", self.tr("Documents ESPD (*.xml)")
        )
        if name:
            self.import_path(Path(name))
