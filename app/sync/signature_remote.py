"""Optional remote signature verification (the AIFE/TNCP verifier), beside the local verdict.

The service exists (XAdES and PAdES, a validation report with a synthesis) but
its API contract is not public (``docs/dume-api.md`` §5): the endpoint and the
field names are configuration (:class:`SignatureServiceConfig`), the answer is
read tolerantly into a :class:`RemoteVerification` with the ETSI EN 319 102-1
indication the local engine also uses.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from app.errors import UserFacingError
from app.sync.auth import PisteAuth
from app.sync.errors import ConfigurationError, MalformedResponseError, SignatureServiceError
from app.sync.profiles import check_endpoint
from app.sync.transport import HttpTransport
from app.sync.wire import lookup, message_list

if TYPE_CHECKING:
    from app.sync.client import DumeClient

__all__ = [
    "RemoteSignatureVerifier",
    "RemoteVerification",
    "SignatureServiceConfig",
    "remote_verdict",
]

Indication = Literal["TOTAL_PASSED", "TOTAL_FAILED", "INDETERMINATE"]

_INDICATIONS: dict[str, Indication] = {
    "totalpassed": "TOTAL_PASSED",
    "passed": "TOTAL_PASSED",
    "valide": "TOTAL_PASSED",
    "valid": "TOTAL_PASSED",
    "ok": "TOTAL_PASSED",
    "totalfailed": "TOTAL_FAILED",
    "failed": "TOTAL_FAILED",
    "invalide": "TOTAL_FAILED",
    "invalid": "TOTAL_FAILED",
    "ko": "TOTAL_FAILED",
}
_LABELS: dict[Indication, str] = {
    "TOTAL_PASSED": "Signature valide selon le service distant",
    "TOTAL_FAILED": "Signature invalide selon le service distant",
    "INDETERMINATE": "Le service distant n'a pas pu conclure",
}


@dataclass(frozen=True)
class SignatureServiceConfig:
    url: str
    #: JSON keys of the request (unknown contract: configurable)
    document_field: str = "document"
    name_field: str = "nomDocument"
    signature_field: str = "signature"  # detached signature, when there is one
    #: send the PISTE bearer token (the service is expected behind PISTE)
    authenticated: bool = True


@dataclass(frozen=True)
class RemoteVerification:
    indication: Indication
    sub_indication: str = ""
    signer: str = ""
    report: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def summary(self) -> str:
        text = _LABELS[self.indication]
        if self.sub_indication:
            text += f" ({self.sub_indication})"
        if self.signer:
            text += f" — signataire : {self.signer}"
        return text + "."


def _indication(value: Any) -> Indication:
    key = "".join(ch for ch in str(value or "").lower() if ch.isalnum())
    return _INDICATIONS.get(key, "INDETERMINATE")


class RemoteSignatureVerifier:
    def __init__(
        self,
        config: SignatureServiceConfig,
        transport: HttpTransport,
        auth: PisteAuth | None = None,
    ) -> None:
        self.config = config
        self._transport = transport
        self._auth = auth
        check_endpoint(config.url, "Adresse du service de signature")

    def verify(
        self, document: bytes, *, name: str, detached_signature: bytes | None = None
    ) -> RemoteVerification:
        config = self.config
        body: dict[str, str] = {
            config.document_field: base64.b64encode(document).decode("ascii"),
            config.name_field: name,
        }
        if detached_signature is not None:
            body[config.signature_field] = base64.b64encode(detached_signature).decode("ascii")
        headers = self._auth.headers() if (config.authenticated and self._auth) else {}
        reply = self._transport.post(
            config.url, what="vérification de signature", json_body=body, headers=headers
        )
        if reply.status == 401 and self._auth is not None:
            self._auth.invalidate()
            reply = self._transport.post(
                config.url,
                what="vérification de signature",
                json_body=body,
                headers=self._auth.headers(),
            )
        if reply.status >= 400:
            raise SignatureServiceError(
                f"Le service de vérification de signature a répondu HTTP {reply.status}.",
                hint="Vérifiez son adresse dans les paramètres ; la vérification locale "
                "reste valable.",
            )
        data = reply.json()
        report = lookup(data, "response") if isinstance(data, Mapping) else None
        report = report if isinstance(report, Mapping) else data
        if not isinstance(report, Mapping):
            raise MalformedResponseError("Réponse illisible du service de signature.")
        errors = [m for m in message_list(report) if m.is_error]
        if errors:
            raise SignatureServiceError(
                f"Le service de vérification a refusé le document : {errors[0].message}"
            )
        raw_report = lookup(report, "rapport", "report")
        return RemoteVerification(
            indication=_indication(lookup(report, "indication", "resultat", "statut")),
            sub_indication=str(lookup(report, "sousIndication", "subIndication", default="") or ""),
            signer=str(lookup(report, "signataire", "signer", default="") or ""),
            report=dict(raw_report) if isinstance(raw_report, Mapping) else dict(report),
        )


def remote_verdict(
    client: DumeClient, url: str | None, document: Path, signature: Path | None = None
) -> RemoteVerification:
    """The verdict of the service at *url* on *document* (with its detached *signature*)."""
    if not url:
        raise ConfigurationError(
            "Aucun service de vérification en ligne n'est configuré.",
            hint="Indiquez son adresse dans Paramètres › Service DUME "
            "(ou avec --url, ou DUME_SIGNATURE_VERIFY_URL).",
        )
    try:
        signed = document.read_bytes()
        detached = signature.read_bytes() if signature is not None else None
    except OSError as exc:
        raise UserFacingError(
            f"{(signature or document).name} : lecture impossible ({exc.strerror})."
        ) from None
    verifier = RemoteSignatureVerifier(SignatureServiceConfig(url), client.transport, client.auth)
    return verifier.verify(signed, name=document.name, detached_signature=detached)
