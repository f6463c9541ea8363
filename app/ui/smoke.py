"""``dume-gui --smoke-test FILE``: start for real, open FILE, say MAIN_WINDOW_READY, exit.

Used to check a build (the PyInstaller bundle above all) on a machine with no
display (``QT_QPA_PLATFORM=offscreen``): it goes through the parts a user's
first minute needs — translations, settings, the library, the taxonomy,
the main window with the document open, and the official validation (XSD
with lxml, business rules with Saxon) — and prints one line::

    MAIN_WINDOW_READY {"document": "…", "valid": true, …}

Exit codes: 0 ready, 1 the window did not open the document, 2 the file was
refused or the app could not start (one line on stderr).
"""

from __future__ import annotations

import json
import logging
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

SMOKE_FLAG = "--smoke-test"
READY_LINE = "MAIN_WINDOW_READY"

log = logging.getLogger("dume.ui.smoke")


def smoke_test_target(argv: Sequence[str]) -> Path | None:
    """The FILE of ``--smoke-test FILE`` in *argv*, or None without the flag."""
    if SMOKE_FLAG not in argv:
        return None
    index = list(argv).index(SMOKE_FLAG)
    if index + 1 >= len(argv):
        raise SystemExit(f"dume: {SMOKE_FLAG} attend un fichier")
    return Path(argv[index + 1])


def document_arguments(argv: Sequence[str]) -> list[Path]:
    """Files given on the command line (the desktop's « Ouvrir avec »), flags left out."""
    paths = []
    skip = False
    for argument in argv[1:]:
        if skip:
            skip = False
            continue
        if argument == SMOKE_FLAG:
            skip = True
            continue
        if argument.startswith("-"):
            continue
        paths.append(Path(argument))
    return paths


def run_smoke_test(path: Path, argv: Sequence[str] | None = None) -> int:
    """Start the app on *path* and report; returns the process exit code."""
    started = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    from app.logs import setup_logging, shutdown_logging
    from app.settings import LANGUAGE
    from app.ui.i18n import Translations
    from app.ui.settings_store import open_settings

    existing = QApplication.instance()
    application = (
        existing if isinstance(existing, QApplication) else QApplication(list(argv or sys.argv[:1]))
    )
    setup_logging()
    settings = open_settings()
    translations = Translations(application)
    language = translations.switch(settings.get(LANGUAGE))
    outcome: dict[str, Any] = {}
    try:
        code = _run_window(path, outcome)
        catalogues = list(translations.loaded)
    finally:
        # leave the process as found (the smoke test also runs inside the test suite)
        translations.remove()
        translations.deleteLater()
        shutdown_logging()
    if code is not None:
        return code
    if "refused" in outcome:
        sys.stderr.write(f"dume: {outcome['refused']}\n")
        return 2
    outcome.update(
        language=language,
        catalogues=catalogues,
        frozen=bool(getattr(sys, "frozen", False)),
        seconds=round(time.perf_counter() - started, 3),
    )
    if not outcome.get("opened"):
        sys.stderr.write(f"dume: la fenêtre principale n'a pas ouvert {path}\n")
        return 1
    sys.stdout.write(f"{READY_LINE} {json.dumps(outcome, ensure_ascii=False)}\n")
    sys.stdout.flush()
    return 0


def _run_window(path: Path, outcome: dict[str, Any]) -> int | None:
    """Open the library and the main window, then *path*; fills *outcome*."""
    from PySide6.QtCore import QEventLoop, QTimer

    from app.errors import UserFacingError
    from app.storage import documents as stored
    from app.storage.library import Library
    from app.ui.main_window import MainWindow

    try:
        library = Library.open()
    except UserFacingError as error:
        sys.stderr.write(f"dume: {error.one_line()}\n")
        return 2
    try:
        try:
            window = MainWindow(library)
        except UserFacingError as error:
            sys.stderr.write(f"dume: {error.one_line()}\n")
            return 2
        window.show()

        # A local loop, not application.exec(): quitting it must not end the application
        # (aboutToQuit stops services), since the smoke test also runs inside the test suite.
        loop = QEventLoop()

        def ready() -> None:
            try:
                outcome.update(_open_and_check(window, path, stored.import_file))
            except UserFacingError as error:
                outcome["refused"] = error.one_line()
            finally:
                loop.quit()

        QTimer.singleShot(0, ready)
        loop.exec()
        window.close()
        window.deleteLater()
    finally:
        library.close()
    return None


def _open_and_check(window: Any, path: Path, import_file: Callable[..., Any]) -> dict[str, Any]:
    from app.validation import validate_path

    summary = import_file(window.library, path)
    window.library_panel.refresh()
    window.open_document(summary.id)
    opened = window.isVisible() and window.session is not None
    report = validate_path(path)
    return {
        "opened": opened,
        "document": summary.title,
        "kind": str(summary.kind),
        "window_title": window.windowTitle(),
        "valid": report.valid,
        "rules_ran": report.rules_ran,
    }


def main_or_smoke_test(main: Callable[[], int], argv: Sequence[str] | None = None) -> int:
    """Run the smoke test if asked, else *main* (the packaged launcher's entry point)."""
    target = smoke_test_target(argv if argv is not None else sys.argv)
    return run_smoke_test(target) if target is not None else main()
