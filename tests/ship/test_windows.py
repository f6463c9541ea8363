"""The Journal window (live log tail) and the user guide in the Help window."""

from __future__ import annotations

import logging
import re
import threading
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QTextDocument
from pytestqt.qtbot import QtBot

from app.logs import setup_logging, shutdown_logging
from app.ui.help_window import HelpWindow, guide_path
from app.ui.log_window import LogWindow


def test_the_journal_shows_the_tail_and_new_lines_from_any_thread(
    qtbot: QtBot, tmp_path: Path
) -> None:
    setup = setup_logging(tmp_path / "logs")
    try:
        logging.getLogger("dume.storage").info("bibliothèque ouverte")
        logging.getLogger("dume.sync").debug("détail invisible au niveau INFO")
        window = LogWindow(setup.tail, str(setup.log_file.parent))
        qtbot.addWidget(window)
        window.show()
        assert "bibliothèque ouverte" in window.text.toPlainText()
        worker = threading.Thread(
            target=lambda: logging.getLogger("dume.sync").warning("service injoignable")
        )
        worker.start()
        worker.join()
        qtbot.waitUntil(lambda: "service injoignable" in window.text.toPlainText())
        window.level.setCurrentIndex(2)  # warnings and above
        assert "bibliothèque ouverte" not in window.text.toPlainText()
        assert "service injoignable" in window.text.toPlainText()
        window.copy_all()
        assert "service injoignable" in QGuiApplication.clipboard().text()
        window.close()
        logging.getLogger("dume.sync").info("après la fermeture")  # no listener left to fail
        assert "après la fermeture" in setup.tail.lines()[-1]
    finally:
        shutdown_logging()


def test_the_guide_renders_with_its_screenshots(qtbot: QtBot) -> None:
    window = HelpWindow()
    qtbot.addWidget(window)
    window.show()
    text = window.browser.toPlainText()
    assert "Guide d'utilisation" in text
    for section in ("Acheteur", "Opérateur", "Vérifier"):
        assert section in text
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", guide_path().read_text(encoding="utf-8"))
    assert len(images) >= 5
    document = window.browser.document()
    for image in images:
        assert (guide_path().parent / image).is_file(), image
        loaded = window.browser.loadResource(QTextDocument.ResourceType.ImageResource.value, image)
        assert loaded is not None, image
        assert not loaded.isNull(), image
    assert document.toMarkdown()
