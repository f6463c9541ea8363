"""One command for every benchmark: ``.venv/bin/python bench/run.py [--quick]``.

Runs, in this order and in one process:

1. ``bench_core.run`` (saxonche validation, rules, read/write, CLI cold start,
   refusals), first, so its compile figure is a real first compile;
2. ``saxon_java.measure``, Debian's Java Saxon-HE on the same stylesheets and
   examples (skipped with the reason and the install hint when Java is missing);
3. ``bench_storage.run`` (5,000-document SQLite library, large save).

Prints a markdown report, with the saxonche / Java-Saxon ratio of the
rules-only time per document kind, and writes the raw results to
``bench/results/latest.json`` (git-ignored).  ``--quick`` uses 3 repeats
instead of 7: a smoke check, too noisy to quote the ratio from.  Takes about
3 minutes in full, 2 with ``--quick``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))  # ``app`` and ``espd_schemas``
sys.path.insert(0, str(BENCH_DIR))  # the sibling bench modules

import bench_core  # noqa: E402
import bench_storage  # noqa: E402
import saxon_java  # noqa: E402

import espd_schemas  # noqa: E402
from app.errors import ArtefactsMissingError  # noqa: E402

RESULTS = BENCH_DIR / "results" / "latest.json"
FULL_REPEATS = 7
QUICK_REPEATS = 3

Json = dict[str, Any]


# ---------------------------------------------------------------- machine
def _first_line_with(path: str, prefix: str) -> str:
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith(prefix):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""


def _java_version() -> str | None:
    java = shutil.which("java")
    if java is None:
        return None
    try:
        done = subprocess.run(
            [java, "-version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = (done.stderr or done.stdout).strip().splitlines()
    return lines[0] if lines else None


def _load_average() -> list[float]:
    """Other processes compete for the CPUs: recorded so a noisy run shows."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return [round(value, 2) for value in load]


def machine_info() -> Json:
    memory_kb = _first_line_with("/proc/meminfo", "MemTotal").removesuffix("kB").strip()
    return {
        "cpu_model": _first_line_with("/proc/cpuinfo", "model name") or platform.processor(),
        "cpu_count": os.cpu_count(),
        "memory_gb": round(int(memory_kb) / 1024 / 1024, 1) if memory_kb.isdigit() else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "saxonche": metadata.version("saxonche"),
        "lxml": metadata.version("lxml"),
        "java": _java_version(),
        "java_saxon": saxon_java.saxon_version(),
        "load_average_at_start": _load_average(),
    }


# ---------------------------------------------------------------- report
def _ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 1 else f"{value:.3f}"


def _s(seconds: float) -> str:
    return f"{seconds:.2f}"


def _spread_ms(stats: Json) -> str:
    return f"{_ms(stats['min_s'])}–{_ms(stats['max_s'])}"


def _spread_s(stats: Json) -> str:
    return f"{_s(stats['min_s'])}–{_s(stats['max_s'])}"


def ratio_rows(core: Json, java: Json) -> list[Json]:
    """Per kind: saxonche rules-only median, Java warm median, ratio and the faster engine."""
    rows = []
    for kind in bench_core.KINDS:
        ours = core["rules_only"][kind]["median_s"]
        theirs = java[kind]["warm_median_s"]
        ratio = ours / theirs
        rows.append(
            {
                "kind": kind,
                "saxonche_s": ours,
                "java_s": theirs,
                "ratio": ratio,
                "faster": "Java Saxon-HE" if ratio > 1 else "saxonche",
                "factor": ratio if ratio > 1 else 1 / ratio,
            }
        )
    return rows


#: bench modules beside this file with a ``run() -> dict``, reported as generic tables
EXTRA_BENCHES = ("bench_accelerated", "bench_ui", "bench_pdf", "bench_legacy", "bench_signature")


def _extra_tables(results: Json) -> list[str]:
    lines: list[str] = []
    for name in EXTRA_BENCHES:
        if name not in results:
            continue
        lines += ["", f"## {name}", "", "| measure | value |", "|---|---|"]
        for key, value in _flatten(results[name]):
            lines.append(f"| {key} | {value} |")
    return lines


def _flatten(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    if isinstance(data, dict):
        rows: list[tuple[str, Any]] = []
        for key, value in data.items():
            rows += _flatten(
                value, f"{prefix}{key} / " if isinstance(value, dict) else f"{prefix}{key}"
            )
        return rows
    return [(prefix.rstrip(" /"), data)]


def report(results: Json) -> str:
    machine, core, java = results["machine"], results["core"], results["java_saxon"]
    storage = results["storage"]
    out: list[str] = []
    add = out.append
    add(f"# Benchmarks, {results['date']} ({results['mode']}, {core['repeats']} repeats)")
    add("")
    add(
        f"Machine: {machine['cpu_model']}, {machine['cpu_count']} CPUs, "
        f"{machine['memory_gb']} GB RAM, {machine['os']}; load average (1, 5, 15 min) "
        f"{machine['load_average_at_start']} at start, {results['load_average_at_end']} at end."
    )
    add(
        f"Python {machine['python']}, saxonche {machine['saxonche']} "
        f"({core['compile']['saxonche_product']}), lxml {machine['lxml']}; "
        f"reference: {machine['java_saxon'] or 'Java Saxon-HE unavailable'} on "
        f"{machine['java'] or 'no JVM'}."
    )
    add("")

    add("## Validation in process (saxonche, warm)")
    add("")
    add(
        "| document | full validation median (s) | min–max (s) | XSD only (ms) "
        "| rules only (s) | first validation (s) | compile rules (s) |"
    )
    add("|---|---:|---:|---:|---:|---:|---:|")
    for kind in bench_core.KINDS:
        full = core["full_validation"][kind]
        add(
            f"| {kind} ({'valid' if full['valid'] else 'INVALID'}, {full['findings']} findings) "
            f"| {_s(full['median_s'])} | {_spread_s(full)} "
            f"| {_ms(core['xsd_only'][kind]['median_s'])} "
            f"| {_s(core['rules_only'][kind]['median_s'])} | {_s(full['first_s'])} "
            f"| {_s(core['compile'][kind]['seconds'])} |"
        )
    add("")

    add("## Business rules: saxonche against Java Saxon-HE (same stylesheets, same run)")
    add("")
    reason = saxon_java.unavailable_reason(java)
    if reason is not None:
        add(f"Java Saxon-HE unavailable: {reason}. Install: `{saxon_java.install_hint()}`.")
    else:
        add(
            "| document | stylesheets | saxonche median (s) | Java median (s) "
            "| ratio saxonche/Java | faster | Java min–max (s) | Java failed asserts |"
        )
        add("|---|---:|---:|---:|---:|---|---:|---:|")
        for row in ratio_rows(core, java):
            kind = row["kind"]
            add(
                f"| {kind} | {core['rules_only'][kind]['stylesheets']} "
                f"| {row['saxonche_s']:.3f} | {row['java_s']:.3f} | {row['ratio']:.2f} "
                f"| {row['faster']} (×{row['factor']:.2f}) "
                f"| {java[kind]['warm_min_s']:.3f}–{java[kind]['warm_max_s']:.3f} "
                f"| {java[kind]['failed_asserts']:.0f} |"
            )
        add("")
        add("| document | `dume validate` cold (s) | Java cold: JVM + compile + 1 run (s) |")
        add("|---|---:|---:|")
        cold = core["cold_start"]
        for kind in bench_core.KINDS:
            ours = cold.get(f"validate_{kind}", {}).get("median_s")
            add(
                f"| {kind} | {_s(ours) if ours is not None else 'n/a'} "
                f"| {_s(java[kind]['cold_s'])} |"
            )
    add("")

    add("## Where the rules time goes (saxonche, median per stylesheet)")
    add("")
    add("| document | slowest stylesheet | its time (s) | share of the rules | all others (s) |")
    add("|---|---|---:|---:|---:|")
    for kind in bench_core.KINDS:
        times = core["per_stylesheet"][kind]
        name, slowest = max(times.items(), key=lambda item: float(item[1]))
        total = sum(times.values())
        add(
            f"| {kind} | `{name}` | {_s(slowest)} | {slowest / total:.0%} | {total - slowest:.3f} |"
        )
    add("")

    add("## Read and write (ms)")
    add("")
    add("| document | size (KB) | read XML → model | min–max | write model → XML | min–max |")
    add("|---|---:|---:|---:|---:|---:|")
    for kind in bench_core.KINDS:
        rw = core["read_write"][kind]
        add(
            f"| {kind} | {rw['input_bytes'] / 1024:,.0f} | {_ms(rw['read']['median_s'])} "
            f"| {_spread_ms(rw['read'])} | {_ms(rw['write']['median_s'])} "
            f"| {_spread_ms(rw['write'])} |"
        )
    add("")

    cold = core["cold_start"]
    add(f"## Cold start of the CLI (fresh process, median of {core['cli_runs']} runs)")
    add("")
    if "unavailable" in cold:
        add(f"Unavailable: {cold['unavailable']}.")
    else:
        add("| command | median (s) | min–max (s) | exit code |")
        add("|---|---:|---:|---:|")
        for key, label in (
            ("version", "`dume --version` (interpreter + import floor)"),
            ("validate_request", "`dume validate ESPD-Request.xml`"),
            ("validate_response", "`dume validate ESPD-Response.xml`"),
        ):
            entry = cold[key]
            codes = ", ".join(str(code) for code in entry["exit_codes"])
            add(f"| {label} | {_s(entry['median_s'])} | {_spread_s(entry)} | {codes} |")
    add("")

    add("## Refusals (`dume validate`, claim: under 2 s)")
    add("")
    add("| input | CLI median (s) | CLI max (s) | exit code | in process (ms) | message |")
    add("|---|---:|---:|---:|---:|---|")
    for key, label in (("sparse_200mb", "200 MB sparse file"), ("malformed", "malformed XML")):
        entry = core["refusal"][key]
        cli = entry.get("cli")
        in_process = _ms(entry["in_process"]["median_s"])
        if cli is None:
            add(f"| {label} | n/a | n/a | n/a | {in_process} | |")
            continue
        codes = ", ".join(str(code) for code in cli["exit_codes"])
        add(
            f"| {label} | {_s(cli['median_s'])} | {_s(cli['max_s'])} | {codes} "
            f"| {in_process} | {cli['first_line']} |"
        )
    add("")

    add("## Storage (SQLite library, median ms)")
    add("")
    add("| measure | median (ms) |")
    add("|---|---:|")
    for key, value in storage.items():
        add(f"| {key.removesuffix('_ms')} | {value:,.2f} |")
    add("")
    add(f"Total bench time: {results['elapsed_s']:.0f} s.")
    out += _extra_tables(results)
    return "\n".join(out)


# ---------------------------------------------------------------- main
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="3 repeats instead of 7")
    args = parser.parse_args(argv)
    repeats = QUICK_REPEATS if args.quick else FULL_REPEATS

    start = time.perf_counter()
    results: Json = {
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "mode": "quick" if args.quick else "full",
        "machine": machine_info(),
    }
    try:
        artefacts = espd_schemas.locate()
    except ArtefactsMissingError as exc:
        print(f"ESPD-EDM artefacts missing: {exc}", file=sys.stderr)
        return 2

    print(f"[1/3] core (saxonche, CLI), {repeats} repeats…", file=sys.stderr, flush=True)
    results["core"] = bench_core.run(repeats)

    print("[2/3] Java Saxon-HE reference…", file=sys.stderr, flush=True)
    java = saxon_java.measure(artefacts.root, repeats)
    reason = saxon_java.unavailable_reason(java)
    if reason is not None:
        print(f"Java Saxon-HE unavailable: {reason}", file=sys.stderr)
        print(f"Install with: {saxon_java.install_hint()}", file=sys.stderr)
    else:
        results["ratio_rules_saxonche_over_java"] = ratio_rows(results["core"], java)
    results["java_saxon"] = java

    print("[3/3] storage (5,000-document library)…", file=sys.stderr, flush=True)
    results["storage"] = bench_storage.run()
    # Feature benchmarks: each module has run() -> dict; absent ones are skipped.
    for name in EXTRA_BENCHES:
        try:
            module = importlib.import_module(name)
        except ImportError as exc:
            print(f"{name}: skipped ({exc})", file=sys.stderr)
            continue
        print(f"[+] {name}…", file=sys.stderr, flush=True)
        results[name] = module.run()
    results["elapsed_s"] = time.perf_counter() - start
    results["load_average_at_end"] = _load_average()

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(results))
    print(f"\nRaw results: {RESULTS.relative_to(BENCH_DIR.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
