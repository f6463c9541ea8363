"""Typed error hierarchy shared by the core, the CLI and the UI.

Every error a user can cause or meet (bad file, missing artefacts, full disk,
network down) derives from :class:`UserFacingError` and carries a message that
is safe to show as is.  Anything else is a bug and reaches the crash handler.
:class:`Interrupted` ends a cancelled background task and is never shown.
"""

from __future__ import annotations

from typing import TypeVar


class UserFacingError(Exception):
    """An error caused by input or environment, with a message fit for the user."""

    #: short title for dialogs; subclasses override it
    title = "Erreur"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        #: the French templates the message and hint were filled from (``translatable``),
        #: so that the interface can show them in its own language
        self.template: str | None = None
        self.hint_template: str | None = None
        self.params: dict[str, str] = {}

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


_E = TypeVar("_E", bound=UserFacingError)


def translatable(error: _E, template: str, hint: str | None = None, **params: object) -> _E:
    """Fill *error*'s message (and hint) from French templates of ``app.messages``,
    keeping them with their parameters for the interface to translate."""
    values = {key: str(value) for key, value in params.items()}
    error.message = template.format(**values)
    error.args = (error.message,)
    if hint is not None:
        error.hint = hint.format(**values)
    error.template, error.hint_template, error.params = template, hint, values
    return error
