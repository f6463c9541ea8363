"""Kill a saving process at random moments: the library never loses a committed save."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.storage import Library
from tests.storage.storage_child import (
    CRASH_REVISIONS_KEPT,
    atomic_content,
    expected_payload,
    expected_title,
)
from tests.storage.storage_support import child_command, child_env, raw_query

KILLS = 200


def _acknowledged(first: bytes, rest: bytes) -> list[int]:
    """Complete lines only: a line cut by the kill was not acknowledged."""
    data = first + rest
    complete = data[: data.rfind(b"\n") + 1]
    return [int(line) for line in complete.split()]


def _kill(proc: subprocess.Popen[bytes], rng: random.Random, round_: int) -> tuple[bytes, bytes]:
    """Kill ``proc`` at a random moment; return (first line read, everything else)."""
    assert proc.stdout is not None
    first = b""
    if round_ % 4 == 0:
        # anywhere: interpreter start-up, opening the library, first saves
        time.sleep(rng.uniform(0.0, 0.12))
    else:
        first = proc.stdout.readline()  # one save committed for sure
        time.sleep(rng.uniform(0.0, 0.03))
    proc.kill()
    out, err = proc.communicate()
    if sys.platform != "win32":
        assert proc.returncode == -signal.SIGKILL, err.decode(errors="replace")
    assert b"Traceback" not in err, err.decode(errors="replace")
    return first, out


def _check_library(path: Path, doc_id: str, previous: int, acked: list[int]) -> int:
    assert raw_query(path, "PRAGMA integrity_check") == [("ok",)]
    ((payload, title, current),) = raw_query(
        path, "SELECT payload, title, current_revision FROM documents WHERE id = ?", (doc_id,)
    )
    assert isinstance(payload, str)
    counter = int(json.loads(payload)["counter"])
    # the child acknowledged previous+1, previous+2, ... in order
    assert acked == list(range(previous + 1, previous + 1 + len(acked)))
    last_acked = acked[-1] if acked else previous
    # never older than the last acknowledged save; at most the one in flight is newer
    assert counter in (last_acked, last_acked + 1)
    assert payload == expected_payload(counter)
    assert title == expected_title(counter)
    # the row and its latest revision were written in one transaction
    revisions = raw_query(
        path,
        "SELECT number, payload, title FROM revisions WHERE document_id = ? ORDER BY number DESC",
        (doc_id,),
    )
    assert revisions[0] == (current, payload, title)
    numbers = [r[0] for r in revisions]
    assert numbers == list(range(current, current - len(numbers), -1))
    assert len(numbers) <= CRASH_REVISIONS_KEPT
    return counter


def test_sigkill_while_saving_never_loses_an_acknowledged_save(tmp_path: Path) -> None:
    path = tmp_path / "library.sqlite3"
    with Library.open(path) as lib:
        doc_id = lib.create("response", expected_title(0), "AO-1", expected_payload(0), 1).id
    rng = random.Random()
    stored = 0
    total_acked = 0
    for round_ in range(KILLS):
        with subprocess.Popen(
            child_command("crash", str(path), doc_id),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
            # Unbuffered: communicate() reads the raw pipe, so bytes that readline()
            # had buffered would otherwise be lost to the check.
            bufsize=0,
        ) as proc:
            first, rest = _kill(proc, rng, round_)
        acked = _acknowledged(first, rest)
        total_acked += len(acked)
        stored = _check_library(path, doc_id, stored, acked)
        with Library.open(path) as lib:
            recovered = [(r.document.id, r.pid) for r in lib.recover_sessions()]
            if acked:  # the child had marked the document open: reported as recovered
                assert recovered == [(doc_id, proc.pid)]
            else:  # killed before or after marking it
                assert recovered in ([], [(doc_id, proc.pid)])
            assert lib.recover_sessions() == []
    # the kills really happened while saving, many times over
    assert total_acked >= KILLS
    assert stored >= total_acked


def test_sigkill_during_atomic_writes_leaves_a_complete_file(tmp_path: Path) -> None:
    target = tmp_path / "export.xml"
    rng = random.Random()
    for _ in range(30):
        with subprocess.Popen(
            child_command("atomic", str(target)),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
            bufsize=0,  # see above
        ) as proc:
            first, rest = _kill(proc, rng, 1)  # after a first complete write
        acked = _acknowledged(first, rest)
        assert acked, "the child acknowledged no write"
        data = target.read_bytes()
        counter = int(data[:8])
        # a whole version, the last acknowledged one or the one in flight
        assert data == atomic_content(counter)
        assert counter in (acked[-1], acked[-1] + 1)
