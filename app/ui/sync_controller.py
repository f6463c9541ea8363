"""The bridge between the sync engine and the widgets: one worker thread does all network work.

:class:`SyncController` lives on the GUI thread.  It owns a :class:`QThread`
on which :class:`_SyncWorker` owns the :class:`~app.sync.engine.SyncEngine`
and its :class:`~app.sync.client.DumeClient`: the periodic ``tick``, the
publications, the fetches by number, the SIRET look-ups and the connection
tests all run there, one after the other, so the GUI never waits on the
network and the engine is never driven from two threads.

The engine's listener runs on the worker thread; the worker turns each event
into Qt signals (status and outbox snapshots), which Qt queues onto the GUI
thread.  Widgets only read the snapshots the controller keeps.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer, Signal, Slot

from app.errors import UserFacingError
from app.storage.library import Library
from app.sync.client import DumeClient, connect
from app.sync.credentials import Credentials, CredentialStore
from app.sync.engine import Connectivity, EventKind, SyncEngine, SyncEvent, SyncStatus
from app.sync.outbox import OutboxEntry
from app.sync.profiles import ApiProfile
from app.sync.signature_remote import remote_verdict

log = logging.getLogger("dume.ui.sync")

#: done entries shown when the outbox view asks for its history (newest kept)
HISTORY_LIMIT = 100


class _GivenCredentials(CredentialStore):
    """Credentials typed in the settings page, used for one connection test only.

    They stay in this object's memory: nothing is written to the keyring or anywhere else.
    """

    def __init__(self, service: str, credentials: Credentials) -> None:
        super().__init__(service)
        self._given = credentials

    def load(self) -> Credentials | None:
        return self._given


class _SyncWorker(QObject):
    """Lives on the sync thread; every slot runs there."""

    status_ready = Signal(object)  # SyncStatus
    entries_ready = Signal(object)  # list[OutboxEntry]
    published = Signal(object)  # OutboxEntry
    fetched = Signal(str, str, bool)  # DUME number, library id, already in the library
    prefilled = Signal(object)  # CompanyData
    connection_tested = Signal(bool, str)
    remote_verified = Signal(str, object)  # the verified file, RemoteVerification
    action_failed = Signal(str, object)  # what was asked, UserFacingError

    def __init__(
        self,
        library: Library,
        profile: ApiProfile,
        tick_ms: int,
        engine_options: Mapping[str, Any],
        stopping: threading.Event,
    ) -> None:
        super().__init__()
        self.library = library
        self.profile = profile
        self.tick_ms = tick_ms
        self.engine_options = dict(engine_options)
        self.stopping = stopping
        self.client: DumeClient | None = None
        self.engine: SyncEngine | None = None
        self.setup_error: UserFacingError | None = None
        self.show_history = False
        self._unsubscribe: Any = None
        self._timer: QTimer | None = None
        self._last_entries: list[OutboxEntry] | None = None

    # ------------------------------------------------------------ life cycle
    @Slot()
    def start(self) -> None:
        self._open_engine()
        self._timer = QTimer(self)
        self._timer.setInterval(self.tick_ms)
        self._timer.timeout.connect(self.tick)
        self._timer.start()
        self.tick()

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._close_engine()
        thread = self.thread()
        if thread is not None:
            thread.quit()

    def _open_engine(self) -> None:
        self.setup_error = None
        try:
            self.client = connect(self.profile)
            self.engine = SyncEngine.open(self.library, self.client, **self.engine_options)
        except UserFacingError as exc:
            log.warning("sync not started for %s: %s", self.profile.name, exc.one_line())
            if self.client is not None:
                self.client.close()
            self.client = self.engine = None
            self.setup_error = exc
            self.status_ready.emit(
                SyncStatus(
                    Connectivity.NOT_CONFIGURED, 0, 0, exc.one_line(), None, self.profile.name
                )
            )
            return
        self._unsubscribe = self.engine.subscribe(self._on_event)
        self._last_entries = None
        self._snapshot(entries=True)

    def _close_engine(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        if self.engine is not None:
            self.engine.close()
            self.engine = None
        if self.client is not None:
            self.client.close()
            self.client = None

    # ------------------------------------------------------------ snapshots
    def _on_event(self, event: SyncEvent) -> None:
        """The engine's listener (on this thread): re-emit as Qt signals."""
        self.status_ready.emit(event.status)
        if event.kind is not EventKind.STATUS or event.entry_id is not None:
            self._emit_entries()

    def _snapshot(self, *, entries: bool) -> None:
        if self.engine is None:
            return
        self.status_ready.emit(self.engine.status())
        if entries:
            self._emit_entries()

    def _emit_entries(self) -> None:
        if self.engine is None:
            return
        found = self.engine.entries(include_done=self.show_history)
        if self.show_history:
            done = [e for e in found if not e.waiting and not e.can_retry]
            keep = {e.id for e in done[-HISTORY_LIMIT:]}
            found = [e for e in found if e.waiting or e.can_retry or e.id in keep]
        if found != self._last_entries:
            self._last_entries = found
            self.entries_ready.emit(found)

    # ------------------------------------------------------------ slots
    @Slot()
    def tick(self) -> None:
        if self.engine is None or self.stopping.is_set():
            return
        try:
            self.engine.tick()
        except UserFacingError as exc:  # the library failed: say it, keep ticking
            log.warning("sync tick failed: %s", exc.one_line())
            self.action_failed.emit(self.tr("Synchronisation"), exc)
        except Exception:  # a bug must not stop the periodic sync
            log.exception("sync tick failed")

    @Slot()
    def sync_now(self) -> None:
        if self.engine is not None and not self.stopping.is_set():
            self.engine.request_probe()
            self.tick()

    def _require_engine(self) -> SyncEngine:
        if self.engine is None:
            assert self.setup_error is not None
            raise self.setup_error
        return self.engine

    @Slot(str, bool)
    def publish(self, document_id: str, validated: bool) -> None:
        if self.stopping.is_set():
            return
        try:
            engine = self._require_engine()
            entry = engine.queue_document(document_id, validated=validated)
        except UserFacingError as exc:
            self.action_failed.emit(self.tr("Publier"), exc)
            return
        self.published.emit(entry)
        engine.request_probe()
        self.tick()

    @Slot(int)
    def retry(self, entry_id: int) -> None:
        if self.stopping.is_set():
            return
        try:
            engine = self._require_engine()
            engine.retry(entry_id)
        except UserFacingError as exc:
            self.action_failed.emit(self.tr("Réessayer"), exc)
            return
        engine.request_probe()
        self.tick()

    @Slot(int)
    def discard(self, entry_id: int) -> None:
        if self.stopping.is_set():
            return
        try:
            self._require_engine().discard(entry_id)
        except UserFacingError as exc:
            self.action_failed.emit(self.tr("Abandonner"), exc)

    @Slot(str)
    def fetch_by_number(self, number: str) -> None:
        if self.stopping.is_set():
            return
        from app.storage.documents import save_fetched

        try:
            self._require_engine()
            assert self.client is not None
            document = self.client.fetch_request(number)
            doc_id, already = save_fetched(self.library, document)
        except UserFacingError as exc:
            self.action_failed.emit(self.tr("Récupérer par numéro"), exc)
            return
        log.info(
            "DUME %s fetched: library document %s (already there: %s)", number, doc_id, already
        )
        self.fetched.emit(number.strip(), doc_id, already)

    @Slot(str, str, str)
    def verify_signature_remotely(self, item: str, document: str, signature: str) -> None:
        """Ask the online verification service for its verdict on *item* (beside ours)."""
        if self.stopping.is_set():
            return
        try:
            self._require_engine()
            assert self.client is not None
            result = remote_verdict(
                self.client,
                self.profile.signature_verify_url,
                Path(document),
                Path(signature) if signature else None,
            )
        except UserFacingError as exc:
            self.action_failed.emit(self.tr("Vérifier en ligne"), exc)
            return
        log.info("remote verification of %s: %s", Path(item).name, result.indication)
        self.remote_verified.emit(item, result)

    @Slot(str)
    def prefill_from_siret(self, siret: str) -> None:
        if self.stopping.is_set():
            return
        try:
            self._require_engine()
            assert self.client is not None
            company = self.client.company_data(siret)
        except UserFacingError as exc:
            self.action_failed.emit(self.tr("Pré-remplir depuis le SIRET"), exc)
            return
        self.prefilled.emit(company)

    @Slot(object, object)
    def test_connection(self, profile: ApiProfile, credentials: Credentials | None) -> None:
        if self.stopping.is_set():
            return
        store = (
            _GivenCredentials(profile.keyring_service, credentials)
            if credentials is not None
            else None
        )
        try:
            with connect(profile, store) as client:
                report = client.health()
        except UserFacingError as exc:
            self.connection_tested.emit(False, exc.one_line())
            return
        self.connection_tested.emit(
            True, self.tr("Connexion réussie : le service DUME répond (API %s).") % report.api
        )

    @Slot(object)
    def apply_profile(self, profile: ApiProfile) -> None:
        if self.stopping.is_set():
            return
        if self.engine is not None and self.client is not None and profile == self.profile:
            self.engine.credentials_changed()  # same settings: new credentials only
        else:
            self._close_engine()
            self.profile = profile
            self._open_engine()
            if self.engine is not None:
                self.engine.request_probe()
        self.tick()

    @Slot(bool)
    def set_show_history(self, shown: bool) -> None:
        self.show_history = shown
        self._emit_entries()


class SyncController(QObject):
    """What the window, the indicator, the outbox view and the settings page talk to.

    Every method returns at once; results come back as signals on the GUI thread.
    Call :meth:`shutdown` before the library is closed.
    """

    status_changed = Signal(object)  # SyncStatus
    entries_changed = Signal(object)  # list[OutboxEntry], oldest first
    published = Signal(object)  # OutboxEntry just queued
    fetched = Signal(str, str, bool)  # DUME number, library id, already in the library
    prefilled = Signal(object)  # app.sync.company.CompanyData
    connection_tested = Signal(bool, str)  # succeeded, message to show
    remote_verified = Signal(str, object)  # the verified file, app.sync RemoteVerification
    action_failed = Signal(str, object)  # the action's name, the UserFacingError

    # requests to the worker (queued onto its thread)
    _start_requested = Signal()
    _stop_requested = Signal()
    _tick_requested = Signal()
    _publish_requested = Signal(str, bool)
    _retry_requested = Signal(int)
    _discard_requested = Signal(int)
    _fetch_requested = Signal(str)
    _prefill_requested = Signal(str)
    _remote_requested = Signal(str, str, str)
    _test_requested = Signal(object, object)
    _profile_requested = Signal(object)
    _history_requested = Signal(bool)

    def __init__(
        self,
        library: Library,
        profile: ApiProfile,
        *,
        tick_seconds: float = 5.0,
        engine_options: Mapping[str, Any] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.profile = profile
        self.status = SyncStatus(Connectivity.UNKNOWN, 0, 0, None, None, profile.name)
        self.entries: list[OutboxEntry] = []
        self._stopping = threading.Event()
        self._thread: QThread | None = QThread()
        self._thread.setObjectName("dume-sync")
        self._worker = _SyncWorker(
            library,
            profile,
            max(50, int(tick_seconds * 1000)),
            engine_options or {},
            self._stopping,
        )
        self._worker.moveToThread(self._thread)
        worker = self._worker
        worker.status_ready.connect(self._on_status)
        worker.entries_ready.connect(self._on_entries)
        worker.published.connect(self.published)
        worker.fetched.connect(self.fetched)
        worker.prefilled.connect(self.prefilled)
        worker.connection_tested.connect(self.connection_tested)
        worker.remote_verified.connect(self.remote_verified)
        worker.action_failed.connect(self.action_failed)
        self._start_requested.connect(worker.start)
        self._stop_requested.connect(worker.stop)
        self._tick_requested.connect(worker.sync_now)
        self._publish_requested.connect(worker.publish)
        self._retry_requested.connect(worker.retry)
        self._discard_requested.connect(worker.discard)
        self._fetch_requested.connect(worker.fetch_by_number)
        self._prefill_requested.connect(worker.prefill_from_siret)
        self._remote_requested.connect(worker.verify_signature_remotely)
        self._test_requested.connect(worker.test_connection)
        self._profile_requested.connect(worker.apply_profile)
        self._history_requested.connect(worker.set_show_history)
        self._thread.finished.connect(worker.deleteLater)
        application = QCoreApplication.instance()
        if application is not None:  # a safety net: the window should call shutdown() itself
            application.aboutToQuit.connect(self.shutdown)
        self._thread.start()
        self._start_requested.emit()

    # ------------------------------------------------------------ state
    def is_running(self) -> bool:
        return self._thread is not None and self._thread.isRunning()

    def _on_status(self, status: SyncStatus) -> None:
        if status != self.status:
            self.status = status
            self.status_changed.emit(status)

    def _on_entries(self, entries: list[OutboxEntry]) -> None:
        self.entries = entries
        self.entries_changed.emit(entries)

    # ------------------------------------------------------------ actions
    def publish(self, document_id: str, *, validated: bool = True) -> None:
        """Queue the library document for the service (« Publier »), then try at once."""
        self._publish_requested.emit(document_id, validated)

    def fetch_by_number(self, number: str) -> None:
        """Fetch a buyer's DUME into the library; :attr:`fetched` or :attr:`action_failed`."""
        self._fetch_requested.emit(number)

    def prefill_from_siret(self, siret: str) -> None:
        """The company's data from its SIRET; :attr:`prefilled` or :attr:`action_failed`."""
        self._prefill_requested.emit(siret)

    @property
    def remote_verification_configured(self) -> bool:
        return bool(self.profile.signature_verify_url)

    def verify_signature_remotely(
        self, item: Path, document: Path, signature: Path | None = None
    ) -> None:
        """The online service's verdict on *item*: :attr:`remote_verified` or :attr:`action_failed`.

        *document* is what was signed (the file itself, or a detached signature's
        original), *signature* the detached signature, if any.
        """
        self._remote_requested.emit(str(item), str(document), str(signature or ""))

    def retry(self, entry_id: int) -> None:
        self._retry_requested.emit(entry_id)

    def discard(self, entry_id: int) -> None:
        self._discard_requested.emit(entry_id)

    def sync_now(self) -> None:
        """Probe the service and send what waits, now rather than at the next tick."""
        self._tick_requested.emit()

    def test_connection(self, profile: ApiProfile, credentials: Credentials | None = None) -> None:
        """``healthCheck`` with *profile* (and typed *credentials*, else the keyring's)."""
        self._test_requested.emit(profile, credentials)

    def apply_profile(self, profile: ApiProfile) -> None:
        """Use *profile* from now on (or just its new credentials, if unchanged)."""
        self.profile = profile
        self._profile_requested.emit(profile)

    def set_show_history(self, shown: bool) -> None:
        """Include delivered and discarded entries in :attr:`entries_changed`."""
        self._history_requested.emit(shown)

    def shutdown(self, timeout_ms: int = 30000) -> bool:
        """Stop the periodic sync, close the engine and join the thread.

        Waits for the network call under way (bounded by the profile's
        timeouts); returns False if the thread did not end in *timeout_ms*.
        """
        thread = self._thread
        if thread is None:
            return True
        self._stopping.set()  # queued actions are skipped
        self._stop_requested.emit()
        if not thread.wait(timeout_ms):
            log.warning("the sync thread did not stop within %d ms", timeout_ms)
            return False
        self._thread = None
        # Snapshots queued before the stop are dropped: after shutdown nothing reaches
        # the widgets (the library may be closed next).
        QCoreApplication.removePostedEvents(self)
        return True
