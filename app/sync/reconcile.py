"""Before sending a write again, find out whether the first attempt got through.

The DUME APIs document no idempotency key (we send one in a header anyway, in
case the gateway honours it).  What the service does keep is the DUME XML, and
every ESPD document carries a ``cbc:UUID`` that our documents keep across
saves.  So after an ambiguous failure the engine lists the requester's DUMEs
(``rechercherDumes``, newest first), fetches their XML
(``recupererDumeFormate``) and looks for our UUID:

* found with our content and target status: the action was done, nothing is sent;
* found with other content (an older save): the found DUME is modified, never a new one created;
* not found: nothing arrived, the entry is sent again.

Only reads are made here; they are safe to repeat.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from app.sync.client import DumeClient, RemoteDume
from app.sync.errors import RemoteDocumentNotFoundError
from app.sync.wire import espd_uuid

__all__ = ["Found", "find_by_id", "find_by_uuid", "same_content"]

log = logging.getLogger("dume.sync")

Kind = Literal["request", "response"]


@dataclass(frozen=True)
class Found:
    remote: RemoteDume
    xml: bytes | None  # None for a deleted DUME


def _canonical(xml: bytes) -> bytes | None:
    from app.espdxml import safe

    try:
        return etree.tostring(safe.parse_bytes(xml, "DUME"), method="c14n")
    except Exception:  # any unreadable copy simply does not match
        return None


def same_content(ours: bytes, theirs: bytes) -> bool:
    """Byte-identical, or identical once canonicalised (the service may re-serialise)."""
    if ours == theirs:
        return True
    left, right = _canonical(ours), _canonical(theirs)
    return left is not None and left == right


def find_by_id(client: DumeClient, kind: Kind, dume_id: str) -> Found | None:
    for remote in client.search(kind):
        if remote.id == dume_id:
            if remote.deleted:
                return Found(remote, None)
            try:
                return Found(remote, client.fetch(kind, dume_id, "xml").content)
            except RemoteDocumentNotFoundError:
                return None
    return None


def find_by_uuid(client: DumeClient, kind: Kind, uuid: str, *, limit: int) -> Found | None:
    """The requester's live DUME whose ESPD UUID is *uuid* (scans the newest *limit*)."""
    live = [remote for remote in client.search(kind) if not remote.deleted]
    for remote in live[:limit]:
        try:
            xml = client.fetch(kind, remote.id, "xml").content
        except RemoteDocumentNotFoundError:
            continue
        if espd_uuid(xml) == uuid:
            log.info("document %s already on the service as DUME %s", uuid, remote.id)
            return Found(remote, xml)
    if len(live) > limit:
        log.warning(
            "dedupe check scanned %d of %d DUMEs of the requester; older ones not checked",
            limit,
            len(live),
        )
    return None
