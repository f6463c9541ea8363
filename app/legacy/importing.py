"""Open any supported ESPD file as a 4.1.0 document, converting older versions on the way."""

from __future__ import annotations

import base64
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from app.errors import UserFacingError
from app.espdxml import safe
from app.espdxml.detect import READABLE_VERSIONS, detect
from app.espdxml.reader import read_tree
from app.models.document import EspdDocument
from app.validation import CancelToken

#: progress(done, total, what)
Progress = Callable[[int, int, str], None]


def import_document(path: Path) -> EspdDocument:
    """4.1.0 is read as is; 2.1.1, 3.x and 4.0.0 are converted and carry their mismatch report.

    1.0.2 and anything unreadable raise the usual one-line :class:`UserFacingError`.
    """
    tree = safe.parse_file(path)
    return _import_tree(tree, path.name, path.read_bytes)


def import_bytes(data: bytes, name: str) -> EspdDocument:
    """The same for XML received rather than opened (a DUME fetched from the service)."""
    return _import_tree(safe.parse_bytes(data, name), name, lambda: data)


def _import_tree(
    tree: etree._ElementTree, name: str, original: Callable[[], bytes]
) -> EspdDocument:
    detected = detect(tree, name)
    if detected.version in READABLE_VERSIONS:
        return read_tree(tree, detected, name)
    from app.legacy.convert import convert_tree

    result = convert_tree(tree, detected, name)
    document = result.document
    document.conversion_report = result.report.to_json()
    document.original_xml = base64.b64encode(original()).decode("ascii")
    return document


def buyer_request_xml(request: EspdDocument) -> bytes | None:
    """The buyer's original 2.x request, when the response should be answered in that version."""
    if request.kind != "request" or not request.original_xml:
        return None
    if not request.source_version.startswith("2."):
        return None
    return base64.b64decode(request.original_xml)


def espd_files(paths: Iterable[Path]) -> Iterator[Path]:
    """The files named, and the ``*.xml`` under the folders named, in a stable order."""
    for path in paths:
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*.xml") if p.is_file())
        else:
            yield path


@dataclass
class ImportBatch:
    """Files read for import: the documents, and the files refused with their reason."""

    documents: list[tuple[Path, EspdDocument]] = field(default_factory=list)
    refused: list[tuple[Path, UserFacingError]] = field(default_factory=list)

    @property
    def converted(self) -> int:
        return sum(1 for _, document in self.documents if document.conversion_report)


def read_files(
    paths: Iterable[Path], progress: Progress | None = None, cancel: CancelToken | None = None
) -> ImportBatch:
    """Read (and convert) every file for import; a refused file does not stop the others."""
    files = list(dict.fromkeys(espd_files(paths)))
    batch = ImportBatch()
    for done, path in enumerate(files):
        if cancel is not None:
            cancel.check()
        if progress is not None:
            progress(done, len(files), path.name)
        try:
            batch.documents.append((path, import_document(path)))
        except UserFacingError as error:
            batch.refused.append((path, error))
    if progress is not None:
        progress(len(files), len(files), "")
    return batch
