"""The outbox: refusals stop with the service's message (retry, discard), order per
document, profiles kept apart, recovery after the app was killed mid-send."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest

from app.espdxml.writer import to_bytes
from app.storage.documents import load, save, save_new
from app.storage.records import OutboxState
from app.sync.engine import Connectivity, EventKind, SyncEvent
from app.sync.errors import SyncError
from app.sync.outbox import OutboxPayload
from tests.standin import StandinServer
from tests.sync.support import Node, buyer_request, operator_response


def _invalid_request() -> bytes:
    document = buyer_request("Marché mal formé")
    document.buyer.address.country = "FR"  # alpha-2: the XSD refuses it
    return to_bytes(document)


def test_a_refusal_fails_the_entry_with_the_service_message_then_retry_and_discard(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    server.service.validate_xml = True
    buyer = make_user()
    events: list[SyncEvent] = []
    buyer.engine.subscribe(events.append)
    entry = buyer.engine.queue_xml(_invalid_request(), validated=True, title="mal-forme.xml")
    good = buyer_request("Marché correct")
    buyer.engine.queue_document(save_new(buyer.library, good), validated=True)

    report = buyer.engine.run_once()

    [(failed_id, message)] = report.failed
    assert failed_id == entry.id
    assert message.startswith("Le service DUME a refusé « enregistrerDume » : Le DUME ne respecte")
    assert "Code du service : DUME_INVALIDE." in message
    assert len(report.delivered) == 1
    assert server.service.count(good.uuid) == 1
    status = buyer.engine.status()
    assert (status.pending, status.failed) == (0, 1)
    assert status.label == "En ligne · 1 en échec"
    failed = next(e for e in buyer.engine.entries() if e.id == entry.id)
    assert failed.state is OutboxState.FAILED
    assert failed.can_retry
    assert failed.can_discard
    assert failed.last_error == message
    assert [e.message for e in events if e.kind is EventKind.FAILED] == [message]

    buyer.engine.retry(entry.id)
    assert buyer.engine.status().pending == 1
    assert buyer.engine.run_once().failed[0][0] == entry.id  # still refused: same content

    discarded = buyer.engine.discard(entry.id)
    assert discarded.discarded
    assert discarded.state_label == "Abandonné"
    assert discarded.to_json()["state"] == "discarded"
    assert buyer.engine.status().failed == 0
    assert buyer.open_entries() == []
    with pytest.raises(SyncError, match="en échec"):
        buyer.engine.retry(entry.id)
    assert server.service.count() == 1


def test_a_failed_entry_holds_back_later_entries_of_its_document_only(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    school, gym = buyer_request("École"), buyer_request("Gymnase")
    school_id, gym_id = save_new(buyer.library, school), save_new(buyer.library, gym)
    buyer.engine.queue_document(school_id, validated=True)
    buyer.engine.run_once()
    [(_, school_dume)] = [(e.id, e.dume_id) for e in buyer.engine.entries()]

    # a second publication of the validated school is refused by the service ...
    document = load(buyer.library, school_id)
    document.procedure.title = "École (rectificatif)"
    save(buyer.library, school_id, document)
    refused = buyer.engine.queue_document(school_id, validated=True)
    report = buyer.engine.run_once()
    assert report.failed
    assert report.failed[0][0] == refused.id
    assert "DUME_NON_MODIFIABLE" in report.failed[0][1]

    # ... so a later save of the school waits, while the gym goes
    document.procedure.description = "Encore une modification"
    save(buyer.library, school_id, document)
    held = buyer.engine.queue_document(school_id, validated=False)
    buyer.engine.queue_document(gym_id, validated=True)
    report = buyer.engine.run_once()
    assert [d for _, d in report.delivered] != []
    assert server.service.count(gym.uuid) == 1
    held_entry = next(e for e in buyer.engine.entries() if e.id == held.id)
    assert held_entry.state is OutboxState.PENDING
    assert buyer.engine.status().connectivity is Connectivity.ONLINE
    assert server.service.get(school_dume).status == "02"

    buyer.engine.discard(refused.id)
    report = buyer.engine.run_once()  # unblocked: the draft save is now tried (and refused)
    assert [entry_id for entry_id, _ in report.failed] == [held.id]


def test_entries_of_another_profile_are_left_alone(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    payload = OutboxPayload.for_document(
        profile="production",
        api="dumeA",
        kind="request",
        xml=to_bytes(buyer_request()),
        validated=True,
        uuid=None,
        title="autre profil",
    )
    buyer.library.enqueue(payload.operation, payload.to_json(), idempotency_key="other-profile")
    report = buyer.engine.run_once()
    assert report.complete
    assert report.delivered == []
    assert [e.state for e in buyer.library.outbox()] == [OutboxState.PENDING]
    assert buyer.engine.entries() == []
    assert server.operations("enregistrerDume") == []


def test_an_unreadable_entry_fails_with_a_clear_message(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    item = buyer.library.enqueue("dumeA.enregistrerDume", "{}", idempotency_key="broken")
    report = buyer.engine.run_once()
    assert report.failed
    assert report.failed[0][0] == item.id
    assert "Action illisible dans la file d'envoi" in report.failed[0][1]


def test_killed_after_the_service_answered_is_settled_from_the_ledger(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    doc_id = save_new(buyer.library, buyer_request())
    entry = buyer.engine.queue_document(doc_id, validated=True)
    buyer.engine.run_once()
    # as if the process died between the ledger write and the outbox update:
    buyer.library.update_outbox(entry.id, OutboxState.SENDING)
    calls = len(server.calls)
    buyer.clock.advance(buyer.engine.ambiguity_grace * 2)
    assert buyer.engine.run_once(probe=False).complete
    assert len(server.calls) == calls  # settled locally, nothing asked or sent


def test_killed_before_the_answer_arrived_is_checked_not_resent(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    document = buyer_request()
    entry = buyer.engine.queue_document(save_new(buyer.library, document), validated=True)
    # The previous process marked the entry « sending », the service stored the
    # DUME, and the process died before reading the answer.
    buyer.library.update_outbox(entry.id, OutboxState.SENDING)
    buyer.client.save("request", OutboxPayload.from_json(buyer.library.outbox()[0].payload).xml,
                      validated=True)  # fmt: skip
    buyer.clock.advance(buyer.engine.ambiguity_grace * 2)
    report = buyer.engine.run_once()
    assert report.complete
    assert len(server.operations("enregistrerDume")) == 1
    assert server.service.count(document.uuid) == 1


def test_an_older_copy_found_by_the_check_is_modified_not_duplicated(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    document = buyer_request()
    doc_id = save_new(buyer.library, document)
    buyer.client.save("request", to_bytes(document), validated=False)  # an earlier draft
    edited = load(buyer.library, doc_id)
    edited.procedure.title = "Titre final"
    save(buyer.library, doc_id, edited)
    entry = buyer.engine.queue_document(doc_id, validated=True)
    buyer.library.update_outbox(entry.id, OutboxState.SENDING)  # outcome unknown
    buyer.clock.advance(buyer.engine.ambiguity_grace * 2)
    assert buyer.engine.run_once().complete
    [stored] = server.service.documents()
    assert stored.uuid == document.uuid
    assert stored.status == "02"
    assert b"Titre final" in stored.xml


def test_responses_go_to_the_operator_api(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    from tests.sync.support import OPERATOR

    operator = make_user("operator", OPERATOR)
    response = operator_response(buyer_request())
    entry = operator.engine.queue_xml(to_bytes(response), validated=False, title="reponse.xml")
    assert entry.operation == "dumeOE.enregistrerDume"
    assert entry.label == "Enregistrement (brouillon) du DUME opérateur économique"
    operator.engine.run_once()
    [stored] = server.service.documents()
    assert (stored.api, stored.status, stored.requester_id) == ("dumeOE", "01", OPERATOR.id)


def test_payload_round_trip_and_stable_keys() -> None:
    from app.sync.outbox import make_idempotency_key

    payload = OutboxPayload.for_document(
        profile="sandbox", api="dumeA", kind="request", xml=b"<x/>", validated=True,
        uuid="u-1", title="T",
    )  # fmt: skip
    assert OutboxPayload.from_json(payload.to_json()) == payload
    assert payload.xml == b"<x/>"
    key = make_idempotency_key(payload, document_id="d", revision=3)
    assert key == make_idempotency_key(payload, document_id="d", revision=3)
    assert key != make_idempotency_key(payload, document_id="d", revision=4)
    assert key != make_idempotency_key(
        replace(payload, validated=False), document_id="d", revision=3
    )


def test_retrying_a_failed_entry_checks_for_an_earlier_copy_first(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    document = buyer_request()
    entry = buyer.engine.queue_document(save_new(buyer.library, document), validated=True)
    # An attempt whose outcome was never known ended « failed » (the check itself
    # was refused, say); meanwhile the service had stored the DUME.
    buyer.library.update_outbox(entry.id, OutboxState.SENDING)
    buyer.client.save("request", to_bytes(document), validated=True)
    buyer.library.update_outbox(entry.id, OutboxState.FAILED, error="Vérification refusée.")
    buyer.engine.retry(entry.id)
    assert buyer.engine.run_once().complete
    assert len(server.operations("enregistrerDume")) == 1
    assert server.service.count(document.uuid) == 1
