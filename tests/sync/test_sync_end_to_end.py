"""End to end against the stand-in, with the service-side validation on: a buyer
publishes, an operator fetches by number, prefills from a SIRET and answers."""

from __future__ import annotations

from collections.abc import Callable

from app.espdxml.reader import read_bytes
from app.espdxml.writer import to_bytes
from app.storage.documents import load, save, save_new
from app.storage.records import DocumentStatus, OutboxState
from app.sync.engine import Connectivity, EventKind, SyncEvent
from tests.standin import COMPANIES, StandinServer
from tests.sync.support import OPERATOR, OPERATOR_SIRET, Node, answer_all, buyer_request


def test_buyer_publishes_operator_fetches_prefills_and_answers(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    server.service.validate_xml = True
    buyer = make_user("buyer")
    events: list[SyncEvent] = []
    buyer.engine.subscribe(events.append)

    # --- the buyer publishes a request from the library
    request = buyer_request()
    doc_id = save_new(buyer.library, request)
    entry = buyer.engine.queue_document(doc_id, validated=True)
    assert entry.state is OutboxState.PENDING
    assert entry.label == "Publication du DUME acheteur"
    report = buyer.engine.run_once()

    assert report.complete
    assert report.failed == []
    [(entry_id, dume_id)] = report.delivered
    assert entry_id == entry.id
    assert len(dume_id) == 8
    assert dume_id.isalnum()
    assert dume_id.islower()
    stored = server.service.get(dume_id)
    assert stored.api == "dumeA"
    assert stored.status == "02"
    assert stored.uuid == request.uuid
    assert server.service.validations == 1  # the service checked the XML it received
    assert buyer.library.get(doc_id).status is DocumentStatus.SENT
    [done] = buyer.engine.entries()
    assert done.state is OutboxState.DONE
    assert done.dume_id == dume_id
    assert buyer.engine.status().connectivity is Connectivity.ONLINE
    assert [e.kind for e in events if e.kind is not EventKind.STATUS] == [
        EventKind.QUEUED,
        EventKind.DELIVERED,
    ]
    assert [r.id for r in buyer.client.search("request")] == [dume_id]

    # --- the operator fetches it by its number into the operator workspace
    operator = make_user("operator", OPERATOR)
    fetched = operator.client.fetch_request(dume_id)
    assert fetched.kind == "request"
    assert (fetched.uuid, fetched.procedure.reference) == (
        request.uuid,
        request.procedure.reference,
    )
    assert fetched.criterion_codes() == request.criterion_codes()
    request_in_library = save_new(operator.library, fetched, imported=True)

    # --- prefill the company profile from the SIRET
    company = operator.client.company_data(OPERATOR_SIRET)
    published, _unpublished = COMPANIES[OPERATOR_SIRET]
    assert company.name == published["raisonSociale"] == "Menuiserie Dupré"
    assert (company.postal_code, company.city, company.country) == ("95440", "Écouen", "FRA")
    assert company.size_code == "sme"
    assert company.headcount == ""
    richer = operator.client.company_data(OPERATOR_SIRET, include_unpublished=True)
    assert richer.headcount == "12"
    economic_operator = company.to_economic_operator()
    assert economic_operator.name == "Menuiserie Dupré"
    assert [(i.value, i.scheme_id) for i in economic_operator.identifiers] == [
        (OPERATOR_SIRET, "NATIONAL"),
        ("FR40412345678", "VAT"),
    ]

    # --- the service builds the answer template for this request and company
    template = read_bytes(
        operator.client.merge_company_data(OPERATOR_SIRET, request_id=dume_id), "template"
    )
    assert template.kind == "response"
    assert template.economic_operator is not None
    assert template.economic_operator.name == "Menuiserie Dupré"
    assert template.procedure.reference == request.procedure.reference

    # --- the operator answers and pushes the response
    response = answer_all(template)
    response_id = save_new(operator.library, response)
    operator.library.link_response(response_id, request_in_library)
    operator.engine.queue_document(response_id, validated=True)
    report = operator.engine.run_once()

    assert report.complete, report.failed
    [(_, response_dume)] = report.delivered
    stored_response = server.service.get(response_dume)
    assert stored_response.api == "dumeOE"
    assert stored_response.uuid == response.uuid
    assert server.service.validations == 2
    assert read_bytes(stored_response.xml).economic_operator is not None
    assert [r.id for r in operator.client.search("response")] == [response_dume]
    assert server.service.count() == 2


def test_draft_then_publish_modifies_the_same_dume(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    request = buyer_request()
    doc_id = save_new(buyer.library, request)
    buyer.engine.queue_document(doc_id, validated=False)
    first = buyer.engine.run_once()
    [(_, draft_id)] = first.delivered
    assert server.service.get(draft_id).status == "01"

    document = load(buyer.library, doc_id)
    document.procedure.title = "Réfection de l'école (version finale)"
    save(buyer.library, doc_id, document)
    buyer.engine.queue_document(doc_id, validated=True)
    second = buyer.engine.run_once()

    assert second.delivered == [(second.delivered[0][0], draft_id)]  # same DUME number
    stored = server.service.get(draft_id)
    assert stored.status == "02"
    assert read_bytes(stored.xml).procedure.title.endswith("(version finale)")
    assert server.service.count(request.uuid) == 1


def test_publishing_the_same_revision_twice_queues_one_entry(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    doc_id = save_new(buyer.library, buyer_request())
    first = buyer.engine.queue_document(doc_id, validated=True)
    again = buyer.engine.queue_document(doc_id, validated=True)
    assert again.id == first.id
    assert len(buyer.library.outbox()) == 1
    buyer.engine.run_once()
    # after delivery, the same click is recognised: nothing new is sent
    third = buyer.engine.queue_document(doc_id, validated=True)
    assert third.id == first.id
    assert third.state is OutboxState.DONE
    buyer.engine.run_once()
    assert len(server.operations("enregistrerDume")) == 1


def test_blank_models_pdf_and_labels(server: StandinServer, make_user: Callable[..., Node]) -> None:
    buyer = make_user()
    assert read_bytes(buyer.client.blank_model("request")).kind == "request"
    doc_id = save_new(buyer.library, buyer_request())
    buyer.engine.queue_document(doc_id, validated=True)
    [(_, dume_id)] = buyer.engine.run_once().delivered
    pdf = buyer.client.fetch("request", dume_id, "pdf")
    assert pdf.content.startswith(b"%PDF-")
    assert pdf.metadata["statut"] == "02"
    xml = buyer.client.fetch("request", dume_id, "xml").content
    assert xml == to_bytes(load(buyer.library, doc_id))
    assert "fr" in buyer.client.labels()["libelles"]
    buyer.client.update_metadata(dume_id, {"referenceInterne": "TRX-14"})
    assert server.service.get(dume_id).metadata["referenceInterne"] == "TRX-14"


def test_operator_dume_created_by_the_service_from_a_siret(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    doc_id = save_new(buyer.library, buyer_request())
    buyer.engine.queue_document(doc_id, validated=True)
    [(_, request_dume)] = buyer.engine.run_once().delivered
    operator = make_user("operator", OPERATOR)
    created = operator.client.operator_dume_with_company_data(OPERATOR_SIRET, request_dume)
    assert len(created.id) == 8
    assert created.id != request_dume
    document = read_bytes(created.content)
    assert document.kind == "response"
    assert document.economic_operator is not None
    assert server.service.get(created.id).status == "01"


def test_delete_goes_through_the_outbox(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user()
    request = buyer_request()
    doc_id = save_new(buyer.library, request)
    buyer.engine.queue_document(doc_id, validated=False)
    [(_, dume_id)] = buyer.engine.run_once().delivered
    entry = buyer.engine.queue_delete("request", dume_id, document_id=doc_id)
    assert entry.label == f"Suppression du DUME acheteur {dume_id}"
    report = buyer.engine.run_once()
    assert report.complete
    assert server.service.get(dume_id).status == "04"
    assert server.service.count() == 0
    # a new save of the document creates a new DUME (the deleted one is not reused)
    document = load(buyer.library, doc_id)
    document.procedure.title = "Nouvelle consultation"
    save(buyer.library, doc_id, document)
    buyer.engine.queue_document(doc_id, validated=False)
    [(_, new_id)] = buyer.engine.run_once().delivered
    assert new_id != dume_id
    assert server.service.count(request.uuid) == 1
