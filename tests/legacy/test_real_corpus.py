"""Real ESPD documents from public implementations: each imports, converts or says why not.

The documents belong to their publishers, so they are not part of this
repository: the test reads them from ``../shared/espd-corpus`` (beside the
project, like the official artefacts) or from the folder ``DUME_ESPD_CORPUS``
names.  ``docs/legacy-corpus.md`` lists the corpus used during development,
where each file comes from, and what came of it.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from app.legacy.triage import espd_files, triage_file

REPO = Path(__file__).resolve().parents[2]
CORPUS_ENV = "DUME_ESPD_CORPUS"


def corpus_folder() -> Path | None:
    named = os.environ.get(CORPUS_ENV)
    folder = Path(named) if named else REPO.parent / "shared" / "espd-corpus"
    return folder if folder.is_dir() else None


def _corpus_files() -> list[Path]:
    folder = corpus_folder()
    return list(espd_files([folder])) if folder else []


@pytest.mark.slow
@pytest.mark.parametrize("path", _corpus_files() or [None], ids=lambda p: p.name if p else "none")
def test_a_real_document_imports_or_is_refused_with_its_reason(
    path: Path | None, legacy_home: Path
) -> None:
    if path is None:
        pytest.skip(
            f"no corpus of real ESPD documents: place one in ../shared/espd-corpus or set {CORPUS_ENV}"
        )
    result = triage_file(path)
    assert result.outcome != "crashed", result.reason
    if result.outcome == "refused":
        # the reason names the file and says what is wrong, in one line
        assert path.name in result.reason
        return
    assert result.source_version
    # what could not be carried is counted; the 4.1.0 result passes the official rules
    assert result.valid, result.findings
