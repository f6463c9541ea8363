"""API profiles: where the DUME APIs live and how their wire format reads.

A profile holds only non-secret settings (the settings layer may persist
:meth:`ApiProfile.to_settings`); the PISTE client id and secret live in the OS
keyring (:mod:`app.sync.credentials`).

The public contract leaves several points open (``docs/dume-api.md`` marks
them *inferred* or *unknown*).  Each of them is a field of
:class:`WireDialect`, so that a call against the real sandbox can settle it by
configuration, without a code change.
"""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal, get_args
from urllib.parse import urlsplit

from app.sync.errors import ConfigurationError, InsecureEndpointError

__all__ = [
    "API_NAMES",
    "PRODUCTION",
    "SANDBOX",
    "ApiName",
    "ApiProfile",
    "PlatformIdentity",
    "Requester",
    "RetryPolicy",
    "Timeouts",
    "WireDialect",
    "api_for_kind",
    "builtin_profile",
    "check_endpoint",
    "is_loopback_host",
    "profile_from_env",
]

ApiName = Literal["dumeA", "dumeOE", "donnees", "metadonnees", "referentiels"]
API_NAMES: tuple[ApiName, ...] = get_args(ApiName)
DocumentKind = Literal["request", "response"]

# Environment variables read by :func:`profile_from_env` (the CLI's configuration).
ENV_PROFILE = "DUME_API_PROFILE"
ENV_BASE_URL = "DUME_API_BASE_URL"
ENV_TOKEN_URL = "DUME_API_TOKEN_URL"
ENV_SCOPE = "DUME_API_SCOPE"
ENV_PLATFORM_TYPE = "DUME_API_PLATFORM_TYPE"
ENV_PLATFORM_ID = "DUME_API_PLATFORM_ID"
ENV_TECHNICAL_ID = "DUME_API_TECHNICAL_ID"
ENV_REQUESTER_ID = "DUME_API_REQUESTER_ID"
ENV_REQUESTER_NAME = "DUME_API_REQUESTER_NAME"
ENV_TIMEOUT = "DUME_API_TIMEOUT"
ENV_CA_BUNDLE = "DUME_API_CA_BUNDLE"
ENV_PLATFORM_BLOCK = "DUME_API_PLATFORM_BLOCK"
ENV_XML_FIELD = "DUME_API_XML_FIELD"
ENV_SIGNATURE_URL = "DUME_SIGNATURE_VERIFY_URL"

#: length rule of ``idPlateforme`` per ``typeIdPlateforme`` (documented, §1.1)
_PLATFORM_ID_LENGTHS: dict[int | None, tuple[int, ...]] = {
    None: (14,),
    1: (14,),
    2: tuple(range(1, 19)),
    3: tuple(range(3, 19)),
    4: (9, 10),
    5: (9,),
}
_PLATFORM_TYPE_LABELS = {
    1: "SIRET",
    2: "TVA intracommunautaire",
    3: "hors UE",
    4: "RIDET",
    5: "numéro Tahiti",
}


def api_for_kind(kind: str) -> ApiName:
    """A request (DUME A) goes to the buyer API, a response (DUME OE) to the operator API."""
    return "dumeA" if kind == "request" else "dumeOE"


def is_loopback_host(host: str) -> bool:
    name = host.strip("[]").rstrip(".").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_endpoint(url: str, what: str = "Adresse du service") -> str:
    """Return *url* if it may be called: https anywhere, plain http only to this machine.

    Plain http is allowed for loopback hosts only, so the local stand-in
    server can be used without certificates; everything else must be https,
    and certificate verification is always on (:mod:`app.sync.transport`).
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.scheme not in ("https", "http") or not host:
        raise ConfigurationError(
            f"{what} invalide : « {url} ».", hint="Attendu : une adresse https://…"
        )
    if parts.username or parts.password:
        raise ConfigurationError(
            f"{what} : les identifiants ne se mettent pas dans l'adresse.",
            hint="Enregistrez-les dans les paramètres (trousseau du système).",
        )
    if parts.scheme == "http" and not is_loopback_host(host):
        raise InsecureEndpointError(
            f"{what} : « {host} » doit être joint en https ; "
            "le http non chiffré n'est accepté que vers cet ordinateur (127.0.0.1).",
        )
    return url


@dataclass(frozen=True)
class PlatformIdentity:
    """The identification block every DUME call carries (documented, §1.1)."""

    #: ``typeIdPlateforme`` 1..5; ``None`` leaves it out (the service then assumes SIRET)
    type_id: int | None = 1
    #: ``idPlateforme``: SIRET (or other id, per type) of the buyer-profile platform
    platform_id: str = ""
    #: ``idTechniquePlateforme``: the Chorus Pro connection's application code
    technical_id: str = ""

    def check(self) -> None:
        if not self.platform_id or not self.technical_id:
            raise ConfigurationError(
                "Identification de la plateforme incomplète : idPlateforme et "
                "idTechniquePlateforme sont obligatoires.",
                hint="Renseignez-les dans les paramètres du service DUME "
                "(espace « raccordement » de Chorus Pro).",
            )
        lengths = _PLATFORM_ID_LENGTHS.get(self.type_id)
        if lengths is None:
            raise ConfigurationError(
                f"typeIdPlateforme « {self.type_id} » inconnu (attendu : 1 à 5)."
            )
        if len(self.platform_id) not in lengths:
            label = _PLATFORM_TYPE_LABELS.get(self.type_id or 1, "SIRET")
            expected = (
                f"{lengths[0]}"
                if len(lengths) == 1
                else f"{lengths[0]} à {lengths[-1]}"
                if len(lengths) > 2
                else " ou ".join(map(str, lengths))
            )
            raise ConfigurationError(
                f"idPlateforme « {self.platform_id} » : {expected} caractères attendus "
                f"pour un identifiant de type {label}."
            )


@dataclass(frozen=True)
class Requester:
    """``idDemandeur``/``rsDemandeur``: the buyer or operator acting on the platform."""

    id: str = ""
    name: str = ""


@dataclass(frozen=True)
class Timeouts:
    connect: float = 5.0
    read: float = 30.0
    #: health checks decide "online/offline": they fail fast
    health: float = 5.0


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded retries with exponential back-off and jitter."""

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    #: a ``Retry-After`` longer than this is not waited for: the action stays queued
    max_retry_after: float = 120.0


def _default_status_codes() -> dict[str, str]:
    # Documented: 04 = supprimé; 01 seen on fresh DUMEs.  The rest is a guess (§1.1).
    return {
        "draft": "01",
        "validated": "02",
        "published": "03",
        "deleted": "04",
        "replaced": "05",
    }


def _default_format_codes() -> dict[str, str]:
    return {"pdf": "1", "xml": "2", "html": "3"}  # documented (§1.2, §1.3)


@dataclass(frozen=True)
class WireDialect:
    """The open points of the public contract, each one configurable."""

    #: platform fields nested under ``plateforme`` (inferred from the utilitaire) or flat
    platform_block: Literal["nested", "flat"] = "nested"
    platform_block_key: str = "plateforme"
    #: JSON key of the base64 DUME XML sent with enregistrerDume / Fusionner (unknown)
    xml_field: str = "dume"
    #: keys tried, in order, for a document in an answer (unknown)
    document_fields: tuple[str, ...] = (
        "dume",
        "dumeFormate",
        "document",
        "contenu",
        "fichier",
        "dumeOE",
        "dumeA",
    )
    #: key of the DUME id (documented ``idDume``)
    id_field: str = "idDume"
    #: how enregistrerDume is told "brouillon" or "validé" (unknown)
    status_field: str = "statut"
    status_codes: dict[str, str] = field(default_factory=_default_status_codes)
    format_codes: dict[str, str] = field(default_factory=_default_format_codes)
    #: key of the search results (observed ``responseRecherche``)
    search_results_field: str = "responseRecherche"
    #: ``type`` of an error entry in ``messageList`` (observed ``ERREUR``)
    error_type: str = "ERREUR"
    #: service error codes known to mean "not found" / "document refused" (unknown table)
    not_found_codes: tuple[str, ...] = ()
    rejected_codes: tuple[str, ...] = ()
    #: HTTP header carrying the outbox idempotency key; harmless if the service ignores it
    idempotency_header: str | None = "Idempotency-Key"
    #: also send the key in the body under this name (off: unknown fields may be refused)
    client_reference_field: str | None = None
    #: which API answers the connectivity probe
    health_api: ApiName = "dumeA"
    #: at most this many of the requester's DUMEs are fetched when checking for a
    #: copy already delivered after an ambiguous failure (newest first)
    reconcile_scan_limit: int = 25
    #: send Chorus Pro's ``cpro-account`` header (unknown whether DUME needs it)
    cpro_account_header: bool = False

    def status_code(self, status: str) -> str:
        return self.status_codes.get(status, status)

    def status_name(self, code: str) -> str:
        for name, value in self.status_codes.items():
            if value == code:
                return name
        return code


def _default_paths() -> dict[str, str]:
    return {name: name for name in API_NAMES}


@dataclass(frozen=True)
class ApiProfile:
    """One environment of the DUME APIs (sandbox, production, a local stand-in ...)."""

    name: str
    label: str
    #: PISTE OAuth2 token endpoint (client_credentials)
    token_url: str
    #: base under which each API lives: ``{api_base_url}/{paths[api]}``
    api_base_url: str
    scope: str = "openid"
    paths: dict[str, str] = field(default_factory=_default_paths)
    platform: PlatformIdentity = field(default_factory=PlatformIdentity)
    requester: Requester = field(default_factory=Requester)
    timeouts: Timeouts = field(default_factory=Timeouts)
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    dialect: WireDialect = field(default_factory=WireDialect)
    #: extra CA bundle (a file path); verification stays on either way
    ca_bundle: str | None = None
    #: remote signature verification endpoint (contract unknown); None: not configured
    signature_verify_url: str | None = None

    def api_url(self, api: ApiName) -> str:
        base = self.api_base_url.rstrip("/")
        return check_endpoint(f"{base}/{self.paths.get(api, api).lstrip('/')}")

    def check(self) -> None:
        """Raise :class:`ConfigurationError` for a profile that cannot be used."""
        check_endpoint(self.token_url, "Adresse du jeton PISTE")
        check_endpoint(self.api_base_url, "Adresse des API DUME")
        if self.signature_verify_url:
            check_endpoint(self.signature_verify_url, "Adresse du service de signature")
        self.platform.check()

    @property
    def keyring_service(self) -> str:
        return f"dume-desktop/{self.name}"

    # ------------------------------------------------------------ settings
    def to_settings(self) -> dict[str, Any]:
        """JSON-able, non-secret settings (there is no secret in a profile)."""
        data = asdict(self)
        data["dialect"]["document_fields"] = list(self.dialect.document_fields)
        data["dialect"]["not_found_codes"] = list(self.dialect.not_found_codes)
        data["dialect"]["rejected_codes"] = list(self.dialect.rejected_codes)
        return data

    @classmethod
    def from_settings(cls, data: Mapping[str, Any]) -> ApiProfile:
        """Rebuild a profile; missing keys take the built-in profile's (or default) values."""
        name = str(data.get("name") or "sandbox")
        base = _BUILTIN.get(name) or SANDBOX
        nested = {
            "platform": PlatformIdentity,
            "requester": Requester,
            "timeouts": Timeouts,
            "retry": RetryPolicy,
            "dialect": WireDialect,
        }
        changes: dict[str, Any] = {"name": name}
        for key, value in data.items():
            if key in nested and isinstance(value, Mapping):
                current = getattr(base, key)
                fields = dict(value)
                if key == "dialect":
                    for tuple_key in ("document_fields", "not_found_codes", "rejected_codes"):
                        if tuple_key in fields:
                            fields[tuple_key] = tuple(fields[tuple_key])
                changes[key] = replace(current, **fields)
            elif key in _PROFILE_FIELDS and key not in nested:
                changes[key] = value
        return replace(base, **changes)


_PROFILE_FIELDS = frozenset(ApiProfile.__dataclass_fields__)

# The DUME pages print the PISTE gateway under its former host name
# (api.aife.economie.gouv.fr); PISTE now documents api.piste.gouv.fr for the same
# gateway.  Using the current names for DUME is inferred: both are configurable.
SANDBOX = ApiProfile(
    name="sandbox",
    label="Bac à sable PISTE (qualification)",
    token_url="https://sandbox-oauth.piste.gouv.fr/api/oauth/token",
    api_base_url="https://sandbox-api.piste.gouv.fr/dume",
)
PRODUCTION = ApiProfile(
    name="production",
    label="Production PISTE",
    token_url="https://oauth.piste.gouv.fr/api/oauth/token",
    api_base_url="https://api.piste.gouv.fr/dume",
)
_BUILTIN = {SANDBOX.name: SANDBOX, PRODUCTION.name: PRODUCTION}


def builtin_profile(name: str) -> ApiProfile:
    try:
        return _BUILTIN[name]
    except KeyError:
        raise ConfigurationError(
            f"Profil d'API inconnu : « {name} ».",
            hint=f"Profils connus : {', '.join(sorted(_BUILTIN))}.",
        ) from None


def _float(value: str, variable: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise ConfigurationError(f"{variable} : nombre attendu, reçu « {value} ».") from None
    if number <= 0:
        raise ConfigurationError(f"{variable} : nombre positif attendu, reçu « {value} ».")
    return number


def profile_from_env(
    environ: Mapping[str, str] | None = None, *, name: str | None = None, **overrides: Any
) -> ApiProfile:
    """The built-in profile named by ``$DUME_API_PROFILE`` (or *name*), adjusted by env vars.

    *overrides* (``api_base_url=...``, ``token_url=...``, ``platform_id=...``,
    ``technical_id=...``, ``requester_id=...``, ``requester_name=...``,
    ``read_timeout=...``) come from command-line options and win over the
    environment; ``None`` values are ignored.
    """
    env = os.environ if environ is None else environ
    chosen = name or env.get(ENV_PROFILE) or "sandbox"
    profile = builtin_profile(chosen)
    given = {key: value for key, value in overrides.items() if value is not None}

    def pick(key: str, variable: str) -> str | None:
        if key in given:
            return str(given[key])
        value = env.get(variable)
        return value if value else None

    changes: dict[str, Any] = {}
    if (value := pick("api_base_url", ENV_BASE_URL)) is not None:
        changes["api_base_url"] = value
    if (value := pick("token_url", ENV_TOKEN_URL)) is not None:
        changes["token_url"] = value
    if (value := pick("scope", ENV_SCOPE)) is not None:
        changes["scope"] = value
    if (value := pick("ca_bundle", ENV_CA_BUNDLE)) is not None:
        changes["ca_bundle"] = value
    if (value := pick("signature_verify_url", ENV_SIGNATURE_URL)) is not None:
        changes["signature_verify_url"] = value

    platform = profile.platform
    if (value := pick("platform_type", ENV_PLATFORM_TYPE)) is not None:
        if value.lower() in ("", "none", "aucun"):
            platform = replace(platform, type_id=None)
        elif value.isdigit():
            platform = replace(platform, type_id=int(value))
        else:
            raise ConfigurationError(f"{ENV_PLATFORM_TYPE} : 1 à 5 attendu, reçu « {value} ».")
    if (value := pick("platform_id", ENV_PLATFORM_ID)) is not None:
        platform = replace(platform, platform_id=value)
    if (value := pick("technical_id", ENV_TECHNICAL_ID)) is not None:
        platform = replace(platform, technical_id=value)
    changes["platform"] = platform

    requester = profile.requester
    if (value := pick("requester_id", ENV_REQUESTER_ID)) is not None:
        requester = replace(requester, id=value)
    if (value := pick("requester_name", ENV_REQUESTER_NAME)) is not None:
        requester = replace(requester, name=value)
    changes["requester"] = requester

    if (value := pick("read_timeout", ENV_TIMEOUT)) is not None:
        changes["timeouts"] = replace(profile.timeouts, read=_float(value, ENV_TIMEOUT))

    dialect = profile.dialect
    if (value := pick("platform_block", ENV_PLATFORM_BLOCK)) is not None:
        if value not in ("nested", "flat"):
            raise ConfigurationError(
                f"{ENV_PLATFORM_BLOCK} : « nested » ou « flat » attendu, reçu « {value} »."
            )
        block: Literal["nested", "flat"] = "nested" if value == "nested" else "flat"
        dialect = replace(dialect, platform_block=block)
    if (value := pick("xml_field", ENV_XML_FIELD)) is not None:
        dialect = replace(dialect, xml_field=value)
    changes["dialect"] = dialect
    return replace(profile, **changes)
