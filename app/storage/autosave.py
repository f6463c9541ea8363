"""Debounced autosave, without Qt: a small worker thread and a condition variable.

``mark_dirty`` is cheap and may be called on every keystroke from the UI thread.
The change is saved ``delay`` seconds after the last edit, and never later than
``max_latency`` seconds after the first unsaved edit, even under continuous
typing.  Each save is one library transaction.  A failed save (full disk…) keeps
the change pending, reports the error and retries; nothing is dropped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self

if TYPE_CHECKING:
    from app.storage.library import Library

__all__ = ["Autosaver", "PayloadSource"]

log = logging.getLogger("dume.storage")

#: the new state: the payload itself, or a function returning it at save time
#: (called on the worker thread, so it must only read thread-safe data)
PayloadSource = str | Callable[[], str]


class Autosaver:
    """Saves the latest state of one document shortly after each change.

    ``save`` receives the payload and persists it (for example
    ``lambda p: library.save(doc_id, p, autosave=True)``; see
    :meth:`for_document`).  ``on_error`` and ``on_saved`` are called on the
    worker thread: a Qt UI forwards them to its thread with a queued signal.
    """

    def __init__(
        self,
        save: Callable[[str], object],
        *,
        delay: float = 0.5,
        max_latency: float = 0.9,
        retry_interval: float = 2.0,
        on_error: Callable[[Exception], None] | None = None,
        on_saved: Callable[[object], None] | None = None,
        on_close: Callable[[], None] | None = None,
        name: str = "autosave",
    ) -> None:
        if delay <= 0 or max_latency < delay:
            raise ValueError("need 0 < delay <= max_latency")
        self._save = save
        self.delay = delay
        self.max_latency = max_latency
        self.retry_interval = retry_interval
        self._on_error = on_error
        self._on_saved = on_saved
        self._on_close = on_close
        self._cond = threading.Condition()
        self._save_lock = threading.Lock()  # one save at a time, in order
        self._pending: PayloadSource | None = None
        self._first_edit = 0.0
        self._last_edit = 0.0
        self._not_before = 0.0  # retry back-off after a failure
        self._closed = False
        self._in_flight = False
        self.save_count = 0
        self.last_error: Exception | None = None
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    @classmethod
    def for_document(
        cls,
        library: Library,
        doc_id: str,
        *,
        mark_editing: bool = True,
        delay: float = 0.5,
        max_latency: float = 0.9,
        retry_interval: float = 2.0,
        on_error: Callable[[Exception], None] | None = None,
        on_saved: Callable[[object], None] | None = None,
    ) -> Autosaver:
        """An autosaver for a library document (``library.save(..., autosave=True)``).

        With ``mark_editing`` the document is marked open for crash recovery;
        :meth:`close` flushes and then removes the marker.
        """
        if mark_editing:
            library.begin_editing(doc_id)

        def save(payload: str) -> int:
            return library.save(doc_id, payload, autosave=True)

        def on_close() -> None:
            if mark_editing and not library.closed:
                library.end_editing(doc_id)

        return cls(
            save,
            delay=delay,
            max_latency=max_latency,
            retry_interval=retry_interval,
            on_error=on_error,
            on_saved=on_saved,
            on_close=on_close,
            name=f"autosave-{doc_id[:8]}",
        )

    # ------------------------------------------------------------ API

    @property
    def dirty(self) -> bool:
        """Whether a change is not saved yet (pending or being saved)."""
        with self._cond:
            return self._pending is not None or self._in_flight

    def mark_dirty(self, payload: PayloadSource) -> None:
        """Record that the document changed; ``payload`` is its new state."""
        now = time.monotonic()
        with self._cond:
            if self._closed:
                raise RuntimeError("autosaver closed")
            if self._pending is None:
                self._first_edit = now
            self._pending = payload
            self._last_edit = now
            self._cond.notify()

    def flush(self) -> None:
        """Save the pending change now; raise the error if the save fails."""
        self._save_pending(raise_errors=True)

    def close(self) -> None:
        """Flush, stop the worker, remove the edit marker.  Raises if the flush fails
        (the change is then still pending: the caller must not discard it)."""
        try:
            self.flush()
        finally:
            with self._cond:
                self._closed = True
                self._cond.notify()
            self._thread.join()
            if self._on_close is not None and self._pending is None:
                self._on_close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    # ------------------------------------------------------------ worker

    def _due(self) -> float:
        due = min(self._last_edit + self.delay, self._first_edit + self.max_latency)
        return max(due, self._not_before)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed:
                    if self._pending is None:
                        self._cond.wait()
                        continue
                    remaining = self._due() - time.monotonic()
                    if remaining <= 0:
                        break
                    self._cond.wait(remaining)
                if self._closed:
                    return
            self._save_pending(raise_errors=False)

    def _save_pending(self, *, raise_errors: bool) -> None:
        with self._save_lock:
            with self._cond:
                source = self._pending
                first_edit = self._first_edit
                self._pending = None
                self._in_flight = source is not None
            if source is None:
                return
            try:
                payload = source() if callable(source) else source
                result = self._save(payload)
            except Exception as exc:
                self.last_error = exc
                with self._cond:
                    if self._pending is None:  # nothing newer arrived: keep this one
                        self._pending = source
                        self._first_edit = first_edit
                        self._last_edit = time.monotonic()
                    self._not_before = time.monotonic() + self.retry_interval
                    self._in_flight = False
                log.warning("autosave failed (will retry): %s", exc)
                self._notify(self._on_error, exc)
                if raise_errors:
                    raise
                return
            self.save_count += 1
            self.last_error = None
            with self._cond:
                self._not_before = 0.0
                self._in_flight = False
            self._notify(self._on_saved, result)

    @staticmethod
    def _notify(callback: Callable[[Any], None] | None, value: object) -> None:
        if callback is None:
            return
        try:
            callback(value)
        except Exception:  # a faulty listener must not stop the autosave
            log.exception("autosave callback failed")
