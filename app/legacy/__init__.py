"""Older ESPD-EDM versions (2.1.1, 3.x, 4.0.0): read, convert to 4.1.0, check, answer in 2.1.1.

Qt-free.  Entry points:

- :func:`convert` — any readable document to a 4.1.0 :class:`~app.models.document.EspdDocument`
  plus a :class:`MismatchReport` of what did not carry over (4.1.0 passes through);
- :func:`validate_as_version` — XSD and rules of the document's own release;
- :func:`write_2_1_1` / :func:`export_2_1_1` — a 4.1.0 response written as 2.1.1;
- :func:`legacy_artefacts` — the official files of a release, through the locator.
"""

from app.legacy.convert import ConversionResult, convert, convert_tree
from app.legacy.layout import LAYOUTS, LEGACY_VERSIONS, LegacyArtefactSet, legacy_artefacts
from app.legacy.report import Mismatch, MismatchReport
from app.legacy.validate import validate_as_version
from app.legacy.write211 import Export211, export_2_1_1, write_2_1_1

__all__ = [
    "LAYOUTS",
    "LEGACY_VERSIONS",
    "ConversionResult",
    "Export211",
    "LegacyArtefactSet",
    "Mismatch",
    "MismatchReport",
    "convert",
    "convert_tree",
    "export_2_1_1",
    "legacy_artefacts",
    "validate_as_version",
    "write_2_1_1",
]
