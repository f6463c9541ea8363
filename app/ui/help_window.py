"""The user guide (docs/guide-utilisateur.md) in a window of its own (menu Aide)."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget

log = logging.getLogger("dume.ui.help")

#: beside the app package, in the repository as in the bundle (PyInstaller keeps the layout)
DOCS_DIR = Path(__file__).resolve().parents[2] / "docs"
GUIDE_NAME = "guide-utilisateur.md"


def guide_path() -> Path:
    return DOCS_DIR / GUIDE_NAME


class HelpWindow(QWidget):
    """Renders the Markdown guide; its screenshots are found beside it."""

    def __init__(self, guide: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        path = guide or guide_path()
        self.setWindowTitle(self.tr("Guide d'utilisation"))
        self.resize(900, 700)
        self.browser = QTextBrowser()
        self.browser.setAccessibleName(self.tr("Guide d'utilisation"))
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([str(path.parent)])
        font = QFont(self.browser.font())
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.browser.document().setDefaultFont(font)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            log.warning("user guide unreadable: %s", type(error).__name__)
            text = (
                self.tr("# Guide indisponible\n\nLe fichier du guide est introuvable : %s") % path
            )
        self.browser.setMarkdown(text)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.browser)
