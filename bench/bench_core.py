"""Core timings: validation, business rules, read/write, CLI cold start, refusals.

Everything runs on the official ESPD-EDM 4.1.0 examples (``ESPD-Request.xml``,
``ESPD-Response.xml``) found by :func:`espd_schemas.locate`.  In-process
measures take one untimed warm-up call, then ``repeats`` timed calls; the
result keeps the median, min and max in seconds.

- ``compile``: the first :func:`rule_set` call per kind in this process
  (loading SaxonC, compiling every stylesheet of the kind).  Only a compile
  when nothing compiled the rules before in the process; ``run.py`` calls
  :func:`run` first in a fresh interpreter.
- ``full_validation``: ``validate_path`` (safe parse, XSD with lxml, all the
  business rules with saxonche, SVRL to findings), rules already compiled;
  ``first_s`` is the untimed warm-up call, the first validation after compiling.
- ``xsd_only``: safe parse + ``run_xsd``.
- ``rules_only``: read the file + ``run_rules`` (SaxonC parse of the document,
  every stylesheet, each SVRL report parsed into findings).  This is the
  like-for-like counterpart of the Java harness in ``saxon_java.py``, which
  per iteration parses the document and serialises every SVRL report.
- ``per_stylesheet``: median seconds of each stylesheet alone (fewer runs),
  to show where the rules time goes.
- ``read`` / ``write``: ``read_file`` (XML -> model) and ``to_bytes`` (model -> XML).
- ``cold_start``: wall time of ``dume --version`` (interpreter + CLI import
  floor) and of ``dume validate`` on each example, as fresh subprocesses, after
  one untimed run so the OS file cache is warm (a "second launch of the day").
- ``refusal``: wall time of ``dume validate`` refusing a 200 MB sparse file and
  a malformed file (exit code 2 expected), plus the in-process refusal time.

Run alone: ``.venv/bin/python bench/bench_core.py [REPEATS]`` prints JSON.
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``app`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import espd_schemas
from app.errors import DocumentRefusedError
from app.espdxml import safe
from app.espdxml.reader import read_file
from app.espdxml.writer import to_bytes
from app.validation import validate_path
from app.validation.service import rule_set, run_rules, run_xsd
from espd_schemas import ArtefactSet, DocumentKind

KINDS: tuple[DocumentKind, ...] = ("request", "response")
SPARSE_BYTES = 200 * 1024 * 1024
MALFORMED = b'<?xml version="1.0"?>\n<QualificationApplicationRequest><cbc:ID>1</cbc:ID'
CLI_TIMEOUT_S = 180.0
#: Runs per stylesheet for the breakdown (each pass of the rules costs ~2 s).
PER_STYLESHEET_RUNS = 3

Stats = dict[str, float]


def _stats(samples: list[float]) -> Stats:
    return {
        "median_s": statistics.median(samples),
        "min_s": min(samples),
        "max_s": max(samples),
        "runs": float(len(samples)),
    }


def _timed(action: Callable[[], object], repeats: int, warmup: int = 1) -> Stats:
    for _ in range(warmup):
        action()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return _stats(samples)


# ---------------------------------------------------------------- in-process
def _compile(artefacts: ArtefactSet) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind in KINDS:
        start = time.perf_counter()
        rules = rule_set(artefacts, kind)
        out[kind] = {
            "seconds": time.perf_counter() - start,
            "stylesheets": len(rules.stylesheets),
        }
    out["saxonche_product"] = rule_set(artefacts, "request").processor.version
    return out


def _full_validation(path: Path, repeats: int) -> dict[str, Any]:
    start = time.perf_counter()
    report = validate_path(path)  # the warm-up, kept as the "first validation" figure
    first = time.perf_counter() - start
    stats: dict[str, Any] = _timed(lambda: validate_path(path), repeats, warmup=0)
    stats["first_s"] = first
    stats["valid"] = report.valid
    stats["rules_ran"] = report.rules_ran
    stats["findings"] = len(report.findings)
    return stats


def _rules_only(artefacts: ArtefactSet, kind: DocumentKind, repeats: int) -> dict[str, Any]:
    path = artefacts.example(kind)
    findings = run_rules(path.read_bytes(), artefacts, kind)
    stats: dict[str, Any] = _timed(
        lambda: run_rules(path.read_bytes(), artefacts, kind), repeats, warmup=0
    )
    stats["findings"] = len(findings)
    stats["stylesheets"] = len(rule_set(artefacts, kind).stylesheets)
    return stats


def _per_stylesheet(artefacts: ArtefactSet, kind: DocumentKind, runs: int) -> dict[str, Any]:
    """Median seconds per stylesheet, plus the SaxonC parse of the document."""
    rules = rule_set(artefacts, kind)
    text = artefacts.example(kind).read_text(encoding="utf-8")
    samples: dict[str, list[float]] = {"(parse)": []}
    with rules.lock:
        for _ in range(runs):
            start = time.perf_counter()
            node = rules.processor.parse_xml(xml_text=text)
            samples["(parse)"].append(time.perf_counter() - start)
            for name, executable in rules.stylesheets:
                start = time.perf_counter()
                executable.transform_to_string(xdm_node=node)
                samples.setdefault(name, []).append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in samples.items()}


def _read_write(path: Path, repeats: int) -> dict[str, Any]:
    document = read_file(path)
    written = to_bytes(document)
    return {
        "read": _timed(lambda: read_file(path), repeats),
        "write": _timed(lambda: to_bytes(document), repeats),
        "input_bytes": path.stat().st_size,
        "output_bytes": len(written),
    }


def _xsd(artefacts: ArtefactSet, kind: DocumentKind) -> None:
    if run_xsd(safe.parse_file(artefacts.example(kind)), artefacts, kind):
        raise RuntimeError(f"the official {kind} example fails the XSD")


def _refused_in_process(path: Path) -> None:
    try:
        validate_path(path)
    except DocumentRefusedError:
        return
    raise RuntimeError(f"{path.name} was not refused")


# ---------------------------------------------------------------- subprocesses
def dume_command() -> list[str] | None:
    """The ``dume`` console script of the running venv, else the one on PATH."""
    beside = Path(sys.executable).with_name("dume")  # no resolve(): keep the venv
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("dume")
    return [found] if found else None


def _cli(command: list[str], runs: int, cwd: Path | None = None) -> dict[str, Any]:
    """Wall time of *command* as a fresh process in *cwd*; one untimed run first."""
    samples: list[float] = []
    codes: set[int] = set()
    last = ""
    for attempt in range(runs + 1):
        start = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, text=True, timeout=CLI_TIMEOUT_S, check=False, cwd=cwd
        )
        elapsed = time.perf_counter() - start
        codes.add(done.returncode)
        lines = (done.stderr.strip() or done.stdout.strip()).splitlines()
        last = lines[0] if lines else ""
        if attempt:
            samples.append(elapsed)
    result: dict[str, Any] = _stats(samples)
    result["exit_codes"] = sorted(codes)
    result["first_line"] = last
    return result


def _cold_start(artefacts: ArtefactSet, runs: int) -> dict[str, Any]:
    dume = dume_command()
    if dume is None:
        return {"unavailable": "no 'dume' console script (pip install -e . in the venv)"}
    out: dict[str, Any] = {"version": _cli([*dume, "--version"], runs)}
    for kind in KINDS:
        # Run inside the example's folder so the output names the file, not a path.
        example = artefacts.example(kind)
        out[f"validate_{kind}"] = _cli([*dume, "validate", example.name], runs, example.parent)
    return out


def _refusal(runs: int, repeats: int) -> dict[str, Any]:
    dume = dume_command()
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="dume-bench-refusal-") as tmp:
        sparse = Path(tmp) / "huge-200MB.xml"
        with sparse.open("wb") as handle:
            handle.truncate(SPARSE_BYTES)  # sparse: no disk blocks written
        malformed = Path(tmp) / "malformed.xml"
        malformed.write_bytes(MALFORMED)
        for label, path in (("sparse_200mb", sparse), ("malformed", malformed)):
            entry: dict[str, Any] = {
                "file_bytes": path.stat().st_size,
                "in_process": _timed(partial(_refused_in_process, path), repeats),
            }
            if dume is not None:
                entry["cli"] = _cli([*dume, "validate", path.name], runs, path.parent)
            out[label] = entry
    return out


# ---------------------------------------------------------------- entry point
def run(repeats: int = 7) -> dict[str, Any]:
    """All core measures; seconds, medians with min/max. See the module docstring."""
    repeats = max(1, repeats)
    cli_runs = min(5, max(3, repeats))
    artefacts = espd_schemas.locate()
    results: dict[str, Any] = {
        "repeats": repeats,
        "cli_runs": cli_runs,
        "espd_edm_version": artefacts.version,
        "examples": {kind: artefacts.example(kind).name for kind in KINDS},
        "compile": _compile(artefacts),
    }
    results["full_validation"] = {
        kind: _full_validation(artefacts.example(kind), repeats) for kind in KINDS
    }
    results["xsd_only"] = {kind: _timed(partial(_xsd, artefacts, kind), repeats) for kind in KINDS}
    results["rules_only"] = {kind: _rules_only(artefacts, kind, repeats) for kind in KINDS}
    results["per_stylesheet"] = {
        kind: _per_stylesheet(artefacts, kind, min(PER_STYLESHEET_RUNS, repeats)) for kind in KINDS
    }
    results["read_write"] = {kind: _read_write(artefacts.example(kind), repeats) for kind in KINDS}
    results["cold_start"] = _cold_start(artefacts, cli_runs)
    results["refusal"] = _refusal(cli_runs, repeats)
    return results


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 7), indent=2))
