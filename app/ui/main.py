"""Start the desktop app."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication

from app.errors import UserFacingError
from app.storage.library import Library
from app.ui.main_window import MainWindow


def main() -> int:
    application = QApplication(sys.argv)
    application.setApplicationName("DUME")
    application.setOrganizationName("dume")
    try:
        library = Library.open()
        window = MainWindow(library)
    except UserFacingError as error:
        sys.stderr.write(f"dume: {error.one_line()}\n")
        return 2
    window.show()
    window.recover()
    try:
        return application.exec()
    finally:
        library.close()


if __name__ == "__main__":
    sys.exit(main())
