"""Shared helpers of the sync tests: profiles, small documents, a user's sync stack."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from app.models.answering import new_response
from app.models.builder import request_from_spec
from app.models.document import EspdDocument
from app.models.taxonomy import Taxonomy
from app.models.values import IndicatorValue
from app.storage.library import Library
from app.storage.records import OutboxState, now_utc
from app.sync.client import DumeClient, connect
from app.sync.credentials import Credentials, CredentialStore
from app.sync.engine import SyncEngine, SyncReport
from app.sync.profiles import (
    SANDBOX,
    ApiProfile,
    PlatformIdentity,
    Requester,
    RetryPolicy,
    Timeouts,
)
from tests.standin import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_PLATFORM_ID,
    DEMO_TECHNICAL_ID,
    StandinServer,
)

BUYER = Requester("21350001200017", "Commune de Sainte-Ève")
OPERATOR = Requester("41234567800012", "Menuiserie Dupré")
OPERATOR_SIRET = "41234567800012"
GRACE = timedelta(seconds=30)


@functools.cache
def taxonomy() -> Taxonomy:
    from app.espdxml.taxonomy import load_taxonomy

    return load_taxonomy()


def buyer_request(
    title: str = "Réfection de l'école", reference: str = "2026-TRX-014"
) -> EspdDocument:
    """A small, valid ESPD request (one lot, one selection criterion); a new UUID each call."""
    spec = {
        "buyer": {"name": BUYER.name, "identifier": BUYER.id, "country": "FRA"},
        "procedure": {"reference": reference, "title": title, "type": "open"},
        "lots": ["LOT-0001"],
        "criteria": ["gen-year-to"],
    }
    return request_from_spec(spec, taxonomy())


def answer_all(response: EspdDocument) -> EspdDocument:
    """Answer « no » to every top-level indicator, as an operator would to pass the rules."""
    operator = response.economic_operator
    assert operator is not None
    operator.address.country = operator.address.country or "FRA"
    operator.size_code = operator.size_code or "micro"
    for criterion in response.criteria:
        for prop in criterion.questions():
            if prop.data_type == "INDICATOR" and prop.id.count("/") <= 2:
                response.set_answers(prop.id, [IndicatorValue(value=False)])
    return response


def operator_response(request: EspdDocument) -> EspdDocument:
    from app.models.document import PartyIdentifier

    response = new_response(request)
    assert response.economic_operator is not None
    response.economic_operator.name = OPERATOR.name
    response.economic_operator.identifiers = [
        PartyIdentifier(value=OPERATOR.id, scheme_id="NATIONAL", scheme_agency_id="INSEE")
    ]
    return answer_all(response)


def standin_profile(
    server: StandinServer, requester: Requester = BUYER, **changes: Any
) -> ApiProfile:
    profile = replace(
        SANDBOX,
        name="standin",
        label="Serveur de démonstration",
        token_url=server.token_url,
        api_base_url=server.base_url,
        platform=PlatformIdentity(1, DEMO_PLATFORM_ID, DEMO_TECHNICAL_ID),
        requester=requester,
        timeouts=Timeouts(connect=2.0, read=5.0, health=2.0),
        retry=RetryPolicy(max_attempts=4, base_delay=0.01, max_delay=0.05, max_retry_after=30),
    )
    return replace(profile, **changes)


class Sleeps(list[float]):
    """An injected ``sleep`` that records the delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@dataclass
class Clock:
    """Wall clock of an engine, movable forward (the ambiguity grace)."""

    offset: timedelta = field(default_factory=timedelta)

    def now(self) -> datetime:
        return now_utc() + self.offset

    def advance(self, delta: timedelta) -> None:
        self.offset += delta


@dataclass
class Node:
    """One user's machine: library, client, engine."""

    library: Library
    client: DumeClient
    engine: SyncEngine
    sleeps: Sleeps
    clock: Clock

    def close(self) -> None:
        self.engine.close()
        self.client.close()
        self.library.close()

    def settle(self, server: StandinServer, rounds: int = 8) -> SyncReport:
        """Run the engine until nothing is left (letting the grace pass between runs)."""
        report = self.engine.run_once()
        for _ in range(rounds):
            if report.complete:
                break
            server.wait_idle()
            self.clock.advance(GRACE + timedelta(seconds=1))
            report = self.engine.run_once()
        return report

    def open_entries(self) -> list[Any]:
        return [
            item
            for item in self.library.outbox()
            if item.state in (OutboxState.PENDING, OutboxState.SENDING, OutboxState.FAILED)
        ]


def save_credentials(profile: ApiProfile, secret: str = DEMO_CLIENT_SECRET) -> CredentialStore:
    store = CredentialStore(profile.keyring_service)
    store.save(Credentials(DEMO_CLIENT_ID, secret))
    return store


def make_node(folder: Path, profile: ApiProfile, *, credentials: bool = True) -> Node:
    folder.mkdir(parents=True, exist_ok=True)
    if credentials:
        save_credentials(profile)
    sleeps, clock = Sleeps(), Clock()
    library = Library.open(folder / "library.sqlite3", daily_backup=False)
    client = connect(profile, sleep=sleeps)
    engine = SyncEngine.open(library, client, now=clock.now, ambiguity_grace=GRACE)
    return Node(library, client, engine, sleeps, clock)
