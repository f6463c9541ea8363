"""Benchmark of the local library (issue 3): 5,000 documents, one 1.5 MB save.

Run: ``.venv/bin/python bench/bench_storage.py``.  Prints a markdown table;
:func:`run` returns the medians in milliseconds for a top-level bench runner.
Builds everything in a temporary folder (about 400 MB, removed afterwards).
"""

from __future__ import annotations

import json
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make ``app`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.storage import Library, backup

DOCUMENTS = 5_000
RUNS = 7
LARGE_PAYLOAD_BYTES = 1_500_000


def _payload(rng: random.Random, size: int, serial: int) -> str:
    """A JSON document of about ``size`` bytes, shaped like an ESPD model."""
    criteria = []
    total = 0
    while total < size:
        text = "".join(rng.choices("abcdefghijklmnopqrstuvwxyzéèàç ", k=rng.randint(80, 600)))
        criterion = {
            "id": f"crit-{len(criteria)}",
            "code": f"CRITERION.EXCLUSION.{len(criteria)}",
            "answered": rng.random() < 0.5,
            "amount": {"value": rng.randint(0, 10**7), "currency": "EUR"},
            "description": text,
        }
        criteria.append(criterion)
        total += len(text) + 150
    return json.dumps({"serial": serial, "model": "espd-4.1.0", "criteria": criteria})


def _median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _build(path: Path, rng: random.Random) -> str:
    # A few hundred distinct payloads, reused: building 5,000 x 35 KB of random
    # JSON would dominate the run; SQLite stores each copy anyway.
    templates = [
        _payload(rng, rng.randint(20_000, 50_000) if rng.random() < 0.9 else 150_000, n)
        for n in range(200)
    ]
    with Library.open(path, daily_backup=False) as lib, lib.batch():
        first = ""
        for n in range(DOCUMENTS):
            doc = lib.create(
                "response" if n % 3 else "request",
                f"Marché {n} – travaux de rénovation de l'école n°{n % 97}",
                f"2024-AO-{n:05d}",
                templates[n % len(templates)],
                1,
            )
            first = first or doc.id
    return first


def run() -> dict[str, float]:
    """Build the library, time the operations; medians in ms."""
    return _measure()[0]


def _measure() -> tuple[dict[str, float], float]:
    rng = random.Random(20240601)
    folder = Path(tempfile.mkdtemp(prefix="dume-bench-storage-"))
    try:
        path = folder / "library.sqlite3"
        start = time.perf_counter()
        doc_id = _build(path, rng)
        results: dict[str, float] = {"build_5000_docs_ms": (time.perf_counter() - start) * 1000}
        size_mb = path.stat().st_size / 1e6

        def first_open_of_day() -> None:
            for old in backup.list_backups(path):
                old.unlink()
            Library.open(path).close()  # quick_check + backup of the whole file

        results["open_first_of_day_ms"] = _median_ms(first_open_of_day, runs=3)
        results["open_ms"] = _median_ms(lambda: Library.open(path).close())

        large = _payload(rng, LARGE_PAYLOAD_BYTES, -1)
        with Library.open(path) as lib:
            results["list_5000_ms"] = _median_ms(lib.list_documents)
            assert len(lib.list_documents()) == DOCUMENTS
            results["search_ms"] = _median_ms(lambda: lib.list_documents(search="ecole n°42"))
            results["get_one_ms"] = _median_ms(lambda: lib.get(doc_id))
            results["save_1_5mb_ms"] = _median_ms(lambda: lib.save(doc_id, large))
            results["autosave_1_5mb_ms"] = _median_ms(
                lambda: lib.save(doc_id, large, autosave=True)
            )
        return results, size_mb
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> None:
    results, size_mb = _measure()
    print(f"Library: {DOCUMENTS} documents, {size_mb:,.0f} MB (payload + first revision each).")
    print()
    print("| measure (median, ms) | value |")
    print("|---|---:|")
    for key, value in results.items():
        print(f"| {key.removesuffix('_ms')} | {value:,.2f} |")


if __name__ == "__main__":
    main()
