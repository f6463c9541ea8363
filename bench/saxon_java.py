"""Reference timing: Debian's Java Saxon-HE on the official ESPD-EDM business rules.

The app runs the ESPD-EDM 4.1.0 Schematron-derived XSLT 2.0 stylesheets with
saxonche (SaxonC-HE).  This module runs the *same* stylesheets on the *same*
official examples with Debian's ``libsaxonhe-java`` so the benchmark can report
a ratio against a well-known engine.

How: a tiny Java harness (source kept below, compiled with ``javac`` into a
temporary folder at bench time) compiles every stylesheet of one kind once,
then, per iteration, parses the example and runs all the stylesheets on it,
serialising each SVRL report to memory.  That per-iteration time is the *warm*
per-document time, the one a long-running app that compiled once pays.  The
first iterations are discarded as JIT warm-up.  The *cold* time is the wall
clock of one separate ``java`` invocation doing a single iteration: JVM start,
stylesheet compilation and one validation.

The SVRL of the first iteration is written to disk and parsed here, so the
failed-assert counts (0 expected on the official examples) come from the
engine's real output.  These stylesheets emit no ``svrl:fired-rule``, so the
number of SVRL reports parsed (one per stylesheet) is the proof of work done.

Standalone: ``.venv/bin/python bench/saxon_java.py ARTEFACT_ROOT`` where
ARTEFACT_ROOT is an ``espd-edm/4.1.0`` folder; prints a markdown table.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

SAXON_PACKAGE = "libsaxonhe-java"
JAR_NAME = "Saxon-HE.jar"
JAR_ENV = "SAXON_HE_JAR"  # overrides the jar found through dpkg
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"
UNAVAILABLE = "unavailable"

KINDS: dict[str, tuple[str, str]] = {
    # kind: (rules folder under validation/, example under xml-examples/)
    "request": ("ESPDRequest", "ESPD-Request.xml"),
    "response": ("ESPDResponse", "ESPD-Response.xml"),
}

# Iterations run and thrown away before timing: HotSpot needs a few passes
# before the hot paths are JIT-compiled, and the app we compare with is warm.
WARMUP = 3
# Whole-measurement ceiling, so a hung JVM cannot stall the benchmark.
BUDGET_S = 90.0
_JAVA_CLASS = "EspdBench"

_JAVA_SOURCE = r"""
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.stream.StreamSource;
import net.sf.saxon.s9api.DocumentBuilder;
import net.sf.saxon.s9api.Processor;
import net.sf.saxon.s9api.XdmNode;
import net.sf.saxon.s9api.XsltCompiler;
import net.sf.saxon.s9api.XsltExecutable;
import net.sf.saxon.s9api.XsltTransformer;

// args: warmup repeats svrl-out-dir document stylesheet...
public final class EspdBench {
    public static void main(String[] args) throws Exception {
        int warmup = Integer.parseInt(args[0]);
        int repeats = Integer.parseInt(args[1]);
        File outDir = new File(args[2]);
        File document = new File(args[3]);
        Processor processor = new Processor(false);
        System.out.println("VERSION " + processor.getSaxonProductVersion());

        long start = System.nanoTime();
        XsltCompiler compiler = processor.newXsltCompiler();
        List<XsltExecutable> stylesheets = new ArrayList<>();
        for (int i = 4; i < args.length; i++) {
            // A File source keeps the system id, so document('ESPD-criterion.xml')
            // resolves beside the stylesheet.
            stylesheets.add(compiler.compile(new StreamSource(new File(args[i]))));
        }
        System.out.println("COMPILE " + (System.nanoTime() - start) / 1e9);

        DocumentBuilder builder = processor.newDocumentBuilder();
        for (int iteration = 0; iteration < warmup + repeats; iteration++) {
            List<byte[]> reports = new ArrayList<>();
            start = System.nanoTime();
            XdmNode source = builder.build(document);
            for (XsltExecutable stylesheet : stylesheets) {
                ByteArrayOutputStream svrl = new ByteArrayOutputStream();
                XsltTransformer transformer = stylesheet.load();
                transformer.setInitialContextNode(source);
                transformer.setDestination(processor.newSerializer(svrl));
                transformer.transform();
                reports.add(svrl.toByteArray());
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.println((iteration < warmup ? "WARMUP " : "ITER ") + seconds);
            if (iteration == 0) {
                for (int i = 0; i < reports.size(); i++) {
                    Files.write(new File(outDir, i + ".svrl").toPath(), reports.get(i));
                }
            }
        }
    }
}
"""


class _Unavailable(Exception):
    """The Java side cannot run here; the message says why."""


def install_hint() -> str:
    """The Debian command that provides the engine and the harness's compiler."""
    # The JDK (not just a JRE) because the harness is compiled with javac.
    return "sudo apt-get install libsaxonhe-java default-jdk-headless"


def find_jar() -> Path | None:
    """Debian's Saxon-HE jar: ``$SAXON_HE_JAR``, else the file dpkg lists for the package."""
    override = os.environ.get(JAR_ENV)
    if override:
        path = Path(override)
        return path if path.is_file() else None
    if shutil.which("dpkg-query") is None:
        return None
    try:
        listing = subprocess.run(
            ["dpkg-query", "-L", SAXON_PACKAGE],
            capture_output=True,
            text=True,
            timeout=15,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    for line in listing.stdout.splitlines():
        path = Path(line.strip())
        if path.name == JAR_NAME and path.is_file():
            return path
    return None


def saxon_version() -> str | None:
    """Saxon's own version banner, e.g. ``SAXON-HE 9.9.1.5J from Saxonica``."""
    jar = find_jar()
    java = shutil.which("java")
    if jar is None or java is None:
        return None
    try:
        done = subprocess.run(
            [java, "-cp", str(jar), "net.sf.saxon.Version"],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    text = (done.stdout or done.stderr).strip()
    return text.splitlines()[0] if text else None


def unavailable_reason(result: dict[str, dict[str, float]]) -> str | None:
    """The reason carried by an unavailable :func:`measure` result, else None."""
    entry = result.get(UNAVAILABLE)
    return next(iter(entry), "unknown reason") if entry is not None else None


class _Deadline:
    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def left(self, what: str) -> float:
        remaining = self._end - time.monotonic()
        if remaining <= 1:
            raise _Unavailable(f"time budget of {BUDGET_S:.0f} s exhausted before {what}")
        return remaining


def _run(cmd: list[str], timeout: float, what: str) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise _Unavailable(f"{what} timed out after {timeout:.0f} s") from exc
    except OSError as exc:
        raise _Unavailable(f"{what} could not start: {exc}") from exc
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        raise _Unavailable(f"{what} failed (exit {done.returncode}): {tail}")
    return done.stdout


def _compile_harness(javac: str, jar: Path, workdir: Path, deadline: _Deadline) -> None:
    source = workdir / f"{_JAVA_CLASS}.java"
    source.write_text(_JAVA_SOURCE, encoding="utf-8")
    cmd = [javac, "-nowarn", "-cp", str(jar), "-d", str(workdir), str(source)]
    _run(cmd, min(60.0, deadline.left("javac")), "javac")


def _svrl_counts(folder: Path) -> tuple[int, int]:
    """(failed asserts, SVRL reports) over the reports written in *folder*."""
    failed = reports = 0
    for report in folder.glob("*.svrl"):
        root = ET.parse(report).getroot()
        reports += root.tag == f"{{{SVRL_NS}}}schematron-output"
        failed += sum(1 for _ in root.iter(f"{{{SVRL_NS}}}failed-assert"))
    return failed, reports


def _measure_kind(
    java: str,
    classpath: str,
    document: Path,
    stylesheets: list[Path],
    repeats: int,
    workdir: Path,
    deadline: _Deadline,
) -> dict[str, float]:
    def harness(warmup: int, runs: int, outdir: Path, what: str) -> tuple[float, str]:
        outdir.mkdir()
        cmd = [
            java,
            "-cp",
            classpath,
            _JAVA_CLASS,
            str(warmup),
            str(runs),
            str(outdir),
            str(document),
            *map(str, stylesheets),
        ]
        start = time.perf_counter()
        out = _run(cmd, deadline.left(what), what)
        return time.perf_counter() - start, out

    # Cold: one fresh JVM doing everything once, as a command-line user would.
    cold_s, _ = harness(0, 1, workdir / "cold", f"cold run on {document.name}")
    _, out = harness(WARMUP, repeats, workdir / "warm", f"warm run on {document.name}")

    compile_s = 0.0
    warm: list[float] = []
    for line in out.splitlines():
        tag, _, value = line.partition(" ")
        if tag == "COMPILE":
            compile_s = float(value)
        elif tag == "ITER":
            warm.append(float(value))
    if len(warm) != repeats:
        raise _Unavailable(f"harness printed {len(warm)} timings instead of {repeats}")
    failed, reports = _svrl_counts(workdir / "warm")
    if reports != len(stylesheets):
        raise _Unavailable(f"{reports} SVRL reports for {len(stylesheets)} stylesheets")
    return {
        "cold_s": cold_s,
        "compile_s": compile_s,
        "warm_median_s": statistics.median(warm),
        "warm_min_s": min(warm),
        "warm_max_s": max(warm),
        "repeats": float(repeats),
        "stylesheets": float(len(stylesheets)),
        "failed_asserts": float(failed),
        "svrl_reports": float(reports),
    }


def measure(artefact_root: Path, repeats: int = 5) -> dict[str, dict[str, float]]:
    """Time Java Saxon-HE on the request and response examples of *artefact_root*.

    *artefact_root* is one ESPD-EDM version folder (holding ``validation/`` and
    ``xml-examples/``).  Returns ``{"request": {...}, "response": {...}}`` with,
    in seconds, ``cold_s`` (one JVM: start, compile, validate once),
    ``compile_s`` (compiling the stylesheets, inside that JVM),
    ``warm_median_s``/``warm_min_s``/``warm_max_s`` (parse + all stylesheets,
    after warm-up) and the counts ``failed_asserts``, ``svrl_reports``,
    ``stylesheets`` and ``repeats``.

    When the Java side cannot run, returns ``{"unavailable": {REASON: 0.0}}``:
    the reason is the key, so the result keeps one type; see
    :func:`unavailable_reason`.
    """
    try:
        return _measure(Path(artefact_root), max(1, repeats))
    except _Unavailable as exc:
        return {UNAVAILABLE: {str(exc): 0.0}}


def _measure(artefact_root: Path, repeats: int) -> dict[str, dict[str, float]]:
    deadline = _Deadline(BUDGET_S)
    java, javac, jar = shutil.which("java"), shutil.which("javac"), find_jar()
    if java is None:
        raise _Unavailable(f"no 'java' on PATH ({install_hint()})")
    if javac is None:
        raise _Unavailable(f"no 'javac' on PATH, a JDK is needed ({install_hint()})")
    if jar is None:
        raise _Unavailable(f"{JAR_NAME} of {SAXON_PACKAGE} not found ({install_hint()})")

    inputs: dict[str, tuple[Path, list[Path]]] = {}
    for kind, (rules, example) in KINDS.items():
        document = artefact_root / "xml-examples" / example
        stylesheets = sorted((artefact_root / "validation" / rules / "xsl").glob("*.xsl"))
        if not document.is_file() or not stylesheets:
            raise _Unavailable(f"ESPD-EDM {kind} example or stylesheets missing under the root")
        inputs[kind] = (document, stylesheets)

    with tempfile.TemporaryDirectory(prefix="saxon-java-bench-") as tmp:
        workdir = Path(tmp)
        _compile_harness(javac, jar, workdir, deadline)
        classpath = os.pathsep.join([str(jar), str(workdir)])
        results: dict[str, dict[str, float]] = {}
        for kind, (document, stylesheets) in inputs.items():
            kind_dir = workdir / kind
            kind_dir.mkdir()
            results[kind] = _measure_kind(
                java, classpath, document, stylesheets, repeats, kind_dir, deadline
            )
        return results


def _table(result: dict[str, dict[str, float]], version: str | None) -> str:
    lines = [
        f"Java {version or 'Saxon-HE (version unknown)'}, "
        f"warm = median of the timed runs after {WARMUP} warm-up runs",
        "",
        "| document | stylesheets | cold (s) | compile (s) | warm median (s) "
        "| warm min-max (s) | failed asserts | SVRL reports |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for kind, row in result.items():
        lines.append(
            f"| {kind} | {row['stylesheets']:.0f} | {row['cold_s']:.2f} | {row['compile_s']:.2f} "
            f"| {row['warm_median_s']:.3f} | {row['warm_min_s']:.3f}-{row['warm_max_s']:.3f} "
            f"| {row['failed_asserts']:.0f} | {row['svrl_reports']:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    if len(argv) not in (2, 3):
        print(f"usage: {Path(argv[0]).name} ESPD_EDM_VERSION_FOLDER [REPEATS]", file=sys.stderr)
        return 2
    repeats = int(argv[2]) if len(argv) == 3 else 5
    result = measure(Path(argv[1]), repeats)
    reason = unavailable_reason(result)
    if reason is not None:
        print(f"Java Saxon-HE: unavailable: {reason}")
        return 1
    print(_table(result, saxon_version()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
