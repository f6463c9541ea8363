"""Errors of the online sync, one class per thing the user (or the engine) reacts to.

The engine sorts failures into three families:

* :class:`TransientError`: the network or the service is down for now; the
  action stays queued and is tried again later (offline, 5xx, 429, timeouts);
* :class:`DeliveryUncertainError` (a transient error): a write left and no
  answer came back, so the service may have processed it; the engine checks
  the service before it sends again, so nothing is created twice;
* everything else (:class:`ServiceRefusedError`, :class:`AuthenticationError`,
  :class:`ConfigurationError` ...): it will not heal by waiting; the user is
  told, with the service's own message when there is one.

No message here ever contains a client secret or a token: they are built from
our own words and from what the service says, never from request contents.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.errors import UserFacingError

__all__ = [
    "AuthenticationError",
    "ConfigurationError",
    "CredentialsMissingError",
    "DeliveryUncertainError",
    "DocumentRejectedError",
    "InsecureEndpointError",
    "MalformedResponseError",
    "RateLimitedError",
    "RemoteDocumentNotFoundError",
    "ServiceMessage",
    "ServiceRefusedError",
    "ServiceUnavailableError",
    "ServiceUnreachableError",
    "SignatureServiceError",
    "SyncError",
    "TlsError",
    "TransientError",
]


@dataclass(frozen=True, slots=True)
class ServiceMessage:
    """One entry of the service's ``messageList``."""

    type: str
    code: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.type.upper() in ("ERREUR", "ERROR")


class SyncError(UserFacingError):
    title = "Service DUME"


class ConfigurationError(SyncError):
    """A profile setting is wrong (URL, platform identifier); fix the settings."""

    title = "Configuration du service DUME"


class InsecureEndpointError(ConfigurationError):
    """Plain http to anything but this machine: refused before any byte leaves."""

    title = "Connexion non sécurisée refusée"


class CredentialsMissingError(SyncError):
    title = "Identifiants PISTE manquants"


class AuthenticationError(SyncError):
    """PISTE refused the credentials or the token (after one renewal)."""

    title = "Authentification PISTE refusée"


class TlsError(SyncError):
    """The server's certificate did not verify: never retried, never bypassed."""

    title = "Certificat du serveur refusé"


class TransientError(SyncError):
    """Will probably heal by waiting: the action stays in the outbox."""

    title = "Service DUME injoignable"


class ServiceUnreachableError(TransientError):
    """No connection (offline, DNS, refused, timeout)."""


class RateLimitedError(TransientError):
    title = "Service DUME saturé"

    def __init__(
        self, message: str, *, retry_after: float | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.retry_after = retry_after


class ServiceUnavailableError(TransientError):
    """A 5xx answer."""

    def __init__(self, message: str, *, status: int, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.status = status


class MalformedResponseError(TransientError):
    """The answer is not the documented JSON envelope (proxy page, truncated body)."""


class DeliveryUncertainError(TransientError):
    """A write was sent but its outcome is unknown (timeout, dropped connection, 5xx)."""

    title = "Envoi à confirmer"


class ServiceRefusedError(SyncError):
    """The service answered with an error that waiting will not fix.

    ``messages`` are the service's own (``messageList`` entries of type
    ``ERREUR``); :attr:`message` shows the first one to the user verbatim.
    """

    title = "Refus du service DUME"

    def __init__(
        self,
        message: str,
        *,
        messages: tuple[ServiceMessage, ...] = (),
        operation: str = "",
        http_status: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint)
        self.messages = messages
        self.operation = operation
        self.http_status = http_status

    @property
    def codes(self) -> list[str]:
        return [m.code for m in self.messages if m.code]


class RemoteDocumentNotFoundError(ServiceRefusedError):
    title = "DUME introuvable"


class DocumentRejectedError(ServiceRefusedError):
    """The service refused the DUME itself (invalid XML, rules not met)."""

    title = "DUME refusé par le service"


class SignatureServiceError(SyncError):
    title = "Service de vérification de signature"
