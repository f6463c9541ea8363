"""Open any supported ESPD file as a 4.1.0 document, converting older versions on the way."""

from __future__ import annotations

import base64
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from app import messages
from app.errors import DocumentRefusedError, UserFacingError, translatable
from app.espdxml import safe
from app.espdxml.detect import READABLE_VERSIONS, detect
from app.espdxml.reader import read_tree
from app.models.document import EspdDocument
from app.validation import CancelToken

#: progress(done, total, what)
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Received:
    """One document to import: a file, or an ESPD entry of a ZIP archive (a DCE)."""

    #: what messages call it: ``offre.xml``, or ``DCE.zip › DUME/demande.xml``
    label: str
    #: the file itself, or the archive it came from
    origin: Path
    content: bytes | None = None

    @classmethod
    def file(cls, path: Path) -> Received:
        return cls(path.name, path)

    def tree(self) -> etree._ElementTree:
        if self.content is None:
            return safe.parse_file(self.origin)  # refuses a huge file before reading it
        return safe.parse_bytes(self.content, self.label)

    def data(self) -> bytes:
        return self.content if self.content is not None else self.origin.read_bytes()


def import_received(item: Received) -> EspdDocument:
    """4.1.0 is read as is; 2.x, 3.x and 4.0.0 are converted and carry their mismatch report.

    1.0.2 and anything unreadable raise the usual one-line :class:`UserFacingError`.
    """
    tree = item.tree()
    detected = detect(tree, item.label)
    if detected.version in READABLE_VERSIONS:
        return read_tree(tree, detected, item.label)
    from app.legacy.convert import convert_tree

    result = convert_tree(tree, detected, item.label)
    document = result.document
    document.conversion_report = result.report.to_json()
    document.original_xml = base64.b64encode(item.data()).decode("ascii")
    return document


def import_document(path: Path) -> EspdDocument:
    return import_received(Received.file(path))


def import_bytes(data: bytes, name: str) -> EspdDocument:
    """The same for XML received rather than opened (a DUME fetched from the service)."""
    return import_received(Received(name, Path(name), data))


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


#: a ZIP bigger than this, once decompressed, is refused (a consultation file is far smaller)
MAX_ARCHIVE_BYTES = 500 * 1024 * 1024
_ESPD_ROOTS = re.compile(
    rb"<(?:\w+:)?(?:QualificationApplicationRequest|QualificationApplicationResponse|ESPDRequest|ESPDResponse)\b"
)


def _is_zip(path: Path) -> bool:
    return path.is_file() and path.suffix.lower() == ".zip"


def archive_documents(path: Path) -> list[Received]:
    """The ESPD documents of a ZIP archive; its other files (PDF, DOCX, XML notices) are left.

    Raises :class:`DocumentRefusedError` for an unreadable or oversized archive, or one
    that holds no ESPD document.
    """
    found = []
    try:
        with zipfile.ZipFile(path) as archive:
            entries = [i for i in archive.infolist() if not i.is_dir()]
            if sum(i.file_size for i in entries) > MAX_ARCHIVE_BYTES:
                raise translatable(
                    DocumentRefusedError(""), messages.ARCHIVE_TOO_BIG, name=path.name
                )
            for info in entries:
                if (
                    not info.filename.lower().endswith(".xml")
                    or info.file_size > safe.MAX_DOCUMENT_BYTES
                ):
                    continue
                data = archive.read(info)
                if _ESPD_ROOTS.search(data[:4096]):
                    found.append(Received(f"{path.name} › {info.filename}", path, data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise translatable(
            DocumentRefusedError(""), messages.ARCHIVE_UNREADABLE, name=path.name, reason=exc
        ) from None
    if not found:
        raise translatable(
            DocumentRefusedError(""),
            messages.ARCHIVE_WITHOUT_DUME,
            messages.ARCHIVE_WITHOUT_DUME_HINT,
            name=path.name,
        )
    return found


def received(paths: Iterable[Path]) -> tuple[list[Received], list[tuple[Path, UserFacingError]]]:
    """Every document the *paths* name (files, folders' ``*.xml``, ZIP archives' ESPD
    entries), and the archives refused with their reason."""
    items: list[Received] = []
    refused: list[tuple[Path, UserFacingError]] = []
    for path in dict.fromkeys(espd_files(paths)):
        if not _is_zip(path):
            items.append(Received.file(path))
            continue
        try:
            items.extend(archive_documents(path))
        except UserFacingError as error:
            refused.append((path, error))
    return items, refused


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
    """Read (and convert) every document for import; a refused one does not stop the others."""
    items, refused = received(paths)
    batch = ImportBatch(refused=refused)
    for done, item in enumerate(items):
        if cancel is not None:
            cancel.check()
        if progress is not None:
            progress(done, len(items), item.label)
        try:
            batch.documents.append((item.origin, import_received(item)))
        except UserFacingError as error:
            batch.refused.append((item.origin, error))
    if progress is not None:
        progress(len(items), len(items), "")
    return batch
