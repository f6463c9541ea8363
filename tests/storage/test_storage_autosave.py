"""Autosave: debounced, persisted within a second, few saves, nothing dropped."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from app.storage import Autosaver, DiskFullError, Library
from tests.storage.storage_support import doc_payload, raw_query


class Recorder:
    """A save callback recording (monotonic time, payload) of each save."""

    def __init__(self) -> None:
        self.saves: list[tuple[float, str]] = []
        self.lock = threading.Lock()

    def __call__(self, payload: str) -> None:
        with self.lock:
            self.saves.append((time.monotonic(), payload))


def _stored_payload(path: Path, doc_id: str) -> str:
    rows = raw_query(path, "SELECT payload FROM documents WHERE id = ?", (doc_id,))
    return str(rows[0][0])


def test_a_change_is_in_the_database_within_one_second(lib: Library) -> None:
    doc = lib.create("response", "R", "", doc_payload(n=0), 1)
    with Autosaver.for_document(lib, doc.id) as saver:
        start = time.monotonic()
        saver.mark_dirty(doc_payload(n=1))
        assert saver.dirty
        # watch the file from another connection, as a crash would see it
        while _stored_payload(lib.path, doc.id) != doc_payload(n=1):
            assert time.monotonic() - start < 1.0, "not persisted within 1 s"
            time.sleep(0.01)
        elapsed = time.monotonic() - start
        assert elapsed >= saver.delay * 0.9  # debounced, not saved on the keystroke
        assert saver.save_count == 1
        assert not saver.dirty


def test_continuous_typing_is_saved_at_least_every_second() -> None:
    recorder = Recorder()
    edits: list[float] = []
    with Autosaver(recorder, delay=0.5, max_latency=0.9) as saver:
        start = time.monotonic()
        n = 0
        while time.monotonic() - start < 3.0:
            n += 1
            edits.append(time.monotonic())
            saver.mark_dirty(str(n))
            time.sleep(0.01)
    saves = recorder.saves
    # debounced: a handful of saves for ~300 keystrokes, but never starved
    assert 3 <= len(saves) <= 6, saves
    assert saves[-1][1] == str(n)  # the last keystroke is saved (close flushes)
    for i, edited in enumerate(edits, start=1):
        saved_at = next(t for t, payload in saves if int(payload) >= i)
        assert saved_at - edited < 1.0, f"edit {i} waited {saved_at - edited:.2f} s"


def test_a_burst_of_edits_gives_one_save_of_the_last_state() -> None:
    recorder = Recorder()
    calls: list[int] = []

    def provider(value: int) -> str:
        calls.append(value)
        return str(value)

    saver = Autosaver(recorder, delay=0.2, max_latency=0.9)
    try:
        for value in range(20):
            saver.mark_dirty(lambda value=value: provider(value))
        time.sleep(0.6)
        assert [payload for _, payload in recorder.saves] == ["19"]
        assert calls == [19]  # the provider runs at save time only
    finally:
        saver.close()
    assert len(recorder.saves) == 1  # nothing left to flush


def test_flush_saves_now() -> None:
    recorder = Recorder()
    saver = Autosaver(recorder, delay=5.0, max_latency=10.0)
    try:
        saver.mark_dirty("a")
        saver.flush()
        assert [p for _, p in recorder.saves] == ["a"]
        saver.flush()  # nothing pending: no save
        assert len(recorder.saves) == 1
        saver.mark_dirty("b")
    finally:
        saver.close()
    assert [p for _, p in recorder.saves] == ["a", "b"]
    with pytest.raises(RuntimeError):
        saver.mark_dirty("c")


def test_failed_saves_are_retried_and_nothing_is_lost(lib: Library) -> None:
    doc = lib.create("response", "R", "", doc_payload(n=0), 1)
    errors: list[Exception] = []
    conn = lib._conn
    assert conn is not None
    with lib._lock:  # a full disk
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
    saver = Autosaver.for_document(
        lib, doc.id, delay=0.05, max_latency=0.1, retry_interval=0.2, on_error=errors.append
    )
    try:
        saver.mark_dirty(doc_payload(n=1, text="x" * 200_000))
        deadline = time.monotonic() + 2
        while not errors and time.monotonic() < deadline:
            time.sleep(0.01)
        assert errors
        assert isinstance(errors[0], DiskFullError)
        assert "disque est plein" in errors[0].message
        assert saver.dirty  # kept, to be retried
        assert isinstance(saver.last_error, DiskFullError)
        assert json.loads(lib.get(doc.id).payload) == {"n": 0}
        saver.mark_dirty(doc_payload(n=2, text="y" * 200_000))  # the user keeps typing
        with lib._lock:  # space freed
            conn.execute("PRAGMA max_page_count = 1073741823")
        deadline = time.monotonic() + 2
        while saver.dirty and time.monotonic() < deadline:
            time.sleep(0.01)
        assert not saver.dirty
        assert saver.last_error is None
        assert json.loads(lib.get(doc.id).payload)["n"] == 2
    finally:
        saver.close()


def test_close_raises_when_the_last_save_fails(lib: Library) -> None:
    doc = lib.create("response", "R", "", doc_payload(n=0), 1)
    saver = Autosaver.for_document(lib, doc.id, delay=5.0, max_latency=10.0)
    conn = lib._conn
    assert conn is not None
    with lib._lock:
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
    saver.mark_dirty(doc_payload(text="x" * 200_000))
    with pytest.raises(DiskFullError):
        saver.close()
    # not saved, so the document stays marked: it will be offered as recovered
    assert raw_query(lib.path, "SELECT count(*) FROM edit_sessions") == [(1,)]


def test_options_are_checked() -> None:
    with pytest.raises(ValueError, match="delay"):
        Autosaver(lambda _: None, delay=2.0, max_latency=1.0)
