"""Benchmark of the readable PDF (issue 6): the full official example response, rendered.

Run: ``.venv/bin/python bench/bench_pdf.py [RUNS]``.  Prints a markdown table;
:func:`run` returns the figures for a top-level bench runner: the median time
to render ``ESPD-Response.xml`` (62 criteria, 393 answers, 76 pieces of
evidence) to PDF bytes, its page count, and the same for the request and the
signature-verification report.  One untimed warm-up render first (font
registration, imports); then ``RUNS`` timed ones (default 5).
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``app`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import espd_schemas
from app.espdxml.reader import read_file
from app.export.pdf import render
from app.export.pdf_layout import RenderedPdf
from app.export.report_pdf import (
    ArreteChecks,
    CheckResult,
    CheckStatus,
    SignatureResult,
    VerificationReportData,
    render_report,
)

RUNS = 5
TARGET_S = 1.0


def _measure(action: Callable[[], RenderedPdf], runs: int) -> dict[str, Any]:
    first = action()  # warm-up, untimed
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return {
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "pages": first.pages,
        "bytes": len(first.data),
        "runs": runs,
    }


def _report_data() -> VerificationReportData:
    ok = CheckResult(CheckStatus.OK, "conforme")
    signature = SignatureResult(
        indication="TOTAL_PASSED",
        signer="Élodie Martin, SARL Exemple (SIREN 123456789)",
        qualified=True,
        format_level="PAdES-B-T",
        signing_time=dt.datetime(2026, 3, 12, 10, 30, tzinfo=dt.UTC),
        integrity=True,
        checks=ArreteChecks(
            certificate_category=ok, format=ok, validity_at_signing=ok, integrity=ok
        ),
    )
    return VerificationReportData(
        "offre.pdf", "0" * 64, [signature] * 3, checked_at=dt.datetime.now(dt.UTC)
    )


def run(runs: int = RUNS) -> dict[str, Any]:
    artefacts = espd_schemas.locate()
    response = read_file(artefacts.example("response"))
    request = read_file(artefacts.example("request"))
    report = _report_data()
    results = {
        "response": _measure(lambda: render(response), runs),
        "request": _measure(lambda: render(request), runs),
        "report": _measure(lambda: render_report(report), runs),
    }
    results["response"]["answers"] = len(response.answers)
    results["response"]["criteria"] = len(response.criteria)
    results["target_s"] = TARGET_S
    results["response_under_target"] = results["response"]["median_s"] < TARGET_S
    return results


def report(results: dict[str, Any]) -> str:
    lines = [
        "| PDF | pages | size (KB) | median (s) | min–max (s) |",
        "|---|---:|---:|---:|---:|",
    ]
    names = {
        "response": "official example response (ESPD-Response.xml)",
        "request": "official example request (ESPD-Request.xml)",
        "report": "verification report, 3 signatures",
    }
    for key, name in names.items():
        entry = results[key]
        lines.append(
            f"| {name} | {entry['pages']} | {entry['bytes'] / 1024:,.0f} "
            f"| {entry['median_s']:.3f} | {entry['min_s']:.3f}–{entry['max_s']:.3f} |"
        )
    verdict = "under" if results["response_under_target"] else "OVER"
    lines.append("")
    lines.append(
        f"Response: median of {results['response']['runs']} renders, {verdict} the "
        f"{results['target_s']:.0f} s target."
    )
    return "\n".join(lines)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else RUNS
    print(report(run(count)))
