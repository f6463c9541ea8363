"""Buyer workspace timings: start-up, opening a large request, one keystroke.

Run alone with ``.venv/bin/python bench/bench_ui.py`` (offscreen), or through bench/run.py.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent

_STARTUP = """
import time
t0 = time.perf_counter()
import sys, tempfile
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
from app.storage.library import Library
from app.ui.main_window import MainWindow
app = QApplication(sys.argv)
library = Library.open(Path(sys.argv[1]))
window = MainWindow(library)
window.show()
app.processEvents()
print(time.perf_counter() - t0)
window.close()
library.close()
"""


def _median_ms(samples: list[float]) -> dict[str, float]:
    return {
        "median_ms": round(statistics.median(samples) * 1000, 1),
        "min_ms": round(min(samples) * 1000, 1),
        "max_ms": round(max(samples) * 1000, 1),
    }


def startup(repeats: int = 5) -> dict[str, Any]:
    """Fresh process to an interactive main window (the window shown, events processed)."""
    in_process, wall = [], []
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "library.sqlite3"
        command = [sys.executable, "-c", _STARTUP, str(library)]
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)  # creates the file
        for _ in range(repeats):
            started = time.perf_counter()
            result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
            wall.append(time.perf_counter() - started)
            in_process.append(float(result.stdout.strip().splitlines()[-1]))
    return {"process_wall": _median_ms(wall), "imports_to_window": _median_ms(in_process)}


def large_request_and_keystroke(repeats: int = 7) -> dict[str, Any]:
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    import espd_schemas
    from app.espdxml.reader import read_file
    from app.models.document import Lot
    from app.storage import documents as stored
    from app.storage.library import Library
    from app.ui.main_window import MainWindow

    application = QApplication.instance() or QApplication([])
    document = read_file(espd_schemas.locate().example("request"))
    document.lots = [Lot(id=f"LOT-{n:04d}", title=f"Lot {n}") for n in range(1, 21)]
    for criterion in document.criteria:
        if criterion.family == "SC":
            from app.models.builder import scope_to_lots

            scope_to_lots(criterion, document.lot_ids())
    with tempfile.TemporaryDirectory() as folder:
        library = Library.open(Path(folder) / "library.sqlite3")
        window = MainWindow(library)
        window.show()
        doc_id = stored.save_new(library, document)
        opening = []
        for _ in range(repeats):
            started = time.perf_counter()
            window.open_document(doc_id)
            application.processEvents()
            opening.append(time.perf_counter() - started)
        assert window.editor is not None
        field = window.editor.procedure.widgets["procedure.title"]
        assert isinstance(field, QLineEdit)
        field.setFocus()
        keystrokes = []
        for index in range(60):
            char = "abcdefghij"[index % 10]
            started = time.perf_counter()
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    field, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char)
                )
            application.processEvents()
            keystrokes.append(time.perf_counter() - started)
        quick = []
        for _ in range(20):
            started = time.perf_counter()
            window.editor.validation.run_quick()
            quick.append(time.perf_counter() - started)
        window.close()
        library.close()
    return {
        "open_62_criteria_20_lots": _median_ms(opening),
        "keystroke": _median_ms(keystrokes),
        "quick_checks_after_typing": _median_ms(quick),
    }


def run(quick: bool = False) -> dict[str, Any]:
    return {
        "startup": startup(3 if quick else 5),
        **large_request_and_keystroke(3 if quick else 7),
    }


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    results = run()
    for name, figures in results.items():
        print(name, figures)
