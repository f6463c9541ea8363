"""The JSON envelope of the DUME APIs: building requests, reading answers.

Requests: ``{"operation": ..., <platform block>, "idDemandeur", "rsDemandeur", ...}``.
Answers: ``{"response": {"messageList": [{"type", "code", "message"}], ...}}``;
an entry of type ``ERREUR`` means the operation failed (documented, §1.1).
Field names the documentation does not give are read tolerantly: keys are
compared without case, accents, spaces or underscores.
"""

from __future__ import annotations

import base64
import binascii
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from lxml import etree

from app.errors import DocumentRefusedError
from app.sync.errors import (
    AuthenticationError,
    DocumentRejectedError,
    MalformedResponseError,
    RemoteDocumentNotFoundError,
    ServiceMessage,
    ServiceRefusedError,
)
from app.sync.profiles import ApiProfile, WireDialect

__all__ = [
    "decode_document",
    "encode_document",
    "espd_uuid",
    "lookup",
    "message_list",
    "normalise_key",
    "open_response",
    "request_body",
]

_WHITESPACE = re.compile(rb"\s+")


def encode_document(data: bytes) -> str:
    """The DUME XML as AIFE wants it in JSON: base64 ("XML UUENCODE en base 64")."""
    return base64.b64encode(data).decode("ascii")


def decode_document(text: str, what: str = "document") -> bytes:
    """Base64 with or without line breaks (both readings of "uuencode" are accepted)."""
    raw = _WHITESPACE.sub(b"", text.encode("ascii", errors="replace"))
    raw += b"=" * (-len(raw) % 4)
    try:
        return base64.b64decode(raw, validate=True)
    except (binascii.Error, ValueError):
        try:
            return base64.b64decode(raw, altchars=b"-_", validate=True)
        except (binascii.Error, ValueError):
            raise MalformedResponseError(
                f"Le service a renvoyé un {what} illisible (base64 invalide)."
            ) from None


def normalise_key(key: str) -> str:
    folded = unicodedata.normalize("NFKD", key)
    letters = "".join(c for c in folded if not unicodedata.combining(c))
    return re.sub(r"[\s_\-.]", "", letters).lower()


def lookup(data: Mapping[str, Any], *names: str, default: Any = None) -> Any:
    """The first present key among *names*, compared tolerantly."""
    wanted = [normalise_key(n) for n in names]
    index = {normalise_key(k): k for k in data}
    for name in wanted:
        if name in index:
            return data[index[name]]
    return default


def request_body(
    profile: ApiProfile,
    operation: str,
    fields: Mapping[str, Any],
    *,
    with_requester: bool = True,
) -> dict[str, Any]:
    """The JSON body of *operation*: platform block, requester, then *fields*."""
    dialect = profile.dialect
    platform: dict[str, str] = {}
    if profile.platform.type_id is not None:
        platform["typeIdPlateforme"] = str(profile.platform.type_id)
    platform["idPlateforme"] = profile.platform.platform_id
    platform["idTechniquePlateforme"] = profile.platform.technical_id
    body: dict[str, Any] = {"operation": operation}
    if dialect.platform_block == "nested":
        body[dialect.platform_block_key] = platform
    else:
        body.update(platform)
    if with_requester and profile.requester.id:
        body["idDemandeur"] = profile.requester.id
        body["rsDemandeur"] = profile.requester.name
    body.update({k: v for k, v in fields.items() if v is not None})
    return body


def message_list(response: Mapping[str, Any]) -> list[ServiceMessage]:
    raw = lookup(response, "messageList", default=[]) or []
    if isinstance(raw, Mapping):
        raw = [raw]
    messages = []
    for entry in raw if isinstance(raw, list) else []:
        if isinstance(entry, Mapping):
            messages.append(
                ServiceMessage(
                    type=str(lookup(entry, "type", default="") or ""),
                    code=str(lookup(entry, "code", default="") or ""),
                    message=str(lookup(entry, "message", "libelle", default="") or ""),
                )
            )
    return messages


def _refusal(
    dialect: WireDialect,
    operation: str,
    http_status: int,
    errors: list[ServiceMessage],
) -> ServiceRefusedError:
    first = errors[0] if errors else None
    text = first.message.strip() if first and first.message.strip() else ""
    more = f" (et {len(errors) - 1} autre(s) message(s))" if len(errors) > 1 else ""
    message = (
        f"Le service DUME a refusé « {operation} » : {text}{more}"
        if text
        else f"Le service DUME a refusé « {operation} » (HTTP {http_status})."
    )
    hint = f"Code du service : {first.code}." if first and first.code else None
    codes = {m.code for m in errors}
    cls: type[ServiceRefusedError] = ServiceRefusedError
    if http_status == 404 or codes & set(dialect.not_found_codes):
        cls = RemoteDocumentNotFoundError
    elif codes & set(dialect.rejected_codes):
        cls = DocumentRejectedError
    return cls(
        message, messages=tuple(errors), operation=operation, http_status=http_status, hint=hint
    )


def open_response(dialect: WireDialect, operation: str, status: int, data: Any) -> dict[str, Any]:
    """The ``response`` object of an answer, or the typed error it carries."""
    response = lookup(data, "response") if isinstance(data, Mapping) else None
    if not isinstance(response, Mapping):
        if status == 403:
            raise AuthenticationError(
                f"Accès refusé à « {operation} » (HTTP 403).",
                hint="Vérifiez que votre application PISTE a souscrit à cette API DUME "
                "pour ce profil (bac à sable ou production).",
            )
        if 400 <= status < 500:
            raise _refusal(dialect, operation, status, [])
        raise MalformedResponseError(
            f"Réponse inattendue du service pour « {operation} » : enveloppe « response » absente."
        )
    messages = message_list(response)
    errors = [m for m in messages if m.type.upper() == dialect.error_type.upper() or m.is_error]
    if errors or status >= 400:
        raise _refusal(dialect, operation, status, errors)
    return dict(response)


def espd_uuid(xml: bytes) -> str | None:
    """``cbc:UUID`` of an ESPD document: the identity the dedupe check relies on."""
    from app.espdxml import safe
    from app.espdxml.names import cbc

    try:
        root = safe.parse_bytes(xml, "DUME").getroot()
    except (DocumentRefusedError, etree.LxmlError):
        return None
    element = root.find(cbc("UUID"))
    text = (element.text or "").strip() if element is not None else ""
    return text or None


def first_document(
    response: Mapping[str, Any], names: Iterable[str], what: str = "document"
) -> bytes | None:
    value = lookup(response, *names)
    if isinstance(value, str) and value.strip():
        return decode_document(value, what)
    return None
