"""Crash-recovery markers, and two app instances sharing one library."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.storage import Autosaver, Library, process
from tests.storage.storage_support import child_command, child_env, doc_payload, raw_query


def _run_child(*args: str) -> subprocess.CompletedProcess[bytes]:
    result = subprocess.run(
        child_command(*args), capture_output=True, env=child_env(), timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result


def test_clean_close_leaves_no_marker(lib: Library, library_path: Path) -> None:
    doc = lib.create("response", "R", "", "{}", 1)
    assert lib.begin_editing(doc.id) == []
    assert raw_query(library_path, "SELECT document_id, pid FROM edit_sessions") == [
        (doc.id, os.getpid())
    ]
    lib.end_editing(doc.id)
    assert raw_query(library_path, "SELECT count(*) FROM edit_sessions") == [(0,)]
    lib.begin_editing(doc.id)
    lib.close()  # closing the library ends its editing sessions
    with Library.open(library_path) as again:
        assert again.recover_sessions() == []
    assert raw_query(library_path, "SELECT count(*) FROM edit_sessions") == [(0,)]


def test_autosaver_marks_and_unmarks(lib: Library, library_path: Path) -> None:
    doc = lib.create("response", "R", "", "{}", 1)
    with Autosaver.for_document(lib, doc.id) as saver:
        saver.mark_dirty(doc_payload(n=1))
        assert raw_query(library_path, "SELECT count(*) FROM edit_sessions") == [(1,)]
        # markers of this very process are alive, not "recovered"
        assert lib.recover_sessions() == []
    assert raw_query(library_path, "SELECT count(*) FROM edit_sessions") == [(0,)]
    assert json.loads(lib.get(doc.id).payload) == {"n": 1}  # close flushed


def test_document_of_a_dead_process_is_recovered(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        doc = lib.create("response", "Réponse", "AO-1", doc_payload(start=True), 1)
        other = lib.create("response", "Autre", "AO-2", "{}", 1)
    result = _run_child("edit-and-die", str(library_path), doc.id)
    assert result.stdout == b"saved\n"
    with Library.open(library_path) as lib:
        recovered = lib.recover_sessions()
        assert [r.document.id for r in recovered] == [doc.id]
        assert recovered[0].document.title == "Réponse"
        assert recovered[0].pid != os.getpid()
        # its stored state is the last autosave
        assert json.loads(lib.get(doc.id).payload) == {"last": "words"}
        assert lib.recover_sessions() == []  # reported once
        assert other.id not in [r.document.id for r in recovered]


def test_document_open_in_a_live_process_is_not_recovered(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        doc = lib.create("response", "R", "", "{}", 1)
    with subprocess.Popen(
        child_command("edit-and-wait", str(library_path), doc.id),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=child_env(),
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"ready\n"
        with Library.open(library_path) as lib:
            assert lib.recover_sessions() == []
            # opening it here too: the UI can warn that another window edits it
            assert lib.begin_editing(doc.id) == [proc.pid]
            lib.end_editing(doc.id)
        _, err = proc.communicate(b"")
        assert proc.returncode == 0, err.decode(errors="replace")
    with Library.open(library_path) as lib:
        assert lib.recover_sessions() == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="start times from /proc")
def test_a_reused_pid_is_not_mistaken_for_the_editor(lib: Library, library_path: Path) -> None:
    doc = lib.create("response", "R", "", "{}", 1)
    assert process.current_token()
    lib.begin_editing(doc.id)
    conn = lib._conn
    assert conn is not None
    with lib._lock:  # as if a previous boot's process had had our pid
        conn.execute("UPDATE edit_sessions SET process_token = 'other-start-time'")
    assert [r.document.id for r in lib.recover_sessions()] == [doc.id]


def test_process_alive() -> None:
    assert process.process_alive(os.getpid(), process.current_token())
    if process.current_token():
        assert not process.process_alive(os.getpid(), "not-my-start-time")
    with subprocess.Popen([sys.executable, "-c", "pass"]) as finished:
        finished.wait()
    assert not process.process_alive(finished.pid)
    assert not process.process_alive(0)
    assert not process.process_alive(-1)


def test_two_instances_save_concurrently_without_loss(library_path: Path) -> None:
    with Library.open(library_path) as lib:
        shared = lib.create("response", "Partagé", "", doc_payload(start=True), 1).id
    saves = 40
    procs = [
        subprocess.Popen(
            child_command("writer", str(library_path), shared, name, str(saves)),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
        )
        for name in ("alpha", "beta")
    ]
    for proc in procs:  # both opened the library...
        assert proc.stdout is not None
        assert proc.stdout.readline() == b"ready\n", proc.stderr
    for proc in procs:  # ...and start saving at the same moment
        assert proc.stdin is not None
        proc.stdin.write(b"go\n")
        proc.stdin.flush()
    outputs = []
    for proc in procs:
        with proc:
            out, err = proc.communicate(timeout=60)
        assert proc.returncode == 0, err.decode(errors="replace")
        outputs.append(out.split())
    assert all(len(out) == saves for out in outputs)

    with Library.open(library_path) as lib:
        assert lib.integrity_check() == "ok"
        # every save of both writers got its own revision number
        assert lib.get(shared).revision == 1 + 2 * saves
        history = lib.revisions(shared)
        numbers = [r.number for r in history]
        assert numbers == list(range(1 + 2 * saves, 1 + 2 * saves - len(numbers), -1))
        payloads = [json.loads(lib.get_revision(shared, n).payload) for n in numbers]
        assert len({(p["writer"], p["i"]) for p in payloads}) == len(numbers)
        # every document each writer created is there
        for name in ("alpha", "beta"):
            titles = {d.title for d in lib.list_documents(search=name)}
            assert titles == {f"{name}-{i}" for i in range(saves)}
