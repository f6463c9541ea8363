"""Errors of the signature feature, each with a French message safe to show."""

from __future__ import annotations

from app.errors import UserFacingError

__all__ = [
    "KeyAccessError",
    "SignatureInputError",
    "SigningError",
    "TimestampError",
    "TrustDataError",
]


class SignatureInputError(UserFacingError):
    """The file to verify cannot be read, or is not something we can verify."""

    title = "Fichier non vérifiable"


class TrustDataError(UserFacingError):
    """Trusted lists or trust anchors cannot be loaded, checked or refreshed."""

    title = "Données de confiance"


class KeyAccessError(UserFacingError):
    """The signing key cannot be opened (wrong password or PIN, missing token)."""

    title = "Clé de signature"


class SigningError(UserFacingError):
    title = "Signature impossible"


class TimestampError(SigningError):
    title = "Horodatage impossible"
