"""The declared settings (:mod:`app.settings`) stored in a QSettings INI file.

The schema stays Qt-free; this adapter only moves text in and out of
QSettings.  Values are written as text whatever their type, so reading back
never depends on how QSettings guesses types in INI files.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from app.settings import Settings, settings_path


class QSettingsBackend:
    """:class:`app.settings.SettingsBackend` over one INI file."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        #: shared with code that takes a QSettings (app/ui/api_settings_page.py): one file
        self.qsettings = QSettings(str(path), QSettings.Format.IniFormat)

    def read(self, key: str) -> str | None:
        if not self.qsettings.contains(key):
            return None
        value = self.qsettings.value(key)
        # An INI value holding commas comes back as a list: join it as written.
        if isinstance(value, list):
            return ", ".join(str(v) for v in value)
        return None if value is None else str(value)

    def write(self, key: str, value: str) -> None:
        self.qsettings.setValue(key, value)

    def remove(self, key: str) -> None:
        self.qsettings.remove(key)

    def stored_keys(self) -> list[str]:
        return sorted(self.qsettings.allKeys())

    def sync(self) -> None:
        self.qsettings.sync()


def open_settings(path: Path | None = None) -> Settings:
    """The app's settings (migrated to the current schema) from *path* or the default file."""
    return Settings(QSettingsBackend(path or settings_path()))
