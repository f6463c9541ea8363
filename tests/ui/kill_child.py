"""Child process for the kill test: start the app, make one edit, wait until it is saved.

Run as ``python -m tests.ui.kill_child LIBRARY_PATH TITLE``; prints ``SAVED <id>`` once the
autosave has committed, then keeps running until it is killed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from app.storage.library import Library
from app.ui.main_window import MainWindow


def main() -> None:
    library_path, title = Path(sys.argv[1]), sys.argv[2]
    application = QApplication([])
    library = Library.open(library_path)
    window = MainWindow(library)
    window.show()
    doc_id = window.new_request()
    assert window.session is not None
    assert window.editor is not None
    field = window.editor.procedure.widgets["procedure.title"]
    assert isinstance(field, QLineEdit)
    field.setFocus()
    field.selectAll()
    for char in title:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))

    def saved() -> None:
        if window.session is not None and window.session.document.procedure.title == title:
            sys.stdout.write(f"SAVED {doc_id}\n")
            sys.stdout.flush()

    window.session.saved.connect(saved)
    application.exec()


if __name__ == "__main__":
    main()
