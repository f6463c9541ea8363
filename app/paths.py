"""Where the app keeps its files. One place, so tests can redirect all of it."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from app import APP_NAME

DATA_DIR_ENV = "DUME_DATA_DIR"


def user_data_dir() -> Path:
    """The user data folder: ``$DUME_DATA_DIR`` or the platform's default."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def user_log_dir() -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override).expanduser() / "logs"
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
