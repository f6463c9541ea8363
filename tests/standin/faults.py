"""Fault injection for the stand-in server, configurable per call."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import StrEnum


class FaultKind(StrEnum):
    #: wait ``delay`` seconds, then process and answer normally
    DELAY = "delay"
    #: read the request, then close the connection: nothing processed
    DROP_BEFORE = "drop_before"
    #: process the request, then close the connection without answering
    DROP_AFTER = "drop_after"
    #: HTTP 500 (before processing, or after it with ``after_processing``)
    SERVER_ERROR = "server_error"
    #: HTTP 503, nothing processed
    UNAVAILABLE = "unavailable"
    #: HTTP 429 with ``Retry-After: retry_after``, nothing processed
    RATE_LIMIT = "rate_limit"
    #: the presented bearer token expires now: HTTP 401
    EXPIRED_TOKEN = "expired_token"
    #: process, then answer HTTP 200 with a truncated JSON body
    MALFORMED = "malformed"


@dataclass
class Fault:
    kind: FaultKind
    #: ``dumeA``, ``dumeOE``, ``donnees``, ``metadonnees``, ``referentiels``, ``token``,
    #: ``signature``; None: any
    api: str | None = None
    #: the JSON ``operation``; None: any
    operation: str | None = None
    #: how many matching calls it hits
    times: int = 1
    delay: float = 0.0
    retry_after: int = 1
    after_processing: bool = False

    def matches(self, api: str, operation: str | None) -> bool:
        return (self.api is None or self.api == api) and (
            self.operation is None or self.operation == operation
        )


class FaultPlan:
    """Faults waiting for their calls, consumed in the order they were added."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._faults: list[Fault] = []
        self.fired: list[tuple[FaultKind, str, str | None]] = []

    def add(self, fault: Fault) -> Fault:
        with self._lock:
            self._faults.append(fault)
        return fault

    def clear(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending(self) -> list[Fault]:
        with self._lock:
            return [f for f in self._faults if f.times > 0]

    def take(self, api: str, operation: str | None) -> Fault | None:
        with self._lock:
            for fault in self._faults:
                if fault.times > 0 and fault.matches(api, operation):
                    fault.times -= 1
                    self.fired.append((fault.kind, api, operation))
                    return fault
        return None
