"""Real ESPD documents from public implementations: each imports, converts or says why not.

The documents belong to their publishers, so they are not part of this
repository: the test reads them from ``../shared/espd-corpus`` (beside the
project, like the official artefacts) or from the folder ``DUME_ESPD_CORPUS``
names.  ``real_corpus.json`` beside this file lists the corpus gathered during
development (where each file comes from, its SHA-256) and the verdict each one
gets; ``docs/legacy-corpus.md`` explains them.  Files it does not list are held
to the general promise only: no crash, and every refusal or invalid result
comes with its reasons.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

import pytest

from app.legacy.importing import espd_files
from app.legacy.triage import tally, triage_file

REPO = Path(__file__).resolve().parents[2]
CORPUS_ENV = "DUME_ESPD_CORPUS"
MANIFEST = Path(__file__).with_name("real_corpus.json")


def corpus_folder() -> Path | None:
    named = os.environ.get(CORPUS_ENV)
    folder = Path(named) if named else REPO.parent / "shared" / "espd-corpus"
    return folder if folder.is_dir() else None


def _corpus_files() -> list[Path]:
    folder = corpus_folder()
    return list(espd_files([folder])) if folder else []


def _known() -> dict[str, dict[str, Any]]:
    """sha256 -> the manifest entry of that document."""
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))["files"]
    return {entry["sha256"]: entry for entry in entries}


@pytest.mark.slow
@pytest.mark.parametrize("path", _corpus_files() or [None], ids=lambda p: p.name if p else "none")
def test_a_real_document_imports_or_is_refused_with_its_reason(
    path: Path | None, legacy_home: Path
) -> None:
    if path is None:
        pytest.skip(
            "no corpus of real ESPD documents: place one in ../shared/espd-corpus "
            f"or set {CORPUS_ENV} (see docs/legacy-corpus.md)"
        )
    result = triage_file(path)
    assert result.outcome != "crashed", result.reason
    assert result.explained(), result
    if result.outcome == "refused":
        assert path.name in result.reason  # one line that names the file and says why
    else:
        assert result.source_version
    # A source that passes its own version's rules converts to a valid 4.1.0 document.
    assert not result.conversion_at_fault, result.findings
    if result.valid is False and result.outcome == "converted":
        assert result.source_findings, "an invalid result must come with the source's faults"
    entry = _known().get(hashlib.sha256(path.read_bytes()).hexdigest())
    if entry is not None:
        assert list(tally([result])) == [entry["verdict"]], entry["path"]
        assert result.source_version == entry["detected_version"]


def test_the_manifest_names_the_origin_and_verdict_of_every_document() -> None:
    data = json.loads(MANIFEST.read_text(encoding="utf-8"))
    verdicts = {"read", "read-invalid", "converted", "converted-invalid", "refused"}
    assert data["files"]
    for entry in data["files"]:
        assert entry["repo"].count("/") == 1
        assert entry["path"]
        assert len(entry["sha256"]) == 64
        assert entry["verdict"] in verdicts
        assert entry["repo"] in data["licences"]
