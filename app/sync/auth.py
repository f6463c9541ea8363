"""PISTE OAuth2 (client credentials): a bearer token kept in memory, renewed when due.

The token is fetched on first use, reused until shortly before ``expires_in``
runs out, and dropped on a 401 (:meth:`PisteAuth.invalidate`) so the next call
fetches a fresh one.  It lives in this object only: never logged, stored or put
in an error message.
"""

from __future__ import annotations

import base64
import logging
import re
import threading
import time
from collections.abc import Callable

from app.sync.credentials import Credentials, CredentialStore
from app.sync.errors import AuthenticationError, CredentialsMissingError, MalformedResponseError
from app.sync.profiles import ApiProfile
from app.sync.transport import HttpTransport

__all__ = ["PisteAuth"]

log = logging.getLogger("dume.sync.auth")

#: renew this long before the announced expiry (clock skew, slow calls)
EXPIRY_MARGIN = 60.0
#: PISTE announces 3600 s; used when an answer has no ``expires_in``
DEFAULT_LIFETIME = 3600.0
_OAUTH_ERROR = re.compile(r"^[a-z_]{1,40}$")


class PisteAuth:
    def __init__(
        self,
        profile: ApiProfile,
        store: CredentialStore,
        transport: HttpTransport,
        *,
        clock: Callable[[], float] = time.monotonic,
        margin: float = EXPIRY_MARGIN,
    ) -> None:
        self.profile = profile
        self.store = store
        self._transport = transport
        self._clock = clock
        self._margin = margin
        self._lock = threading.Lock()
        self._token: str | None = None
        self._expires_at = 0.0
        self.fetches = 0  # how many tokens were obtained (diagnostics, tests)

    def __repr__(self) -> str:
        state = "jeton en mémoire" if self._token else "sans jeton"
        return f"PisteAuth(profile={self.profile.name!r}, {state})"

    def credentials(self) -> Credentials:
        found = self.store.load()
        if found is None:
            raise CredentialsMissingError(
                f"Aucun identifiant PISTE pour le profil « {self.profile.name} ».",
                hint="Saisissez l'identifiant client et le secret de votre application PISTE "
                "dans les paramètres (ou « dume remote login »).",
            )
        return found

    def invalidate(self) -> None:
        with self._lock:
            self._token = None
            self._expires_at = 0.0

    def token(self, *, quick: bool = False) -> str:
        """The current token, fetched first if needed (*quick*: one attempt, for probes)."""
        with self._lock:
            if self._token is not None and self._clock() < self._expires_at:
                return self._token
            self._token = None
            token, lifetime = self._fetch(self.credentials(), quick=quick)
            self._token = token
            self._expires_at = self._clock() + max(0.0, lifetime - self._margin)
            self.fetches += 1
            return token

    def headers(self, *, quick: bool = False) -> dict[str, str]:
        headers = {"Authorization": f"Bearer {self.token(quick=quick)}"}
        if self.profile.dialect.cpro_account_header:
            account = self.credentials().cpro_account
            if account:
                encoded = base64.b64encode(account.encode("utf-8")).decode("ascii")
                headers["cpro-account"] = encoded
        return headers

    def _fetch(self, credentials: Credentials, *, quick: bool) -> tuple[str, float]:
        reply = self._transport.post(
            self.profile.token_url,
            what="jeton PISTE",
            max_attempts=1 if quick else None,
            read_timeout=self.profile.timeouts.health if quick else None,
            form={
                "grant_type": "client_credentials",
                "client_id": credentials.client_id,
                "client_secret": credentials.client_secret,
                "scope": self.profile.scope,
            },
        )
        if reply.status in (400, 401, 403):
            code = ""
            try:
                data = reply.json()
                raw = str(data.get("error", "")) if isinstance(data, dict) else ""
                code = raw if _OAUTH_ERROR.match(raw) else ""
            except MalformedResponseError:
                pass
            log.warning("PISTE refused the client credentials (HTTP %s %s)", reply.status, code)
            raise AuthenticationError(
                "PISTE a refusé l'identifiant client ou le secret"
                + (f" ({code})." if code else "."),
                hint="Vérifiez-les dans l'onglet « Authentification » de votre application "
                "PISTE, et que les conditions de l'API DUME y sont acceptées pour ce profil.",
            )
        if reply.status != 200:
            raise AuthenticationError(
                f"Le serveur de jetons PISTE a répondu HTTP {reply.status}.",
                hint="Vérifiez l'adresse du jeton dans le profil.",
            )
        data = reply.json()
        token = data.get("access_token") if isinstance(data, dict) else None
        if not isinstance(token, str) or not token:
            raise MalformedResponseError("Le serveur de jetons PISTE n'a pas donné de jeton.")
        try:
            lifetime = float(data.get("expires_in", DEFAULT_LIFETIME))
        except (TypeError, ValueError):
            lifetime = DEFAULT_LIFETIME
        log.info("PISTE token obtained for %s (valid %.0f s)", self.profile.name, lifetime)
        return token, lifetime
