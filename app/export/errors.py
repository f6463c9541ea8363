"""Errors of the export package, with messages fit for the user (French)."""

from __future__ import annotations

from app.errors import UserFacingError


class ExportError(UserFacingError):
    """The PDF or ZIP cannot be produced (bad option, unusable input)."""

    title = "Export impossible"


class FontMissingError(ExportError):
    """No Unicode font with every accent and EU letter could be found."""

    title = "Police de caractères introuvable"
