"""Write the exports to disk, atomically: the PDF alone, or the XML and the PDF in one ZIP.

A reader of the destination sees the old file or the new one, never half of
either (:mod:`app.storage.atomic`); a failed export leaves nothing behind.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from app.espdxml.writer import to_bytes
from app.export.pdf import render
from app.models.document import EspdDocument
from app.models.taxonomy import Taxonomy
from app.storage.atomic import atomic_write_bytes


@dataclass(frozen=True)
class ExportResult:
    path: Path
    sha256: str
    pages: int
    #: names inside the ZIP (empty for a PDF)
    members: tuple[str, ...] = ()


def export_pdf(
    document: EspdDocument,
    out: Path,
    lang: str = "fr",
    taxonomy: Taxonomy | None = None,
) -> ExportResult:
    """Write the PDF of *document* to *out*."""
    rendered = render(document, lang, taxonomy)
    digest = atomic_write_bytes(out, rendered.data, action="Écriture du PDF")
    return ExportResult(Path(out), digest, rendered.pages)


def export_zip(
    document: EspdDocument,
    out: Path,
    lang: str = "fr",
    taxonomy: Taxonomy | None = None,
) -> ExportResult:
    """Write one ZIP holding ``<name>.xml`` (ESPD-EDM 4.1.0) and ``<name>.pdf``.

    ``<name>`` is the stem of *out*, so ``dume-lot1.zip`` holds
    ``dume-lot1.xml`` and ``dume-lot1.pdf``.
    """
    out = Path(out)
    xml = to_bytes(document)
    rendered = render(document, lang, taxonomy)
    stem = out.stem or "dume"
    members = (f"{stem}.xml", f"{stem}.pdf")
    stamp = dt.datetime.now().timetuple()[:6]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in zip(members, (xml, rendered.data), strict=True):
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    digest = atomic_write_bytes(out, buffer.getvalue(), action="Écriture de l'archive ZIP")
    return ExportResult(out, digest, rendered.pages, members)
