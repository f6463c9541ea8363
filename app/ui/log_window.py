"""The "Journal" window: the last lines of the app's log, live, with a level filter."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QCloseEvent, QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.logs import TailHandler

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")


def line_level(line: str) -> int:
    """Index of the level a formatted line carries (its third word), INFO when unknown."""
    words = line.split(maxsplit=3)
    return LEVELS.index(words[2]) if len(words) > 2 and words[2] in LEVELS else 1


class LogWindow(QWidget):
    """Shows a :class:`TailHandler`; new lines arrive from any thread through a signal."""

    _line_logged = Signal(str)

    def __init__(self, tail: TailHandler, log_folder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tail = tail
        self.log_folder = log_folder
        self.setWindowTitle(self.tr("Journal"))
        self.resize(900, 480)
        self.level = QComboBox()
        self.level.setAccessibleName(self.tr("Niveau minimal"))
        for label in (
            self.tr("Tout"),
            self.tr("Informations"),
            self.tr("Avertissements"),
            self.tr("Erreurs"),
        ):
            self.level.addItem(label)
        self.level.setCurrentIndex(1)
        self.level.currentIndexChanged.connect(self.reload)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(self.tr("Lignes du journal"))
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setMaximumBlockCount(5000)
        copy = QPushButton(self.tr("&Copier"))
        copy.clicked.connect(self.copy_all)
        folder = QPushButton(self.tr("Ouvrir le &dossier des journaux"))
        folder.clicked.connect(self._open_folder)
        close = QPushButton(self.tr("&Fermer"))
        close.clicked.connect(self.close)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Afficher :")))
        top.addWidget(self.level)
        top.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(copy)
        buttons.addWidget(folder)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.text, 1)
        layout.addLayout(buttons)
        self._line_logged.connect(self._append)
        self._unsubscribe = tail.subscribe(self._line_logged.emit)
        self.reload()

    def _minimum(self) -> int:
        # the combo's entries map to DEBUG, INFO, WARNING, ERROR
        return self.level.currentIndex()

    def reload(self) -> None:
        minimum = self._minimum()
        self.text.setPlainText(
            "\n".join(line for line in self.tail.lines() if line_level(line) >= minimum)
        )
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def _append(self, line: str) -> None:
        if line_level(line) >= self._minimum():
            self.text.appendPlainText(line)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.log_folder))

    def closeEvent(self, event: QCloseEvent) -> None:
        self._unsubscribe()
        super().closeEvent(event)
