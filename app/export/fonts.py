"""The embedded Unicode fonts: DejaVu Sans, found on the machine and registered once.

Helvetica and the other PDF base fonts only cover Latin-1, so "œ", "€" or "ł"
would come out as boxes; DejaVu Sans covers every EU language.  It is looked
for in ``$DUME_PDF_FONT_DIR`` when set (and only there, so a wrong setting is
reported instead of silently ignored), else in the usual font folders.

A character DejaVu Sans lacks (mathematical letters, rare scripts) is drawn
with a fallback font when one is installed (DejaVu Math TeX Gyre, FreeSerif,
Noto Sans ...); a character no font can draw is printed as its code point,
``[U+10441]``: never a blank box, and nothing silently dropped.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app.export.errors import FontMissingError

log = logging.getLogger("dume.export")

FONT_DIR_ENV = "DUME_PDF_FONT_DIR"
REGULAR_FILE = "DejaVuSans.ttf"
BOLD_FILE = "DejaVuSans-Bold.ttf"
#: names the fonts get inside the PDF (reportlab prefixes a subset tag)
REGULAR_NAME = "DejaVuSans"
BOLD_NAME = "DejaVuSans-Bold"
#: optional TrueType fonts for characters DejaVu Sans lacks, in order of preference
FALLBACK_FILES = (
    "DejaVuMathTeXGyre.ttf",
    "NotoSans-Regular.ttf",
    "NotoSansMath-Regular.ttf",
    "FreeSans.ttf",
    "FreeSerif.ttf",
    "unifont.ttf",
)

_INSTALL_HINT = (
    "Installez le paquet « fonts-dejavu-core » (Debian, Ubuntu) ou indiquez le dossier "
    f"qui contient {REGULAR_FILE} et {BOLD_FILE} dans la variable {FONT_DIR_ENV}."
)

#: a piece of text and the font that draws it; None: no font has these characters
Run = tuple[str | None, str]


@dataclass(frozen=True)
class FontSet:
    regular: str
    bold: str
    regular_path: Path
    bold_path: Path
    #: registered names of the fallback fonts found
    fallbacks: tuple[str, ...] = ()
    _covers: dict[str, frozenset[int]] = field(default_factory=dict, repr=False, compare=False)

    def _cover(self, name: str) -> frozenset[int]:
        found = self._covers.get(name)
        if found is None:
            found = frozenset(pdfmetrics.getFont(name).face.charToGlyph)
            self._covers[name] = found
        return found

    def font_for(self, char: str, bold: bool = False) -> str | None:
        """The font that draws *char*: the main one, else a fallback, else None."""
        code = ord(char)
        main = self.bold if bold else self.regular
        for name in (main, self.regular, *self.fallbacks):
            if code in self._cover(name):
                return name
        return None

    def runs(self, text: str, bold: bool = False) -> list[Run]:
        """*text* cut into pieces of one font each (white space the font lacks: a space)."""
        main = self.bold if bold else self.regular
        cover = self._cover(main)
        if all(ord(ch) in cover for ch in text):
            return [(main, text)] if text else []
        result: list[Run] = []
        for char in text:
            font = self.font_for(char, bold)
            if font is None and char.isspace():  # line breaks are kept, odd spaces become spaces
                font, char = main, "\n" if char == "\n" else " "
            if result and result[-1][0] == font:
                result[-1] = (font, result[-1][1] + char)
            else:
                result.append((font, char))
        return result


def _utf16_hex(code: int) -> str:
    return chr(code).encode("utf-16-be").hex().upper()


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ToUnicode CMap, with characters beyond U+FFFF written in UTF-16.

    reportlab writes ``<1D4B2>`` for U+1D4B2, which PDF readers reject, so
    copying or searching such a character (a mathematical letter drawn by a
    fallback font) would fail; the PDF reference wants ``<D835DCB2>``.
    """
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_utf16_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


def _fix_reportlab_to_unicode() -> None:
    """Use :func:`_to_unicode_cmap` while reportlab still writes astral characters wrongly."""
    if "<1D4B2>" in ttfonts.makeToUnicodeCMap("probe", [0x1D4B2]):
        ttfonts.makeToUnicodeCMap = _to_unicode_cmap


_fix_reportlab_to_unicode()


def code_points(text: str) -> str:
    """How characters no font can draw are printed: ``[U+10441]``."""
    return "".join(f"[U+{ord(ch):04X}]" for ch in text)


def standard_font_dirs() -> list[Path]:
    """Folders where systems and users keep TrueType fonts, most specific first."""
    home = Path.home()
    dirs = [
        Path("/usr/share/fonts/truetype/dejavu"),
        home / ".local/share/fonts",
        home / ".fonts",
        Path("/usr/local/share/fonts"),
        Path("/usr/share/fonts"),
    ]
    if sys.platform == "darwin":
        dirs += [home / "Library/Fonts", Path("/Library/Fonts")]
    if sys.platform == "win32":
        windir = Path(os.environ.get("WINDIR", "C:/Windows"))
        local = os.environ.get("LOCALAPPDATA")
        dirs += [windir / "Fonts"] + ([Path(local) / "Microsoft/Windows/Fonts"] if local else [])
    return dirs


def _find(folders: list[Path], name: str) -> Path | None:
    for folder in folders:
        direct = folder / name
        if direct.is_file():
            return direct
    for folder in folders:
        try:
            found = next((p for p in sorted(folder.rglob(name)) if p.is_file()), None)
        except OSError:  # unreadable sub-folder
            continue
        if found:
            return found
    return None


def _folders(override: str | None) -> list[Path]:
    if override:
        return [Path(override).expanduser()]
    return [d for d in standard_font_dirs() if d.is_dir()]


def locate_fonts() -> tuple[Path, Path]:
    """(regular, bold) DejaVu Sans files; :class:`FontMissingError` if there are none."""
    return _locate(os.environ.get(FONT_DIR_ENV) or None)


@cache  # a failure raises, so it is not cached: installing the font later is seen
def _locate(override: str | None) -> tuple[Path, Path]:
    folders = _folders(override)
    regular = _find(folders, REGULAR_FILE)
    bold = _find(folders, BOLD_FILE)
    if regular and bold:
        return regular, bold
    where = f"le dossier {override} ({FONT_DIR_ENV})" if override else "les dossiers de polices"
    raise FontMissingError(
        f"Police DejaVu Sans introuvable dans {where} : le PDF ne peut pas être produit "
        "sans police Unicode (accents, €, lettres des langues de l'UE).",
        hint=_INSTALL_HINT,
    )


@cache
def _fallback_paths(override: str | None, main_folder: Path) -> tuple[Path, ...]:
    folders = [main_folder, *_folders(override)]
    found = (_find(folders, name) for name in FALLBACK_FILES)
    return tuple(path for path in found if path is not None)


_registered: FontSet | None = None
_lock = threading.Lock()  # exports may run in a background thread


def _load(name: str, path: Path) -> None:
    try:
        pdfmetrics.registerFont(TTFont(name, str(path)))
    except (TTFError, OSError) as exc:
        raise FontMissingError(
            f"La police {path} ne peut pas être lue ({exc}).", hint=_INSTALL_HINT
        ) from None
    if name not in (REGULAR_NAME, BOLD_NAME):
        pdfmetrics.registerFontFamily(name, normal=name, bold=name, italic=name, boldItalic=name)


def _register(regular_path: Path, bold_path: Path, fallbacks: tuple[Path, ...]) -> FontSet:
    global _registered
    current = _registered
    if current is not None and (current.regular_path, current.bold_path) == (
        regular_path,
        bold_path,
    ):
        return current
    # Registering the same names again replaces the fonts (another folder was chosen).
    _load(REGULAR_NAME, regular_path)
    _load(BOLD_NAME, bold_path)
    pdfmetrics.registerFontFamily(
        REGULAR_NAME, normal=REGULAR_NAME, bold=BOLD_NAME, italic=REGULAR_NAME, boldItalic=BOLD_NAME
    )
    names = []
    for path in fallbacks:
        name = f"DumeFallback-{path.stem}"
        try:
            _load(name, path)
        except FontMissingError:  # an unreadable fallback only costs its characters
            log.warning("fallback font %s unreadable, ignored", path)
            continue
        names.append(name)
    log.info("PDF fonts: %s, fallbacks %s", regular_path, [str(p) for p in fallbacks])
    _registered = FontSet(REGULAR_NAME, BOLD_NAME, regular_path, bold_path, tuple(names))
    return _registered


def ensure_fonts() -> FontSet:
    """Locate and register the fonts (cheap after the first call)."""
    with _lock:
        regular, bold = locate_fonts()
        override = os.environ.get(FONT_DIR_ENV) or None
        return _register(regular, bold, _fallback_paths(override, regular.parent))


def missing_glyphs(text: str, fonts: FontSet | None = None) -> set[str]:
    """Characters of *text* no registered font can draw (printed as code points)."""
    fonts = fonts or ensure_fonts()
    return {ch for ch in set(text) if not ch.isspace() and fonts.font_for(ch) is None}
