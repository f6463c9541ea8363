"""Offline first: with the service down, actions queue up; when it is back they leave in order."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

from app.storage.documents import load, save, save_new
from app.storage.records import OutboxState
from app.sync.engine import BackgroundSync, Connectivity, EventKind, SyncEngine, SyncEvent
from tests.standin import StandinServer
from tests.sync.support import Node, buyer_request


def test_three_actions_queue_offline_and_are_delivered_in_order(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    events: list[SyncEvent] = []
    buyer.engine.subscribe(events.append)
    server.stop()  # the port stays reserved for this server: it comes back on it

    school, gym = buyer_request("École"), buyer_request("Gymnase")
    school_id = save_new(buyer.library, school)
    gym_id = save_new(buyer.library, gym)
    buyer.engine.queue_document(school_id, validated=False)  # 1. save the school as draft
    buyer.engine.queue_document(gym_id, validated=True)  # 2. publish the gym
    document = load(buyer.library, school_id)
    document.procedure.description = "Lot unique, visite obligatoire."
    save(buyer.library, school_id, document)
    buyer.engine.queue_document(school_id, validated=True)  # 3. publish the edited school

    offline = buyer.engine.run_once()
    assert offline.status.connectivity is Connectivity.OFFLINE
    assert offline.status.pending == 3
    assert offline.delivered == []
    assert offline.status.last_error is not None
    assert "injoignable" in offline.status.last_error
    assert offline.status.label == "Hors ligne · 3 en attente"
    assert [e.state for e in buyer.engine.entries()] == [OutboxState.PENDING] * 3
    assert server.calls == []

    server.start()
    online = buyer.engine.run_once()

    assert online.complete
    assert online.status.connectivity is Connectivity.ONLINE
    entries = buyer.engine.entries()
    assert [entry_id for entry_id, _ in online.delivered] == [e.id for e in entries]
    saves = [c for c in server.calls if c.operation == "enregistrerDume"]
    assert [c.status for c in saves] == [200, 200, 200]
    school_dume, gym_dume, school_again = (e.dume_id for e in entries)
    assert school_again == school_dume != gym_dume  # the third modified the first's DUME
    assert server.service.get(school_dume).seq < server.service.get(gym_dume).seq
    assert server.service.get(school_dume).status == "02"
    assert server.service.count(school.uuid) == server.service.count(gym.uuid) == 1
    delivered = [e.entry_id for e in events if e.kind is EventKind.DELIVERED]
    assert delivered == [e.id for e in entries]
    states = [e.status.connectivity for e in events]
    assert Connectivity.OFFLINE in states
    assert states[-1] is Connectivity.ONLINE
    assert Connectivity.SYNCING in states[states.index(Connectivity.OFFLINE) :]


def test_tick_backs_off_while_offline(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    now = [1000.0]
    engine = SyncEngine(
        buyer.library,
        buyer.client,
        buyer.engine.ledger,
        monotonic=lambda: now[0],
        offline_retry=10.0,
        offline_retry_max=40.0,
    )
    server.stop()
    engine.queue_document(save_new(buyer.library, buyer_request()), validated=True)
    probes: list[float] = []
    engine.subscribe(
        lambda event: probes.append(now[0]) if event.kind is EventKind.STATUS else None
    )
    assert engine.tick().connectivity is Connectivity.OFFLINE
    for _ in range(40):  # 40 ticks a second apart
        now[0] += 1.0
        engine.tick()
    gaps = [b - a for a, b in itertools.pairwise(probes)]
    assert len(gaps) >= 2  # 10 s, 20 s, 40 s (each ±20 %)
    assert all(gap >= 8.0 for gap in gaps), gaps
    assert gaps[1] > gaps[0]

    server.start()
    assert engine.tick().connectivity is Connectivity.OFFLINE  # not due yet
    engine.request_probe()
    status = engine.tick()
    assert status.connectivity is Connectivity.ONLINE
    assert status.pending == 0


def test_background_loop_delivers_and_stops_cleanly(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    delivered = threading.Event()
    buyer.engine.subscribe(lambda e: delivered.set() if e.kind is EventKind.DELIVERED else None)
    loop = BackgroundSync(buyer.engine, period=0.05)
    loop.start()
    try:
        buyer.engine.queue_document(save_new(buyer.library, buyer_request()), validated=True)
        loop.wake()
        assert delivered.wait(10)
    finally:
        loop.stop()
    assert not any(t.name == "dume-sync" for t in threading.enumerate())
    assert buyer.engine.status().pending == 0
