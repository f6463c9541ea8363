"""PISTE client credentials: in the OS keyring, or in memory for this session only.

The client id and secret are never written to a file, a setting, the library
or a log.  On a machine without a keyring backend (a bare server, some
containers) :meth:`CredentialStore.save` keeps them in this process's memory
and says so; they are asked again at the next launch.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from typing import Any, Literal

import keyring
import keyring.backends.fail
import keyring.errors

from app.sync.errors import CredentialsMissingError

__all__ = ["CredentialStore", "Credentials", "SaveOutcome", "forget_session_credentials"]

log = logging.getLogger("dume.sync.credentials")

CLIENT_ID_ENTRY = "client_id"
CLIENT_SECRET_ENTRY = "client_secret"
CPRO_ACCOUNT_ENTRY = "cpro_account"

NO_KEYRING_MESSAGE = (
    "Aucun trousseau système n'est disponible sur cet ordinateur : l'identifiant et le "
    "secret PISTE ne sont gardés qu'en mémoire, pour cette session, et seront redemandés "
    "au prochain lancement. Ils ne sont jamais écrits dans un fichier."
)

Where = Literal["keyring", "session", "none"]


@dataclass(frozen=True)
class Credentials:
    """A PISTE application's client credentials (and the optional Chorus Pro account)."""

    client_id: str
    client_secret: str = field(repr=False)
    #: ``login:password`` of a Chorus Pro technical account, if the service wants one
    cpro_account: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.client_id.strip() or not self.client_secret.strip():
            raise CredentialsMissingError(
                "L'identifiant client et le secret PISTE sont tous deux obligatoires."
            )

    def __repr__(self) -> str:
        return f"Credentials(client_id={self.client_id[:4]!r}…, client_secret=<masqué>)"


@dataclass(frozen=True)
class SaveOutcome:
    persisted: bool  # False: kept in memory for this session only
    message: str


_session_lock = threading.Lock()
_session: dict[str, Credentials] = {}


def forget_session_credentials(service: str | None = None) -> None:
    """Drop in-memory credentials (all of them without *service*)."""
    with _session_lock:
        if service is None:
            _session.clear()
        else:
            _session.pop(service, None)


def _backend() -> Any:
    return keyring.get_keyring()


def _usable(backend: Any) -> bool:
    return not isinstance(backend, keyring.backends.fail.Keyring)


class CredentialStore:
    """The credentials of one API profile (keyring service ``dume-desktop/<profile>``)."""

    def __init__(self, service: str) -> None:
        self.service = service

    def keyring_available(self) -> bool:
        return _usable(_backend())

    def where(self) -> Where:
        """Where the credentials currently come from (the session wins over the keyring)."""
        with _session_lock:
            if self.service in _session:
                return "session"
        return "keyring" if self._from_keyring() is not None else "none"

    def load(self) -> Credentials | None:
        with _session_lock:
            found = _session.get(self.service)
        return found if found is not None else self._from_keyring()

    def use_for_session(self, credentials: Credentials) -> None:
        """Use *credentials* in this process only (never stored), over the keyring's."""
        with _session_lock:
            _session[self.service] = credentials

    def save(self, credentials: Credentials) -> SaveOutcome:
        backend = _backend()
        if _usable(backend):
            try:
                backend.set_password(self.service, CLIENT_ID_ENTRY, credentials.client_id)
                backend.set_password(self.service, CLIENT_SECRET_ENTRY, credentials.client_secret)
                if credentials.cpro_account:
                    backend.set_password(self.service, CPRO_ACCOUNT_ENTRY, credentials.cpro_account)
                else:
                    self._delete_entry(backend, CPRO_ACCOUNT_ENTRY)
            except keyring.errors.KeyringError as exc:
                # The keyring exists but refused (locked, user said no): keep a
                # working session rather than losing what the user typed.
                log.warning("keyring refused to store the credentials: %s", type(exc).__name__)
            else:
                forget_session_credentials(self.service)
                log.info("credentials of %s stored in the system keyring", self.service)
                return SaveOutcome(True, "Identifiants enregistrés dans le trousseau du système.")
        with _session_lock:
            _session[self.service] = credentials
        log.warning("no usable keyring: credentials of %s kept for this session", self.service)
        return SaveOutcome(False, NO_KEYRING_MESSAGE)

    def delete(self) -> None:
        forget_session_credentials(self.service)
        backend = _backend()
        if not _usable(backend):
            return
        for entry in (CLIENT_ID_ENTRY, CLIENT_SECRET_ENTRY, CPRO_ACCOUNT_ENTRY):
            self._delete_entry(backend, entry)

    # ------------------------------------------------------------ internals
    def _delete_entry(self, backend: Any, entry: str) -> None:
        try:
            backend.delete_password(self.service, entry)
        except keyring.errors.PasswordDeleteError:
            pass  # nothing stored under that name
        except keyring.errors.KeyringError as exc:
            log.warning("keyring refused to delete %s: %s", entry, type(exc).__name__)

    def _from_keyring(self) -> Credentials | None:
        backend = _backend()
        if not _usable(backend):
            return None
        try:
            client_id = backend.get_password(self.service, CLIENT_ID_ENTRY)
            secret = backend.get_password(self.service, CLIENT_SECRET_ENTRY)
            cpro = backend.get_password(self.service, CPRO_ACCOUNT_ENTRY)
        except keyring.errors.KeyringError as exc:
            log.warning("keyring unreadable: %s", type(exc).__name__)
            return None
        if not client_id or not secret:
            return None
        return Credentials(str(client_id), str(secret), str(cpro) if cpro else None)
