"""A converted document's PDF carries its mismatch report (issue 9: nothing lost silently)."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.export.pdf import render_document
from app.legacy.importing import import_document

pytestmark = pytest.mark.slow


def test_converted_response_lists_its_mismatches(shared_espd_edm: Path) -> None:
    source = shared_espd_edm / "3.3.0" / "xml-examples" / "ESPD-Response.xml"
    document = import_document(source)
    report = document.conversion_report
    assert report is not None
    assert report["entries"]
    text = "".join(
        page.extract_text() for page in PdfReader(BytesIO(render_document(document))).pages
    )
    flat = " ".join(text.split())
    assert "Rapport de conversion" in flat
    assert "3.3.0" in flat
    reasons = {" ".join(str(e["reason"]).split()) for e in report["entries"] if e.get("reason")}
    # Every reason is printed (wrapped lines joined back for the comparison).
    squashed = flat.replace(" ", "")
    missing = [r for r in reasons if r.replace(" ", "") not in squashed]
    assert missing == []


def test_native_document_has_no_conversion_section(example_request: Path) -> None:
    document = import_document(example_request)
    assert document.conversion_report is None
    text = "".join(
        page.extract_text() for page in PdfReader(BytesIO(render_document(document))).pages
    )
    assert "Rapport de conversion" not in text
