"""The validation service: progress, cancellation, findings tied to their subject."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.errors import Interrupted
from app.validation import CancelToken, validate_path

pytestmark = pytest.mark.slow


def test_progress_is_reported_per_stylesheet(example_request: Path) -> None:
    calls: list[tuple[int, int, str]] = []
    report = validate_path(example_request, progress=lambda d, t, w: calls.append((d, t, w)))
    assert report.valid
    done = [d for d, _, _ in calls]
    assert done == sorted(done)
    assert calls[-1][0] == calls[-1][1] == 10  # ten request stylesheets
    assert any(w.startswith("03-ESPD-common-criterion") for _, _, w in calls)


def test_cancel_stops_the_rules(example_request: Path) -> None:
    token = CancelToken()
    seen: list[int] = []

    def progress(done: int, total: int, what: str) -> None:
        seen.append(done)
        if done == 2:
            token.cancel()

    with pytest.raises(Interrupted):
        validate_path(example_request, progress=progress, cancel=token)
    assert max(seen) == 2
