"""The stand-in's Service DUME: the documented operations over an in-memory store.

It follows ``docs/dume-api.md``: one URI per API, dispatch on ``operation``,
platform block nested or flat (both accepted), ``idPlateforme`` length per
``typeIdPlateforme``, 8-character lower-case ids, status codes (01 brouillon,
02 validé, 04 supprimé), ``id xor XML`` rules, base64 XML that must pass
``dume validate`` (as the real service checks it), errors as ``messageList``
entries of type ``ERREUR``.  Error codes and answer field names the
documentation does not give are ours (see :data:`ERROR_CODES`).
"""

from __future__ import annotations

import base64
import binascii
import logging
import secrets
import string
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.espdxml import safe
from app.espdxml.detect import detect
from app.espdxml.names import cbc

log = logging.getLogger("dume.standin")

DRAFT, VALIDATED, PUBLISHED, DELETED = "01", "02", "03", "04"
_ID_ALPHABET = string.ascii_lowercase + string.digits
_PLATFORM_LENGTHS: dict[str, tuple[int, ...]] = {
    "": (14,),
    "1": (14,),
    "2": tuple(range(1, 19)),
    "3": tuple(range(3, 19)),
    "4": (9, 10),
    "5": (9,),
}

#: our error codes (the official table is not public)
ERROR_CODES = {
    "PARAMETRE_MANQUANT": "parameter missing",
    "PARAMETRE_INVALIDE": "parameter invalid",
    "PLATEFORME_INCONNUE": "platform pair not registered",
    "OPERATION_INCONNUE": "no such operation on this API",
    "DUME_INEXISTANT": "no such DUME",
    "DUME_ILLISIBLE": "not base64 / not XML",
    "DUME_INVALIDE": "fails validation",
    "TYPE_DUME_INVALIDE": "request sent to dumeOE or response to dumeA",
    "DUME_NON_MODIFIABLE": "a validated or deleted DUME cannot be modified",
    "SIRET_INCONNU": "no company data for this SIRET",
}

#: fake API Entreprise data: SIRET -> (published data, unpublished extras)
COMPANIES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "41234567800012": (
        {
            "siret": "41234567800012",
            "raisonSociale": "Menuiserie Dupré",
            "formeJuridique": "SARL",
            "codeNAF": "16.23Z",
            "adresse": {
                "voie": "12 rue des Artisans",
                "codePostal": "95440",
                "ville": "Écouen",
                "codePays": "FR",
            },
            "categorieEntreprise": "PME",
            "numeroTVA": "FR40412345678",
        },
        {"effectif": "12", "chiffreAffaires": "1250000", "courriel": "contact@dupre.example"},
    ),
    "88312345600021": (
        {
            "siret": "88312345600021",
            "raisonSociale": "Bâtiments du Sud",
            "formeJuridique": "SAS",
            "codeNAF": "41.20B",
            "adresse": {
                "voie": "3 avenue du Port",
                "codePostal": "13002",
                "ville": "Marseille",
                "codePays": "FR",
            },
            "categorieEntreprise": "ETI",
        },
        {"effectif": "420"},
    ),
}


class ServiceError(Exception):
    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass
class StoredDume:
    id: str
    api: str
    requester_id: str
    requester_name: str
    xml: bytes
    uuid: str | None
    consultation: str
    status: str
    created: datetime
    modified: datetime
    seq: int
    metadata: dict[str, str] = field(default_factory=dict)


def _uuid_and_reference(xml: bytes) -> tuple[str | None, str]:
    root = safe.parse_bytes(xml, "DUME").getroot()
    uuid = root.findtext(cbc("UUID"))
    reference = root.findtext(cbc("ContractFolderID")) or ""
    return (uuid.strip() if uuid else None), reference.strip()


def _get(body: Mapping[str, Any], *names: str) -> Any:
    lowered = {key.lower(): value for key, value in body.items()}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return None


def _text(body: Mapping[str, Any], *names: str) -> str:
    value = _get(body, *names)
    return "" if value is None else str(value).strip()


def _decode(text: str) -> bytes:
    compact = "".join(text.split())
    try:
        return base64.b64decode(compact + "=" * (-len(compact) % 4), validate=True)
    except (binascii.Error, ValueError):
        raise ServiceError(
            "DUME_ILLISIBLE", "Le DUME transmis n'est pas encodé en base 64."
        ) from None


class DumeService:
    def __init__(
        self,
        *,
        platform_id: str,
        technical_id: str,
        validate_xml: bool = True,
        honour_idempotency_key: bool = False,
    ) -> None:
        self.platform_id = platform_id
        self.technical_id = technical_id
        self.validate_xml = validate_xml
        self.honour_idempotency_key = honour_idempotency_key
        self._lock = threading.RLock()
        self._documents: dict[str, StoredDume] = {}
        self._idempotent: dict[str, dict[str, Any]] = {}
        self._seq = 0
        self.validations = 0

    # ------------------------------------------------------------ server-side inspection
    def documents(self, *, include_deleted: bool = False) -> list[StoredDume]:
        with self._lock:
            docs = sorted(self._documents.values(), key=lambda d: d.seq)
        return [d for d in docs if include_deleted or d.status != DELETED]

    def count(self, uuid: str | None = None) -> int:
        """Live DUMEs stored (with that ESPD UUID)."""
        return sum(1 for d in self.documents() if uuid is None or d.uuid == uuid)

    def get(self, dume_id: str) -> StoredDume:
        with self._lock:
            return self._documents[dume_id]

    # ------------------------------------------------------------ dispatch
    def handle(
        self, api: str, body: Mapping[str, Any], idempotency_key: str | None
    ) -> dict[str, Any]:
        operation = _text(body, "operation", "opération")
        self._check_platform(api, operation, body)
        handler = _OPERATIONS.get((api, operation)) or _OPERATIONS.get(("*", operation))
        if handler is None:
            raise ServiceError(
                "OPERATION_INCONNUE", f"L'opération « {operation} » n'existe pas sur l'API {api}."
            )
        if self.honour_idempotency_key and idempotency_key and operation == "enregistrerDume":
            with self._lock:
                if idempotency_key in self._idempotent:
                    return self._idempotent[idempotency_key]
                result = handler(self, api, body)
                self._idempotent[idempotency_key] = result
                return result
        return handler(self, api, body)

    def _check_platform(self, api: str, operation: str, body: Mapping[str, Any]) -> None:
        block = _get(body, "plateforme")
        fields = block if isinstance(block, Mapping) else body
        platform_id = _text(fields, "idPlateforme")
        technical_id = _text(fields, "idTechniquePlateforme")
        type_id = _text(fields, "typeIdPlateforme")
        if operation == "healthCheck":
            return
        if not platform_id or not technical_id:
            raise ServiceError(
                "PARAMETRE_MANQUANT", "idPlateforme et idTechniquePlateforme sont obligatoires."
            )
        if api == "dumeOE" and operation == "enregistrerDume" and not type_id:
            raise ServiceError("PARAMETRE_MANQUANT", "typeIdPlateforme est obligatoire.")
        lengths = _PLATFORM_LENGTHS.get(type_id)
        if lengths is None or len(platform_id) not in lengths:
            raise ServiceError(
                "PARAMETRE_INVALIDE",
                f"idPlateforme de longueur {len(platform_id)} incompatible avec le "
                f"typeIdPlateforme « {type_id or '1'} ».",
            )
        if (platform_id, technical_id) != (self.platform_id, self.technical_id):
            raise ServiceError(
                "PLATEFORME_INCONNUE",
                "Le couple idPlateforme / idTechniquePlateforme n'est pas raccordé au service DUME.",
            )

    @staticmethod
    def _requester(body: Mapping[str, Any], *, required: bool) -> tuple[str, str]:
        requester_id = _text(body, "idDemandeur")
        requester_name = _text(body, "rsDemandeur")
        if required and (not requester_id or not requester_name):
            raise ServiceError(
                "PARAMETRE_MANQUANT", "idDemandeur et rsDemandeur sont obligatoires."
            )
        if requester_id and not 1 <= len(requester_id) <= 18:
            raise ServiceError("PARAMETRE_INVALIDE", "idDemandeur : 1 à 18 caractères.")
        return requester_id, requester_name

    def _new_id(self) -> str:
        while True:
            candidate = "".join(secrets.choice(_ID_ALPHABET) for _ in range(8))
            if candidate not in self._documents:
                return candidate

    def _find(self, api: str, dume_id: str) -> StoredDume:
        with self._lock:
            found = self._documents.get(dume_id)
        if found is None or found.api != api:
            raise ServiceError("DUME_INEXISTANT", f"Le DUME « {dume_id} » n'existe pas.")
        return found

    def _xml_argument(self, body: Mapping[str, Any], api: str) -> bytes | None:
        raw = _get(body, "dume", "dumeA", "dumeOE", "xml")
        if raw is None or raw == "":
            return None
        if not isinstance(raw, str):
            raise ServiceError("DUME_ILLISIBLE", "Le DUME doit être une chaîne en base 64.")
        return _decode(raw)

    def _check_xml(self, api: str, xml: bytes, *, validate: bool) -> tuple[str | None, str]:
        from app.errors import DocumentRefusedError

        try:
            tree = safe.parse_bytes(xml, "DUME")
            detected = detect(tree, "DUME")
        except DocumentRefusedError as exc:
            raise ServiceError("DUME_ILLISIBLE", exc.message) from None
        expected = "request" if api == "dumeA" else "response"
        if detected.kind != expected:
            raise ServiceError(
                "TYPE_DUME_INVALIDE",
                f"L'API {api} attend un DUME {'acheteur' if expected == 'request' else 'OE'}.",
            )
        if validate and self.validate_xml:
            from app.validation import validate_bytes

            self.validations += 1
            try:
                report = validate_bytes(xml, "DUME")
            except DocumentRefusedError as exc:
                raise ServiceError("DUME_ILLISIBLE", exc.message) from None
            blocking = [f for f in report.findings if f.blocking]
            if blocking:
                first = blocking[0]
                raise ServiceError(
                    "DUME_INVALIDE",
                    f"Le DUME ne respecte pas les règles ESPD ({first.rule_id}) : {first.message}",
                )
        return _uuid_and_reference(xml)

    # ------------------------------------------------------------ operations
    def health_check(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "messageList": [{"type": "INFO", "code": "OK", "message": f"API {api} disponible."}],
            "statut": "OK",
        }

    def model(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        from app.espdxml.writer import to_bytes
        from app.models.document import EconomicOperator, EspdDocument, new_request

        document = (
            new_request()
            if api == "dumeA"
            else EspdDocument(kind="response", economic_operator=EconomicOperator())
        )
        return {"messageList": [], "dume": base64.b64encode(to_bytes(document)).decode()}

    def search(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        requester_id, _ = self._requester(body, required=True)
        consultation = _text(body, "idConsultation")
        lot = _text(body, "idLot")
        if lot and not consultation:
            raise ServiceError(
                "PARAMETRE_MANQUANT", "idConsultation est obligatoire quand un lot est donné."
            )
        wrapper = "dumeAcheteur" if api == "dumeA" else "dumeOE"
        rows = [
            d
            for d in self.documents(include_deleted=True)
            if d.api == api
            and d.requester_id == requester_id
            and (not consultation or d.consultation == consultation)
        ][:100]
        results = {
            str(index): {
                wrapper: {
                    "Id": d.id,
                    "Date de création": d.created.strftime("%Y-%m-%d %H:%M:%S.%f"),
                    "Date de modification": d.modified.strftime("%Y-%m-%d %H:%M:%S.%f"),
                    "Statut": d.status,
                    "Accessibilité": True,
                }
            }
            for index, d in enumerate(rows, start=1)
        }
        return {"messageList": [], "responseRecherche": results}

    def formatted(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        dume_id = _text(body, "idDume")
        xml = self._xml_argument(body, api)
        if bool(dume_id) == (xml is not None):
            raise ServiceError(
                "PARAMETRE_INVALIDE", "Donnez soit idDume, soit le DUME en base 64, pas les deux."
            )
        fmt = _text(body, "format")
        if fmt not in ("0", "1", "2", "3"):
            raise ServiceError("PARAMETRE_INVALIDE", "format : 0, 1 (PDF), 2 (XML) ou 3 (HTML).")
        if xml is None:
            stored = self._find(api, dume_id)
            if stored.status == DELETED:
                raise ServiceError("DUME_INEXISTANT", f"Le DUME « {dume_id} » a été supprimé.")
            xml, status = stored.xml, stored.status
        else:
            self._check_xml(api, xml, validate=False)
            status = ""
        if fmt == "1":
            content = _pdf(dume_id or "sans numéro")
        elif fmt == "3":
            content = f"<html><body><h1>DUME {dume_id}</h1></body></html>".encode()
        elif fmt == "2":
            content = xml
        else:
            content = b""
        answer: dict[str, Any] = {"messageList": [], "idDume": dume_id, "format": fmt}
        if status:
            answer["statut"] = status
        if content:
            answer["dume"] = base64.b64encode(content).decode()
        return answer

    def save(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        requester_id, requester_name = self._requester(body, required=False)
        xml = self._xml_argument(body, api)
        if xml is None:
            raise ServiceError("PARAMETRE_MANQUANT", "Le DUME (XML en base 64) est obligatoire.")
        status = _text(body, "statut") or DRAFT
        if status not in (DRAFT, VALIDATED):
            raise ServiceError("PARAMETRE_INVALIDE", "statut : 01 (brouillon) ou 02 (validé).")
        uuid, reference = self._check_xml(api, xml, validate=True)
        dume_id = _text(body, "idDume")
        now = datetime.now()
        with self._lock:
            if dume_id:
                stored = self._find(api, dume_id)
                if stored.status != DRAFT:
                    raise ServiceError(
                        "DUME_NON_MODIFIABLE",
                        f"Le DUME « {dume_id} » est validé ou supprimé : il ne peut plus être "
                        "modifié.",
                    )
                stored.xml, stored.uuid, stored.consultation = xml, uuid, reference
                stored.status, stored.modified = status, now
            else:
                self._seq += 1
                stored = StoredDume(
                    id=self._new_id(),
                    api=api,
                    requester_id=requester_id,
                    requester_name=requester_name,
                    xml=xml,
                    uuid=uuid,
                    consultation=reference,
                    status=status,
                    created=now,
                    modified=now,
                    seq=self._seq,
                )
                self._documents[stored.id] = stored
        log.info("stand-in stored DUME %s on %s (status %s)", stored.id, api, status)
        return {
            "messageList": [
                {"type": "INFO", "code": "DUME_ENREGISTRE", "message": "DUME enregistré."}
            ],
            "idDume": stored.id,
            "statut": stored.status,
        }

    def delete(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        self._requester(body, required=True)
        dume_id = _text(body, "idDume")
        if not dume_id:
            raise ServiceError("PARAMETRE_MANQUANT", "idDume est obligatoire.")
        with self._lock:
            stored = self._find(api, dume_id)
            if stored.status == DELETED:
                raise ServiceError(
                    "DUME_NON_MODIFIABLE", f"Le DUME « {dume_id} » est déjà supprimé."
                )
            stored.status, stored.modified = DELETED, datetime.now()
        return {"messageList": [{"type": "INFO", "code": "DUME_SUPPRIME", "message": "Supprimé."}]}

    def _company(self, body: Mapping[str, Any], *, exact: bool) -> dict[str, Any]:
        siret = _text(body, "siretOE")
        if not siret:
            raise ServiceError("PARAMETRE_MANQUANT", "siretOE est obligatoire.")
        if (exact and len(siret) != 14) or not 1 <= len(siret) <= 18 or not siret.isalnum():
            raise ServiceError("PARAMETRE_INVALIDE", f"siretOE « {siret} » invalide.")
        kind = _text(body, "typeDonnees") or "1"
        if kind not in ("1", "2"):
            raise ServiceError("PARAMETRE_INVALIDE", "typeDonnees : 1 ou 2.")
        if siret not in COMPANIES:
            raise ServiceError(
                "SIRET_INCONNU", f"Aucune donnée d'entreprise pour le SIRET {siret}."
            )
        published, unpublished = COMPANIES[siret]
        data = dict(published)
        if kind == "2":
            data.update(unpublished)
        return data

    def _prefilled_response(self, api: str, body: Mapping[str, Any]) -> tuple[bytes, str]:
        from app.espdxml.reader import read_bytes
        from app.espdxml.writer import to_bytes
        from app.models.answering import new_response
        from app.models.document import Address, EconomicOperator, PartyIdentifier

        company = self._company(body, exact=False)
        dume_id = _text(body, "idDume")
        xml = self._xml_argument(body, "dumeA")
        if bool(dume_id) == (xml is not None):
            raise ServiceError(
                "PARAMETRE_INVALIDE", "Donnez soit idDume, soit le DUME A en base 64, pas les deux."
            )
        if xml is None:
            stored = self._find("dumeA", dume_id)
            if stored.status == DELETED:
                raise ServiceError("DUME_INEXISTANT", f"Le DUME « {dume_id} » a été supprimé.")
            xml = stored.xml
        else:
            self._check_xml("dumeA", xml, validate=False)
        response = new_response(read_bytes(xml, "DUME A"))
        address = company.get("adresse", {})
        response.economic_operator = EconomicOperator(
            name=company["raisonSociale"],
            identifiers=[
                PartyIdentifier(
                    value=company["siret"], scheme_id="NATIONAL", scheme_agency_id="INSEE"
                )
            ],
            address=Address(
                street=address.get("voie", ""),
                city=address.get("ville", ""),
                postal_zone=address.get("codePostal", ""),
                country="FRA",
            ),
            size_code={"PME": "sme", "ETI": "large"}.get(
                company.get("categorieEntreprise", ""), ""
            ),
        )
        return to_bytes(response), company["siret"]

    def merge(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        xml, _ = self._prefilled_response(api, body)
        return {"messageList": [], "dume": base64.b64encode(xml).decode()}

    def create_operator_dume(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        xml, siret = self._prefilled_response(api, body)
        uuid, reference = _uuid_and_reference(xml)
        now = datetime.now()
        with self._lock:
            self._seq += 1
            stored = StoredDume(
                self._new_id(), "dumeOE", siret, "", xml, uuid, reference, DRAFT, now, now,
                self._seq,
            )  # fmt: skip
            self._documents[stored.id] = stored
        return {
            "messageList": [],
            "idDume": stored.id,
            "statut": DRAFT,
            "dume": base64.b64encode(xml).decode(),
        }

    def operator_data(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        return {"messageList": [], "donneesOE": self._company(body, exact=True)}

    def update_metadata(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        dume_id = _text(body, "idDume")
        if len(dume_id) != 8:
            raise ServiceError("PARAMETRE_INVALIDE", "idDume : 8 caractères.")
        with self._lock:
            stored = self._documents.get(dume_id)
            if stored is None:
                raise ServiceError("DUME_INEXISTANT", f"Le DUME « {dume_id} » n'existe pas.")
            skip = {"operation", "plateforme", "idplateforme", "idtechniqueplateforme", "iddume"}
            stored.metadata.update(
                {
                    k: str(v)
                    for k, v in body.items()
                    if k.lower() not in skip and not isinstance(v, dict)
                }
            )
        return {
            "messageList": [{"type": "INFO", "code": "OK", "message": "Métadonnées enregistrées."}]
        }

    def labels(self, api: str, body: Mapping[str, Any]) -> dict[str, Any]:
        return {
            "messageList": [],
            "libelles": {
                "fr": {"crime-org": "Participation à une organisation criminelle"},
                "en": {"crime-org": "Participation in a criminal organisation"},
            },
        }


def _pdf(title: str) -> bytes:
    import io

    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, f"DUME {title} (serveur de démonstration)")
    page.save()
    return buffer.getvalue()


_OPERATIONS = {
    ("*", "healthCheck"): DumeService.health_check,
    ("dumeA", "recupererModelDume"): DumeService.model,
    ("dumeOE", "recupererModelDume"): DumeService.model,
    ("dumeA", "rechercherDumes"): DumeService.search,
    ("dumeOE", "rechercherDumes"): DumeService.search,
    ("dumeA", "recupererDumeFormate"): DumeService.formatted,
    ("dumeOE", "recupererDumeFormate"): DumeService.formatted,
    ("dumeA", "enregistrerDume"): DumeService.save,
    ("dumeOE", "enregistrerDume"): DumeService.save,
    ("dumeA", "supprimerDume"): DumeService.delete,
    ("dumeOE", "supprimerDume"): DumeService.delete,
    ("dumeOE", "FusionnerDumeAvecDonneesEntreprise"): DumeService.merge,
    ("dumeOE", "recupererDumeOEAvecDonnesEntreprise"): DumeService.create_operator_dume,
    ("donnees", "recupererDonneesOE"): DumeService.operator_data,
    ("metadonnees", "mettreAJourDume"): DumeService.update_metadata,
    ("referentiels", "recupererLibellesDUME"): DumeService.labels,
}
