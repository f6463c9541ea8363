"""The status-bar indicator of the online sync: a coloured dot AND words, never colour alone.

It reads « En ligne », « Hors ligne · 2 en attente », « Synchronisation… »,
« En ligne · 1 en échec » …, followed by the last error (elided; whole in the
tooltip).  Clicking it asks for the outbox view.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from app.sync.engine import Connectivity, SyncStatus
from app.ui.sync_controller import SyncController

#: dot colours, chosen to stay distinct for the common colour-vision deficiencies
#: (and the words say the same thing anyway)
COLOURS = {
    Connectivity.UNKNOWN: "#8a8a8a",
    Connectivity.ONLINE: "#1b7f3b",
    Connectivity.OFFLINE: "#b35c00",
    Connectivity.SYNCING: "#1f5fbf",
    Connectivity.NOT_CONFIGURED: "#b3261e",
}
FAILED_COLOUR = "#b3261e"
ERROR_WIDTH = 420  # pixels of the elided last error in the status bar


def connectivity_text(connectivity: Connectivity) -> str:
    texts = {
        Connectivity.UNKNOWN: QCoreApplication.translate(
            "SyncStatus", "Service DUME : état inconnu"
        ),
        Connectivity.ONLINE: QCoreApplication.translate("SyncStatus", "En ligne"),
        Connectivity.OFFLINE: QCoreApplication.translate("SyncStatus", "Hors ligne"),
        Connectivity.SYNCING: QCoreApplication.translate("SyncStatus", "Synchronisation…"),
        Connectivity.NOT_CONFIGURED: QCoreApplication.translate(
            "SyncStatus", "Service DUME à configurer"
        ),
    }
    return texts[connectivity]


def status_text(status: SyncStatus) -> str:
    """« Hors ligne · 2 en attente · 1 en échec » (translatable, plural-aware)."""
    parts = [connectivity_text(status.connectivity)]
    if status.pending:
        parts.append(
            QCoreApplication.translate("SyncStatus", "%n en attente", None, status.pending)
        )
    if status.failed:
        parts.append(QCoreApplication.translate("SyncStatus", "%n en échec", None, status.failed))
    return " · ".join(parts)


def status_colour(status: SyncStatus) -> str:
    return FAILED_COLOUR if status.failed else COLOURS[status.connectivity]


def dot_icon(colour: str, size: int = 12) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(colour).darker(130))
    painter.setBrush(QColor(colour))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


class SyncStatusIndicator(QWidget):
    """Permanent status-bar widget; ``clicked`` opens the outbox view."""

    clicked = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.button = QToolButton()
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setAutoRaise(True)
        self.button.setIconSize(QSize(12, 12))
        self.button.clicked.connect(self.clicked)
        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setMaximumWidth(ERROR_WIDTH)
        layout.addWidget(self.button)
        layout.addWidget(self.error_label)
        self.setAccessibleName(self.tr("État de la synchronisation avec le service DUME"))
        self._colour = ""
        controller.status_changed.connect(self.show_status)
        self.show_status(controller.status)

    def text(self) -> str:
        """What the indicator says (the words, without the last error)."""
        return self.button.text()

    def error_text(self) -> str:
        """The last error as shown (possibly elided)."""
        return self.error_label.text()

    def colour(self) -> str:
        return self._colour

    def show_status(self, status: SyncStatus) -> None:
        text = status_text(status)
        self._colour = status_colour(status)
        self.button.setText(text)
        self.button.setIcon(dot_icon(self._colour))
        error = status.last_error or ""
        if status.connectivity == Connectivity.NOT_CONFIGURED:
            # Not set up yet is a state, not an error: say what to do, quietly.
            self.button.setToolTip(error)
            error = ""
        if error:
            shown = self.tr("Dernière erreur : %s") % error
            metrics = self.error_label.fontMetrics()
            self.error_label.setText(
                metrics.elidedText(shown, Qt.TextElideMode.ElideRight, ERROR_WIDTH)
            )
            self.error_label.setStyleSheet(f"color: {FAILED_COLOUR};")
        else:
            self.error_label.clear()
        self.error_label.setVisible(bool(error))
        tooltip = [text]
        if status.last_success is not None:
            when = status.last_success.astimezone().strftime("%d/%m/%Y %H:%M:%S")
            tooltip.append(self.tr("Dernière réponse du service : %s") % when)
        if error:
            tooltip.append(self.tr("Dernière erreur : %s") % error)
        tooltip.append(self.tr("Cliquez pour ouvrir la file d'envoi."))
        self.button.setToolTip("\n".join(tooltip))
        self.error_label.setToolTip(error)
        self.button.setAccessibleName(text)
        self.setAccessibleDescription("\n".join(tooltip))
