"""Official against accelerated business rules, same processor, same run.

For each document kind, on the official ESPD-EDM 4.1.0 example, three rule
sets are compiled in one SaxonC processor:

- ``official``: every ``*.xsl`` of the kind, as published;
- ``accelerated``: what :func:`app.validation.accelerated.compile_stylesheet`
  gives (the derived ``03-ESPD-common-criterion-br.xsl`` with its taxonomy
  preloaded, the other stylesheets as published): what the app would run;
- ``indexed_only``: the derived 03 stylesheet compiled from its cache file
  without preloading, so ``document()`` parses the taxonomy on every run
  (shows what the preload adds).

Each repeat parses the example once, then runs the three sets in turn,
timing each stylesheet.  One untimed warm-up pass first.  Reported: the
median over ``repeats`` of the 03 stylesheet alone and of all the rules, per
set, plus compile times and a check that the three sets reported the same
failed asserts.

Run alone: ``.venv/bin/python bench/bench_accelerated.py [REPEATS]`` prints JSON.
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make ``app`` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import espd_schemas
from app.validation import accelerated
from espd_schemas import ArtefactSet, DocumentKind

KINDS: tuple[DocumentKind, ...] = ("request", "response")
COMMON_03 = "03-ESPD-common-criterion-br.xsl"
SETS = ("official", "accelerated", "indexed_only")


def _compile_sets(processor: Any, paths: list[Path]) -> tuple[dict[str, Any], dict[str, float]]:
    compiler = processor.new_xslt30_processor()
    sets: dict[str, Any] = {}
    seconds: dict[str, float] = {}

    start = time.perf_counter()
    sets["official"] = [
        (p.name, compiler.compile_stylesheet(stylesheet_file=str(p))) for p in paths
    ]
    seconds["official"] = time.perf_counter() - start

    start = time.perf_counter()
    sets["accelerated"] = [
        (p.name, accelerated.compile_stylesheet(processor, compiler, p)) for p in paths
    ]
    seconds["accelerated"] = time.perf_counter() - start

    indexed = []
    for p in paths:
        derived = accelerated.accelerated_stylesheet(p) if p.name == COMMON_03 else None
        indexed.append((p.name, compiler.compile_stylesheet(stylesheet_file=str(derived or p))))
    sets["indexed_only"] = indexed
    return sets, seconds


def _kind(artefacts: ArtefactSet, kind: DocumentKind, repeats: int) -> dict[str, Any]:
    from saxonche import PySaxonProcessor

    processor = PySaxonProcessor(license=False)
    paths = sorted(artefacts.rules_dir(kind).glob("*.xsl"))
    sets, compile_s = _compile_sets(processor, paths)
    text = artefacts.example(kind).read_text(encoding="utf-8")
    samples: dict[str, dict[str, list[float]]] = {s: {"03": [], "all": []} for s in SETS}
    findings: dict[str, frozenset[accelerated.AssertKey]] = {}
    for attempt in range(repeats + 1):  # attempt 0 is the warm-up
        node = processor.parse_xml(xml_text=text)
        for label in SETS:
            total = 0.0
            found: set[accelerated.AssertKey] = set()
            for name, executable in sets[label]:
                start = time.perf_counter()
                svrl = executable.transform_to_string(xdm_node=node)
                elapsed = time.perf_counter() - start
                total += elapsed
                if name == COMMON_03 and attempt:
                    samples[label]["03"].append(elapsed)
                if not attempt:
                    found |= accelerated.failed_asserts(svrl or "")
            if attempt:
                samples[label]["all"].append(total)
            else:
                findings[label] = frozenset(found)
    medians = {
        label: {part: statistics.median(values) for part, values in parts.items()}
        for label, parts in samples.items()
    }
    return {
        "stylesheets": len(paths),
        "compile_s": compile_s,
        "median_s": medians,
        "min_max_s": {
            label: {part: [min(v), max(v)] for part, v in parts.items()}
            for label, parts in samples.items()
        },
        "speedup_03": medians["official"]["03"] / medians["accelerated"]["03"],
        "speedup_all_rules": medians["official"]["all"] / medians["accelerated"]["all"],
        "same_findings": len(set(findings.values())) == 1,
        "failed_asserts": len(findings["official"]),
    }


def run(repeats: int = 5) -> dict[str, Any]:
    """Medians per kind: the 03 stylesheet and all the rules, official vs accelerated."""
    repeats = max(1, repeats)
    artefacts = espd_schemas.locate()
    source = artefacts.rules_dir("request") / COMMON_03
    start = time.perf_counter()
    derived = accelerated.derive(source)
    derive_s = time.perf_counter() - start
    return {
        "repeats": repeats,
        "espd_edm_version": artefacts.version,
        "acceleration_enabled": accelerated.acceleration_enabled(),
        "derive_s": derive_s,
        "rewrites": len(derived.rewrites) if derived else 0,
        "kinds": {kind: _kind(artefacts, kind, repeats) for kind in KINDS},
    }


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 5), indent=2))
