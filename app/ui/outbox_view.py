"""The outbox view: what waits to be sent to the service DUME, what failed, and why.

A failed entry (a refusal that waiting will not fix) offers « Réessayer » and
« Abandonner »; a pending one may be abandoned too.  The service's own message
is shown whole under the table.  Rows are snapshots from the
:class:`~app.ui.sync_controller.SyncController`; the buttons only ask it.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.storage.records import OutboxState
from app.sync.engine import SyncStatus
from app.sync.outbox import OutboxEntry
from app.ui.sync_controller import SyncController
from app.ui.sync_status import FAILED_COLOUR, dot_icon, status_colour, status_text

_Index = QModelIndex | QPersistentModelIndex


_STATE_COLOURS = {
    OutboxState.PENDING: "#b35c00",
    OutboxState.SENDING: "#1f5fbf",
    OutboxState.FAILED: FAILED_COLOUR,
    OutboxState.DONE: "#1b7f3b",
}
DISCARDED_COLOUR = "#6b6b6b"


class OutboxModel(QAbstractTableModel):
    COLUMNS = ("label", "title", "state", "dume_id", "attempts", "updated", "error")

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[OutboxEntry] = []

    def headers(self) -> list[str]:
        return [
            QCoreApplication.translate("OutboxModel", "Action"),
            QCoreApplication.translate("OutboxModel", "Document"),
            QCoreApplication.translate("OutboxModel", "État"),
            QCoreApplication.translate("OutboxModel", "N° DUME"),
            QCoreApplication.translate("OutboxModel", "Tentatives"),
            QCoreApplication.translate("OutboxModel", "Mis à jour"),
            QCoreApplication.translate("OutboxModel", "Dernière erreur"),
        ]

    def set_entries(self, entries: list[OutboxEntry]) -> None:
        self.beginResetModel()
        self._rows = list(entries)
        self.endResetModel()

    def entry(self, row: int) -> OutboxEntry:
        return self._rows[row]

    def row_of(self, entry_id: int) -> int | None:
        for row, entry in enumerate(self._rows):
            if entry.id == entry_id:
                return row
        return None

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
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in ("error", "title"):
            return entry.last_error if column == "error" else entry.title
        if role == Qt.ItemDataRole.ForegroundRole and column == "error":
            return QBrush(QColor(FAILED_COLOUR))
        if role == Qt.ItemDataRole.ForegroundRole and column == "state":
            return QBrush(QColor(self._state_colour(entry)))
        if role == Qt.ItemDataRole.DecorationRole and column == "state":
            return dot_icon(self._state_colour(entry), 10)
        return None

    @staticmethod
    def _state_colour(entry: OutboxEntry) -> str:
        return DISCARDED_COLOUR if entry.discarded else _STATE_COLOURS[entry.state]

    @staticmethod
    def _display(entry: OutboxEntry, column: str) -> str:
        if column == "label":
            return entry.label
        if column == "title":
            return entry.title
        if column == "state":
            return entry.state_label
        if column == "dume_id":
            return entry.dume_id or ""
        if column == "attempts":
            return str(entry.attempts)
        if column == "updated":
            return entry.updated.astimezone().strftime("%d/%m/%Y %H:%M")
        return entry.last_error or ""


class OutboxView(QWidget):
    """The outbox table with « Réessayer », « Abandonner » and « Synchroniser maintenant »."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary_icon = QLabel()
        self.model = OutboxModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("File d'envoi vers le service DUME"))
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        for column in range(len(OutboxModel.COLUMNS) - 1):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.empty_label = QLabel(
            self.tr("Rien n'attend d'être envoyé : toutes les actions sont parvenues au service.")
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.details = QLabel()
        self.details.setWordWrap(True)
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.setAccessibleName(self.tr("Détail de l'envoi sélectionné"))
        self.retry_button = QPushButton(self.tr("&Réessayer"))
        self.retry_button.setToolTip(self.tr("Remettre l'envoi refusé dans la file d'envoi."))
        self.discard_button = QPushButton(self.tr("&Abandonner"))
        self.discard_button.setToolTip(
            self.tr("Ne pas envoyer cette action ; le document reste dans la bibliothèque.")
        )
        self.sync_button = QPushButton(self.tr("&Synchroniser maintenant"))
        self.history_box = QCheckBox(self.tr("Afficher les envois terminés"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.discard_button.clicked.connect(self.discard_selected)
        self.sync_button.clicked.connect(controller.sync_now)
        self.history_box.toggled.connect(controller.set_show_history)

        top = QHBoxLayout()
        top.addWidget(self.summary_icon)
        top.addWidget(self.summary, 1)
        top.addWidget(self.history_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        buttons.addWidget(self.sync_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label, 1)
        layout.addWidget(self.details)
        layout.addLayout(buttons)

        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        controller.entries_changed.connect(self.show_entries)
        controller.status_changed.connect(self.show_status)
        self.show_status(controller.status)
        self.show_entries(controller.entries)

    # ------------------------------------------------------------ display
    def show_status(self, status: SyncStatus) -> None:
        self.summary.setText(status_text(status))
        self.summary_icon.setPixmap(dot_icon(status_colour(status)).pixmap(12, 12))

    def show_entries(self, entries: list[OutboxEntry]) -> None:
        selected = self.selected_entry()
        self.model.set_entries(entries)
        row = self.model.row_of(selected.id) if selected is not None else None
        if row is None:
            failed = [r for r, e in enumerate(entries) if e.can_retry]
            row = failed[0] if failed else None  # the refusal is what needs the user
        if row is not None:
            self.table.selectRow(row)
        self.table.setVisible(bool(entries))
        self.empty_label.setVisible(not entries)
        self._selection_changed()

    def selected_entry(self) -> OutboxEntry | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= self.model.rowCount():
            return None
        return self.model.entry(rows[0].row())

    def select_entry(self, entry_id: int) -> bool:
        row = self.model.row_of(entry_id)
        if row is None:
            return False
        self.table.selectRow(row)
        return True

    def _selection_changed(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        entry = self.selected_entry()
        self.retry_button.setEnabled(bool(entry and entry.can_retry))
        self.discard_button.setEnabled(bool(entry and entry.can_discard))
        if entry is None:
            self.details.clear()
            self.details.setVisible(False)
            return
        lines = [f"{entry.label} — {entry.title}", f"{self.tr('État')} : {entry.state_label}"]
        if entry.dume_id:
            lines.append(self.tr("Numéro attribué par le service : %s") % entry.dume_id)
        if entry.last_error:
            lines.append(self.tr("Message du service : %s") % entry.last_error)
        self.details.setText("\n".join(lines))
        self.details.setVisible(True)

    # ------------------------------------------------------------ actions
    def retry_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None and entry.can_retry:
            self.retry_button.setEnabled(False)  # until the next snapshot
            self.controller.retry(entry.id)

    def discard_selected(self) -> None:
        entry = self.selected_entry()
        if entry is None or not entry.can_discard:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Abandonner l'envoi"),
            self.tr(
                "« %s » ne sera pas envoyé au service DUME. Le document reste dans la "
                "bibliothèque : vous pourrez le publier de nouveau. Abandonner cet envoi ?"
            )
            % f"{entry.label} — {entry.title}",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.discard_button.setEnabled(False)
            self.controller.discard(entry.id)


class OutboxDialog(QDialog):
    """« File d'envoi… »: the outbox view in a non-modal window."""

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("File d'envoi — service DUME"))
        self.view = OutboxView(controller)
        close = QDialogButtonBox()
        close.addButton(self.tr("Fermer"), QDialogButtonBox.ButtonRole.RejectRole)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(close)
        self.resize(980, 420)
