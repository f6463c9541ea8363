"""Typed error hierarchy shared by the core, the CLI and the UI.

Every error a user can cause or meet (bad file, missing artefacts, full disk,
network down) derives from :class:`UserFacingError` and carries a message that
is safe to show as is.  Anything else is a bug and reaches the crash handler.
:class:`Interrupted` ends a cancelled background task and is never shown.
"""

from __future__ import annotations


class UserFacingError(Exception):
    """An error caused by input or environment, with a message fit for the user."""

    #: short title for dialogs; subclasses override it
    title = "Erreur"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def one_line(self) -> str:
        text = self.message if not self.hint else f"{self.message} {self.hint}"
        return " ".join(text.split())


class ArtefactsMissingError(UserFacingError):
    title = "Référentiel ESPD absent"


class DocumentRefusedError(UserFacingError):
    """The file cannot be read as an ESPD document (hostile, malformed, not ESPD)."""

    title = "Document refusé"


class UnsupportedVersionError(DocumentRefusedError):
    title = "Version non prise en charge"

    def __init__(self, version: str, message: str, *, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.version = version


class SpecError(UserFacingError):
    """A scripting spec (for example ``dume new-request --spec``) is wrong."""

    title = "Spécification invalide"


class StorageError(UserFacingError):
    title = "Bibliothèque locale"


class Interrupted(Exception):
    """A background task was cancelled by the user; the UI ignores it."""
