"""Open any supported ESPD file as a 4.1.0 document, converting older versions on the way."""

from __future__ import annotations

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
    return document
