"""The offline-first sync engine: a persistent outbox drained in order when online.

How an action travels:

1. « Publier » / « Enregistrer sur le service » queues an outbox entry
   (:meth:`SyncEngine.queue_document`): nothing touches the network, the
   action survives a crash or a closed laptop;
2. :meth:`SyncEngine.tick` (called periodically by the UI or the CLI) probes
   the service with ``healthCheck`` when due, and when it answers, sends the
   waiting entries oldest first (:meth:`SyncEngine.run_once` does it now);
3. each entry ends ``done`` (the service's DUME number is recorded in the
   ledger), stays ``pending`` (offline: tried again later), stays ``sending``
   (no answer came back: the service is checked before any new attempt, so
   nothing is created twice; see :mod:`app.sync.reconcile`), or becomes
   ``failed`` with the service's own message (a refusal waiting will not fix;
   :meth:`retry` and :meth:`discard` are then offered).

An entry stuck ``failed`` holds back later entries of the same document (a
later save must not overtake a refused one); other documents go on.

No thread is started here: the caller decides where ``tick`` runs (a Qt worker,
the CLI, or :class:`BackgroundSync`).  Listeners registered with
:meth:`SyncEngine.subscribe` receive a :class:`SyncEvent` (with a
:class:`SyncStatus` snapshot) from whichever thread runs the engine.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Literal

from app.errors import UserFacingError
from app.storage.errors import StorageError
from app.storage.library import Library
from app.storage.records import DocumentStatus, OutboxItem, OutboxState, now_utc
from app.sync.client import DumeClient
from app.sync.errors import (
    AuthenticationError,
    ConfigurationError,
    CredentialsMissingError,
    DeliveryUncertainError,
    SyncError,
    TlsError,
    TransientError,
)
from app.sync.ledger import RemoteLedger
from app.sync.outbox import (
    Action,
    OutboxEntry,
    OutboxPayload,
    OutboxQueue,
    make_idempotency_key,
)
from app.sync.profiles import api_for_kind
from app.sync.reconcile import find_by_id, find_by_uuid, same_content
from app.sync.wire import espd_uuid

__all__ = [
    "BackgroundSync",
    "Connectivity",
    "EventKind",
    "SyncEngine",
    "SyncEvent",
    "SyncReport",
    "SyncStatus",
]

log = logging.getLogger("dume.sync")

Kind = Literal["request", "response"]


class Connectivity(StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    SYNCING = "syncing"
    #: credentials missing or refused, or settings incomplete: the user must act
    NOT_CONFIGURED = "not_configured"


_CONNECTIVITY_LABELS = {
    Connectivity.UNKNOWN: "Service DUME : état inconnu",
    Connectivity.ONLINE: "En ligne",
    Connectivity.OFFLINE: "Hors ligne",
    Connectivity.SYNCING: "Synchronisation…",
    Connectivity.NOT_CONFIGURED: "Service DUME à configurer",
}


@dataclass(frozen=True)
class SyncStatus:
    """What the status-bar indicator shows."""

    connectivity: Connectivity
    pending: int  # waiting to be sent (pending, or sent and awaiting confirmation)
    failed: int  # refused, waiting for the user (retry or discard)
    last_error: str | None
    last_success: datetime | None  # last time the service answered
    profile: str

    @property
    def label(self) -> str:
        text = _CONNECTIVITY_LABELS[self.connectivity]
        if self.pending:
            text += f" · {self.pending} en attente"
        if self.failed:
            text += f" · {self.failed} en échec"
        return text


class EventKind(StrEnum):
    STATUS = "status"  # connectivity or counts changed
    QUEUED = "queued"
    DELIVERED = "delivered"
    FAILED = "failed"
    UNCERTAIN = "uncertain"  # sent, no answer: will be checked before any new attempt


@dataclass(frozen=True)
class SyncEvent:
    kind: EventKind
    status: SyncStatus
    entry_id: int | None = None
    message: str | None = None
    dume_id: str | None = None


Listener = Callable[[SyncEvent], None]


@dataclass
class SyncReport:
    """The outcome of one :meth:`SyncEngine.run_once`."""

    status: SyncStatus
    delivered: list[tuple[int, str]] = field(default_factory=list)  # (entry id, DUME number)
    failed: list[tuple[int, str]] = field(default_factory=list)  # (entry id, message)

    @property
    def complete(self) -> bool:
        """Nothing left waiting and nothing refused."""
        return self.status.pending == 0 and self.status.failed == 0


@dataclass(frozen=True)
class _Check:
    done: bool
    dume_id: str | None = None
    status: str | None = None


class _Wait(Exception):
    """An entry sent moments ago without answer: give the service time before checking."""


#: failures after which the request certainly was not processed: the entry waits
_NOT_DELIVERED = (
    TransientError,
    AuthenticationError,
    CredentialsMissingError,
    ConfigurationError,
    TlsError,
)


class SyncEngine:
    def __init__(
        self,
        library: Library,
        client: DumeClient,
        ledger: RemoteLedger,
        *,
        now: Callable[[], datetime] = now_utc,
        monotonic: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
        health_interval: float = 60.0,
        offline_retry: float = 15.0,
        offline_retry_max: float = 300.0,
        ambiguity_grace: timedelta = timedelta(seconds=30),
    ) -> None:
        self.library = library
        self.client = client
        self.ledger = ledger
        self.queue = OutboxQueue(library, ledger, client.profile.name)
        self._now = now
        self._monotonic = monotonic
        self._rng = rng or random.Random()
        self.health_interval = health_interval
        self.offline_retry = offline_retry
        self.offline_retry_max = offline_retry_max
        #: how long an unanswered write is given before the service is checked
        self.ambiguity_grace = ambiguity_grace
        self._run_lock = threading.Lock()
        self._state_lock = threading.Lock()
        self._listeners: list[Listener] = []
        self._connectivity = Connectivity.UNKNOWN
        self._last_error: str | None = None
        self._last_success: datetime | None = None
        self._next_probe = 0.0
        self._offline_streak = 0

    @classmethod
    def open(cls, library: Library, client: DumeClient, **options: Any) -> SyncEngine:
        """An engine whose ledger sits beside the library file."""
        ledger = RemoteLedger.beside(Path(library.path))
        return cls(library, client, ledger, **options)

    def close(self) -> None:
        """Close the ledger (the library and the client belong to the caller)."""
        self.ledger.close()

    @property
    def profile_name(self) -> str:
        return self.client.profile.name

    # ------------------------------------------------------------ observing
    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call *listener* on every event; returns the function that unsubscribes."""
        with self._state_lock:
            self._listeners.append(listener)

        def unsubscribe() -> None:
            with self._state_lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)

        return unsubscribe

    def status(self) -> SyncStatus:
        pending, failed = self.queue.counts()
        with self._state_lock:
            return SyncStatus(
                connectivity=self._connectivity,
                pending=pending,
                failed=failed,
                last_error=self._last_error,
                last_success=self._last_success,
                profile=self.profile_name,
            )

    def entries(self, *, include_done: bool = True) -> list[OutboxEntry]:
        """The outbox as the outbox view lists it, oldest first."""
        return self.queue.entries(include_done=include_done)

    # ------------------------------------------------------------ queueing
    def queue_document(self, document_id: str, *, validated: bool) -> OutboxEntry:
        """Queue the library document's current revision for the service.

        *validated*: publish it (statut « validé ») rather than save a draft.
        """
        from app.espdxml.writer import to_bytes
        from app.storage.documents import load

        stored = self.library.get(document_id)
        document = load(self.library, document_id)
        payload = OutboxPayload.for_document(
            profile=self.profile_name,
            api=api_for_kind(document.kind),
            kind=document.kind,
            xml=to_bytes(document),
            validated=validated,
            uuid=document.uuid,
            title=document.display_title(),
        )
        key = make_idempotency_key(payload, document_id=document_id, revision=stored.revision)
        return self._enqueue(payload, key, document_id)

    def queue_xml(
        self,
        xml: bytes,
        *,
        validated: bool,
        title: str | None = None,
        document_id: str | None = None,
    ) -> OutboxEntry:
        """Queue an ESPD XML file (``dume remote push FILE``)."""
        from app.espdxml import safe
        from app.espdxml.detect import detect

        name = title or "DUME"
        detected = detect(safe.parse_bytes(xml, name), name)
        payload = OutboxPayload.for_document(
            profile=self.profile_name,
            api=api_for_kind(detected.kind),
            kind=detected.kind,
            xml=xml,
            validated=validated,
            uuid=espd_uuid(xml),
            title=name,
        )
        key = make_idempotency_key(payload, document_id=document_id, revision=None)
        return self._enqueue(payload, key, document_id)

    def queue_delete(
        self, kind: Kind, dume_id: str, *, document_id: str | None = None
    ) -> OutboxEntry:
        """Queue ``supprimerDume`` for a DUME of the service."""
        from app.sync.client import check_dume_id

        payload = OutboxPayload(
            profile=self.profile_name,
            api=api_for_kind(kind),
            action=Action.DELETE,
            kind=kind,
            dume_id=check_dume_id(dume_id),
            title=f"DUME {dume_id}",
        )
        key = make_idempotency_key(payload, document_id=document_id, revision=None)
        return self._enqueue(payload, key, document_id)

    def _enqueue(self, payload: OutboxPayload, key: str, document_id: str | None) -> OutboxEntry:
        item = self.queue.enqueue(payload, key, document_id)
        log.info("queued %s (entry %s, %s)", payload.operation, item.id, item.state)
        self._emit(EventKind.QUEUED, entry_id=item.id)
        return self.queue.entry(item)

    # ------------------------------------------------------------ user actions
    def retry(self, entry_id: int) -> OutboxEntry:
        """Put a failed entry back in the queue (the outbox view's « Réessayer »)."""
        item = self.queue.retry(entry_id)
        self._emit(EventKind.QUEUED, entry_id=entry_id)
        return self.queue.entry(item)

    def discard(self, entry_id: int) -> OutboxEntry:
        """Give up a failed or pending entry (« Abandonner »; kept in the history)."""
        item = self.queue.discard(entry_id)
        self._emit(EventKind.STATUS, entry_id=entry_id)
        return self.queue.entry(item)

    def credentials_changed(self) -> None:
        """New credentials or settings: drop the token and probe at the next tick."""
        self.client.auth.invalidate()
        self.request_probe()

    def request_probe(self) -> None:
        """Make the next :meth:`tick` probe the service (and drain) at once."""
        with self._state_lock:
            self._next_probe = 0.0
            self._offline_streak = 0

    # ------------------------------------------------------------ running
    def tick(self) -> SyncStatus:
        """Cheap when nothing is due; probes and drains when it is.

        Network and service problems never raise: the status carries them.
        Only a failing library (:class:`~app.storage.StorageError`) does.
        """
        if self._monotonic() >= self._next_probe:
            return self.run_once().status
        with self._state_lock:
            online = self._connectivity is Connectivity.ONLINE
        if online and self._has_waiting():
            return self.run_once(probe=False).status
        return self.status()

    def run_once(self, *, probe: bool = True) -> SyncReport:
        """Probe the service (unless *probe* is false) and send what is waiting, now."""
        if not self._run_lock.acquire(blocking=False):
            return SyncReport(self.status())  # another thread is on it
        try:
            report = SyncReport(self.status())
            if probe and not self._probe():
                report.status = self.status()
                return report
            if self._has_waiting():
                self._set(Connectivity.SYNCING)
                try:
                    self._drain(report)
                finally:
                    with self._state_lock:
                        if self._connectivity is Connectivity.SYNCING:
                            self._connectivity = Connectivity.ONLINE
            report.status = self.status()
            self._emit(EventKind.STATUS)
            return report
        finally:
            self._run_lock.release()

    # ------------------------------------------------------------ internals
    def _has_waiting(self) -> bool:
        return any(item.state is not OutboxState.FAILED for item in self.queue.open_items())

    def _set(
        self, connectivity: Connectivity, error: str | None = None, *, keep_error: bool = False
    ) -> None:
        with self._state_lock:
            self._connectivity = connectivity
            if not keep_error:
                self._last_error = error
            if connectivity in (Connectivity.ONLINE, Connectivity.SYNCING):
                self._last_success = self._now()
        self._emit(EventKind.STATUS)

    def _schedule_probe(self, online: bool) -> None:
        now = self._monotonic()
        with self._state_lock:
            if online:
                self._offline_streak = 0
                self._next_probe = now + self.health_interval
            else:
                delay = min(self.offline_retry_max, self.offline_retry * 2**self._offline_streak)
                self._offline_streak += 1
                self._next_probe = now + delay * self._rng.uniform(0.8, 1.2)

    def _emit(
        self,
        kind: EventKind,
        *,
        entry_id: int | None = None,
        message: str | None = None,
        dume_id: str | None = None,
    ) -> None:
        with self._state_lock:
            listeners = list(self._listeners)
        if not listeners:
            return
        event = SyncEvent(kind, self.status(), entry_id, message, dume_id)
        for listener in listeners:
            try:
                listener(event)
            except Exception:  # a broken listener must not stop the sync
                log.exception("sync listener failed")

    def _offline(self, exc: UserFacingError) -> None:
        """Record why the service cannot be used now."""
        if isinstance(exc, AuthenticationError | CredentialsMissingError | ConfigurationError):
            self._set(Connectivity.NOT_CONFIGURED, exc.one_line())
        else:
            self._set(Connectivity.OFFLINE, exc.one_line())
        self._schedule_probe(online=False)

    def _probe(self) -> bool:
        try:
            self.client.health()
        except UserFacingError as exc:
            log.info("service not usable: %s", exc.one_line())
            self._offline(exc)
            return False
        self._set(Connectivity.ONLINE)
        self._schedule_probe(online=True)
        return True

    @staticmethod
    def _document_key(item: OutboxItem, payload: OutboxPayload | None) -> str:
        if item.document_id:
            return f"doc:{item.document_id}"
        if payload is not None and payload.uuid:
            return f"uuid:{payload.uuid}"
        return f"entry:{item.id}"

    def _drain(self, report: SyncReport) -> None:
        items = self.queue.open_items()
        held_back = set()
        for item in items:
            if item.state is OutboxState.FAILED:
                held_back.add(self._document_key(item, _payload_or_none(item)))
        for item in items:
            if item.state not in (OutboxState.PENDING, OutboxState.SENDING):
                continue
            try:
                payload = OutboxPayload.from_json(item.payload)
            except SyncError as exc:
                self._fail(item, exc, report, held_back, None)
                continue
            if payload.profile != self.profile_name:
                continue
            if self._document_key(item, payload) in held_back:
                log.info("entry %s held back behind a failed entry of its document", item.id)
                continue
            try:
                self._deliver(item, payload, report)
            except _Wait:
                log.info("entry %s: sent without answer moments ago; checked later", item.id)
                return  # keep the order: later entries wait for this one
            except DeliveryUncertainError as exc:
                log.warning("entry %s: outcome unknown (%s)", item.id, exc.one_line())
                with self._state_lock:
                    self._last_error = exc.one_line()
                self._emit(EventKind.UNCERTAIN, entry_id=item.id, message=exc.one_line())
                return
            except _NOT_DELIVERED as exc:
                self._offline(exc)
                return
            except UserFacingError as exc:  # a refusal, an unreadable document ...
                self._fail(item, exc, report, held_back, payload)

    def _fail(
        self,
        item: OutboxItem,
        exc: UserFacingError,
        report: SyncReport,
        held_back: set[str],
        payload: OutboxPayload | None,
    ) -> None:
        message = exc.one_line()
        log.warning("entry %s refused: %s", item.id, message)
        self.library.update_outbox(item.id, OutboxState.FAILED, error=message)
        held_back.add(self._document_key(item, payload))
        report.failed.append((item.id, message))
        with self._state_lock:
            self._last_error = message
        self._emit(EventKind.FAILED, entry_id=item.id, message=message)

    def _deliver(self, item: OutboxItem, payload: OutboxPayload, report: SyncReport) -> None:
        if item.state is OutboxState.SENDING or item.attempts > 0:
            # An earlier attempt left: « sending » means no answer came back, and a
            # retried failure may hide one; either way, look before sending again.
            if item.state is OutboxState.SENDING and (
                self._now() - item.updated < self.ambiguity_grace
            ):
                raise _Wait
            check = self._reconcile(item, payload)
            if check.done:
                self._complete(item, payload, check.dume_id, check.status, report)
                return
            dume_id = check.dume_id
        else:
            dume_id = payload.dume_id or self._known_remote_id(item, payload)

        self.library.update_outbox(item.id, OutboxState.SENDING)  # counts the attempt
        try:
            if payload.action is Action.DELETE:
                assert dume_id is not None
                self.client.delete(payload.kind, dume_id)
                result_id, status = dume_id, "deleted"
            else:
                saved = self.client.save(
                    payload.kind,
                    payload.xml,
                    validated=payload.validated,
                    dume_id=dume_id,
                    idempotency_key=item.idempotency_key,
                )
                result_id, status = saved.id, saved.status
        except DeliveryUncertainError:
            raise  # stays « sending »: checked before any new attempt
        except _NOT_DELIVERED as exc:
            # Certainly not processed (no connection, 429, 503, token or certificate refused).
            self.library.update_outbox(item.id, OutboxState.PENDING, error=exc.one_line())
            raise
        self._complete(item, payload, result_id, status, report)

    def _known_remote_id(self, item: OutboxItem, payload: OutboxPayload) -> str | None:
        return self.ledger.remote_id(
            self.profile_name, payload.api, document_id=item.document_id, uuid=payload.uuid
        )

    def _reconcile(self, item: OutboxItem, payload: OutboxPayload) -> _Check:
        recorded = self.ledger.for_key(item.idempotency_key)
        if recorded is not None:
            return _Check(True, recorded.dume_id, recorded.status)
        limit = self.client.profile.dialect.reconcile_scan_limit
        if payload.action is Action.DELETE:
            assert payload.dume_id is not None
            found = find_by_id(self.client, payload.kind, payload.dume_id)
            if found is None or found.remote.deleted:
                return _Check(True, payload.dume_id, "deleted")
            return _Check(False, payload.dume_id)
        known = payload.dume_id or self._known_remote_id(item, payload)
        if known:
            found = find_by_id(self.client, payload.kind, known)
        elif payload.uuid:
            found = find_by_uuid(self.client, payload.kind, payload.uuid, limit=limit)
        else:
            log.warning("entry %s has no ESPD UUID: cannot check for a copy", item.id)
            found = None
        if found is None or found.xml is None:
            log.info("entry %s: not on the service, sending again", item.id)
            return _Check(False, known)
        target = "validated" if payload.validated else "draft"
        # Same content already there: done, unless it still has to be validated (a
        # draft save never downgrades a validated DUME).
        if same_content(payload.xml, found.xml) and target in ("draft", found.remote.status):
            log.info("entry %s: already on the service as %s", item.id, found.remote.id)
            return _Check(True, found.remote.id, found.remote.status)
        return _Check(False, found.remote.id)  # modify that DUME, never create another

    def _complete(
        self,
        item: OutboxItem,
        payload: OutboxPayload,
        dume_id: str | None,
        status: str | None,
        report: SyncReport,
    ) -> None:
        dume_id = dume_id or payload.dume_id or ""
        # The ledger first: if we stop between the two, the entry stays « sending »
        # and the next check finds its key in the ledger without asking the service.
        self.ledger.record(
            item.idempotency_key,
            profile=self.profile_name,
            api=payload.api,
            dume_id=dume_id,
            status=status or ("validated" if payload.validated else "draft"),
            document_id=item.document_id,
            uuid=payload.uuid,
        )
        if payload.action is Action.DELETE:
            self.ledger.mark_deleted(self.profile_name, payload.api, dume_id)
        self.library.update_outbox(item.id, OutboxState.DONE)
        if payload.validated and item.document_id and payload.action is Action.SAVE:
            try:
                self.library.set_status(item.document_id, DocumentStatus.SENT)
            except StorageError as exc:  # the document was deleted meanwhile
                log.info("document %s not marked sent: %s", item.document_id, exc.one_line())
        log.info("entry %s delivered: DUME %s (%s)", item.id, dume_id, status)
        report.delivered.append((item.id, dume_id))
        with self._state_lock:
            self._last_success = self._now()
            self._last_error = None
        self._emit(EventKind.DELIVERED, entry_id=item.id, dume_id=dume_id)


def _payload_or_none(item: OutboxItem) -> OutboxPayload | None:
    try:
        return OutboxPayload.from_json(item.payload)
    except SyncError:
        return None


class BackgroundSync:
    """Optional: call :meth:`SyncEngine.tick` every *period* seconds on a daemon thread.

    :meth:`wake` makes the next tick happen now (after queueing an action);
    :meth:`stop` ends the thread and waits for it.
    """

    def __init__(self, engine: SyncEngine, *, period: float = 5.0) -> None:
        self.engine = engine
        self.period = period
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name="dume-sync", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self.engine.request_probe()
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        thread = self._thread
        if thread is None:
            return
        self._stop.set()
        self._wake.set()
        thread.join(timeout)
        self._thread = None

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.engine.tick()
            except Exception:  # keep the loop alive; the error is logged
                log.exception("background sync tick failed")
            self._wake.wait(self.period)
            self._wake.clear()
