"""Benchmark: cold start of the PyInstaller bundle to its main window (issue 10).

Run: ``.venv/bin/python bench/bench_bundle.py`` after ``packaging/build-linux``.
Starts ``dist/dume/dume --smoke-test <official example request>`` offscreen,
each time with a new empty data folder and settings (a first start: library
created, taxonomy cache built), and times it to the ``MAIN_WINDOW_READY``
line.  The smoke test also runs the official validation of the example
(XSD and business rules, about half a second) before it says ready.
``cold_app_s`` is the app's own time from its first import to ready;
``cold_wall_s`` adds the process start (Python and Qt libraries loaded from
the one-folder bundle); ``second_start_wall_s`` reuses the data folder.
:func:`run` returns medians in seconds, or ``{"skipped": reason}`` without a bundle.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "dist" / "dume" / "dume"
RUNS = 5
READY = "MAIN_WINDOW_READY"


def _example() -> Path:
    sys.path.insert(0, str(ROOT))
    import espd_schemas

    return espd_schemas.locate().example("request")


def start_once(bundle: Path, document: Path, warm_folder: Path | None = None) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="dume-bench-") as scratch:
        folder = warm_folder or Path(scratch)
        env = {
            key: value for key, value in os.environ.items() if not key.startswith(("DUME_", "QT_"))
        }
        env.update(
            QT_QPA_PLATFORM="offscreen",
            DUME_DATA_DIR=str(folder / "data"),
            DUME_CONFIG_DIR=str(folder / "config"),
        )
        started = time.perf_counter()
        done = subprocess.run(
            [str(bundle), "--smoke-test", str(document)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        wall = time.perf_counter() - started
    line = next((ln for ln in done.stdout.splitlines() if ln.startswith(READY)), None)
    if done.returncode != 0 or line is None:
        raise RuntimeError(f"bundle failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    details = json.loads(line[len(READY) :])
    return {"wall_s": wall, "app_reported_s": details["seconds"]}


def run(runs: int = RUNS) -> dict[str, Any]:
    if not BUNDLE.is_file():
        return {"skipped": f"no bundle at {BUNDLE.relative_to(ROOT)}: run packaging/build-linux"}
    document = _example()
    cold = [start_once(BUNDLE, document) for _ in range(runs)]
    with tempfile.TemporaryDirectory(prefix="dume-bench-warm-") as warm:
        start_once(BUNDLE, document, Path(warm))  # creates the library and the taxonomy cache
        warm_runs = [start_once(BUNDLE, document, Path(warm)) for _ in range(runs)]
    return {
        "runs": runs,
        "cold_wall_s": round(statistics.median(r["wall_s"] for r in cold), 3),
        "cold_app_s": round(statistics.median(r["app_reported_s"] for r in cold), 3),
        "second_start_wall_s": round(statistics.median(r["wall_s"] for r in warm_runs), 3),
        "bundle_mb": round(
            sum(
                p.stat().st_size
                for p in BUNDLE.parent.rglob("*")
                if p.is_file() and not p.is_symlink()
            )
            / 1e6,
            1,
        ),
    }


if __name__ == "__main__":
    results = run()
    print("| measure | value |\n|---|---|")
    for key, value in results.items():
        print(f"| {key} | {value} |")
