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

from app.errors import DocumentRefusedError

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
        raise DocumentRefusedError(f"{name} : le fichier est vide.")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DocumentRefusedError(f"{name} : fichier binaire, pas un document XML.")
    if _DOCTYPE.search(data):
        raise DocumentRefusedError(
            f"{name} : le document contient une DTD ou des entités, refusées pour votre sécurité."
        )


def parse_bytes(data: bytes, name: str = "document") -> etree._ElementTree:
    if len(data) > MAX_DOCUMENT_BYTES:
        raise DocumentRefusedError(
            f"{name} : fichier trop volumineux ({len(data) // (1024 * 1024)} Mo, "
            f"maximum {MAX_DOCUMENT_BYTES // (1024 * 1024)} Mo)."
        )
    check_bytes(data, name)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        line = f" (ligne {exc.lineno})" if exc.lineno else ""
        raise DocumentRefusedError(f"{name} : XML mal formé{line} : {exc.msg}.") from None
    return etree.ElementTree(root)


def parse_file(path: Path) -> etree._ElementTree:
    """Parse *path* with every protection on; errors are one-line :class:`DocumentRefusedError`."""
    name = path.name
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentRefusedError(f"{name} : fichier introuvable.") from None
    except OSError as exc:
        raise DocumentRefusedError(f"{name} : lecture impossible ({exc.strerror}).") from None
    if path.is_dir():
        raise DocumentRefusedError(f"{name} : c'est un dossier, pas un fichier.")
    if size > MAX_DOCUMENT_BYTES:
        # Checked before reading: a 200 MB file must be refused at once.
        raise DocumentRefusedError(
            f"{name} : fichier trop volumineux ({size // (1024 * 1024)} Mo, "
            f"maximum {MAX_DOCUMENT_BYTES // (1024 * 1024)} Mo)."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentRefusedError(f"{name} : lecture impossible ({exc.strerror}).") from None
    return parse_bytes(data, name)
