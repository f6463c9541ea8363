"""Reading the contract tolerantly: profiles and settings, envelopes, search rows,
company data, SIRET checks, and the optional remote signature verifier."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from app.models.document import EconomicOperator, PartyIdentifier
from app.sync.client import DumeClient, check_dume_id, connect
from app.sync.company import check_siret, parse_company_data
from app.sync.errors import (
    ConfigurationError,
    DocumentRejectedError,
    MalformedResponseError,
    RemoteDocumentNotFoundError,
    ServiceRefusedError,
)
from app.sync.profiles import (
    PRODUCTION,
    SANDBOX,
    ApiProfile,
    PlatformIdentity,
    WireDialect,
    builtin_profile,
    profile_from_env,
)
from app.sync.signature_remote import RemoteSignatureVerifier, SignatureServiceConfig
from app.sync.wire import decode_document, open_response, request_body
from tests.standin import StandinServer
from tests.sync.support import Sleeps, save_credentials


def test_builtin_profiles_point_at_piste_over_https() -> None:
    for profile in (SANDBOX, PRODUCTION):
        assert profile.token_url.startswith("https://")
        assert "/api/oauth/token" in profile.token_url
        assert profile.api_url("dumeOE").startswith("https://")
        assert profile.keyring_service == f"dume-desktop/{profile.name}"
    assert "sandbox" in SANDBOX.api_base_url
    assert "sandbox" not in PRODUCTION.api_base_url
    with pytest.raises(ConfigurationError, match="inconnu"):
        builtin_profile("recette")


def test_settings_round_trip_without_secrets() -> None:
    profile = replace(
        SANDBOX,
        platform=PlatformIdentity(2, "FR12345678901", "APP01"),
        dialect=replace(SANDBOX.dialect, platform_block="flat", not_found_codes=("X404",)),
    )
    settings = json.loads(json.dumps(profile.to_settings()))
    assert ApiProfile.from_settings(settings) == profile
    assert ApiProfile.from_settings({"name": "production"}) == PRODUCTION


def test_environment_and_options_configure_the_profile() -> None:
    env = {
        "DUME_API_PROFILE": "production",
        "DUME_API_BASE_URL": "https://api.aife.economie.gouv.fr/dume",
        "DUME_API_PLATFORM_ID": "13002526500013",
        "DUME_API_TECHNICAL_ID": "APP01",
        "DUME_API_TIMEOUT": "12.5",
        "DUME_API_PLATFORM_BLOCK": "flat",
    }
    profile = profile_from_env(env, technical_id="APP02")
    assert profile.name == "production"
    assert profile.api_url("dumeA") == "https://api.aife.economie.gouv.fr/dume/dumeA"
    assert profile.platform == PlatformIdentity(1, "13002526500013", "APP02")  # option wins
    assert profile.timeouts.read == 12.5
    assert profile.dialect.platform_block == "flat"
    with pytest.raises(ConfigurationError, match="DUME_API_TIMEOUT"):
        profile_from_env({"DUME_API_TIMEOUT": "vite"})


@pytest.mark.parametrize(
    ("platform", "message"),
    [
        (PlatformIdentity(1, "", "APP"), "obligatoires"),
        (PlatformIdentity(1, "1300252650001", "APP"), "14 caractères"),
        (PlatformIdentity(4, "12345678", "APP"), "9 ou 10 caractères"),
        (PlatformIdentity(3, "FR", "APP"), "3 à 18 caractères"),
        (PlatformIdentity(9, "123", "APP"), "inconnu"),
    ],
)
def test_platform_identity_rules(platform: PlatformIdentity, message: str) -> None:
    with pytest.raises(ConfigurationError, match=message):
        platform.check()


def test_request_body_nested_or_flat() -> None:
    profile = replace(SANDBOX, platform=PlatformIdentity(1, "13002526500013", "APP01"))
    nested = request_body(profile, "rechercherDumes", {"idConsultation": "C1", "idLot": None})
    assert nested == {
        "operation": "rechercherDumes",
        "plateforme": {"typeIdPlateforme": "1", "idPlateforme": "13002526500013",
                       "idTechniquePlateforme": "APP01"},
        "idConsultation": "C1",
    }  # fmt: skip
    flat = request_body(replace(profile, dialect=WireDialect(platform_block="flat")), "x", {})
    assert flat["idPlateforme"] == "13002526500013"
    assert "plateforme" not in flat


def test_error_envelopes_become_typed_errors_with_the_service_message() -> None:
    dialect = WireDialect(not_found_codes=("E404",), rejected_codes=("XML_KO",))
    envelope = {"response": {"messageList": [
        {"type": "ERREUR", "code": "XML_KO", "message": "Le XML est invalide."},
        {"type": "ERREUR", "code": "X2", "message": "Autre."},
    ]}}  # fmt: skip
    with pytest.raises(DocumentRejectedError) as rejected:
        open_response(dialect, "enregistrerDume", 200, envelope)
    assert rejected.value.message == (
        "Le service DUME a refusé « enregistrerDume » : Le XML est invalide. "
        "(et 1 autre(s) message(s))"
    )
    assert rejected.value.codes == ["XML_KO", "X2"]
    assert rejected.value.hint == "Code du service : XML_KO."
    with pytest.raises(RemoteDocumentNotFoundError):
        open_response(dialect, "recupererDumeFormate", 404, {"response": {"messageList": []}})
    with pytest.raises(ServiceRefusedError, match="HTTP 400"):
        open_response(dialect, "x", 400, {"error": "bad"})
    with pytest.raises(MalformedResponseError):
        open_response(dialect, "x", 200, {"autre": 1})
    ok = open_response(dialect, "x", 200, {"response": {"messageList": [{"type": "INFO"}], "a": 1}})
    assert ok["a"] == 1


def test_the_observed_search_sample_is_read() -> None:
    """The public sample: numbered keys, ``dumeAcheteur`` wrapper, French keys with accents."""
    rows = {
        "1": {"dumeAcheteur": {"Id": "itkqiisy", "Date de création": "2018-03-21 10:41:05",
                               "Date de modification": "2018-03-22 09:00:00", "Statut": "01",
                               "Accessibilité": True}},
        "2": {"dumeAcheteur": {"Id": "azertyui", "Date de création": "2018-04-01 08:00:00",
                               "Statut": "04", "Accessibilité": False}},
    }  # fmt: skip
    client = DumeClient.__new__(DumeClient)
    client.profile = SANDBOX
    parsed = [client._remote("dumeA", row) for row in client._search_rows(rows)]
    assert [(r.id, r.status, r.accessible) for r in parsed if r] == [
        ("itkqiisy", "draft", True),
        ("azertyui", "deleted", False),
    ]


def test_base64_with_line_breaks_or_url_safe() -> None:
    assert decode_document("PHg+\nPC94\nPg==\n") == b"<x></x>"
    assert decode_document("PD94bWw_Pg") == b"<?xml?>"
    with pytest.raises(MalformedResponseError):
        decode_document("%%%")


@pytest.mark.parametrize(
    "value", ["41234567800012", "412 345 678 00012", "35600000000048", "35600000012346"]
)
def test_valid_sirets(value: str) -> None:
    assert len(check_siret(value)) == 14


@pytest.mark.parametrize("value", ["41234567800013", "4123456780001", "ABCDEFGHIJKLMN"])
def test_invalid_sirets(value: str) -> None:
    with pytest.raises(ConfigurationError, match="SIRET"):
        check_siret(value)


def test_dume_numbers() -> None:
    assert check_dume_id(" itkqiisy ") == "itkqiisy"
    for wrong in ("itkqiis", "itkqiisy1", "itk-iisy"):
        with pytest.raises(ConfigurationError, match="8 lettres ou chiffres"):
            check_dume_id(wrong)


def test_company_data_is_read_tolerantly_and_fills_only_blank_fields() -> None:
    data = parse_company_data("41234567800012", {"messageList": [], "entreprise": {
        "Raison_Sociale": "Dupré", "adresse": {"code_postal": "95440", "Ville": "Écouen",
                                               "pays": "France"},
        "categorie_entreprise": "TPE", "telephone": "01 02 03 04 05",
    }})  # fmt: skip
    assert (data.name, data.postal_code, data.city, data.country) == (
        "Dupré",
        "95440",
        "Écouen",
        "FRA",
    )
    assert data.size_code == "micro"
    assert data.siret == "41234567800012"
    mine = EconomicOperator(
        name="Menuiserie Dupré & fils",
        identifiers=[PartyIdentifier(value="41234567800012", scheme_id="NATIONAL")],
    )
    merged = data.to_economic_operator(mine)
    assert merged.name == "Menuiserie Dupré & fils"  # the user's own wording is kept
    assert merged.address.city == "Écouen"
    assert merged.contact.telephone == "01 02 03 04 05"
    assert len(merged.identifiers) == 1
    assert mine.address.city == ""


def test_remote_signature_verification(server: StandinServer) -> None:
    from tests.sync.support import standin_profile

    profile = standin_profile(server)
    save_credentials(profile)
    with connect(profile, sleep=Sleeps()) as client:
        verifier = RemoteSignatureVerifier(
            SignatureServiceConfig(server.signature_url), client.transport, client.auth
        )
        signed = verifier.verify(b"<doc><ds:Signature/></doc>", name="signe.xml")
        unsigned = verifier.verify(b"%PDF-1.7 rien", name="brut.pdf")
    assert signed.indication == "INDETERMINATE"
    assert signed.summary == (
        "Le service distant n'a pas pu conclure (NO_CERTIFICATE_CHAIN_FOUND)."
    )
    assert unsigned.indication == "TOTAL_FAILED"
    assert unsigned.report["nomDocument"] == "brut.pdf"
    with pytest.raises(ConfigurationError):
        RemoteSignatureVerifier(
            SignatureServiceConfig("http://verif.example.org"), client.transport
        )
