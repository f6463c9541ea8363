"""Trust data: EU trusted lists, the user's own trust anchors, cached revocation data.

Everything lives in ``<user data>/trust/``:

- ``lists/LOTL.xml`` and ``lists/<TERRITORY>.xml``: the EU list of trusted lists
  and the national lists, byte for byte as published (still signed);
- ``anchors/<sha256>.der``: trust anchors the user added (art. 2 2° certificates,
  test roots), kept apart from the EU sources;
- ``crls/<sha256>.crl``: revocation lists fetched earlier, reused offline.

Nothing on disk is trusted because it is on disk: :meth:`TrustStore.load` checks
the signature of the LOTL against the LOTL signer certificates bundled with
pyHanko, then each national list against the operator certificates the LOTL
declares for its territory, every time.  A list that fails is left out and
named in ``TrustDataInfo.problems``.  A list past its NextUpdate is still used
(offline is the normal case) but flagged as stale in every report.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from cryptography.x509 import load_der_x509_certificate
from lxml import etree
from pyhanko.sign.validation.qualified import eutl_parse
from pyhanko.sign.validation.qualified.assess import QualificationAssessor
from pyhanko.sign.validation.qualified.q_status import QualificationResult
from pyhanko.sign.validation.qualified.tsp import (
    CAServiceInformation,
    QTSTServiceInformation,
    QualifiedServiceInformation,
    TSPRegistry,
    TSPTrustManager,
)
from pyhanko_certvalidator.authority import Authority, AuthorityWithCert, TrustAnchor
from pyhanko_certvalidator.path import ValidationPath
from pyhanko_certvalidator.registry import SimpleTrustManager
from signxml.exceptions import InvalidSignature as XmlInvalidSignature
from signxml.xades.xades import XAdESSignatureConfiguration, XAdESVerifier

from app.paths import user_data_dir
from app.signature._asn1 import crl as asn1_crl
from app.signature._asn1 import pem
from app.signature._asn1 import x509 as asn1_x509
from app.signature.errors import TrustDataError
from app.signature.model import TrustDataInfo, TrustListInfo
from app.storage.atomic import atomic_write_bytes as _atomic_write_bytes

__all__ = [
    "LOTL_URL",
    "HttpGet",
    "LoadedTrust",
    "TrustStore",
    "default_http_get",
    "verify_trusted_list",
]

log = logging.getLogger("dume.signature.trust")

LOTL_URL = "https://ec.europa.eu/tools/lotl/eu-lotl.xml"
LOTL_NAME = "LOTL"
_TSL_NS = "http://uri.etsi.org/02231/v2#"
_MAX_DOWNLOAD = 20 * 1024 * 1024

#: ``http_get(url) -> body``; raises OSError (or a requests error) when offline.
HttpGet = Callable[[str], bytes]


def default_http_get(url: str) -> bytes:
    """Plain HTTP(S) GET with a timeout and a size cap (injected in tests)."""
    import requests

    with requests.get(url, timeout=30, stream=True) as response:
        response.raise_for_status()
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(65536):
            size += len(chunk)
            if size > _MAX_DOWNLOAD:
                raise OSError(f"{url}: réponse trop volumineuse")
            chunks.append(chunk)
    return b"".join(chunks)


def atomic_write_bytes(path: Path, data: bytes) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    return _atomic_write_bytes(path, data)


# ---------------------------------------------------------------- list checks
@dataclass(frozen=True)
class _ListMetadata:
    territory: str
    issued: datetime | None
    next_update: datetime | None
    sequence_number: int | None


def _parse_datetime(text: str | None) -> datetime | None:
    if not text:
        return None
    moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _metadata(signed_xml: str) -> _ListMetadata:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(signed_xml.encode("utf-8"), parser)
    ns = {"t": _TSL_NS}
    info = root.find("t:SchemeInformation", ns)
    if info is None:
        raise TrustDataError("Liste de confiance sans SchemeInformation.")

    def text(path: str) -> str | None:
        node = info.find(path, ns)
        return node.text if node is not None and node.text else None

    sequence = text("t:TSLSequenceNumber")
    return _ListMetadata(
        territory=text("t:SchemeTerritory") or "?",
        issued=_parse_datetime(text("t:ListIssueDateTime")),
        next_update=_parse_datetime(text("t:NextUpdate/t:dateTime")),
        sequence_number=int(sequence) if sequence and sequence.isdigit() else None,
    )


def verify_trusted_list(
    xml: bytes, signer_certs: Iterable[asn1_x509.Certificate], at: datetime
) -> str:
    """Check the enveloped XAdES signature of a TS 119 612 list; return the signed XML.

    Raises :class:`TrustDataError` when no candidate certificate verifies it.
    Only the signed part is returned, so nothing unsigned is ever parsed.
    """
    errors: list[str] = []
    candidates = sorted(signer_certs, key=lambda c: c.not_valid_before, reverse=True)
    for candidate in candidates:
        config = XAdESSignatureConfiguration(
            require_x509=True, expect_references=True, verification_time=at
        )
        try:
            results = XAdESVerifier().verify(
                xml,
                x509_cert=load_der_x509_certificate(candidate.dump()),
                expect_config=config,
            )
        except XmlInvalidSignature as exc:
            errors.append(f"{candidate.subject.human_friendly}: {exc}")
            continue
        for result in results:
            signed = result.signed_xml
            if signed is not None and signed.tag == f"{{{_TSL_NS}}}TrustServiceStatusList":
                return result.signed_data.decode("utf-8")
        errors.append("la liste elle-même n'est pas couverte par la signature")
    detail = "; ".join(errors[:3]) or "aucun certificat de signataire connu"
    raise TrustDataError(
        "La signature de la liste de confiance ne peut pas être vérifiée.",
        hint=f"Détail : {detail}",
    )


# ---------------------------------------------------------------- trust manager
class CombinedTrustManager(TSPTrustManager):
    """CA services of the EU trusted lists first, then the user's own anchors.

    A subclass of pyHanko's TSP trust manager, so pyHanko's AdES engine still
    runs its qualification analysis on paths that end at a listed CA.
    """

    def __init__(self, registry: TSPRegistry, user_anchors: list[asn1_x509.Certificate]):
        super().__init__(registry)
        self.user = SimpleTrustManager.build(trust_roots=user_anchors)

    def as_trust_anchor(self, authority: Authority) -> TrustAnchor | None:
        return super().as_trust_anchor(authority) or self.user.as_trust_anchor(authority)

    def find_potential_issuers(
        self, cert: asn1_x509.Certificate
    ) -> Generator[TrustAnchor, None, None]:
        yield from super().find_potential_issuers(cert)
        yield from self.user.find_potential_issuers(cert)

    def is_listed(self, authority: Authority) -> bool:
        return TSPTrustManager.as_trust_anchor(self, authority) is not None


@dataclass
class LoadedTrust:
    """Trust data checked at load time, kept in memory for a session."""

    registry: TSPRegistry
    user_anchors: list[asn1_x509.Certificate]
    info: TrustDataInfo
    crls: list[tuple[asn1_crl.CertificateList, str]] = field(default_factory=list)
    territory_of: dict[QualifiedServiceInformation, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.trust_manager = CombinedTrustManager(self.registry, self.user_anchors)
        # Anchors must also be known as plain certificates: pyhanko-certvalidator
        # looks up a CRL's issuer there, and signatures often leave the root out.
        listed = [
            a.certificate
            for a in self.registry.known_certificate_authorities
            if isinstance(a, AuthorityWithCert)
        ]
        self.anchor_certs: list[asn1_x509.Certificate] = [*self.user_anchors, *listed]

    def qualification(self, path: ValidationPath, moment: datetime | None) -> QualificationResult:
        return QualificationAssessor(self.registry).check_entity_cert_qualified(path, moment)

    def anchor_is_listed(self, path: ValidationPath) -> bool:
        return self.trust_manager.is_listed(path.trust_anchor.authority)


def _services(registry: TSPRegistry) -> Iterator[QualifiedServiceInformation]:
    seen: set[QualifiedServiceInformation] = set()
    for authority in [
        *registry.known_certificate_authorities,
        *registry.known_timestamp_authorities,
    ]:
        for service in registry.applicable_service_definitions(authority, None):
            if service not in seen:
                seen.add(service)
                yield service


# ---------------------------------------------------------------- store
def _load_certificate(data: bytes) -> asn1_x509.Certificate:
    if pem.detect(data):
        _, _, data = pem.unarmor(data)
    try:
        cert = asn1_x509.Certificate.load(data)
        cert.native  # noqa: B018 - forces a full parse, so garbage fails here
    except (ValueError, TypeError) as exc:
        raise TrustDataError(
            "Ce fichier n'est pas un certificat X.509 (PEM ou DER) lisible."
        ) from exc
    return cert


class TrustStore:
    """The trust folder: import, refresh and load trusted lists, anchors and CRLs."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder if folder is not None else user_data_dir() / "trust"

    @property
    def lists_dir(self) -> Path:
        return self.folder / "lists"

    @property
    def anchors_dir(self) -> Path:
        return self.folder / "anchors"

    @property
    def crls_dir(self) -> Path:
        return self.folder / "crls"

    # ------------------------------------------------------------ anchors
    def add_anchor(self, data: bytes) -> asn1_x509.Certificate:
        """Add a user trust anchor (PEM or DER); returns the parsed certificate."""
        cert = _load_certificate(data)
        atomic_write_bytes(self.anchors_dir / f"{cert.sha256.hex()}.der", cert.dump())
        log.info("trust anchor added: %s", cert.subject.human_friendly)
        return cert

    def remove_anchor(self, sha256_hex: str) -> bool:
        path = self.anchors_dir / f"{sha256_hex.lower()}.der"
        if path.is_file():
            path.unlink()
            return True
        return False

    def anchors(self) -> list[asn1_x509.Certificate]:
        found = []
        for path in sorted(self.anchors_dir.glob("*.der")):
            try:
                found.append(_load_certificate(path.read_bytes()))
            except (OSError, TrustDataError) as exc:
                log.warning("unreadable trust anchor %s: %s", path.name, exc)
        return found

    # ------------------------------------------------------------ revocation cache
    def add_crl(self, data: bytes, source: str = "cache") -> asn1_crl.CertificateList:
        try:
            crl = asn1_crl.CertificateList.load(data)
            crl.native  # noqa: B018 - full parse
        except (ValueError, TypeError) as exc:
            raise TrustDataError("Liste de révocation (CRL) illisible.") from exc
        digest = hashlib.sha256(crl.dump()).hexdigest()
        atomic_write_bytes(self.crls_dir / f"{digest}.crl", crl.dump())
        log.info("CRL cached (%s): %s", source, crl.issuer.human_friendly)
        return crl

    def crls(self) -> list[asn1_crl.CertificateList]:
        found = []
        for path in sorted(self.crls_dir.glob("*.crl")):
            try:
                found.append(asn1_crl.CertificateList.load(path.read_bytes()))
            except (OSError, ValueError) as exc:
                log.warning("unreadable cached CRL %s: %s", path.name, exc)
        return found

    def fetch_crls(self, certs: Iterable[asn1_x509.Certificate], http_get: HttpGet) -> int:
        """Download the CRLs named in the certificates' distribution points (HTTP only)."""
        fetched = 0
        for cert in certs:
            for url in _crl_urls(cert):
                try:
                    self.add_crl(http_get(url), source=url)
                    fetched += 1
                except (OSError, TrustDataError) as exc:
                    log.warning("CRL %s not fetched: %s", url, exc)
                except Exception as exc:  # network libraries raise their own types
                    log.warning("CRL %s not fetched: %s", url, exc)
        return fetched

    # ------------------------------------------------------------ trusted lists
    def import_lists(
        self, lotl_xml: bytes, national: Iterable[bytes], *, at: datetime | None = None
    ) -> TrustDataInfo:
        """Check then store a LOTL and national lists (e.g. a shipped snapshot).

        Nothing is written unless the LOTL verifies; a national list that does
        not verify against the LOTL's operator certificates is refused.
        """
        moment = at or datetime.now(UTC)
        lotl = self._verified_lotl(lotl_xml, moment)
        pointers = {ref.territory: ref for ref in lotl.references}
        accepted: dict[str, bytes] = {}
        for xml in national:
            signed_meta = _metadata_unverified(xml)
            reference = pointers.get(signed_meta)
            if reference is None:
                raise TrustDataError(
                    f"La liste « {signed_meta} » n'est pas référencée par la liste des listes."
                )
            verify_trusted_list(xml, reference.tlso_certs, moment)
            accepted[signed_meta] = xml
        atomic_write_bytes(self.lists_dir / f"{LOTL_NAME}.xml", lotl_xml)
        for territory, xml in accepted.items():
            atomic_write_bytes(self.lists_dir / f"{territory}.xml", xml)
        return self.load(at=moment).info

    def refresh(
        self,
        http_get: HttpGet | None = None,
        *,
        territories: Iterable[str] | None = None,
        at: datetime | None = None,
        lotl_url: str = LOTL_URL,
    ) -> TrustDataInfo:
        """Download the LOTL and the national lists; keep the last good copy on failure."""
        get = http_get or default_http_get
        moment = at or datetime.now(UTC)
        try:
            lotl_xml = get(lotl_url)
        except Exception as exc:
            raise TrustDataError(
                "Impossible de télécharger la liste européenne des listes de confiance.",
                hint="Les données de confiance déjà enregistrées restent utilisées.",
            ) from exc
        lotl = self._verified_lotl(lotl_xml, moment)
        wanted = {t.upper() for t in territories} if territories is not None else None
        fetched: list[bytes] = []
        for reference in lotl.references:
            if wanted is not None and reference.territory.upper() not in wanted:
                continue
            try:
                xml = get(reference.location_uri)
                verify_trusted_list(xml, reference.tlso_certs, moment)
            except TrustDataError as exc:
                log.warning("trusted list %s refused: %s", reference.territory, exc.one_line())
                continue
            except Exception as exc:
                log.warning("trusted list %s not fetched: %s", reference.territory, exc)
                continue
            fetched.append(xml)
        return self.import_lists(lotl_xml, fetched, at=moment)

    def refresh_due(self, every_days: int, *, now: datetime | None = None) -> bool:
        """Whether the stored lists are older than *every_days* (0: refresh on demand only)."""
        if every_days <= 0:
            return False
        lotl = self.lists_dir / f"{LOTL_NAME}.xml"
        if not lotl.is_file():
            return True
        stored_at = datetime.fromtimestamp(lotl.stat().st_mtime, UTC)
        return ((now or datetime.now(UTC)) - stored_at).total_seconds() > every_days * 86400

    def _verified_lotl(self, lotl_xml: bytes, at: datetime) -> eutl_parse.LOTLParseResult:
        signed = verify_trusted_list(lotl_xml, eutl_parse.latest_known_lotl_tlso_certs(), at)
        return eutl_parse.parse_lotl_unsafe(signed)

    def load(self, *, at: datetime | None = None) -> LoadedTrust:
        """Read and re-check everything in the trust folder (never trusted as cached)."""
        moment = at or datetime.now(UTC)
        registry = TSPRegistry()
        problems: list[str] = []
        lists: list[TrustListInfo] = []
        territory_of: dict[QualifiedServiceInformation, str] = {}
        lotl_meta: _ListMetadata | None = None
        lotl_path = self.lists_dir / f"{LOTL_NAME}.xml"
        if lotl_path.is_file():
            try:
                lotl_signed = verify_trusted_list(
                    lotl_path.read_bytes(), eutl_parse.latest_known_lotl_tlso_certs(), moment
                )
                lotl_meta = _metadata(lotl_signed)
                lotl = eutl_parse.parse_lotl_unsafe(lotl_signed)
            except (OSError, TrustDataError) as exc:
                problems.append(f"Liste des listes refusée : {_short(exc)}")
                lotl = None
            if lotl is not None:
                self._load_national(lotl, moment, registry, lists, territory_of, problems)
        anchors = self.anchors()
        stale = any(t.stale for t in lists) or (
            lotl_meta is not None
            and lotl_meta.next_update is not None
            and moment > lotl_meta.next_update
        )
        info = TrustDataInfo(
            lotl_issued=lotl_meta.issued if lotl_meta else None,
            lists=tuple(lists),
            user_anchors=len(anchors),
            loaded_at=moment,
            stale=stale,
            problems=tuple(problems),
        )
        crls = [(crl, "cache") for crl in self.crls()]
        return LoadedTrust(registry, anchors, info, crls=crls, territory_of=territory_of)

    def _load_national(
        self,
        lotl: eutl_parse.LOTLParseResult,
        moment: datetime,
        registry: TSPRegistry,
        lists: list[TrustListInfo],
        territory_of: dict[QualifiedServiceInformation, str],
        problems: list[str],
    ) -> None:
        for reference in sorted(lotl.references, key=lambda r: r.territory):
            path = self.lists_dir / f"{reference.territory}.xml"
            if not path.is_file():
                continue
            try:
                signed = verify_trusted_list(path.read_bytes(), reference.tlso_certs, moment)
                meta = _metadata(signed)
                national, errors = eutl_parse.trust_list_to_registry_unsafe(signed)
            except (OSError, TrustDataError) as exc:
                problems.append(f"Liste {reference.territory} refusée : {_short(exc)}")
                continue
            except Exception as exc:  # xsdata parse errors: the list is unusable
                problems.append(f"Liste {reference.territory} illisible : {exc}")
                continue
            problems.extend(f"{reference.territory} : {err}" for err in errors[:5])
            count = 0
            for service in _services(national):
                territory_of[service] = reference.territory
                if isinstance(service, CAServiceInformation):
                    registry.register_ca(service)
                elif isinstance(service, QTSTServiceInformation):
                    registry.register_tst(service)
                count += 1
            lists.append(
                TrustListInfo(
                    territory=reference.territory,
                    issued=meta.issued,
                    next_update=meta.next_update,
                    sequence_number=meta.sequence_number,
                    stale=meta.next_update is not None and moment > meta.next_update,
                    services=count,
                    location=reference.location_uri,
                )
            )


def _short(exc: Exception) -> str:
    if isinstance(exc, TrustDataError):
        return exc.one_line()
    return str(exc)


def _metadata_unverified(xml: bytes) -> str:
    """Territory of a list before its signature is checked (only to pick its signers)."""
    try:
        return _metadata(xml.decode("utf-8")).territory
    except (UnicodeDecodeError, etree.XMLSyntaxError) as exc:
        raise TrustDataError("Ce fichier n'est pas une liste de confiance lisible.") from exc


def _crl_urls(cert: asn1_x509.Certificate) -> list[str]:
    urls = []
    for point in cert.crl_distribution_points:
        url = point.url
        if url and url.startswith(("http://", "https://")):
            urls.append(url)
    return urls
