"""Fixtures of the export tests: the official examples, read and rendered once."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.espdxml.reader import read_file
from app.export.pdf import render
from app.export.pdf_layout import RenderedPdf
from app.models.document import EspdDocument
from tests.export.pdf_support import page_texts

#: a fixed generation time, so the footer is known
GENERATED = dt.datetime(2026, 3, 14, 9, 26, tzinfo=dt.UTC)


@pytest.fixture(scope="session")
def response_document(example_response: Path) -> EspdDocument:
    return read_file(example_response)


@pytest.fixture(scope="session")
def request_document(example_request: Path) -> EspdDocument:
    return read_file(example_request)


@pytest.fixture(scope="session")
def response_pdf(response_document: EspdDocument) -> RenderedPdf:
    return render(response_document, "fr", generated=GENERATED)


@pytest.fixture(scope="session")
def response_pages(response_pdf: RenderedPdf) -> list[str]:
    return page_texts(response_pdf.data)


@pytest.fixture
def fresh_request(request_document: EspdDocument) -> EspdDocument:
    """A copy of the official request that a test may change."""
    return request_document.clone()
