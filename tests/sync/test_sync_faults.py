"""The fault matrix: whatever goes wrong on the wire, after recovery the service holds
exactly one copy of every submitted document (counted server side) and the outbox is empty."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.storage.documents import save_new
from app.sync.profiles import Timeouts
from tests.standin import FaultKind, StandinServer
from tests.sync.support import Node, buyer_request

SAVE = {"api": "dumeA", "operation": "enregistrerDume"}

#: (case id, faults to inject, profile changes)
MATRIX: list[tuple[str, list[dict[str, Any]], dict[str, Any]]] = [
    ("delay-beyond-timeout", [{"kind": FaultKind.DELAY, "delay": 0.8, **SAVE}],
     {"timeouts": Timeouts(connect=2.0, read=0.3, health=2.0)}),
    ("delay-within-timeout", [{"kind": FaultKind.DELAY, "delay": 0.2, **SAVE}], {}),
    ("drop-before-processing", [{"kind": FaultKind.DROP_BEFORE, **SAVE}], {}),
    ("drop-after-processing", [{"kind": FaultKind.DROP_AFTER, **SAVE}], {}),
    ("500-before-processing", [{"kind": FaultKind.SERVER_ERROR, **SAVE}], {}),
    ("500-after-processing", [{"kind": FaultKind.SERVER_ERROR, "after_processing": True, **SAVE}], {}),
    ("503", [{"kind": FaultKind.UNAVAILABLE, "times": 2, **SAVE}], {}),
    ("429-retry-after", [{"kind": FaultKind.RATE_LIMIT, "retry_after": 7, **SAVE}], {}),
    ("429-too-long", [{"kind": FaultKind.RATE_LIMIT, "retry_after": 3600, **SAVE}], {}),
    ("expired-token", [{"kind": FaultKind.EXPIRED_TOKEN, **SAVE}], {}),
    ("malformed-body", [{"kind": FaultKind.MALFORMED, **SAVE}], {}),
    ("drop-after-then-check-fails",
     [{"kind": FaultKind.DROP_AFTER, **SAVE},
      {"kind": FaultKind.DROP_BEFORE, "api": "dumeA", "operation": "rechercherDumes", "times": 4}], {}),
    ("drop-after-twice", [{"kind": FaultKind.DROP_AFTER, "times": 2, **SAVE}], {}),
    ("token-endpoint-500", [{"kind": FaultKind.SERVER_ERROR, "api": "token"}], {}),
    ("token-endpoint-drop", [{"kind": FaultKind.DROP_AFTER, "api": "token"}], {}),
    ("health-check-down", [{"kind": FaultKind.SERVER_ERROR, "api": "dumeA", "operation": "healthCheck"}], {}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("faults", "changes"), [pytest.param(f, c, id=name) for name, f, c in MATRIX]
)
def test_each_fault_ends_with_one_copy_per_document_and_an_empty_outbox(
    server: StandinServer,
    make_user: Callable[..., Node],
    faults: list[dict[str, Any]],
    changes: dict[str, Any],
) -> None:
    buyer = make_user(**changes)
    first, second = buyer_request("Premier marché"), buyer_request("Second marché")
    for document in (first, second):
        buyer.engine.queue_document(save_new(buyer.library, document), validated=True)
    injected = [server.inject(**fault) for fault in faults]

    report = buyer.settle(server)

    assert all(fault.times == 0 for fault in injected), "every injected fault struck"
    assert report.complete, (report.status, report.failed)
    assert buyer.open_entries() == []
    for document in (first, second):
        assert server.service.count(document.uuid) == 1, document.display_title()
    assert server.service.count() == 2
    assert {d.status for d in server.service.documents()} == {"02"}
    # the outbox history names the DUME each entry became
    assert sorted(e.dume_id for e in buyer.engine.entries()) == sorted(
        d.id for d in server.service.documents()
    )


def test_retry_after_is_honoured(server: StandinServer, make_user: Callable[..., Node]) -> None:
    buyer = make_user()
    buyer.engine.queue_document(save_new(buyer.library, buyer_request()), validated=True)
    server.inject(FaultKind.RATE_LIMIT, retry_after=7, **SAVE)
    assert buyer.engine.run_once().complete
    assert 7.0 in buyer.sleeps


def test_an_unanswered_write_is_not_resent_during_the_grace(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    document = buyer_request()
    buyer.engine.queue_document(save_new(buyer.library, document), validated=True)
    server.inject(FaultKind.DROP_AFTER, **SAVE)

    first = buyer.engine.run_once()
    assert first.delivered == []
    assert first.status.pending == 1
    assert first.status.last_error is not None
    assert "Pas de réponse" in first.status.last_error
    [entry] = buyer.engine.entries()
    assert entry.state_label == "Envoyé, réponse à confirmer"
    buyer.engine.run_once()  # within the grace: no new attempt, no check either
    assert len(server.operations("enregistrerDume")) == 1
    assert server.operations("rechercherDumes") == []

    report = buyer.settle(server)
    assert report.complete
    assert len(server.operations("enregistrerDume")) == 1  # found by the check, not resent
    assert server.service.count(document.uuid) == 1
