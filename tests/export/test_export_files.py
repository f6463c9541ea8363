"""Writing the exports: the PDF alone, or XML + PDF in one ZIP, atomically."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from app.errors import UserFacingError
from app.espdxml.reader import read_bytes
from app.export.files import export_pdf, export_zip
from app.models.document import EspdDocument
from app.models.values import display
from tests.export.pdf_support import missing_pieces, page_texts


def _answers(document: EspdDocument) -> list[tuple[str, str]]:
    return [(a.property_id, display(a.value)) for a in document.answers]


def test_export_pdf_writes_the_pdf(tmp_path: Path, response_document: EspdDocument) -> None:
    out = tmp_path / "réponse lot 1.pdf"
    result = export_pdf(response_document, out, "en")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-")
    assert result.path == out
    assert result.pages > 10
    assert "Part I: Information concerning" in page_texts(data)[0]
    assert result.sha256 == hashlib.sha256(data).hexdigest()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["réponse lot 1.pdf"]


def test_export_zip_holds_the_xml_and_the_pdf(
    tmp_path: Path, response_document: EspdDocument
) -> None:
    out = tmp_path / "dume-lot1.zip"
    result = export_zip(response_document, out)
    assert result.members == ("dume-lot1.xml", "dume-lot1.pdf")
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == ["dume-lot1.xml", "dume-lot1.pdf"]
        xml = archive.read("dume-lot1.xml")
        pdf = archive.read("dume-lot1.pdf")
    root = etree.fromstring(xml)
    assert etree.QName(root).localname == "QualificationApplicationResponse"
    again = read_bytes(xml, "dume-lot1.xml")
    assert again.kind == "response"
    assert again.uuid == response_document.uuid
    assert again.criterion_codes() == response_document.criterion_codes()
    assert _answers(again) == _answers(response_document)
    assert [e.id for e in again.evidences] == [e.id for e in response_document.evidences]
    # the PDF in the archive is the twin of the XML beside it
    assert missing_pieces(pdf, again) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dume-lot1.zip"]


def test_a_failed_export_leaves_nothing(tmp_path: Path, response_document: EspdDocument) -> None:
    out = tmp_path / "absent" / "out.zip"
    with pytest.raises(UserFacingError):
        export_zip(response_document, out)
    assert not out.parent.exists()
    previous = tmp_path / "out.pdf"
    previous.write_bytes(b"old")
    with pytest.raises(UserFacingError):
        export_pdf(response_document, previous, "xx")
    assert previous.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.pdf"]


def test_zip_of_a_request(tmp_path: Path, request_document: EspdDocument) -> None:
    out = tmp_path / "demande.zip"
    export_zip(request_document, out, "fr")
    with zipfile.ZipFile(out) as archive:
        again = read_bytes(archive.read("demande.xml"))
        pdf = archive.read("demande.pdf")
    assert again.kind == "request"
    assert "Demande de l'acheteur" in page_texts(pdf)[0]
