"""Where the screenshot tests save what they render.

Every run renders the main screens (the tests fail if a screen cannot be
grabbed), but only ``DUME_UPDATE_SCREENSHOTS=1`` replaces the pictures the
documentation shows in ``docs/screenshots``; otherwise they go to the ignored
``build/screenshots``, so running the suite leaves the work tree clean.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTED = ROOT / "docs" / "screenshots"
SCREENSHOTS = (
    DOCUMENTED
    if os.environ.get("DUME_UPDATE_SCREENSHOTS") == "1"
    else ROOT / "build" / "screenshots"
)
