"""Finding the Unicode font: standard folders, the override, and a clear error without it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from app.errors import UserFacingError
from app.export.errors import FontMissingError
from app.export.fonts import BOLD_FILE, FONT_DIR_ENV, REGULAR_FILE, ensure_fonts, locate_fonts
from app.export.pdf import render_document
from app.export.report_pdf import VerificationReportData, render_verification_report
from app.models.document import EspdDocument
from tests.export.conftest import GENERATED
from tests.export.pdf_support import page_texts


def test_dejavu_is_found_in_the_standard_folders(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FONT_DIR_ENV, raising=False)
    regular, bold = locate_fonts()
    assert regular.name == REGULAR_FILE
    assert bold.name == BOLD_FILE


def test_a_folder_without_the_font_gives_a_clear_french_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request_document: EspdDocument
) -> None:
    (tmp_path / "Arial.ttf").write_bytes(b"not a font")
    monkeypatch.setenv(FONT_DIR_ENV, str(tmp_path))
    with pytest.raises(FontMissingError) as caught:
        render_document(request_document)
    error = caught.value
    assert isinstance(error, UserFacingError)
    line = error.one_line()
    assert f"Police DejaVu Sans introuvable dans le dossier {tmp_path} ({FONT_DIR_ENV})" in line
    assert "fonts-dejavu-core" in line
    with pytest.raises(FontMissingError):
        render_verification_report(VerificationReportData("a.pdf", "00", [], checked_at=GENERATED))


def test_an_unreadable_font_file_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request_document: EspdDocument
) -> None:
    (tmp_path / REGULAR_FILE).write_bytes(b"\x00\x01\x00\x00 broken")
    (tmp_path / BOLD_FILE).write_bytes(b"\x00\x01\x00\x00 broken")
    monkeypatch.setenv(FONT_DIR_ENV, str(tmp_path))
    try:
        with pytest.raises(FontMissingError, match="ne peut pas être lue"):
            render_document(request_document)
    finally:
        monkeypatch.undo()
        ensure_fonts()


def test_the_override_folder_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request_document: EspdDocument
) -> None:
    nested = tmp_path / "polices" / "dejavu"
    nested.mkdir(parents=True)
    for path in locate_fonts():
        shutil.copy(path, nested / path.name)
    monkeypatch.setenv(FONT_DIR_ENV, str(tmp_path / "polices"))
    try:
        assert locate_fonts() == (nested / REGULAR_FILE, nested / BOLD_FILE)
        data = render_document(request_document, generated=GENERATED)
        assert "Partie I" in page_texts(data)[0]
        assert ensure_fonts().regular_path == nested / REGULAR_FILE
    finally:
        monkeypatch.undo()
        ensure_fonts()
