"""Child process of the storage tests; kept import-light (stdlib + app.storage).

Usage: ``python -S storage_child.py MODE ARGS...`` with the repository on
PYTHONPATH.  Every acknowledgement is one ``os.write`` of one line to stdout,
written only after the operation it acknowledges has returned (committed).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

CRASH_REVISIONS_KEPT = 20


def expected_payload(counter: int) -> str:
    """The payload of save number ``counter``: its size varies from 50 B to 120 KB."""
    size = (counter * 7919) % 120_000 + 50
    return json.dumps({"counter": counter, "fill": chr(ord("a") + counter % 26) * size})


def expected_title(counter: int) -> str:
    return f"Révision {counter}"


def _ack(text: str) -> None:
    os.write(1, f"{text}\n".encode())


def crash_loop(path: Path, doc_id: str) -> None:
    """Save the document forever, one counter up each time, until killed."""
    from app.storage import Library

    lib = Library.open(path, revisions_kept=CRASH_REVISIONS_KEPT)
    lib.begin_editing(doc_id)
    counter = int(json.loads(lib.get(doc_id).payload)["counter"])
    while True:
        counter += 1
        # two saves in three are autosaves, which amend the latest revision
        lib.save(
            doc_id,
            expected_payload(counter),
            title=expected_title(counter),
            autosave=counter % 3 != 0,
        )
        _ack(str(counter))


def writer(path: Path, doc_id: str, name: str, saves: int) -> None:
    """Save a shared document and create own documents, concurrently with another writer."""
    from app.storage import Library

    with Library.open(path) as lib:
        _ack("ready")
        sys.stdin.readline()  # start together with the other writer
        for i in range(saves):
            payload = json.dumps({"writer": name, "i": i})
            lib.save(doc_id, payload)
            lib.create("request", f"{name}-{i}", name, payload, 1)
            _ack(str(i))


def edit_and_die(path: Path, doc_id: str) -> None:
    """Open the document for editing, autosave once, die without closing anything."""
    from app.storage import Autosaver, Library

    lib = Library.open(path)
    saver = Autosaver.for_document(lib, doc_id)
    saver.mark_dirty(json.dumps({"last": "words"}))
    saver.flush()
    _ack("saved")
    os._exit(0)


def edit_and_wait(path: Path, doc_id: str) -> None:
    """Open the document for editing and keep it open until stdin closes."""
    from app.storage import Library

    with Library.open(path) as lib:
        lib.begin_editing(doc_id)
        _ack("ready")
        sys.stdin.read()
        lib.end_editing(doc_id)


def atomic_content(counter: int) -> bytes:
    line = f"{counter:08d}\n".encode()
    return line * ((counter * 104_729) % 50_000 + 1)


def atomic_loop(target: Path) -> None:
    """Atomically rewrite ``target`` forever with versions of varying size."""
    from app.storage import atomic_write_bytes

    counter = 0
    while True:
        counter += 1
        atomic_write_bytes(target, atomic_content(counter))
        _ack(str(counter))


def main(argv: list[str]) -> None:
    mode, *args = argv
    if mode == "crash":
        crash_loop(Path(args[0]), args[1])
    elif mode == "writer":
        writer(Path(args[0]), args[1], args[2], int(args[3]))
    elif mode == "edit-and-die":
        edit_and_die(Path(args[0]), args[1])
    elif mode == "edit-and-wait":
        edit_and_wait(Path(args[0]), args[1])
    elif mode == "atomic":
        atomic_loop(Path(args[0]))
    else:
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
