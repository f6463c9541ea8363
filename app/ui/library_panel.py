"""The left side of the main window: the document library with search and filters."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QTableView, QVBoxLayout, QWidget

from app.storage.library import Library
from app.ui.library_model import LibraryModel


class LibraryPanel(QWidget):
    open_requested = Signal(str)

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Rechercher un titre ou une référence…"))
        self.search.setAccessibleName(self.tr("Recherche dans la bibliothèque"))
        self.kind = QComboBox()
        self.kind.setAccessibleName(self.tr("Filtrer par type"))
        for label, value in (
            (self.tr("Tous"), None),
            (self.tr("Demandes"), "request"),
            (self.tr("Réponses"), "response"),
        ):
            self.kind.addItem(label, value)
        self.status = QComboBox()
        self.status.setAccessibleName(self.tr("Filtrer par statut"))
        for label, value in (
            (self.tr("Tous statuts"), None),
            (self.tr("Brouillons"), "draft"),
            (self.tr("Validés"), "validated"),
            (self.tr("Exportés"), "exported"),
            (self.tr("Envoyés"), "sent"),
        ):
            self.status.addItem(label, value)
        self.model = LibraryModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Documents de la bibliothèque"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.setMinimumWidth(260)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.status)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        self.search.textChanged.connect(self.refresh)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.status.currentIndexChanged.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_id()
        rows = self._library.list_documents(
            kind=self.kind.currentData(),
            status=self.status.currentData(),
            search=self.search.text() or None,
        )
        self.model.set_rows(rows)
        for column in range(3):
            self.table.resizeColumnToContents(column)
        if selected:
            self.select(selected)

    def selected_id(self) -> str | None:
        indexes = self.table.selectionModel().selectedRows()
        return self.model.summary(indexes[0].row()).id if indexes else None

    def select(self, doc_id: str) -> None:
        for row in range(self.model.rowCount()):
            if self.model.summary(row).id == doc_id:
                self.table.selectRow(row)
                return

    def _activated(self, index: QModelIndex) -> None:
        self.open_requested.emit(self.model.summary(index.row()).id)
