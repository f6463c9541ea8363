"""Helpers shared by the storage tests (imported by name: tests/ is not a package)."""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
CHILD = Path(__file__).resolve().with_name("storage_child.py")


def child_command(*args: str) -> list[str]:
    """Run ``storage_child.py``: ``-S`` keeps start-up light, the repo is on the path."""
    return [sys.executable, "-S", str(CHILD), *args]


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT)
    env.pop("PYTHONWARNINGS", None)
    return env


def doc_payload(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def raw_query(path: Path, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """Read the file with a plain connection (closed before returning)."""
    with contextlib.closing(sqlite3.connect(path)) as conn:
        return [tuple(row) for row in conn.execute(sql, params).fetchall()]
