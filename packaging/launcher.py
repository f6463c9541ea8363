"""Entry point of the packaged app (PyInstaller): the desktop app, or its smoke test."""

from __future__ import annotations

import sys

from app.ui.main import main
from app.ui.smoke import main_or_smoke_test

if __name__ == "__main__":
    sys.exit(main_or_smoke_test(main))
