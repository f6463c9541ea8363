"""Transport: TLS always verified, http only to this machine, timeouts, bounded retries."""

from __future__ import annotations

import datetime as dt
import ipaddress
import random
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.sync.client import connect
from app.sync.errors import (
    ConfigurationError,
    InsecureEndpointError,
    RateLimitedError,
    ServiceUnavailableError,
    ServiceUnreachableError,
    TlsError,
)
from app.sync.profiles import ApiProfile, RetryPolicy, Timeouts, check_endpoint
from app.sync.transport import HttpTransport, retry_after_seconds
from tests.standin import FaultKind, StandinServer
from tests.sync.support import Sleeps, save_credentials, standin_profile


@pytest.mark.parametrize(
    "url",
    [
        "http://example.org/dume",
        "http://api.piste.gouv.fr/dume",
        "http://10.0.0.7:8080/dume",
        "http://192.168.1.20/dume",
        "http://localhost.evil.example/dume",
        "http://127.0.0.1.nip.io/dume",
    ],
)
def test_plain_http_to_another_machine_is_refused(url: str) -> None:
    with pytest.raises(InsecureEndpointError, match="https"):
        check_endpoint(url)
    with HttpTransport() as transport, pytest.raises(InsecureEndpointError):
        transport.post(url, what="test", json_body={})


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8765/dume", "http://127.8.9.10/dume", "http://[::1]:80/dume",
     "http://localhost:1/dume", "https://sandbox-api.piste.gouv.fr/dume"],
)  # fmt: skip
def test_https_anywhere_and_http_to_loopback_are_allowed(url: str) -> None:
    assert check_endpoint(url) == url


@pytest.mark.parametrize(
    "url", ["ftp://example.org/", "https://user:pw@example.org/", "example.org", "https://"]
)
def test_malformed_endpoints_are_refused(url: str) -> None:
    with pytest.raises(ConfigurationError):
        check_endpoint(url)


def test_a_profile_with_http_to_a_remote_host_cannot_connect() -> None:
    from app.sync.profiles import SANDBOX

    profile = replace(SANDBOX, api_base_url="http://api.piste.gouv.fr/dume")
    with pytest.raises(InsecureEndpointError):
        connect(profile)


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A real self-signed certificate for 127.0.0.1."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[StandinServer]:
    with StandinServer(validate_xml=False, tls=(str(certificate[0]), str(certificate[1]))) as srv:
        yield srv


def test_an_untrusted_certificate_is_refused_and_not_retried(tls_server: StandinServer) -> None:
    profile = standin_profile(tls_server)
    assert profile.api_base_url.startswith("https://")
    save_credentials(profile)
    sleeps = Sleeps()
    with connect(profile, sleep=sleeps) as client, pytest.raises(TlsError) as info:
        client.health()
    assert "certificat" in info.value.message
    assert sleeps == []
    assert tls_server.calls == []  # nothing (not even the credentials) reached the server


def test_a_trusted_certificate_added_to_verification_works(
    tls_server: StandinServer, certificate: tuple[Path, Path]
) -> None:
    profile = standin_profile(tls_server, ca_bundle=str(certificate[0]))
    save_credentials(profile)
    with connect(profile, sleep=Sleeps()) as client:
        client.health()
    assert [c.status for c in tls_server.calls] == [200, 200]  # token, healthCheck


def _profile(server: StandinServer, **retry: float) -> ApiProfile:
    policy = RetryPolicy(
        max_attempts=int(retry.get("max_attempts", 4)),
        base_delay=0.5,
        max_delay=4.0,
        max_retry_after=float(retry.get("max_retry_after", 60)),
    )
    profile = standin_profile(server, retry=policy)
    save_credentials(profile)
    return profile


def test_backoff_is_exponential_with_jitter_and_capped() -> None:
    transport = HttpTransport(
        retry=RetryPolicy(base_delay=0.5, max_delay=4.0), rng=random.Random(7)
    )
    with transport:
        delays = [[transport.backoff(attempt) for attempt in range(1, 7)] for _ in range(50)]
    for series in delays:
        for attempt, delay in enumerate(series, start=1):
            ceiling = min(4.0, 0.5 * 2 ** (attempt - 1))
            assert ceiling / 2 <= delay <= ceiling
    assert len({round(series[2], 6) for series in delays}) > 40  # jittered, not constant


def test_retry_after_in_seconds_or_as_a_date() -> None:
    now = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
    assert retry_after_seconds("12") == 12.0
    assert retry_after_seconds("Sun, 01 Mar 2026 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Sun, 01 Mar 2026 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon") is None
    assert retry_after_seconds(None) is None


def test_reads_are_retried_on_5xx_then_succeed(server: StandinServer) -> None:
    profile = _profile(server)
    server.inject(FaultKind.SERVER_ERROR, api="dumeA", operation="rechercherDumes", times=2)
    sleeps = Sleeps()
    with connect(profile, sleep=sleeps) as client:
        assert client.search("request") == []
    assert len(sleeps) == 2
    assert 0.25 <= sleeps[0] <= 0.5
    assert 0.5 <= sleeps[1] <= 1.0
    assert [c.status for c in server.operations("rechercherDumes")] == [500, 500, 200]


def test_reads_give_up_after_the_bounded_attempts(server: StandinServer) -> None:
    profile = _profile(server, max_attempts=3)
    server.inject(FaultKind.UNAVAILABLE, api="dumeA", operation="rechercherDumes", times=10)
    sleeps = Sleeps()
    with connect(profile, sleep=sleeps) as client, pytest.raises(ServiceUnavailableError) as info:
        client.search("request")
    assert info.value.status == 503
    assert len(sleeps) == 2
    assert len(server.operations("rechercherDumes")) == 3


def test_a_retry_after_beyond_the_limit_is_not_waited_for(server: StandinServer) -> None:
    profile = _profile(server, max_retry_after=10)
    server.inject(FaultKind.RATE_LIMIT, api="dumeA", operation="rechercherDumes", retry_after=600)
    sleeps = Sleeps()
    with connect(profile, sleep=sleeps) as client, pytest.raises(RateLimitedError) as info:
        client.search("request")
    assert info.value.retry_after == 600.0
    assert sleeps == []


def test_a_slow_read_times_out_and_is_retried(server: StandinServer) -> None:
    profile = replace(_profile(server), timeouts=Timeouts(connect=2.0, read=0.2, health=0.2))
    server.inject(FaultKind.DELAY, api="dumeA", operation="rechercherDumes", delay=0.6)
    sleeps = Sleeps()
    with connect(profile, sleep=sleeps) as client:
        assert client.search("request") == []
    assert len(sleeps) == 1
    server.wait_idle()


def test_no_connection_is_reported_after_the_retries(server: StandinServer) -> None:
    profile = _profile(server, max_attempts=3)
    server.stop()
    sleeps = Sleeps()
    with connect(profile, sleep=sleeps) as client, pytest.raises(ServiceUnreachableError) as info:
        client.search("request")
    assert "injoignable" in info.value.message
    assert "connexion refusée" in info.value.message
    assert len(sleeps) == 2
