"""HTTPS POST with timeouts, bounded retries, back-off and jitter.

Reads (and the token call) are retried on every transient failure.  Writes are
retried only when the request certainly did not reach the service (no
connection, 429, 503); after an ambiguous failure (read timeout, connection
dropped after sending, 500/502/504, garbled answer) a write raises
:class:`DeliveryUncertainError` instead, and the sync engine checks the service
before it sends again (see :mod:`app.sync.engine`).

TLS certificates are always verified (an extra CA bundle may be added, never
verification removed); plain http is refused except towards this machine
(:func:`app.sync.profiles.check_endpoint`); redirects are not followed.
"""

from __future__ import annotations

import email.utils
import json
import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

import requests
import urllib3.exceptions

from app import messages
from app.errors import translatable
from app.sync.errors import (
    ConfigurationError,
    DeliveryUncertainError,
    MalformedResponseError,
    RateLimitedError,
    ServiceUnavailableError,
    ServiceUnreachableError,
    TlsError,
)
from app.sync.profiles import RetryPolicy, Timeouts, check_endpoint, is_loopback_host

__all__ = ["HttpReply", "HttpTransport", "Sleep"]

log = logging.getLogger("dume.sync.http")

Sleep = Callable[[float], None]

USER_AGENT = "dume-desktop-sync"


@dataclass(frozen=True)
class HttpReply:
    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except (ValueError, UnicodeDecodeError):
            raise MalformedResponseError(
                f"Réponse illisible du service ({_host(self.url)}, HTTP {self.status}) : "
                "ce n'est pas du JSON.",
                hint="Un proxy ou un portail Wi-Fi s'intercale peut-être.",
            ) from None


def _host(url: str) -> str:
    return urlsplit(url).netloc


def _not_sent(exc: requests.exceptions.RequestException) -> bool:
    """True when the request certainly never reached the server."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if isinstance(exc, requests.exceptions.ConnectionError):
        reason: Any = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason)  # urllib3's MaxRetryError wraps the cause
        return isinstance(reason, urllib3.exceptions.NewConnectionError)  # incl. DNS failures
    return False


def _describe(exc: requests.exceptions.RequestException) -> str:
    """A short French cause, built from the exception's type (never its text)."""
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return "délai de connexion dépassé"
    if isinstance(exc, requests.exceptions.ReadTimeout):
        return "délai de réponse dépassé"
    if isinstance(exc, requests.exceptions.ConnectionError):
        reason: Any = exc.args[0] if exc.args else None
        reason = getattr(reason, "reason", reason)
        if isinstance(reason, urllib3.exceptions.NameResolutionError):
            return "nom d'hôte introuvable (pas de réseau ?)"
        if isinstance(reason, urllib3.exceptions.NewConnectionError):
            return "connexion refusée ou réseau indisponible"
        return "connexion interrompue"
    return "échange interrompu"


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        moment = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - (now or datetime.now(UTC))).total_seconds())


class HttpTransport:
    """One ``requests`` session; close it (or use ``with``) to release its sockets."""

    def __init__(
        self,
        *,
        timeouts: Timeouts | None = None,
        retry: RetryPolicy | None = None,
        ca_bundle: str | None = None,
        sleep: Sleep = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.timeouts = timeouts or Timeouts()
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._session = requests.Session()
        # Proxies are taken from the environment explicitly (below); trust_env
        # would also let ~/.netrc add credentials to our requests.
        self._session.trust_env = False
        self._session.headers["User-Agent"] = USER_AGENT
        # Verification is always on: a bundle path adds trust, it never removes it.
        self._verify: str | bool = ca_bundle or True

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> HttpTransport:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def backoff(self, attempt: int) -> float:
        """Exponential back-off with jitter for the *attempt*-th retry (1-based)."""
        ceiling = min(self.retry.max_delay, self.retry.base_delay * 2.0 ** (attempt - 1))
        return ceiling * self._rng.uniform(0.5, 1.0)

    def post(
        self,
        url: str,
        *,
        what: str,
        json_body: Any = None,
        form: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        write: bool = False,
        read_timeout: float | None = None,
        max_attempts: int | None = None,
    ) -> HttpReply:
        """POST and return the reply of any status below 500 (except 429).

        Raises :class:`TransientError` subclasses when the service cannot be
        reached (after the retries), :class:`DeliveryUncertainError` when a
        write may have been processed, :class:`TlsError` when the certificate
        does not verify.
        """
        check_endpoint(url)
        host = _host(url)
        attempts = max(1, max_attempts or self.retry.max_attempts)
        timeout = (self.timeouts.connect, read_timeout or self.timeouts.read)
        proxies = {} if is_loopback_host(urlsplit(url).hostname or "") else self._proxies(url)
        attempt = 0
        while True:
            attempt += 1
            started = time.monotonic()
            try:
                response = self._session.post(
                    url,
                    json=json_body,
                    data=form,
                    headers=dict(headers or {}),
                    timeout=timeout,
                    verify=self._verify,
                    allow_redirects=False,
                    proxies=proxies,
                )
                body = response.content
            except requests.exceptions.SSLError:
                raise TlsError(
                    f"Le certificat de {host} n'a pas pu être vérifié : connexion refusée.",
                    hint="Vérifiez l'adresse du service et la date de l'ordinateur ; "
                    "derrière un proxy d'entreprise, indiquez son certificat racine.",
                ) from None
            except (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema):
                raise ConfigurationError(f"Adresse invalide : « {url} ».") from None
            except requests.exceptions.RequestException as exc:
                cause = _describe(exc)
                not_sent = _not_sent(exc)
                log.info("POST %s (%s) failed: %s", url, what, cause)
                if write and not not_sent:
                    raise DeliveryUncertainError(
                        f"Pas de réponse du service DUME ({host}) pendant « {what} » : {cause}.",
                        hint="L'envoi sera vérifié auprès du service avant toute nouvelle "
                        "tentative : il ne sera pas fait en double.",
                    ) from None
                if attempt < attempts:
                    self._wait(self.backoff(attempt), what, attempt, attempts, cause)
                    continue
                raise translatable(
                    ServiceUnreachableError(""),
                    messages.SERVICE_UNREACHABLE,
                    messages.STAYS_QUEUED,
                    host=host,
                    cause=cause,
                ) from None

            elapsed = (time.monotonic() - started) * 1000
            status = response.status_code
            log.info("POST %s (%s) -> HTTP %s in %.0f ms", url, what, status, elapsed)
            reply = HttpReply(status, dict(response.headers), body, url)
            if status == 429:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                delay = self.backoff(attempt) if wait is None else wait
                if attempt < attempts and delay <= self.retry.max_retry_after:
                    self._wait(delay, what, attempt, attempts, "HTTP 429")
                    continue
                raise RateLimitedError(
                    f"Le service DUME demande de patienter ({host}, HTTP 429).",
                    retry_after=wait,
                    hint="L'action reste dans la file d'envoi.",
                )
            if status >= 500:
                # 503 says "not now" before processing; other 5xx may come after it.
                if write and status != 503:
                    raise DeliveryUncertainError(
                        f"Erreur du service DUME ({host}, HTTP {status}) pendant « {what} ».",
                        hint="L'envoi sera vérifié auprès du service avant toute nouvelle "
                        "tentative : il ne sera pas fait en double.",
                    )
                if attempt < attempts:
                    self._wait(self.backoff(attempt), what, attempt, attempts, f"HTTP {status}")
                    continue
                raise ServiceUnavailableError(
                    f"Le service DUME est indisponible ({host}, HTTP {status}).",
                    status=status,
                    hint="L'action reste dans la file d'envoi.",
                )
            if 300 <= status < 400:
                raise ServiceUnreachableError(
                    f"Redirection inattendue de {host} (HTTP {status}) : "
                    "un portail Wi-Fi ou un proxy intercepte peut-être la connexion.",
                )
            return reply

    # ------------------------------------------------------------ internals
    def _wait(self, delay: float, what: str, attempt: int, attempts: int, cause: str) -> None:
        log.info("%s: %s, retry %d/%d in %.2f s", what, cause, attempt + 1, attempts, delay)
        self._sleep(delay)

    @staticmethod
    def _proxies(url: str) -> dict[str, str]:
        return dict(requests.utils.get_environ_proxies(url))
