"""PISTE OAuth2 and the keyring: token reuse and renewal, refusals, machines without keyring."""

from __future__ import annotations

from collections.abc import Callable

import keyring.backends.fail
import keyring.errors
import pytest

from app.storage.documents import save_new
from app.sync.client import connect
from app.sync.credentials import NO_KEYRING_MESSAGE, Credentials, CredentialStore
from app.sync.engine import Connectivity
from app.sync.errors import AuthenticationError, CredentialsMissingError
from app.sync.profiles import ApiProfile
from tests.standin import DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, StandinServer
from tests.sync.memory_keyring import MemoryKeyring, installed
from tests.sync.support import Node, Sleeps, buyer_request, save_credentials


def test_credentials_live_in_the_keyring_under_the_profile_service(
    profile: ApiProfile, memory_keyring: MemoryKeyring
) -> None:
    store = CredentialStore(profile.keyring_service)
    assert store.where() == "none"
    assert store.load() is None
    outcome = store.save(Credentials("app-id", "app-secret"))
    assert outcome.persisted
    assert "trousseau" in outcome.message
    assert memory_keyring.entries == {
        ("dume-desktop/standin", "client_id"): "app-id",
        ("dume-desktop/standin", "client_secret"): "app-secret",
    }
    assert store.where() == "keyring"
    assert store.load() == Credentials("app-id", "app-secret")
    assert "app-secret" not in repr(store.load())
    store.delete()
    assert memory_keyring.entries == {}
    assert store.load() is None


def test_without_keyring_the_secret_is_kept_for_the_session_only(profile: ApiProfile) -> None:
    with installed(keyring.backends.fail.Keyring()):
        store = CredentialStore(profile.keyring_service)
        assert not store.keyring_available()
        outcome = store.save(Credentials("app-id", "app-secret"))
        assert not outcome.persisted
        assert outcome.message == NO_KEYRING_MESSAGE
        assert "session" in outcome.message
        assert "fichier" in outcome.message
        assert store.where() == "session"
        assert store.load() == Credentials("app-id", "app-secret")


class _LockedKeyring(MemoryKeyring):
    """A keyring the user refuses to unlock."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.KeyringLocked("locked")


def test_a_locked_keyring_falls_back_to_the_session(profile: ApiProfile) -> None:
    with installed(_LockedKeyring()) as backend:
        store = CredentialStore(profile.keyring_service)
        outcome = store.save(Credentials("app-id", "app-secret"))
        assert not outcome.persisted
        assert isinstance(backend, MemoryKeyring)
        assert backend.entries == {}
        assert store.load() == Credentials("app-id", "app-secret")


def test_empty_credentials_are_refused() -> None:
    with pytest.raises(CredentialsMissingError, match="obligatoires"):
        Credentials("app-id", "  ")


def test_the_token_is_reused_renewed_before_expiry_and_after_a_401(
    server: StandinServer, profile: ApiProfile
) -> None:
    save_credentials(profile)
    now = [0.0]
    with connect(profile, sleep=Sleeps(), clock=lambda: now[0]) as client:
        client.health()
        client.search("request")
        assert client.auth.fetches == 1
        now[0] += 3600 - 60 + 1  # within the renewal margin of the announced lifetime
        client.search("request")
        assert client.auth.fetches == 2
        server.expire_tokens()  # the gateway now refuses the token: 401, renewal, success
        client.search("request")
        assert client.auth.fetches == 3
    assert [c.status for c in server.calls if c.status == 401] == [401]


def test_refused_credentials_say_so_in_french(server: StandinServer, profile: ApiProfile) -> None:
    save_credentials(profile, secret="not-the-secret")
    with connect(profile, sleep=Sleeps()) as client, pytest.raises(AuthenticationError) as info:
        client.health()
    assert "PISTE a refusé l'identifiant client ou le secret (invalid_client)" in info.value.message
    assert info.value.hint is not None
    assert "Authentification" in info.value.hint


def test_missing_credentials_leave_entries_waiting(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    buyer = make_user(credentials=False)
    buyer.engine.queue_document(save_new(buyer.library, buyer_request()), validated=True)
    report = buyer.engine.run_once()
    assert report.status.connectivity is Connectivity.NOT_CONFIGURED
    assert report.status.pending == 1
    assert report.status.last_error is not None
    assert "Aucun identifiant PISTE" in report.status.last_error
    assert server.calls == []

    CredentialStore(buyer.client.profile.keyring_service).save(
        Credentials(DEMO_CLIENT_ID, DEMO_CLIENT_SECRET)
    )
    buyer.engine.credentials_changed()
    status = buyer.engine.tick()
    assert status.connectivity is Connectivity.ONLINE
    assert status.pending == 0


def test_incomplete_platform_settings_say_what_to_configure(
    server: StandinServer, make_user: Callable[..., Node]
) -> None:
    from app.sync.profiles import PlatformIdentity

    buyer = make_user(platform=PlatformIdentity(1, "", ""))
    status = buyer.engine.tick()
    assert status.connectivity is Connectivity.NOT_CONFIGURED
    assert status.label == "Service DUME à configurer"
    assert status.last_error is not None
    assert "idTechniquePlateforme" in status.last_error
    assert server.calls == []
