"""Parse untrusted XML safely.

Documents arrive from buyers, platforms and e-mail.  Parsing must never reach
the network, read local files through entities, expand entity bombs, or hang on
a huge file.  We refuse any DTD outright: no ESPD document needs one.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from lxml import etree

from app import messages
from app.errors import DocumentRefusedError, translatable

log = logging.getLogger("dume.xml")

#: The official full example response is about 1 MB; 50 MB leaves a wide margin.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=False,
    )


def check_bytes(data: bytes, name: str) -> None:
    """Refuse what is plainly not an XML document, before the parser sees it."""
    if not data.strip():
        raise translatable(DocumentRefusedError(""), messages.EMPTY_FILE, name=name)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise translatable(DocumentRefusedError(""), messages.BINARY_FILE, name=name)
    if _DOCTYPE.search(data):
        raise translatable(DocumentRefusedError(""), messages.DTD_REFUSED, name=name)


def parse_bytes(data: bytes, name: str = "document") -> etree._ElementTree:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise _too_big(name, len(data))
    check_bytes(data, name)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        template = messages.MALFORMED_AT_LINE if exc.lineno else messages.MALFORMED
        raise translatable(
            DocumentRefusedError(""), template, name=name, line=exc.lineno, detail=exc.msg
        ) from None
    return etree.ElementTree(root)


def parse_file(path: Path) -> etree._ElementTree:
    """Parse *path* with every protection on; errors are one-line :class:`DocumentRefusedError`."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise translatable(DocumentRefusedError(""), messages.NOT_FOUND, name=name) from None
    except OSError as exc:
        raise _unreadable(name, exc) from None
    if path.is_dir():
        raise translatable(DocumentRefusedError(""), messages.A_FOLDER, name=name)
    if size > MAX_DOCUMENT_BYTES:
        # Checked before reading: a 200 MB file must be refused at once.
        raise _too_big(name, size)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise _unreadable(name, exc) from None
    return parse_bytes(data, name)


def _too_big(name: str, size: int) -> DocumentRefusedError:
    megabyte = 1024 * 1024
    return translatable(
        DocumentRefusedError(""),
        messages.TOO_BIG,
        name=name,
        size=size // megabyte,
        maximum=MAX_DOCUMENT_BYTES // megabyte,
    )


def _unreadable(name: str, exc: OSError) -> DocumentRefusedError:
    return translatable(
        DocumentRefusedError(""), messages.UNREADABLE, name=name, reason=exc.strerror
    )
