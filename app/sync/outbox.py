"""Outbox entries of the sync: what is queued, under which idempotency key, how it reads.

Each outgoing write is one row of the library's ``outbox`` table
(:meth:`app.storage.Library.enqueue`) whose JSON payload is an
:class:`OutboxPayload`: a snapshot of the DUME XML at the time of the action,
so later edits never change what was queued.  The idempotency key is derived
from the action (profile, API, target status, document, revision, content), so
clicking « Publier » twice queues one entry, not two.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any, Literal

from app.storage.records import OutboxItem, OutboxState
from app.sync.errors import SyncError

if TYPE_CHECKING:
    from app.storage.library import Library
    from app.sync.ledger import RemoteLedger

__all__ = [
    "DISCARDED_NOTE",
    "Action",
    "OutboxEntry",
    "OutboxPayload",
    "OutboxQueue",
    "make_idempotency_key",
]

PAYLOAD_VERSION = 1
#: last_error of an entry the user discarded (the library has no « discarded » state)
DISCARDED_NOTE = "Abandonné par l'utilisateur."


class Action(StrEnum):
    SAVE = "enregistrerDume"
    DELETE = "supprimerDume"


@dataclass(frozen=True)
class OutboxPayload:
    profile: str
    api: str  # dumeA | dumeOE
    action: Action
    kind: Literal["request", "response"]
    validated: bool = False
    xml_b64: str | None = None
    uuid: str | None = None  # ESPD cbc:UUID of the document: finds it again on the service
    dume_id: str | None = None  # known at queueing time (modifications, deletions)
    title: str = ""
    sha256: str = ""
    version: int = PAYLOAD_VERSION

    @property
    def operation(self) -> str:
        return f"{self.api}.{self.action.value}"

    @property
    def xml(self) -> bytes:
        if self.xml_b64 is None:
            raise SyncError("Cette action de la file d'envoi ne contient pas de DUME.")
        return base64.b64decode(self.xml_b64)

    def to_json(self) -> str:
        data = asdict(self)
        data["action"] = self.action.value
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> OutboxPayload:
        try:
            data: dict[str, Any] = json.loads(text)
            data["action"] = Action(data["action"])
            return cls(**data)
        except (ValueError, KeyError, TypeError) as exc:
            raise SyncError(
                f"Action illisible dans la file d'envoi ({type(exc).__name__}).",
                hint="Abandonnez-la ; l'action peut être refaite depuis le document.",
            ) from None

    @classmethod
    def for_document(
        cls,
        *,
        profile: str,
        api: str,
        kind: Literal["request", "response"],
        xml: bytes,
        validated: bool,
        uuid: str | None,
        title: str,
        dume_id: str | None = None,
    ) -> OutboxPayload:
        return cls(
            profile=profile,
            api=api,
            action=Action.SAVE,
            kind=kind,
            validated=validated,
            xml_b64=base64.b64encode(xml).decode("ascii"),
            uuid=uuid,
            dume_id=dume_id,
            title=title,
            sha256=hashlib.sha256(xml).hexdigest(),
        )


def make_idempotency_key(
    payload: OutboxPayload, *, document_id: str | None, revision: int | None
) -> str:
    """Same action on the same content -> same key (so the library dedupes it)."""
    parts = [
        payload.profile,
        payload.api,
        payload.action.value,
        "validated" if payload.validated else "draft",
        document_id or "",
        "" if revision is None else str(revision),
        payload.sha256,
        payload.dume_id or "",
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()
    return f"dume-sync-{digest[:40]}"


_SIDE = {"dumeA": "acheteur", "dumeOE": "opérateur économique"}
_STATE_LABELS = {
    OutboxState.PENDING: "En attente",
    OutboxState.SENDING: "Envoyé, réponse à confirmer",
    OutboxState.FAILED: "Échec",
    OutboxState.DONE: "Envoyé",
}


def describe(payload: OutboxPayload) -> str:
    side = _SIDE.get(payload.api, payload.api)
    if payload.action is Action.DELETE:
        return f"Suppression du DUME {side} {payload.dume_id or ''}".strip()
    verb = "Publication" if payload.validated else "Enregistrement (brouillon)"
    return f"{verb} du DUME {side}"


@dataclass(frozen=True)
class OutboxEntry:
    """One outbox row as the outbox view shows it."""

    id: int
    idempotency_key: str
    operation: str
    label: str  # « Publication du DUME acheteur »
    title: str  # the document's title
    profile: str
    document_id: str | None
    state: OutboxState
    state_label: str
    attempts: int
    last_error: str | None
    created: datetime
    updated: datetime
    dume_id: str | None  # the service's number, once known
    discarded: bool

    @property
    def can_retry(self) -> bool:
        return self.state is OutboxState.FAILED

    @property
    def can_discard(self) -> bool:
        return self.state in (OutboxState.FAILED, OutboxState.PENDING)

    @property
    def waiting(self) -> bool:
        return self.state in (OutboxState.PENDING, OutboxState.SENDING)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["state"] = "discarded" if self.discarded else self.state.value
        data["created"] = self.created.isoformat()
        data["updated"] = self.updated.isoformat()
        return data

    @classmethod
    def from_item(cls, item: OutboxItem, dume_id: str | None = None) -> OutboxEntry:
        try:
            payload: OutboxPayload | None = OutboxPayload.from_json(item.payload)
        except SyncError:
            payload = None
        discarded = item.state is OutboxState.DONE and item.last_error == DISCARDED_NOTE
        return cls(
            id=item.id,
            idempotency_key=item.idempotency_key,
            operation=item.operation,
            label=describe(payload) if payload else item.operation,
            title=payload.title if payload else "",
            profile=payload.profile if payload else "",
            document_id=item.document_id,
            state=item.state,
            state_label="Abandonné" if discarded else _STATE_LABELS[item.state],
            attempts=item.attempts,
            last_error=None if discarded else item.last_error,
            created=item.created,
            updated=item.updated,
            dume_id=dume_id or (payload.dume_id if payload else None),
            discarded=discarded,
        )


class OutboxQueue:
    """The outbox of one API profile, local only: list, queue, retry, discard.

    No network here; the engine (:class:`app.sync.engine.SyncEngine`) sends.
    Entries of other profiles stay in the library, untouched and not counted.
    """

    def __init__(self, library: Library, ledger: RemoteLedger, profile_name: str) -> None:
        self.library = library
        self.ledger = ledger
        self.profile_name = profile_name

    def mine(self, item: OutboxItem) -> bool:
        try:
            return OutboxPayload.from_json(item.payload).profile == self.profile_name
        except SyncError:
            return True  # unreadable: shown (and failed) by this profile's engine

    def open_items(self) -> list[OutboxItem]:
        """This profile's entries not done, oldest first (done ones are history)."""
        items = [
            item
            for state in (OutboxState.PENDING, OutboxState.SENDING, OutboxState.FAILED)
            for item in self.library.outbox(state)
            if self.mine(item)
        ]
        return sorted(items, key=lambda item: (item.created, item.id))

    def counts(self) -> tuple[int, int]:
        """(waiting, failed) entries of this profile."""
        items = self.open_items()
        failed = sum(1 for item in items if item.state is OutboxState.FAILED)
        return len(items) - failed, failed

    def entries(self, *, include_done: bool = True) -> list[OutboxEntry]:
        """The outbox as the outbox view lists it, oldest first."""
        if include_done:
            items = [item for item in self.library.outbox() if self.mine(item)]
        else:
            items = self.open_items()
        return [self.entry(item) for item in items]

    def entry(self, item: OutboxItem) -> OutboxEntry:
        delivery = self.ledger.for_key(item.idempotency_key)
        return OutboxEntry.from_item(item, delivery.dume_id if delivery else None)

    def item(self, entry_id: int) -> OutboxItem:
        for item in self.library.outbox():
            if item.id == entry_id:
                return item
        raise SyncError(f"L'envoi n° {entry_id} n'existe pas dans la file d'envoi.")

    def enqueue(self, payload: OutboxPayload, key: str, document_id: str | None) -> OutboxItem:
        item = self.library.enqueue(
            payload.operation, payload.to_json(), idempotency_key=key, document_id=document_id
        )
        discarded = item.state is OutboxState.DONE and item.last_error == DISCARDED_NOTE
        if item.state is OutboxState.FAILED or discarded:
            # The same action asked again: that is a retry.
            item = self.library.update_outbox(item.id, OutboxState.PENDING)
        return item

    def retry(self, entry_id: int) -> OutboxItem:
        """Put a failed entry back in the queue."""
        item = self.item(entry_id)
        if item.state is not OutboxState.FAILED:
            raise SyncError("Seul un envoi en échec peut être relancé.")
        return self.library.update_outbox(entry_id, OutboxState.PENDING)

    def discard(self, entry_id: int) -> OutboxItem:
        """Give up a failed or pending entry (kept in the history, never sent)."""
        item = self.item(entry_id)
        if item.state not in (OutboxState.FAILED, OutboxState.PENDING):
            raise SyncError(
                "Cet envoi ne peut pas être abandonné : il est déjà parti ou en cours "
                "de confirmation auprès du service."
            )
        return self.library.update_outbox(entry_id, OutboxState.DONE, error=DISCARDED_NOTE)
