"""Store ESPD documents in the library: the model <-> payload adapter.

Kept apart from the store itself so that ``import app.storage`` stays light
(the crash test imports it hundreds of times); this module pulls in the model.
"""

from __future__ import annotations

from pathlib import Path

from app.models.document import MODEL_VERSION, EspdDocument
from app.storage.library import Library
from app.storage.records import DocumentOrigin, DocumentSummary


def save_new(library: Library, document: EspdDocument, *, imported: bool = False) -> str:
    """Add *document* to the library; returns its library id."""
    return library.create(
        document.kind,
        document.display_title(),
        document.procedure.reference,
        document.model_dump_json(),
        MODEL_VERSION,
        origin=DocumentOrigin.IMPORTED if imported else DocumentOrigin.AUTHORED,
    ).id


def save_fetched(library: Library, document: EspdDocument) -> tuple[str, bool]:
    """Add a DUME fetched from the service, unless the library already holds it.

    Returns its library id and whether it was already there: a DUME fetched
    twice (same ESPD UUID) stays one document, with the operator's work in it.
    """
    if document.uuid:
        for existing in library.find_by_uuid(document.kind, document.uuid):
            return existing.id, True
    return save_new(library, document, imported=True), False


def fresh_copy(library: Library, doc_id: str) -> EspdDocument:
    """A copy that is a new document: new ESPD ID and UUID, so platforms never confuse the two."""
    import uuid

    document = load(library, doc_id)
    prefix = "ESPDREQ" if document.kind == "request" else "ESPDRESP"
    copy = document.clone()
    copy.id, copy.uuid = f"{prefix}-{uuid.uuid4()}", str(uuid.uuid4())
    copy.procedure.title = f"{document.procedure.title} (copie)".strip()
    return copy


def load(library: Library, doc_id: str) -> EspdDocument:
    return EspdDocument.model_validate_json(library.get(doc_id).payload)


def save(library: Library, doc_id: str, document: EspdDocument, *, autosave: bool = False) -> int:
    return library.save(
        doc_id,
        document.model_dump_json(),
        title=document.display_title(),
        reference=document.procedure.reference,
        model_version=MODEL_VERSION,
        autosave=autosave,
    )


def import_file(library: Library, path: Path) -> DocumentSummary:
    """Import an ESPD file; older versions are converted to 4.1.0 with their mismatch report."""
    from app.legacy.importing import import_document

    document = import_document(path)
    doc_id = save_new(library, document, imported=True)
    return next(s for s in library.list_documents() if s.id == doc_id)


def save_imported(library: Library, documents: list[EspdDocument]) -> list[str]:
    """Add documents read for import, in one transaction; returns their library ids."""
    with library.batch():
        return [save_new(library, document, imported=True) for document in documents]


def export_file(library: Library, doc_id: str, out: Path) -> str:
    """Write the document as ESPD-EDM 4.1.0 XML, atomically; returns the SHA-256."""
    from app.espdxml.writer import to_bytes
    from app.storage.atomic import atomic_write_bytes

    digest = atomic_write_bytes(out, to_bytes(load(library, doc_id)))
    library.record_export(doc_id, str(out.resolve()), digest, "xml")
    return digest
