"""Start the desktop app: settings, logs, translations, crash handler, first run, main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.errors import UserFacingError
from app.logs import setup_logging
from app.settings import LANGUAGE, ROLE, Settings, apply_startup_environment
from app.storage.library import Library
from app.ui.crash import CrashHandler
from app.ui.first_run import FirstRunWizard, first_run_needed, home_message
from app.ui.i18n import Translations
from app.ui.main_window import MainWindow
from app.ui.settings_dialog import proxy_password
from app.ui.settings_store import open_settings
from app.ui.smoke import document_arguments, run_smoke_test, smoke_test_target


class DesktopApp:
    """Owns what lives as long as the process: library, settings, translations, the window."""

    def __init__(self, application: QApplication, library: Library, settings: Settings) -> None:
        self.application = application
        self.library = library
        self.settings = settings
        self.translations = Translations(application)
        self.translations.switch(settings.get(LANGUAGE))
        self.window = self._build_window()

    def _build_window(self) -> MainWindow:
        window = MainWindow(self.library, settings=self.settings)
        window.welcome.setText(home_message(self.settings.get(ROLE)))
        window.settings_changed.connect(self._settings_changed)
        return window

    def save_all(self) -> None:
        """Persist every open draft (the crash handler calls this first)."""
        if self.window.session is not None:
            self.window.session.flush()

    def _settings_changed(self, keys: list[str]) -> None:
        if LANGUAGE.key not in keys:
            return
        # Widgets keep the text they were built with: rebuild the window in the new language.
        self.translations.switch(self.settings.get(LANGUAGE))
        open_doc = self.window.session.doc_id if self.window.session else None
        geometry = self.window.saveGeometry()
        self.window.close()
        self.window = self._build_window()
        self.window.restoreGeometry(geometry)
        self.window.show()
        if open_doc:
            self.window.open_document(open_doc)

    def start(self, argv: list[str]) -> None:
        self.window.show()
        if first_run_needed(self.settings):
            wizard = FirstRunWizard(self.settings, self.window)
            if wizard.exec() and wizard.result_value and wizard.result_value.document:
                self._open_path(wizard.result_value.document)
            self.window.welcome.setText(home_message(self.settings.get(ROLE)))
        for path in document_arguments(argv):
            self._open_path(path)
        self.window.recover()

    def _open_path(self, path: Path) -> None:
        doc_id = self.window.import_path(path)
        if doc_id is not None:
            self.window.open_document(doc_id)


def main() -> int:
    if (target := smoke_test_target(sys.argv)) is not None:
        return run_smoke_test(target)
    application = QApplication(sys.argv)
    application.setApplicationName("DUME")
    application.setOrganizationName("dume")
    settings = open_settings()
    apply_startup_environment(settings, proxy_password)
    logs = setup_logging()
    try:
        library = Library.open()
        app = DesktopApp(application, library, settings)
    except UserFacingError as error:
        sys.stderr.write(f"dume: {error.one_line()}\n")
        return 2
    crash = CrashHandler(app.save_all, settings=settings)
    crash.install(logs.log_file.parent)
    app.start(sys.argv)
    try:
        return application.exec()
    finally:
        crash.uninstall()
        library.close()


if __name__ == "__main__":
    sys.exit(main())
