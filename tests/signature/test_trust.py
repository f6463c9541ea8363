"""Trust data with the real signed EU trusted-list snapshots of ../shared/trust,
checked at a fixed time inside their validity window (2026-07-01: the LOTL of
2026-05-22 and the BE list of 2026-06-15 are both current then)."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from app.signature.errors import TrustDataError
from app.signature.model import Indication, QualificationStatus
from app.signature.trust import LOTL_NAME, TrustStore
from app.signature.verify import Verifier
from tests.signature import factory as f
from tests.signature.servers import ServerState

AT = dt.datetime(2026, 7, 1, tzinfo=dt.UTC)


def _lists(shared_trust: Path) -> tuple[bytes, bytes]:
    return (shared_trust / "eu-lotl.xml").read_bytes(), (
        shared_trust / "tsl-be-v6.xml"
    ).read_bytes()


def _serving_snapshots(
    shared_trust: Path, server: tuple[str, ServerState]
) -> Callable[[str], bytes]:
    """An HTTP GET that fetches the published list names from a real local server that
    serves the snapshots."""
    url, state = server
    lotl, be = _lists(shared_trust)
    state.files["/eu-lotl.xml"] = lotl
    state.files["/tsl-be-v6.xml"] = be

    def http_get(address: str) -> bytes:
        response = requests.get(f"{url}/{address.rsplit('/', 1)[-1]}", timeout=10)
        response.raise_for_status()
        return response.content

    return http_get


@pytest.fixture(scope="module")
def eu_store(tmp_path_factory: pytest.TempPathFactory, shared_trust: Path) -> TrustStore:
    store = TrustStore(tmp_path_factory.mktemp("eu-trust"))
    lotl, be = _lists(shared_trust)
    store.import_lists(lotl, [be], at=AT)
    return store


def test_lotl_and_be_list_verify_and_load(eu_store: TrustStore) -> None:
    loaded = eu_store.load(at=AT)
    info = loaded.info
    assert info.problems == ()
    assert info.lotl_issued == dt.datetime(2026, 5, 22, 13, 16, 35, tzinfo=dt.UTC)
    assert [t.territory for t in info.lists] == ["BE"]
    be = info.lists[0]
    assert be.sequence_number == 81
    assert not be.stale
    assert be.issued == dt.datetime(2026, 6, 15, 15, 0, tzinfo=dt.UTC)
    # pyHanko's own test expects 29 CAs and 19 QTSTs for this list
    assert len(list(loaded.registry.known_certificate_authorities)) == 29
    assert len(list(loaded.registry.known_timestamp_authorities)) == 19
    assert "2026-05-22" in info.summary_fr
    assert "BE du 2026-06-15" in info.summary_fr


def test_every_load_checks_the_signatures_again(eu_store: TrustStore, tmp_path: Path) -> None:
    copy = TrustStore(tmp_path / "trust")
    shutil.copytree(eu_store.folder, copy.folder)
    be_path = copy.lists_dir / "BE.xml"
    data = be_path.read_bytes()
    # a changed service name inside the signed list: the cache must not be believed
    be_path.write_bytes(data.replace(b"Certipost", b"Certipast", 1))
    info = copy.load(at=AT).info
    assert info.lists == ()
    assert any("BE" in p and "refusée" in p for p in info.problems)
    (copy.lists_dir / f"{LOTL_NAME}.xml").write_bytes(
        (eu_store.lists_dir / f"{LOTL_NAME}.xml")
        .read_bytes()
        .replace(b"https://tsl.belgium.be", b"https://evil.example", 1)
    )
    info = copy.load(at=AT).info
    assert info.lotl_issued is None
    assert any("Liste des listes" in p for p in info.problems)


def test_tampered_lotl_is_refused_on_import(shared_trust: Path, tmp_path: Path) -> None:
    lotl, be = _lists(shared_trust)
    with pytest.raises(TrustDataError):
        TrustStore(tmp_path).import_lists(
            lotl.replace(b"https://tsl.belgium.be", b"https://evil.example", 1), [be], at=AT
        )
    assert not (tmp_path / "lists").exists()


def test_list_signed_by_an_unknown_operator_is_refused(shared_trust: Path, tmp_path: Path) -> None:
    """tsl-be-old.xml is genuine but signed with a BE operator certificate the 2026
    LOTL no longer lists: refused (a wrong-signer case)."""
    lotl = (shared_trust / "eu-lotl.xml").read_bytes()
    old = (shared_trust / "tsl-be-old.xml").read_bytes()
    with pytest.raises(TrustDataError):
        TrustStore(tmp_path).import_lists(lotl, [old], at=AT)


def test_stale_list_is_used_but_flagged(shared_trust: Path, tmp_path: Path) -> None:
    lotl = (shared_trust / "eu-lotl.xml").read_bytes()
    ee = (shared_trust / "tsl-ee.xml").read_bytes()
    store = TrustStore(tmp_path)
    info = store.import_lists(lotl, [ee], at=AT)
    assert [t.territory for t in info.lists] == ["EE"]
    assert info.lists[0].stale
    assert info.stale
    assert "PÉRIMÉES" in info.summary_fr


def test_qualification_from_the_real_be_list(eu_store: TrustStore) -> None:
    """A path ending at a CA/QC service of the BE list: the assessment names the
    service and territory (the leaf is ours; only the list data is under test)."""
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator.authority import CertTrustAnchor
    from pyhanko_certvalidator.path import ValidationPath

    loaded = eu_store.load(at=AT)
    authority = next(
        a
        for a in loaded.registry.known_certificate_authorities
        if any(
            s.base_info.valid_until is None
            for s in loaded.registry.applicable_service_definitions(a, None)
        )
    )
    ca_cert = authority.certificate
    leaf = asn1_x509.Certificate(
        {
            "tbs_certificate": {
                "version": "v3",
                "serial_number": 1,
                "signature": {"algorithm": "sha256_rsa"},
                "issuer": ca_cert.subject,
                "validity": {
                    "not_before": asn1_x509.Time({"utc_time": AT - dt.timedelta(days=1)}),
                    "not_after": asn1_x509.Time({"utc_time": AT + dt.timedelta(days=300)}),
                },
                "subject": asn1_x509.Name.build({"common_name": "Test"}),
                "subject_public_key_info": ca_cert["tbs_certificate"]["subject_public_key_info"],
            },
            "signature_algorithm": {"algorithm": "sha256_rsa"},
            "signature_value": b"\x00",
        }
    )
    path = ValidationPath(CertTrustAnchor(ca_cert), interm=[], leaf=leaf)
    assert loaded.anchor_is_listed(path)
    result = loaded.qualification(path, AT)
    assert result.service_definition is not None
    assert loaded.territory_of[result.service_definition] == "BE"
    # no QC statements in our leaf: not qualified, but the CA is on the list
    assert result.status.qualified in (True, False)


def test_test_pki_signature_against_eu_lists_only(eu_store: TrustStore, keys: dict, pki) -> None:
    """Our test root is on no EU list: without a user anchor, no chain (INDETERMINATE);
    with it as a user anchor, TOTAL_PASSED and category "to check", not qualified."""
    signed = f.sign("cades-detached", keys["signer"])
    crls = list(pki.crls.values())
    eu_only = Verifier(store=eu_store, extra_crls=crls)
    result = eu_only.verify_bytes(signed.data, signed.name, originals=signed.originals)
    sig = result.signatures[0]
    assert (sig.indication, sig.sub_indication) == (
        Indication.INDETERMINATE,
        "NO_CERTIFICATE_CHAIN_FOUND",
    )
    assert result.trust.lists[0].territory == "BE"
    assert "2026-05-22" in result.trust.summary_fr or result.trust.lotl_issued is not None

    eu_store.add_anchor(pki.root.cert_der)
    try:
        with_anchor = Verifier(store=eu_store, extra_crls=crls)
        result = with_anchor.verify_bytes(signed.data, signed.name, originals=signed.originals)
    finally:
        eu_store.remove_anchor(hashlib.sha256(pki.root.cert_der).hexdigest())
    sig = result.signatures[0]
    assert sig.indication is Indication.TOTAL_PASSED
    assert sig.qualification.status is QualificationStatus.NOT_QUALIFIED
    assert sig.qualification.source == "user_anchor"
    assert sig.checks[1].status.value == "to_check"
    assert result.trust.user_anchors == 1
    assert result.trust.lists


def test_refresh_over_http(
    shared_trust: Path, tmp_path: Path, server: tuple[str, ServerState]
) -> None:
    """The refresh downloads through an injected HTTP function: here a real local server
    that serves the snapshots under the published file names."""
    _url, state = server
    http_get = _serving_snapshots(shared_trust, server)
    store = TrustStore(tmp_path)
    info = store.refresh(http_get, territories=["BE"], at=AT)
    assert [t.territory for t in info.lists] == ["BE"]
    assert "GET /tsl-be-v6.xml" in state.requests

    def offline(address: str) -> bytes:
        raise OSError("réseau indisponible")

    with pytest.raises(TrustDataError):
        store.refresh(offline, at=AT)
    assert [t.territory for t in store.load(at=AT).info.lists] == ["BE"]  # last good kept


def test_missing_revocation_is_never_valid_and_online_fetch_fixes_it(
    tmp_path: Path, keys: dict, pki, server: tuple[str, ServerState]
) -> None:
    _url, state = server
    store = TrustStore(tmp_path)
    store.add_anchor(pki.root.cert_pem)  # no CRL cached
    signed = f.sign("xades-enveloped", keys["signer"])
    offline = Verifier(store=store).verify_bytes(signed.data, signed.name)
    sig = offline.signatures[0]
    assert (sig.indication, sig.sub_indication) == (Indication.INDETERMINATE, "TRY_LATER")
    assert sig.certificate.revocation.value == "not_verifiable_offline"

    def http_get(address: str) -> bytes:
        response = requests.get(address, timeout=10)
        response.raise_for_status()
        return response.content

    online = Verifier(store=store, online=True, http_get=http_get)
    sig = online.verify_bytes(signed.data, signed.name).signatures[0]
    assert sig.indication is Indication.TOTAL_PASSED
    assert "GET /crl/intermediate.crl" in state.requests
    assert len(store.crls()) == 2  # cached for the next offline check
    assert Verifier(store=store).verify_bytes(signed.data, signed.name).all_passed


def test_anchor_file_must_be_a_certificate(tmp_path: Path) -> None:
    with pytest.raises(TrustDataError):
        TrustStore(tmp_path).add_anchor(b"pas un certificat")


def test_online_verifier_refreshes_the_lists_when_due_and_works_offline(
    shared_trust: Path, tmp_path: Path, server: tuple[str, ServerState]
) -> None:
    """What the app's verification view uses: lists refreshed once due (here from a local
    server with the snapshots), not before; a failed refresh keeps the stored lists."""
    from app.signature.verify import online_verifier

    _url, state = server
    http_get = _serving_snapshots(shared_trust, server)
    store = TrustStore(tmp_path / "trust")
    assert store.refresh_due(7, now=AT)  # nothing stored yet
    first = online_verifier(store, refresh_every_days=7, http_get=http_get, at=AT)
    assert "GET /eu-lotl.xml" in state.requests
    assert "BE" in [t.territory for t in first.trust.info.lists]
    assert (first.online, first.http_get) == (True, http_get)
    stored = store.lists_dir / f"{LOTL_NAME}.xml"
    os.utime(stored, (AT.timestamp(), AT.timestamp()))  # as if refreshed at AT
    assert not store.refresh_due(7, now=AT + dt.timedelta(days=1))
    assert store.refresh_due(0, now=AT + dt.timedelta(days=400)) is False  # 0: on demand only

    requests_before = len(state.requests)
    online_verifier(store, refresh_every_days=7, http_get=http_get, at=AT)
    assert len(state.requests) == requests_before  # fresh: no download

    def offline(address: str) -> bytes:
        raise OSError("réseau indisponible")

    old = AT - dt.timedelta(days=30)
    os.utime(stored, (old.timestamp(), old.timestamp()))  # last refreshed a month ago
    assert store.refresh_due(7, now=AT)
    kept = online_verifier(store, refresh_every_days=7, http_get=offline, at=AT)
    assert "BE" in [t.territory for t in kept.trust.info.lists]  # the stored lists, still used
    assert stored.stat().st_mtime == old.timestamp()  # nothing overwritten
