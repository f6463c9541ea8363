"""What the service answered to each delivered outbox entry (the DUME numbers).

The outbox rows in the library record *that* an action was delivered; this
ledger records *what came back*: the DUME number the service assigned, so that
a later save of the same document modifies that DUME instead of creating a
second one.  It is a small SQLite file beside the library
(``sync-ledger.sqlite3``); it holds DUME numbers and document identities only,
never a credential.

Losing it loses no action: the engine then finds the number again on the
service by the document's ESPD UUID (:mod:`app.sync.reconcile`).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from app.storage.errors import StorageError

__all__ = ["LEDGER_FILE_NAME", "Delivery", "RemoteLedger"]

log = logging.getLogger("dume.sync")

LEDGER_FILE_NAME = "sync-ledger.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    idempotency_key TEXT PRIMARY KEY,
    profile TEXT NOT NULL,
    api TEXT NOT NULL,
    dume_id TEXT NOT NULL,
    status TEXT NOT NULL,
    document_id TEXT,
    uuid TEXT,
    delivered TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS deliveries_document ON deliveries (profile, api, document_id);
CREATE INDEX IF NOT EXISTS deliveries_uuid ON deliveries (profile, api, uuid);
CREATE INDEX IF NOT EXISTS deliveries_dume ON deliveries (profile, api, dume_id);
"""
_COLUMNS = "idempotency_key, profile, api, dume_id, status, document_id, uuid, delivered, deleted"


@dataclass(frozen=True)
class Delivery:
    idempotency_key: str
    profile: str
    api: str
    dume_id: str
    status: str
    document_id: str | None
    uuid: str | None
    delivered: datetime
    deleted: bool


def _delivery(row: tuple[object, ...]) -> Delivery:
    return Delivery(
        idempotency_key=str(row[0]),
        profile=str(row[1]),
        api=str(row[2]),
        dume_id=str(row[3]),
        status=str(row[4]),
        document_id=None if row[5] is None else str(row[5]),
        uuid=None if row[6] is None else str(row[6]),
        delivered=datetime.fromisoformat(str(row[7])),
        deleted=bool(row[8]),
    )


class RemoteLedger:
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn: sqlite3.Connection | None = conn
        self.path = path
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path) -> RemoteLedger:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=10)
        except (OSError, sqlite3.Error) as exc:
            raise StorageError(
                f"Le registre d'envoi {path.name} ne s'ouvre pas ({type(exc).__name__})."
            ) from None
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.executescript(_SCHEMA)
        except sqlite3.Error as exc:
            conn.close()
            raise StorageError(
                f"Le registre d'envoi {path.name} est illisible ({exc}).",
                hint="Vous pouvez le supprimer : les numéros seront retrouvés auprès du service.",
            ) from None
        return cls(conn, path)

    @classmethod
    def beside(cls, library_path: Path) -> RemoteLedger:
        return cls.open(library_path.with_name(LEDGER_FILE_NAME))

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> RemoteLedger:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _connection(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StorageError("Le registre d'envoi est fermé.")
        return self._conn

    def record(
        self,
        idempotency_key: str,
        *,
        profile: str,
        api: str,
        dume_id: str,
        status: str,
        document_id: str | None = None,
        uuid: str | None = None,
    ) -> Delivery:
        stamp = datetime.now(UTC).isoformat(timespec="microseconds")
        with self._lock:
            conn = self._connection()
            conn.execute(
                f"INSERT OR REPLACE INTO deliveries ({_COLUMNS}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)",
                (idempotency_key, profile, api, dume_id, status, document_id, uuid, stamp),
            )
        return Delivery(
            idempotency_key, profile, api, dume_id, status, document_id, uuid,
            datetime.fromisoformat(stamp), False,
        )  # fmt: skip

    def for_key(self, idempotency_key: str) -> Delivery | None:
        with self._lock:
            row = (
                self._connection()
                .execute(
                    f"SELECT {_COLUMNS} FROM deliveries WHERE idempotency_key = ?",
                    (idempotency_key,),
                )
                .fetchone()
            )
        return None if row is None else _delivery(row)

    def remote_id(
        self, profile: str, api: str, *, document_id: str | None = None, uuid: str | None = None
    ) -> str | None:
        """The number of the live DUME last delivered for this document (by id, else UUID)."""
        clauses = []
        if document_id:
            clauses.append(("document_id", document_id))
        if uuid:
            clauses.append(("uuid", uuid))
        with self._lock:
            conn = self._connection()
            for column, value in clauses:
                row = conn.execute(
                    "SELECT dume_id FROM deliveries WHERE profile = ? AND api = ? "
                    f"AND {column} = ? AND deleted = 0 ORDER BY delivered DESC LIMIT 1",
                    (profile, api, value),
                ).fetchone()
                if row is not None:
                    return str(row[0])
        return None

    def mark_deleted(self, profile: str, api: str, dume_id: str) -> None:
        with self._lock:
            self._connection().execute(
                "UPDATE deliveries SET deleted = 1 WHERE profile = ? AND api = ? AND dume_id = ?",
                (profile, api, dume_id),
            )

    def all(self) -> list[Delivery]:
        with self._lock:
            rows = (
                self._connection()
                .execute(f"SELECT {_COLUMNS} FROM deliveries ORDER BY delivered")
                .fetchall()
            )
        return [_delivery(row) for row in rows]
