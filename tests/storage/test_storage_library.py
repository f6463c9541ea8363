"""The repository API: documents, search, trash, revisions, profiles, exports, queues."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from app.storage import (
    SCHEMA_VERSION,
    DocumentKind,
    DocumentNotFoundError,
    DocumentOrigin,
    DocumentStatus,
    InvalidPayloadError,
    Library,
    OutboxState,
    StorageError,
)
from tests.storage.storage_support import REPO_ROOT, doc_payload, raw_query


def test_open_creates_wal_library_in_user_data_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DUME_DATA_DIR", str(tmp_path / "données"))
    with Library.open() as lib:
        assert lib.path == tmp_path / "données" / "library.sqlite3"
        conn = lib._conn
        assert conn is not None
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone() == (1,)
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert conn.execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)
    assert lib.closed
    lib.close()  # idempotent
    with pytest.raises(StorageError, match="fermée"):
        lib.list_documents()


def test_import_is_light() -> None:
    code = (
        "import sys, app.storage\n"
        "heavy = {'PySide6', 'shiboken6', 'lxml', 'pydantic', 'platformdirs'}\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT
    )
    assert result.stdout.strip() == "[]"


def test_create_get_save(lib: Library) -> None:
    doc = lib.create("request", "Marché de travaux", "AO-2024-17", doc_payload(v=1), 3)
    assert doc.kind is DocumentKind.REQUEST
    assert doc.origin is DocumentOrigin.AUTHORED
    assert doc.status is DocumentStatus.DRAFT
    assert doc.revision == 1
    assert lib.get(doc.id) == doc

    number = lib.save(doc.id, doc_payload(v=2), title="Marché modifié", status="validated")
    assert number == 2
    stored = lib.get(doc.id)
    assert json.loads(stored.payload) == {"v": 2}
    assert stored.title == "Marché modifié"
    assert stored.procedure_reference == "AO-2024-17"  # unchanged when not given
    assert stored.status is DocumentStatus.VALIDATED
    assert stored.revision == 2
    assert stored.modified > doc.modified
    assert stored.created == doc.created
    assert stored.model_version == 3


def test_save_validates_json_and_changes_nothing(lib: Library) -> None:
    doc = lib.create("request", "t", "r", doc_payload(v=1), 1)
    with pytest.raises(InvalidPayloadError, match="JSON"):
        lib.save(doc.id, '{"v": ')
    with pytest.raises(InvalidPayloadError):
        lib.create("request", "t", "r", "not json", 1)
    assert lib.get(doc.id) == doc
    assert [r.number for r in lib.revisions(doc.id)] == [1]


def test_unknown_document(lib: Library) -> None:
    with pytest.raises(DocumentNotFoundError, match="n'existe plus"):
        lib.get("nope")
    with pytest.raises(DocumentNotFoundError):
        lib.save("nope", "{}")
    with pytest.raises(DocumentNotFoundError):
        lib.delete("nope")
    with pytest.raises(DocumentNotFoundError):
        lib.set_status("nope", "sent")


def test_list_filters_and_order(lib: Library) -> None:
    a = lib.create("request", "A", "", "{}", 1)
    b = lib.create("response", "B", "", "{}", 1, status="sent")
    c = lib.create("response", "C", "", "{}", 1)
    lib.save(a.id, "{}")  # now the most recent
    assert [d.id for d in lib.list_documents()] == [a.id, c.id, b.id]
    assert [d.id for d in lib.list_documents(kind="response")] == [c.id, b.id]
    assert [d.id for d in lib.list_documents(kind=DocumentKind.RESPONSE, status="sent")] == [b.id]
    assert not hasattr(lib.list_documents()[0], "payload")


def test_search_ignores_case_and_accents(lib: Library) -> None:
    ecoles = lib.create("request", "Rénovation des ÉCOLES", "AO-2024-017", "{}", 1)
    creche = lib.create("request", "Crèche municipale", "MAPA_42", "{}", 1)
    lib.create("request", "Voirie 100% recyclée", "V-1", "{}", 1)

    def found(text: str) -> set[str]:
        return {d.title for d in lib.list_documents(search=text)}

    assert found("ecoles") == {ecoles.title}
    assert found("écoles") == {ecoles.title}
    assert found("ÉCOLE rénov") == {ecoles.title}  # every word must match
    assert found("ecoles voirie") == set()
    assert found("ao-2024") == {ecoles.title}  # the procedure reference
    assert found("CRECHE") == {creche.title}
    assert found("mapa_42") == {creche.title}
    assert found("mapa%42") == set()  # % and _ are not wildcards
    assert found("100%") == {"Voirie 100% recyclée"}
    assert len(found("")) == 3
    lib.save(ecoles.id, "{}", title="Gymnase", reference="G-1")
    assert found("ecoles") == set()
    assert found("gymnase") == {"Gymnase"}


def test_trash_restore_and_empty(lib: Library, library_path: Path) -> None:
    keep = lib.create("request", "Gardé", "", "{}", 1)
    gone = lib.create("request", "Jeté", "", "{}", 1)
    lib.record_export(gone.id, "/tmp/x.xml", "0" * 64, "espd-xml")
    lib.delete(gone.id)
    lib.delete(gone.id)  # already in the trash: no-op
    assert [d.id for d in lib.list_documents()] == [keep.id]
    assert {d.id for d in lib.list_documents(include_deleted=True)} == {keep.id, gone.id}
    assert [d.id for d in lib.list_trash()] == [gone.id]
    assert lib.get(gone.id).in_trash

    lib.restore(gone.id)
    assert {d.id for d in lib.list_documents()} == {keep.id, gone.id}
    assert lib.list_trash() == []

    lib.delete(gone.id)
    assert lib.empty_trash() == 1
    with pytest.raises(DocumentNotFoundError):
        lib.get(gone.id)
    assert [d.id for d in lib.list_documents(include_deleted=True)] == [keep.id]
    # its history and exports went with it
    assert raw_query(
        library_path, "SELECT count(*) FROM revisions WHERE document_id = ?", (gone.id,)
    ) == [(0,)]
    assert lib.counts()["exported_files"] == 0
    assert lib.empty_trash() == 0


def test_revisions_are_numbered_and_pruned(library_path: Path) -> None:
    with Library.open(library_path, revisions_kept=5) as lib:
        doc = lib.create("response", "R", "", doc_payload(n=1), 1)
        numbers = [lib.save(doc.id, doc_payload(n=n)) for n in range(2, 14)]
        assert numbers == list(range(2, 14))
        history = lib.revisions(doc.id)
        assert [r.number for r in history] == [13, 12, 11, 10, 9]
        assert all(not r.autosave for r in history)
        assert json.loads(lib.get_revision(doc.id, 10).payload) == {"n": 10}
        with pytest.raises(DocumentNotFoundError, match="n'est plus disponible"):
            lib.get_revision(doc.id, 8)
        # numbers keep growing after pruning, never reused
        assert lib.save(doc.id, doc_payload(n=14)) == 14
        assert [r.number for r in lib.revisions(doc.id)] == [14, 13, 12, 11, 10]


def test_restore_revision_creates_a_new_revision(lib: Library) -> None:
    doc = lib.create("request", "Premier titre", "REF-1", doc_payload(n=1), 1)
    lib.save(doc.id, doc_payload(n=2), title="Second titre", reference="REF-2")
    assert lib.restore_revision(doc.id, 1) == 3
    restored = lib.get(doc.id)
    assert restored.payload == doc.payload
    assert (restored.title, restored.procedure_reference) == ("Premier titre", "REF-1")
    assert [r.number for r in lib.revisions(doc.id)] == [3, 2, 1]
    assert lib.get_revision(doc.id, 2).title == "Second titre"


def test_autosaves_amend_the_latest_revision_for_a_while(library_path: Path) -> None:
    with Library.open(library_path, autosave_window=timedelta(hours=1)) as lib:
        doc = lib.create("request", "R", "", doc_payload(n=0), 1)
        assert lib.save(doc.id, doc_payload(n=1), autosave=True) == 2  # after a real save
        assert lib.save(doc.id, doc_payload(n=2), autosave=True) == 2  # amended
        assert lib.save(doc.id, doc_payload(n=3), autosave=True) == 2
        assert json.loads(lib.get_revision(doc.id, 2).payload) == {"n": 3}
        assert lib.get_revision(doc.id, 2).autosave
        assert lib.save(doc.id, doc_payload(n=4)) == 3  # an explicit save appends
        assert lib.save(doc.id, doc_payload(n=5), autosave=True) == 4
    with Library.open(library_path, autosave_window=timedelta(0)) as lib:
        assert lib.save(doc.id, doc_payload(n=6), autosave=True) == 5  # window over
        assert json.loads(lib.get(doc.id).payload) == {"n": 6}


def test_duplicate(lib: Library) -> None:
    request = lib.create("request", "Demande", "AO-9", "{}", 1, origin="imported")
    doc = lib.create(
        "response", "Réponse", "AO-9", doc_payload(a=1), 2, answers_request_id=request.id
    )
    lib.save(doc.id, doc_payload(a=2), status="sent")
    copy = lib.duplicate(doc.id)
    assert copy.id != doc.id
    assert copy.title == "Réponse (copie)"
    assert copy.payload == doc_payload(a=2)
    assert copy.status is DocumentStatus.DRAFT
    assert copy.answers_request_id == request.id
    assert copy.model_version == 2
    assert [r.number for r in lib.revisions(copy.id)] == [1]
    assert lib.duplicate(doc.id, title="Autre").title == "Autre"
    assert len(lib.list_documents(kind="response")) == 3


def test_responses_link_to_the_request_they_answer(lib: Library) -> None:
    request = lib.create("request", "Demande importée", "AO-1", "{}", 1, origin="imported")
    other = lib.create("request", "Autre", "AO-2", "{}", 1)
    response = lib.create("response", "Réponse", "AO-1", "{}", 1, answers_request_id=request.id)
    assert lib.get(request.id).origin is DocumentOrigin.IMPORTED
    assert [d.id for d in lib.responses_to(request.id)] == [response.id]

    lib.link_response(response.id, other.id)
    assert lib.get(response.id).answers_request_id == other.id
    assert lib.responses_to(request.id) == []
    with pytest.raises(StorageError, match="demande"):
        lib.link_response(response.id, response.id)  # not a request
    with pytest.raises(StorageError, match="réponse"):
        lib.link_response(request.id, other.id)  # not a response
    with pytest.raises(StorageError):
        lib.create("request", "x", "", "{}", 1, answers_request_id=request.id)

    # deleting the request for good unlinks the response, which stays
    lib.delete(other.id)
    lib.empty_trash()
    assert lib.get(response.id).answers_request_id is None
    lib.link_response(response.id, None)


def test_set_status(lib: Library) -> None:
    doc = lib.create("request", "t", "", "{}", 1)
    for status in ("validated", "exported", "sent", "draft"):
        lib.set_status(doc.id, status)
        assert lib.get(doc.id).status == status
    with pytest.raises(ValueError, match="archived"):
        lib.set_status(doc.id, "archived")
    assert lib.get(doc.id).revision == 1  # a status is not a revision


def test_profiles_crud(lib: Library) -> None:
    zeta = lib.create_profile("Zêta BTP", doc_payload(siret="1"))
    alpha = lib.create_profile("Alpha Ingénierie", doc_payload(siret="2"))
    assert [p.name for p in lib.list_profiles()] == ["Alpha Ingénierie", "Zêta BTP"]
    assert lib.get_profile(zeta.id) == zeta
    updated = lib.update_profile(zeta.id, name="Zêta Bâtiment")
    assert (updated.name, updated.payload) == ("Zêta Bâtiment", zeta.payload)
    updated = lib.update_profile(zeta.id, payload=doc_payload(siret="3"))
    assert (updated.name, json.loads(updated.payload)) == ("Zêta Bâtiment", {"siret": "3"})
    assert updated.modified >= zeta.modified
    with pytest.raises(InvalidPayloadError):
        lib.update_profile(zeta.id, payload="{")
    lib.delete_profile(alpha.id)
    assert [p.id for p in lib.list_profiles()] == [zeta.id]
    with pytest.raises(DocumentNotFoundError, match="profil"):
        lib.get_profile(alpha.id)
    with pytest.raises(DocumentNotFoundError):
        lib.update_profile(alpha.id, name="x")


def test_exports_are_recorded(lib: Library, tmp_path: Path) -> None:
    doc = lib.create("response", "t", "", "{}", 1)
    first = lib.record_export(doc.id, tmp_path / "a.xml", "a" * 64, "espd-xml")
    second = lib.record_export(doc.id, tmp_path / "a.pdf", "b" * 64, "pdf")
    assert lib.exports(doc.id) == [second, first]
    assert first.path == str(tmp_path / "a.xml")
    with pytest.raises(DocumentNotFoundError):
        lib.record_export("nope", tmp_path / "a.xml", "a" * 64, "espd-xml")


def test_outbox_is_idempotent(lib: Library) -> None:
    doc = lib.create("response", "t", "", "{}", 1)
    item = lib.enqueue("send", doc_payload(to="acheteur"), idempotency_key="k1", document_id=doc.id)
    assert item.state is OutboxState.PENDING
    assert lib.enqueue("send", doc_payload(to="autre"), idempotency_key="k1") == item
    sending = lib.update_outbox(item.id, "sending")
    assert (sending.state, sending.attempts) == (OutboxState.SENDING, 1)
    failed = lib.update_outbox(item.id, OutboxState.FAILED, error="réseau indisponible")
    assert (failed.attempts, failed.last_error) == (1, "réseau indisponible")
    lib.enqueue("send", "{}", idempotency_key="k2")
    assert [i.idempotency_key for i in lib.outbox()] == ["k1", "k2"]
    assert [i.idempotency_key for i in lib.outbox("failed")] == ["k1"]
    with pytest.raises(DocumentNotFoundError):
        lib.update_outbox(999, "done")


def test_verification_history(lib: Library) -> None:
    first = lib.record_verification("a.xml", "a" * 64, "TOTAL-PASSED", doc_payload(ok=True))
    second = lib.record_verification("b.xml", "b" * 64, "TOTAL-FAILED", doc_payload(ok=False))
    assert lib.verification_history() == [second, first]
    assert lib.verification_history(limit=1) == [second]


def test_batch_is_all_or_nothing(lib: Library) -> None:
    lib.create("request", "avant", "", "{}", 1)

    def two_creations() -> None:
        with lib.batch():
            lib.create("request", "un", "", "{}", 1)
            lib.create("request", "deux", "", "pas du json", 1)

    with pytest.raises(InvalidPayloadError):
        two_creations()
    assert [d.title for d in lib.list_documents()] == ["avant"]
    with lib.batch():
        for n in range(10):
            lib.create("request", f"doc {n}", "", "{}", 1)
    assert len(lib.list_documents()) == 11


def test_threads_share_a_library(lib: Library) -> None:
    doc = lib.create("request", "t", "", doc_payload(n=0), 1)
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for n in range(20):
                lib.save(doc.id, doc_payload(n=offset + n))
                lib.list_documents(search="t")
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k * 100,)) for k in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert lib.get(doc.id).revision == 81


def test_a_dume_fetched_twice_stays_one_document(lib: Library) -> None:
    from app.models.document import new_request
    from app.storage.documents import load, save, save_fetched

    fetched = new_request()
    doc_id, already = save_fetched(lib, fetched)
    assert already is False
    assert lib.find_by_uuid("request", fetched.uuid)[0].id == doc_id
    assert lib.find_by_uuid("response", fetched.uuid) == []

    # the operator works on it, then fetches the same DUME again: the work is kept
    worked = load(lib, doc_id)
    worked.procedure.title = "Annoté par l'opérateur"
    save(lib, doc_id, worked)
    assert save_fetched(lib, fetched.model_copy(deep=True)) == (doc_id, True)
    assert load(lib, doc_id).procedure.title == "Annoté par l'opérateur"
    assert len(lib.list_documents()) == 1

    # once in the trash, fetching it again makes a new document
    lib.delete(doc_id)
    new_id, already = save_fetched(lib, fetched)
    assert (already, new_id != doc_id) == (False, True)
