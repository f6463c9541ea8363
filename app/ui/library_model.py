"""A thin Qt table model over the library's document summaries."""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)

from app.storage.records import DocumentSummary

_Index = QModelIndex | QPersistentModelIndex


class LibraryModel(QAbstractTableModel):
    COLUMNS = ("kind", "title", "reference", "status", "modified")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[DocumentSummary] = []

    def headers(self) -> list[str]:
        translate = QCoreApplication.translate
        return [
            translate("LibraryModel", "Type"),
            translate("LibraryModel", "Titre"),
            translate("LibraryModel", "Référence"),
            translate("LibraryModel", "Statut"),
            translate("LibraryModel", "Modifié"),
        ]

    def set_rows(self, rows: list[DocumentSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary(self, row: int) -> DocumentSummary:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        summary = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if column == "kind":
            return (
                QCoreApplication.translate("LibraryModel", "Demande")
                if str(summary.kind) == "request"
                else QCoreApplication.translate("LibraryModel", "Réponse")
            )
        if column == "title":
            return summary.title
        if column == "reference":
            return summary.procedure_reference
        if column == "status":
            return str(summary.status)
        return summary.modified.astimezone().strftime("%d/%m/%Y %H:%M")
