"""Open any supported ESPD file as a 4.1.0 document, converting older versions on the way."""

from __future__ import annotations

import base64
from pathlib import Path

from app.espdxml import safe
from app.espdxml.detect import READABLE_VERSIONS, detect
from app.espdxml.reader import read_tree
from app.models.document import EspdDocument


def import_document(path: Path) -> EspdDocument:
    """4.1.0 is read as is; 2.1.1, 3.x and 4.0.0 are converted and carry their mismatch report.

    1.0.2 and anything unreadable raise the usual one-line :class:`UserFacingError`.
    """
    tree = safe.parse_file(path)
    detected = detect(tree, path.name)
    if detected.version in READABLE_VERSIONS:
        return read_tree(tree, detected, path.name)
    from app.legacy.convert import convert

    result = convert(path)
    document = result.document
    document.conversion_report = result.report.to_json()
    document.original_xml = base64.b64encode(path.read_bytes()).decode("ascii")
    return document


def buyer_request_xml(request: EspdDocument) -> bytes | None:
    """The buyer's original 2.x request, when the response should be answered in that version."""
    if request.kind != "request" or not request.original_xml:
        return None
    if not request.source_version.startswith("2."):
        return None
    return base64.b64decode(request.original_xml)
