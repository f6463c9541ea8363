"""Client of the DUME APIs (buyer ``dumeA``, operator ``dumeOE``, ``donnees``,
``metadonnees``, ``referentiels``).

Every call is an HTTPS POST of a JSON body naming its ``operation``, carrying
the platform identification block and, for documents, the DUME XML in base64.
A bearer token from PISTE goes in the ``Authorization`` header; a 401 drops the
token and the call is made once more with a fresh one.

Operations that write (enregistrerDume, supprimerDume) are normally called by
the sync engine from the outbox, never directly by the UI: see
:mod:`app.sync.engine`.
"""

from __future__ import annotations

import logging
import random
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from app.models.document import EspdDocument
from app.sync.auth import PisteAuth
from app.sync.company import CompanyData, check_siret, parse_company_data
from app.sync.credentials import CredentialStore
from app.sync.errors import (
    AuthenticationError,
    ConfigurationError,
    DeliveryUncertainError,
    MalformedResponseError,
    ServiceMessage,
)
from app.sync.profiles import ApiName, ApiProfile, api_for_kind, check_endpoint
from app.sync.transport import HttpTransport, Sleep
from app.sync.wire import (
    encode_document,
    first_document,
    lookup,
    message_list,
    normalise_key,
    open_response,
    request_body,
)

__all__ = [
    "DumeClient",
    "FormattedDume",
    "HealthReport",
    "RemoteDume",
    "SavedDume",
    "check_dume_id",
    "connect",
]

log = logging.getLogger("dume.sync.client")

Format = Literal["xml", "pdf", "html"]
_ID = re.compile(r"[A-Za-z0-9]{8}")


def check_dume_id(value: str) -> str:
    """A DUME number: 8 letters or digits, assigned by the service."""
    text = value.strip()
    if not _ID.fullmatch(text):
        raise ConfigurationError(
            f"Numéro de DUME « {value} » invalide : 8 lettres ou chiffres attendus "
            "(par exemple « itkqiisy »)."
        )
    return text


@dataclass(frozen=True)
class HealthReport:
    api: str
    messages: tuple[ServiceMessage, ...] = ()


@dataclass(frozen=True)
class RemoteDume:
    """One row of ``rechercherDumes``."""

    id: str
    api: str
    status_code: str = ""
    status: str = ""  # draft, validated, deleted ... (per the dialect's code table)
    created: str = ""
    modified: str = ""
    accessible: bool | None = None
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def deleted(self) -> bool:
        return self.status == "deleted"


@dataclass(frozen=True)
class SavedDume:
    id: str
    status: str


@dataclass(frozen=True)
class FormattedDume:
    id: str
    format: Format
    content: bytes
    metadata: dict[str, Any] = field(default_factory=dict, compare=False)


def connect(
    profile: ApiProfile,
    store: CredentialStore | None = None,
    *,
    sleep: Sleep = time.sleep,
    rng: random.Random | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> DumeClient:
    """A client for *profile*, its credentials read from *store* (default: the keyring).

    *sleep*, *rng* and *clock* drive back-off and token expiry (tests pass fast ones).
    Close the client (or use ``with``) to release its connections.
    """
    check_endpoint(profile.token_url, "Adresse du jeton PISTE")
    check_endpoint(profile.api_base_url, "Adresse des API DUME")
    transport = HttpTransport(
        timeouts=profile.timeouts,
        retry=profile.retry,
        ca_bundle=profile.ca_bundle,
        sleep=sleep,
        rng=rng,
    )
    auth = PisteAuth(
        profile, store or CredentialStore(profile.keyring_service), transport, clock=clock
    )
    return DumeClient(profile, auth, transport)


class DumeClient:
    def __init__(self, profile: ApiProfile, auth: PisteAuth, transport: HttpTransport) -> None:
        self.profile = profile
        self.auth = auth
        self.transport = transport

    def close(self) -> None:
        self.transport.close()

    def __enter__(self) -> DumeClient:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # ------------------------------------------------------------ plumbing
    def call(
        self,
        api: ApiName,
        operation: str,
        fields: Mapping[str, Any] | None = None,
        *,
        write: bool = False,
        idempotency_key: str | None = None,
        health: bool = False,
    ) -> dict[str, Any]:
        """POST *operation* to *api* and return the answer's ``response`` object."""
        dialect = self.profile.dialect
        self.profile.platform.check()
        url = self.profile.api_url(api)
        body = request_body(self.profile, operation, fields or {})
        headers: dict[str, str] = {"Accept": "application/json"}
        if idempotency_key:
            if dialect.idempotency_header:
                headers[dialect.idempotency_header] = idempotency_key
            if dialect.client_reference_field:
                body[dialect.client_reference_field] = idempotency_key
        what = f"{api}/{operation}"
        for renewed in (False, True):
            headers.update(self.auth.headers(quick=health))
            reply = self.transport.post(
                url,
                what=what,
                json_body=body,
                headers=headers,
                write=write,
                read_timeout=self.profile.timeouts.health if health else None,
                max_attempts=1 if health else None,
            )
            if reply.status != 401:
                break
            # An expired or revoked token: the gateway refused before processing.
            self.auth.invalidate()
            if renewed:
                raise AuthenticationError(
                    f"PISTE refuse le jeton pour « {what} » même après renouvellement.",
                    hint="Vérifiez que l'application PISTE a accès à l'API DUME pour ce profil.",
                )
            log.info("%s: token refused (401), renewing it", what)
        try:
            data = reply.json()
            return open_response(dialect, operation, reply.status, data)
        except MalformedResponseError as exc:
            if write:
                raise DeliveryUncertainError(
                    exc.message,
                    hint="L'envoi sera vérifié auprès du service avant toute nouvelle "
                    "tentative : il ne sera pas fait en double.",
                ) from None
            raise

    def _require_requester(self) -> None:
        if not self.profile.requester.id:
            raise ConfigurationError(
                "idDemandeur manquant : indiquez le SIRET (ou l'identifiant) de l'acheteur ou "
                "de l'entreprise qui agit sur la plateforme.",
            )

    # ------------------------------------------------------------ health
    def health(self, api: ApiName | None = None) -> HealthReport:
        """``healthCheck``: one quick attempt; raises when the service is not usable."""
        target = api or self.profile.dialect.health_api
        response = self.call(target, "healthCheck", health=True)
        return HealthReport(target, tuple(message_list(response)))

    # ------------------------------------------------------------ reads
    def blank_model(self, kind: Literal["request", "response"]) -> bytes:
        """``recupererModelDume``: the blank DUME A (request) or DUME OE (response)."""
        response = self.call(api_for_kind(kind), "recupererModelDume")
        xml = first_document(response, self.profile.dialect.document_fields, "modèle de DUME")
        if xml is None:
            raise MalformedResponseError("Le service n'a pas renvoyé de modèle de DUME.")
        return xml

    def search(
        self,
        kind: Literal["request", "response"],
        *,
        consultation_id: str | None = None,
        lot_id: str | None = None,
    ) -> list[RemoteDume]:
        """``rechercherDumes``: the requester's DUMEs (newest first)."""
        self._require_requester()
        api = api_for_kind(kind)
        fields = {"idConsultation": consultation_id, "idLot": lot_id}
        response = self.call(api, "rechercherDumes", fields)
        rows = self._search_rows(lookup(response, self.profile.dialect.search_results_field))
        found = [self._remote(api, row) for row in rows]
        result = [r for r in found if r is not None]
        return sorted(result, key=lambda r: (r.created, r.id), reverse=True)

    def fetch(
        self, kind: Literal["request", "response"], dume_id: str, fmt: Format = "xml"
    ) -> FormattedDume:
        """``recupererDumeFormate``: one DUME in one format (one call per format)."""
        dume_id = check_dume_id(dume_id)
        dialect = self.profile.dialect
        response = self.call(
            api_for_kind(kind),
            "recupererDumeFormate",
            {dialect.id_field: dume_id, "format": dialect.format_codes[fmt]},
        )
        content = first_document(response, dialect.document_fields, f"DUME {dume_id}")
        if content is None:
            raise MalformedResponseError(f"Le service n'a pas renvoyé le DUME {dume_id}.")
        metadata = {
            k: v
            for k, v in response.items()
            if normalise_key(k) not in {normalise_key(n) for n in dialect.document_fields}
        }
        return FormattedDume(dume_id, fmt, content, metadata)

    def fetch_request(self, dume_id: str) -> EspdDocument:
        """A buyer's DUME (ESPD request) by its number, read into the model.

        The service does not say which ESPD-EDM version it emits: an older one is
        converted on the way in, with its mismatch report, like an imported file.
        """
        from app.legacy.importing import import_bytes

        xml = self.fetch("request", dume_id, "xml").content
        return import_bytes(xml, f"DUME {dume_id}")

    def company_data(self, siret: str, *, include_unpublished: bool = False) -> CompanyData:
        """``donnees/recupererDonneesOE``: a company's data from its SIRET."""
        siret = check_siret(siret)
        response = self.call(
            "donnees",
            "recupererDonneesOE",
            {"siretOE": siret, "typeDonnees": "2" if include_unpublished else "1"},
        )
        return parse_company_data(siret, response)

    def merge_company_data(
        self,
        siret: str,
        *,
        request_id: str | None = None,
        request_xml: bytes | None = None,
        include_unpublished: bool = False,
    ) -> bytes:
        """``dumeOE/FusionnerDumeAvecDonneesEntreprise``: the OE DUME (ESPD response XML)
        answering a buyer DUME (by number xor XML), prefilled with the company's data."""
        siret = check_siret(siret)
        if (request_id is None) == (request_xml is None):
            raise ConfigurationError("Donnez soit le numéro du DUME acheteur, soit son XML.")
        dialect = self.profile.dialect
        fields: dict[str, Any] = {
            "siretOE": siret,
            "typeDonnees": "2" if include_unpublished else "1",
        }
        if request_id is not None:
            fields[dialect.id_field] = check_dume_id(request_id)
        else:
            assert request_xml is not None
            fields[dialect.xml_field] = encode_document(request_xml)
        response = self.call("dumeOE", "FusionnerDumeAvecDonneesEntreprise", fields)
        xml = first_document(response, dialect.document_fields, "DUME pré-rempli")
        if xml is None:
            raise MalformedResponseError("Le service n'a pas renvoyé le DUME pré-rempli.")
        return xml

    def operator_dume_with_company_data(
        self, siret: str, request_id: str, *, include_unpublished: bool = False
    ) -> FormattedDume:
        """``dumeOE/recupererDumeOEAvecDonnesEntreprise``: an OE DUME with a number,
        completed with the company's data (the service creates it as a draft)."""
        siret = check_siret(siret)
        dialect = self.profile.dialect
        response = self.call(
            "dumeOE",
            "recupererDumeOEAvecDonnesEntreprise",
            {
                "siretOE": siret,
                dialect.id_field: check_dume_id(request_id),
                "typeDonnees": "2" if include_unpublished else "1",
            },
        )
        xml = first_document(response, dialect.document_fields, "DUME pré-rempli")
        dume_id = lookup(response, dialect.id_field)
        if xml is None or not isinstance(dume_id, str):
            raise MalformedResponseError("Le service n'a pas renvoyé le DUME OE et son numéro.")
        return FormattedDume(dume_id, "xml", xml)

    def labels(self) -> dict[str, Any]:
        """``referentiels/recupererLibellesDUME``: the legally validated form labels."""
        return self.call("referentiels", "recupererLibellesDUME")

    # ------------------------------------------------------------ writes (outbox only)
    def save(
        self,
        kind: Literal["request", "response"],
        xml: bytes,
        *,
        validated: bool,
        dume_id: str | None = None,
        idempotency_key: str | None = None,
    ) -> SavedDume:
        """``enregistrerDume``: store a DUME as draft (brouillon) or validated (validé).

        With *dume_id*, the stored DUME is modified; without, a new one is created.
        """
        dialect = self.profile.dialect
        status = "validated" if validated else "draft"
        fields: dict[str, Any] = {
            dialect.xml_field: encode_document(xml),
            dialect.status_field: dialect.status_code(status),
        }
        if dume_id:
            fields[dialect.id_field] = check_dume_id(dume_id)
        response = self.call(
            api_for_kind(kind), "enregistrerDume", fields, write=True,
            idempotency_key=idempotency_key,
        )  # fmt: skip
        new_id = lookup(response, dialect.id_field, "id")
        if not isinstance(new_id, str) or not new_id:
            raise DeliveryUncertainError(
                "Le service a accepté le DUME sans renvoyer son numéro.",
                hint="Le numéro sera retrouvé auprès du service avant toute nouvelle tentative.",
            )
        raw_status = lookup(response, dialect.status_field)
        return SavedDume(new_id, dialect.status_name(str(raw_status)) if raw_status else status)

    def delete(self, kind: Literal["request", "response"], dume_id: str) -> None:
        """``supprimerDume``: the DUME takes the status « supprimé » (04)."""
        self._require_requester()
        self.call(
            api_for_kind(kind),
            "supprimerDume",
            {self.profile.dialect.id_field: check_dume_id(dume_id)},
            write=True,
        )

    def update_metadata(self, dume_id: str, metadata: Mapping[str, str]) -> None:
        """``metadonnees/mettreAJourDume``: metadata beside a DUME (fields unknown)."""
        self.call(
            "metadonnees",
            "mettreAJourDume",
            {self.profile.dialect.id_field: check_dume_id(dume_id), **metadata},
            write=True,
        )

    # ------------------------------------------------------------ internals
    @staticmethod
    def _search_rows(raw: Any) -> list[Mapping[str, Any]]:
        """Rows of the observed shape ``{"1": {"dumeAcheteur": {...}}, ...}`` or a list."""
        if isinstance(raw, Mapping):
            items = [raw[k] for k in sorted(raw, key=lambda k: (len(str(k)), str(k)))]
        elif isinstance(raw, list):
            items = raw
        else:
            return []
        rows = []
        for item in items:
            if not isinstance(item, Mapping):
                continue
            # unwrap {"dumeAcheteur": {...}} / {"dumeOE": {...}}
            if len(item) == 1:
                (inner,) = item.values()
                if isinstance(inner, Mapping):
                    item = inner
            rows.append(item)
        return rows

    def _remote(self, api: str, row: Mapping[str, Any]) -> RemoteDume | None:
        dume_id = lookup(row, "Id", self.profile.dialect.id_field, "identifiant")
        if not isinstance(dume_id, str) or not dume_id:
            return None
        code = str(lookup(row, "Statut", "status", default="") or "")
        accessible = lookup(row, "Accessibilité", "accessible")
        return RemoteDume(
            id=dume_id,
            api=api,
            status_code=code,
            status=self.profile.dialect.status_name(code),
            created=str(lookup(row, "Date de création", "dateCreation", default="") or ""),
            modified=str(lookup(row, "Date de modification", "dateModification", default="") or ""),
            accessible=accessible if isinstance(accessible, bool) else None,
            raw=dict(row),
        )
