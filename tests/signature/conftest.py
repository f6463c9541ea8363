"""Fixtures of the signature tests: one test PKI, a real local HTTP server (CRLs, TSA),
a trust folder with the test root as a user anchor, and signing keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from app.signature.sign import SigningKey, load_pkcs12
from app.signature.trust import TrustStore
from app.signature.verify import Verifier
from tests.signature.pki import PASSWORD, Pki, build_pki
from tests.signature.servers import ServerState, local_server, make_timestamper

SHARED_TRUST = Path(__file__).resolve().parents[2] / ".." / "shared" / "trust"


@pytest.fixture(scope="session")
def server() -> Iterator[tuple[str, ServerState]]:
    with local_server() as running:
        yield running


@pytest.fixture(scope="session")
def pki(tmp_path_factory: pytest.TempPathFactory, server: tuple[str, ServerState]) -> Pki:
    url, state = server
    built = build_pki(tmp_path_factory.mktemp("pki"), f"{url}/crl")
    for name, data in built.crls.items():
        state.files[f"/crl/{name}"] = data
    state.timestamper = make_timestamper(
        built.tsa.cert_der, built.tsa.key_pem(), [built.root.cert_der]
    )
    return built


@pytest.fixture(scope="session")
def tsa_url(server: tuple[str, ServerState], pki: Pki) -> str:
    return f"{server[0]}/tsa"


@pytest.fixture(scope="session")
def trust_store(tmp_path_factory: pytest.TempPathFactory, pki: Pki) -> TrustStore:
    store = TrustStore(tmp_path_factory.mktemp("trust"))
    store.add_anchor(pki.root.cert_pem)
    for data in pki.crls.values():
        store.add_crl(data)
    return store


@pytest.fixture(scope="session")
def verifier(trust_store: TrustStore) -> Verifier:
    return Verifier(store=trust_store)


@pytest.fixture(scope="session")
def keys(pki: Pki) -> Iterator[dict[str, SigningKey]]:
    opened = {
        name: load_pkcs12(pki.path(f"{name}.p12"), PASSWORD)
        for name in ("signer", "revoked", "expired", "stranger", "ec_signer", "nr_only")
    }
    yield opened
    for key in opened.values():
        key.close()


@pytest.fixture(scope="session")
def shared_trust() -> Path:
    folder = SHARED_TRUST.resolve()
    if not (folder / "eu-lotl.xml").is_file():
        pytest.skip(f"EU trusted-list snapshots absent ({folder}): ../shared/trust not installed")
    return folder
