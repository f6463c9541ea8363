"""Legacy timings: convert each official 2.1.1 / 3.3.0 / 4.0.0 example to 4.1.0 and validate it.

For each official example (2.1.1 Basic and Extended requests and responses,
3.3.0 and 4.0.0 requests and responses), in process, rules already compiled
(one untimed warm-up call, then ``repeats`` timed calls; median, min, max in s):

- ``convert``: :func:`app.legacy.convert` (safe parse, version detection,
  mapping, mismatch report), file already read;
- ``validate_4_1_0``: write the 4.1.0 XML and run the XSD and official 4.1.0
  rules on it (``to_bytes`` + ``validate_bytes``); ``valid`` tells the outcome;
- ``validate_own_version``: :func:`app.legacy.validate_as_version`, the
  example checked with its own release's XSD and rules;
- for the two 2.1.1 responses, ``export_2_1_1``: the converted response
  written back as 2.1.1 and checked with the 2.1.1 rules.

The releases are found through the locator; when they are not installed yet,
``../shared/espd-edm`` is used through a temporary folder of symbolic links.
With a corpus of real documents (``../shared/espd-corpus`` or ``DUME_ESPD_CORPUS``),
``corpus`` times ``dume import-check`` on each file.
Run alone: ``.venv/bin/python bench/bench_legacy.py [REPEATS]`` prints JSON.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``app`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import espd_schemas
from app.errors import ArtefactsMissingError
from app.espdxml.writer import to_bytes
from app.legacy import convert, export_2_1_1, legacy_artefacts, validate_as_version
from app.legacy.layout import LEGACY_VERSIONS
from app.validation import validate_bytes

Stats = dict[str, float]


def _stats(samples: list[float]) -> Stats:
    return {
        "median_s": statistics.median(samples),
        "min_s": min(samples),
        "max_s": max(samples),
    }


def _timed(action: Callable[[], object], repeats: int) -> Stats:
    action()  # warm-up: compiles the rules, fills the caches
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return _stats(samples)


def _ensure_releases() -> tempfile.TemporaryDirectory[str] | None:
    """Point the locator at ../shared/espd-edm when the releases are not installed."""
    try:
        for version in LEGACY_VERSIONS:
            legacy_artefacts(version)
        return None
    except ArtefactsMissingError:
        shared = Path(__file__).resolve().parents[2] / "shared" / "espd-edm"
        if not all((shared / v).is_dir() for v in LEGACY_VERSIONS):
            raise
    home = tempfile.TemporaryDirectory(prefix="dume-bench-espd-")
    root = Path(home.name)
    (root / espd_schemas.CURRENT_VERSION).symlink_to(espd_schemas.locate().root)
    for version in LEGACY_VERSIONS:
        (root / version).symlink_to(shared / version)
    os.environ[espd_schemas.ESPD_HOME_ENV] = str(root)
    return home


def _example(name: str, path: Path, repeats: int) -> dict[str, Any]:
    data = path.read_bytes()
    result = convert(data, name=path.name)
    written = to_bytes(result.document)
    report = validate_bytes(written, path.name)
    entry: dict[str, Any] = {
        "file": path.name,
        "bytes": len(data),
        "convert": _timed(lambda: convert(data, name=path.name), repeats),
        "validate_4_1_0": _timed(lambda: validate_bytes(to_bytes(result.document)), repeats),
        "valid_4_1_0": report.valid,
        "blocking_findings": sum(1 for f in report.findings if f.blocking),
        "validate_own_version": _timed(lambda: validate_as_version(data), repeats),
        "answers": [result.report.answers_carried, result.report.answers_in_source],
        "report_counts": result.report.counts(),
    }
    if name.startswith("2.1.1") and name.endswith("response"):
        exported = export_2_1_1(result.document, flavour=name.split("-")[1])
        entry["export_2_1_1"] = _timed(
            lambda: validate_as_version(
                export_2_1_1(result.document, flavour=name.split("-")[1]).data, "2.1.1"
            ),
            repeats,
        )
        entry["valid_2_1_1"] = validate_as_version(exported.data, "2.1.1").valid
    return entry


def _corpus_folder() -> Path | None:
    named = os.environ.get("DUME_ESPD_CORPUS")
    folder = (
        Path(named) if named else Path(__file__).resolve().parents[2] / "shared" / "espd-corpus"
    )
    return folder if folder.is_dir() else None


def _corpus(repeats: int) -> dict[str, Any] | None:
    """``dume import-check`` over the real-document corpus, when there is one: per-file
    medians (import, conversion, 4.1.0 rules, and the own-version rules of an invalid result)."""
    from app.legacy.importing import espd_files
    from app.legacy.triage import tally, triage_file

    folder = _corpus_folder()
    if folder is None:
        return None
    files = list(espd_files([folder]))
    timings: dict[str, list[float]] = {"imported": [], "refused": []}
    verdicts = []
    for path in files:
        result = triage_file(path)  # warm-up, and the verdict
        verdicts.append(result)
        times = []
        for _ in range(repeats):
            start = time.perf_counter()
            triage_file(path)
            times.append(time.perf_counter() - start)
        timings["imported" if result.imported else "refused"].append(statistics.median(times))
    return {
        "files": len(files),
        "verdicts": tally(verdicts),
        "largest_kb": max((p.stat().st_size for p in files), default=0) / 1024,
        **{kind: _stats(samples) for kind, samples in timings.items() if samples},
    }


def run(repeats: int = 3) -> dict[str, Any]:
    """Timings per official example (and over the real corpus); see the module docstring."""
    home = _ensure_releases()
    try:
        examples: dict[str, Path] = {}
        for version in LEGACY_VERSIONS:
            for name, path in legacy_artefacts(version).examples().items():
                examples[f"{version}-{name}"] = path
        started = time.perf_counter()
        results = {name: _example(name, path, repeats) for name, path in sorted(examples.items())}
        return {
            "repeats": repeats,
            "examples": results,
            "corpus": _corpus(repeats),
            "elapsed_s": time.perf_counter() - started,
        }
    finally:
        if home is not None:
            os.environ.pop(espd_schemas.ESPD_HOME_ENV, None)
            home.cleanup()


def report(results: dict[str, Any]) -> str:
    """A markdown table of :func:`run`'s results."""
    lines = [
        f"## Legacy examples (median of {results['repeats']}, seconds)",
        "",
        "| example | KB | convert | 4.1.0 XSD+rules | valid | own-version rules "
        "| 2.1.1 export+rules | answers carried |",
        "|---|---:|---:|---:|---|---:|---:|---:|",
    ]
    for name, entry in results["examples"].items():
        export = entry.get("export_2_1_1")
        export_text = f"{export['median_s']:.3f}" if export else "—"
        carried, total = entry["answers"]
        answers_text = f"{carried}/{total}" if total else "—"
        lines.append(
            f"| {name} | {entry['bytes'] / 1024:,.0f} | {entry['convert']['median_s']:.3f} "
            f"| {entry['validate_4_1_0']['median_s']:.3f} | {entry['valid_4_1_0']} "
            f"| {entry['validate_own_version']['median_s']:.3f} | {export_text} "
            f"| {answers_text} |"
        )
    corpus = results.get("corpus")
    if corpus and "imported" in corpus:
        imported, refused = corpus["imported"], corpus.get("refused", {"median_s": 0.0})
        reference = results["examples"]["3.3.0-response"]
        official = reference["convert"]["median_s"] + reference["validate_4_1_0"]["median_s"]
        lines += [
            "",
            f"Real-document corpus ({corpus['files']} files, largest "
            f"{corpus['largest_kb']:,.0f} KB; {corpus['verdicts']}): import-check takes "
            f"{imported['median_s']:.3f} s per imported file (median; max {imported['max_s']:.3f} s) "
            f"and {refused['median_s']:.4f} s per refused one. The official 3.3.0 response, "
            f"convert + 4.1.0 rules, takes {official:.3f} s in the same run "
            f"(ratio {imported['median_s'] / official:.2f}).",
        ]
    return "\n".join(lines)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    data = run(count)
    print(json.dumps(data, indent=2))
    print(report(data), file=sys.stderr)
