"""What every format shares: the validation policy, the certificate assessment,
the five checks of the arrêté and the guards that keep "valid" honest.

Each format module (PAdES, CAdES, XAdES, ASiC) produces a :class:`RawOutcome`
(its engine's EN 319 102-1 result plus the facts it saw); :func:`finalize`
turns it into a :class:`~app.signature.model.SignatureReport`.

How the indication is decided (documented policy):

- the format engine gives the EN 319 102-1 indication (pyHanko's AdES engine
  for PAdES and CAdES, our own equivalent for XAdES), validated against the
  configured trust anchors: CA services of the EU trusted lists plus the
  user's own anchors; revocation data must be present (embedded, cached or
  supplied): a missing status is INDETERMINATE / TRY_LATER, never valid;
- guards then demote a TOTAL_PASSED that something contradicts: a PDF changed
  after signing beyond adding signatures or validation data
  (INDETERMINATE / SIG_CONSTRAINTS_FAILURE), a proof of existence outside the
  certificate's validity (INDETERMINATE / OUT_OF_BOUNDS_NO_POE: measured with
  pyHanko 0.38, ``ades_with_time_validation`` passes a signature made with an
  expired certificate and timestamped after the expiry), a certificate check
  that disagrees (its own sub-indication);
- qualification does NOT change the indication: it is the arrêté's check 2.
  A certificate that chains to a user anchor (not an EU trusted list) can be
  TOTAL_PASSED, with check 2 "to check" (category 2°, equivalence to prove).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from pyhanko.sign.ades.report import AdESStatus, AdESSubIndic
from pyhanko.sign.validation.policy_decl import (
    LocalKnowledge,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
    bootstrap_validation_data_handlers,
)
from pyhanko.sign.validation.qualified.tsp import QcCertType
from pyhanko.sign.validation.settings import KeyUsageConstraints
from pyhanko_certvalidator import find_valid_path
from pyhanko_certvalidator.context import CertValidationPolicySpec
from pyhanko_certvalidator.errors import (
    DisallowedAlgorithmError,
    ExpiredError,
    InsufficientRevinfoError,
    InvalidCertificateError,
    NotYetValidError,
    PathBuildingError,
    PathValidationError,
    RevokedError,
    StaleRevinfoError,
    ValidationError,
)
from pyhanko_certvalidator.ltv.types import ValidationTimingInfo
from pyhanko_certvalidator.path import ValidationPath
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.revinfo.archival import CRLContainer, OCSPContainer

from app.signature._asn1 import crl as asn1_crl
from app.signature._asn1 import ocsp as asn1_ocsp
from app.signature._asn1 import x509 as asn1_x509
from app.signature.model import (
    CertificateStatus,
    Check,
    CheckKey,
    CheckStatus,
    Indication,
    IntegrityInfo,
    Qualification,
    QualificationStatus,
    RevocationStatus,
    SignatureReport,
    SignerIdentity,
    TimestampInfo,
)
from app.signature.trust import LoadedTrust
from app.validation import CancelToken

__all__ = [
    "EXPLANATIONS",
    "CertOutcome",
    "Policy",
    "RawOutcome",
    "assess_certificate",
    "engine_sub",
    "finalize",
    "indication_of",
    "signer_identity",
]

KEY_USAGE = KeyUsageConstraints(
    key_usage={"digital_signature", "non_repudiation"}, match_all_key_usages=False
)

EXPLANATIONS: dict[str, str] = {
    "OK": "Toutes les vérifications ont abouti.",
    "HASH_FAILURE": "Le contenu signé a été modifié : son empreinte ne correspond plus.",
    "SIG_CRYPTO_FAILURE": (
        "La valeur de signature ne correspond pas : les données ou les attributs signés "
        "ont été modifiés."
    ),
    "FORMAT_FAILURE": "La structure de la signature est invalide.",
    "REVOKED": "Le certificat était révoqué au moment de la signature.",
    "EXPIRED": "La signature a été créée après l'expiration du certificat.",
    "NOT_YET_VALID": "La signature est antérieure au début de validité du certificat.",
    "NO_CERTIFICATE_CHAIN_FOUND": (
        "Le certificat ne remonte à aucune autorité de confiance connue "
        "(listes de confiance UE ou ancres ajoutées)."
    ),
    "NO_SIGNING_CERTIFICATE_FOUND": (
        "Le certificat du signataire est absent, ou ne correspond pas à celui que la "
        "signature déclare."
    ),
    "REVOKED_NO_POE": (
        "Le certificat est révoqué et rien ne prouve que la signature est antérieure à "
        "la révocation."
    ),
    "REVOKED_CA_NO_POE": (
        "Un certificat d'autorité de la chaîne est révoqué et rien ne prouve que la "
        "signature est antérieure à la révocation."
    ),
    "OUT_OF_BOUNDS_NO_POE": (
        "Le certificat est expiré (ou pas encore valide) et rien ne prouve que la signature "
        "a été créée pendant sa période de validité."
    ),
    "OUT_OF_BOUNDS_NOT_REVOKED": (
        "Le certificat est expiré ; rien ne prouve que la signature a été créée avant."
    ),
    "TRY_LATER": (
        "Statut de révocation non vérifiable hors ligne : à revérifier quand une liste de "
        "révocation à jour sera disponible."
    ),
    "SIGNED_DATA_NOT_FOUND": (
        "Le document signé est introuvable : fournissez le fichier original de cette "
        "signature détachée."
    ),
    "CERTIFICATE_CHAIN_GENERAL_FAILURE": "La chaîne de certificats n'a pas pu être validée.",
    "CHAIN_CONSTRAINTS_FAILURE": (
        "Le certificat ne respecte pas les contraintes requises (usage de la clé, extensions)."
    ),
    "SIG_CONSTRAINTS_FAILURE": "Une contrainte de la politique de validation n'est pas respectée.",
    "CRYPTO_CONSTRAINTS_FAILURE": "Un algorithme cryptographique utilisé est jugé trop faible.",
    "CRYPTO_CONSTRAINTS_FAILURE_NO_POE": (
        "Un algorithme cryptographique est aujourd'hui trop faible et rien ne prouve que la "
        "signature date d'avant."
    ),
    "NO_POE": "Aucune preuve d'existence de la signature à une date utile.",
    "TIMESTAMP_ORDER_FAILURE": "Les horodatages sont dans un ordre incohérent.",
    "POLICY_PROCESSING_ERROR": "La politique de signature déclarée n'a pas pu être traitée.",
    "SIGNATURE_POLICY_NOT_AVAILABLE": "La politique de signature déclarée est indisponible.",
    "GENERIC": "La vérification n'a pas pu aboutir.",
}


def indication_of(sub: AdESSubIndic) -> tuple[Indication, str]:
    status = sub.status
    if status is AdESStatus.PASSED:
        return Indication.TOTAL_PASSED, "OK"
    if status is AdESStatus.FAILED:
        return Indication.TOTAL_FAILED, str(sub.standard_name)
    return Indication.INDETERMINATE, str(sub.standard_name)


# ---------------------------------------------------------------- policy
@dataclass
class Policy:
    """What a verification run is checked against (one per run, reused per signature)."""

    trust: LoadedTrust
    validation_time: datetime = field(default_factory=lambda: datetime.now(UTC))
    extra_crls: list[asn1_crl.CertificateList] = field(default_factory=list)
    cancel: CancelToken | None = None

    @property
    def description(self) -> str:
        return (
            "EN 319 102-1, hors ligne : révocation exigée (CRL intégrées, en cache ou fournies), "
            "ancres = services CA/QC des listes de confiance UE + ancres de l'utilisateur"
        )

    def check_cancel(self) -> None:
        if self.cancel is not None:
            self.cancel.check()

    def knowledge(
        self,
        embedded_crls: list[asn1_crl.CertificateList] = (),  # type: ignore[assignment]
        embedded_ocsps: list[asn1_ocsp.OCSPResponse] = (),  # type: ignore[assignment]
        certs: list[asn1_x509.Certificate] = (),  # type: ignore[assignment]
    ) -> LocalKnowledge:
        crls = [crl for crl, _ in self.trust.crls] + list(self.extra_crls) + list(embedded_crls)
        return LocalKnowledge(
            known_crls=[CRLContainer(c) for c in _unique(crls)],
            known_ocsps=[c for o in embedded_ocsps for c in OCSPContainer.load_multi(o)],
            known_certs=[*certs, *self.trust.anchor_certs],
        )

    def spec(self, knowledge: LocalKnowledge) -> SignatureValidationSpec:
        cert_policy = CertValidationPolicySpec(
            trust_manager=self.trust.trust_manager,
            revinfo_policy=CertRevTrustPolicy(REQUIRE_REVINFO),
        )
        return SignatureValidationSpec(
            cert_validation_policy=cert_policy,
            revinfo_gathering_policy=RevocationInfoGatheringSpec(
                online_fetching_rule=RevinfoOnlineFetchingRule.LOCAL_ONLY
            ),
            local_knowledge=knowledge,
            key_usage_settings=KEY_USAGE,
        )

    def timing(self, best_signature_time: datetime | None = None) -> ValidationTimingInfo:
        return ValidationTimingInfo(
            validation_time=self.validation_time,
            best_signature_time=best_signature_time or self.validation_time,
            point_in_time_validation=False,
        )

    def revocation_source(
        self, cert: asn1_x509.Certificate, embedded: list[asn1_crl.CertificateList]
    ) -> str | None:
        """Where a CRL for ``cert``'s issuer comes from, for the report."""
        issuer = cert.issuer
        for crl in embedded:
            if crl.issuer == issuer:
                return f"CRL intégrée à la signature ({_crl_dates(crl)})"
        for crl in self.extra_crls:
            if crl.issuer == issuer:
                return f"CRL fournie ({_crl_dates(crl)})"
        for crl, _ in self.trust.crls:
            if crl.issuer == issuer:
                return f"CRL du cache local ({_crl_dates(crl)})"
        return None


def _crl_dates(crl: asn1_crl.CertificateList) -> str:
    tbs = crl["tbs_cert_list"]
    this_update = tbs["this_update"].native
    next_update = tbs["next_update"].native
    text = f"émise le {this_update:%Y-%m-%d %H:%M} UTC"
    if next_update:
        text += f", prochaine le {next_update:%Y-%m-%d}"
    return text


def _unique(crls: list[asn1_crl.CertificateList]) -> list[asn1_crl.CertificateList]:
    seen: dict[bytes, asn1_crl.CertificateList] = {}
    for crl in crls:
        seen.setdefault(hashlib.sha256(crl.dump()).digest(), crl)
    return list(seen.values())


# ---------------------------------------------------------------- certificate
@dataclass
class CertOutcome:
    """Certificate validation on its own (independent of the signature's integrity)."""

    path: ValidationPath | None
    sub: str | None  # None: valid, trusted, not revoked at validation time
    message: str = ""
    revocation_date: datetime | None = None
    missing_revinfo: bool = False


async def assess_certificate(
    cert: asn1_x509.Certificate,
    others: list[asn1_x509.Certificate],
    policy: Policy,
    knowledge: LocalKnowledge,
) -> CertOutcome:
    """Chain, trust and revocation of ``cert`` at the validation time (EN 319 102-1 XCV)."""
    spec = policy.spec(knowledge)
    timing = policy.timing()
    handlers = bootstrap_validation_data_handlers(spec, timing_info=timing)
    context = spec.cert_validation_policy.build_validation_context(
        timing_info=timing, handlers=handlers
    )
    context.certificate_registry.register_multiple(others)
    paths = context.path_builder.async_build_paths_lazy(cert)
    try:
        path = await find_valid_path(cert, paths, validation_context=context)
        KEY_USAGE.validate(cert) if path.pkix_len > 0 else None
        return CertOutcome(path, None)
    except InvalidCertificateError as exc:
        return CertOutcome(None, "CHAIN_CONSTRAINTS_FAILURE", exc.failure_msg)
    except RevokedError as exc:
        sub = "REVOKED_NO_POE" if exc.is_ee_cert else "REVOKED_CA_NO_POE"
        if exc.is_side_validation:
            sub = "CERTIFICATE_CHAIN_GENERAL_FAILURE"
        return CertOutcome(exc.original_path, sub, exc.failure_msg, exc.revocation_dt)
    except StaleRevinfoError as exc:
        return CertOutcome(exc.original_path, "TRY_LATER", exc.failure_msg, missing_revinfo=True)
    except InsufficientRevinfoError as exc:
        return CertOutcome(exc.original_path, "TRY_LATER", exc.failure_msg, missing_revinfo=True)
    except ExpiredError as exc:
        sub = (
            "OUT_OF_BOUNDS_NO_POE"
            if exc.is_ee_cert and not exc.is_side_validation
            else ("CERTIFICATE_CHAIN_GENERAL_FAILURE")
        )
        return CertOutcome(exc.original_path, sub, exc.failure_msg)
    except NotYetValidError as exc:
        return CertOutcome(exc.original_path, "OUT_OF_BOUNDS_NO_POE", exc.failure_msg)
    except DisallowedAlgorithmError as exc:
        return CertOutcome(exc.original_path, "CRYPTO_CONSTRAINTS_FAILURE", exc.failure_msg)
    except PathBuildingError as exc:
        return CertOutcome(None, "NO_CERTIFICATE_CHAIN_FOUND", str(exc))
    except PathValidationError as exc:
        return CertOutcome(exc.original_path, "CERTIFICATE_CHAIN_GENERAL_FAILURE", exc.failure_msg)
    except ValidationError as exc:
        return CertOutcome(None, "CERTIFICATE_CHAIN_GENERAL_FAILURE", exc.failure_msg)
    except ValueError as exc:  # key usage policy
        return CertOutcome(None, "CHAIN_CONSTRAINTS_FAILURE", str(exc))


# ---------------------------------------------------------------- identity
_SIREN_PREFIXES = ("NTRFR-", "NTRFR", "VATFR-")


def _siren(*candidates: str | None) -> str | None:
    """SIREN from organizationIdentifier (``NTRFR-<SIREN or SIRET>``, ``VATFR-<key><SIREN>``)
    or from a serialNumber holding a bare SIREN/SIRET."""
    for value in candidates:
        if not value:
            continue
        text = value.strip().upper().replace(" ", "")
        digits = None
        if text.startswith("VATFR-") and len(text) == 6 + 11:
            digits = text[-9:]
        elif text.startswith(("NTRFR-", "NTRFR")):
            digits = text.removeprefix("NTRFR-").removeprefix("NTRFR")
        elif text.isdigit():
            digits = text
        if digits and digits.isdigit() and len(digits) in (9, 14):
            return digits[:9]
    return None


def signer_identity(cert: asn1_x509.Certificate) -> SignerIdentity:
    subject = cert.subject.native
    org_id = subject.get("organization_identifier")
    serial = subject.get("serial_number")

    def first(value: object) -> str | None:
        if isinstance(value, list):
            return str(value[0]) if value else None
        return str(value) if value is not None else None

    org_id_text, serial_text = first(org_id), first(serial)
    return SignerIdentity(
        common_name=first(subject.get("common_name")) or cert.subject.human_friendly,
        subject=cert.subject.human_friendly,
        organisation=first(subject.get("organization_name")),
        organisation_identifier=org_id_text,
        siren=_siren(org_id_text, serial_text),
        serial_number=serial_text,
        email=first(subject.get("email_address")),
        issuer=cert.issuer.human_friendly,
        certificate_serial=format(cert.serial_number, "X"),
        not_before=cert.not_valid_before,
        not_after=cert.not_valid_after,
        sha256=cert.sha256.hex(),
    )


# ---------------------------------------------------------------- raw outcome
@dataclass
class RawOutcome:
    """What a format engine found for one signature, before the common assessment."""

    label: str
    format: str
    level: str
    packaging: str
    sub: str | None  # engine's EN 319 102-1 sub-indication; None means passed
    integrity: IntegrityInfo
    signer_cert: asn1_x509.Certificate | None
    other_certs: list[asn1_x509.Certificate] = field(default_factory=list)
    claimed_time: datetime | None = None
    timestamp: TimestampInfo | None = None
    embedded_crls: list[asn1_crl.CertificateList] = field(default_factory=list)
    embedded_ocsps: list[asn1_ocsp.OCSPResponse] = field(default_factory=list)
    format_status: CheckStatus = CheckStatus.OK
    format_note: str = ""
    message: str | None = None
    modification_guard: bool = False  # PDF changed after signing beyond signatures/DSS
    warnings: list[str] = field(default_factory=list)

    @property
    def poe_time(self) -> datetime | None:
        return self.timestamp.time if self.timestamp and self.timestamp.valid else None


_FAILED = {"HASH_FAILURE", "SIG_CRYPTO_FAILURE", "FORMAT_FAILURE", "REVOKED", "NOT_YET_VALID"}


def _indication(sub: str | None) -> Indication:
    if sub is None or sub == "OK":
        return Indication.TOTAL_PASSED
    if sub in _FAILED:
        return Indication.TOTAL_FAILED
    return Indication.INDETERMINATE


def _poe_rescues(
    cert_outcome: CertOutcome, cert: asn1_x509.Certificate, poe: datetime | None
) -> bool:
    """A proof of existence (signature timestamp) turns a *_NO_POE result into a pass."""
    if poe is None:
        return False
    if cert_outcome.sub == "REVOKED_NO_POE" and cert_outcome.revocation_date is not None:
        return bool(poe < cert_outcome.revocation_date)
    if cert_outcome.sub == "OUT_OF_BOUNDS_NO_POE":
        return bool(cert.not_valid_before <= poe <= cert.not_valid_after)
    return False


async def finalize(raw: RawOutcome, policy: Policy, index: int) -> SignatureReport:
    """The common assessment: certificate, qualification, guards, the five checks."""
    cert = raw.signer_cert
    knowledge = policy.knowledge(raw.embedded_crls, raw.embedded_ocsps, raw.other_certs)
    cert_outcome = (
        await assess_certificate(cert, raw.other_certs, policy, knowledge)
        if cert is not None
        else CertOutcome(None, "NO_SIGNING_CERTIFICATE_FOUND")
    )
    warnings = list(raw.warnings)

    # ---- the indication, with the guards
    sub = raw.sub
    validity_sub = cert_outcome.sub
    if cert is not None and _poe_rescues(cert_outcome, cert, raw.poe_time):
        validity_sub = None
    if sub == "CERTIFICATE_CHAIN_GENERAL_FAILURE" and cert_outcome.missing_revinfo:
        sub = "TRY_LATER"  # pyHanko reports missing revocation data as a chain failure
    if sub is None and validity_sub is not None:
        # The engine passed but the certificate check, run on its own, did not.
        sub = validity_sub
    poe = raw.poe_time
    if (
        sub is None
        and cert is not None
        and poe is not None
        and not (cert.not_valid_before <= poe <= cert.not_valid_after)
    ):
        sub = "OUT_OF_BOUNDS_NO_POE"
    if sub is None and raw.modification_guard:
        sub = "SIG_CONSTRAINTS_FAILURE"
    indication = _indication(sub)
    explanation = EXPLANATIONS.get(sub or "OK", EXPLANATIONS["GENERIC"])
    if raw.modification_guard and sub == "SIG_CONSTRAINTS_FAILURE":
        explanation = (
            "La partie signée est intacte, mais le PDF a été modifié après la signature "
            "(mise à jour incrémentale non couverte)."
        )
    if raw.message and indication is not Indication.TOTAL_PASSED:
        explanation = f"{explanation} ({raw.message})"
    if policy.trust.info.stale:
        warnings.append("Les listes de confiance utilisées sont périmées : rafraîchissez-les.")

    qualification = _qualification(cert, cert_outcome, policy, raw)
    certificate = _certificate_status(cert, cert_outcome, validity_sub, policy, raw)
    checks = (
        _identity_check(cert),
        _category_check(qualification, cert_outcome),
        Check(CheckKey.FORMAT, raw.format_status, raw.format_note or f"{raw.format} {raw.level}"),
        _validity_check(cert, cert_outcome, validity_sub, raw),
        _integrity_check(raw.integrity),
    )
    return SignatureReport(
        index=index,
        label=raw.label,
        indication=indication,
        sub_indication=None if indication is Indication.TOTAL_PASSED else sub,
        explanation=explanation,
        format=raw.format,
        level=raw.level,
        packaging=raw.packaging,
        signer=signer_identity(cert) if cert is not None else None,
        qualification=qualification,
        claimed_signing_time=raw.claimed_time,
        timestamp=raw.timestamp,
        best_signature_time=raw.poe_time,
        integrity=raw.integrity,
        certificate=certificate,
        checks=checks,
        warnings=tuple(warnings),
    )


def _qualification(
    cert: asn1_x509.Certificate | None, outcome: CertOutcome, policy: Policy, raw: RawOutcome
) -> Qualification:
    path = outcome.path
    if cert is None or path is None:
        return Qualification(
            QualificationStatus.UNKNOWN,
            detail="Chaîne de certification non reconnue : qualification non évaluable.",
        )
    if not policy.trust.anchor_is_listed(path):
        return Qualification(
            QualificationStatus.NOT_QUALIFIED,
            source="user_anchor",
            detail=(
                "Certificat émis sous une ancre de confiance ajoutée par l'utilisateur, hors "
                "listes de confiance UE : non qualifié au sens eIDAS (catégorie 2° : preuve "
                "d'équivalence requise)."
            ),
        )
    moment = raw.poe_time or raw.claimed_time or policy.validation_time
    result = policy.trust.qualification(path, moment)
    service = result.service_definition
    territory = policy.trust.territory_of.get(service) if service is not None else None
    status = result.status
    qc_type = status.qc_type.value if status.qualified else None
    return Qualification(
        QualificationStatus.QUALIFIED if status.qualified else QualificationStatus.NOT_QUALIFIED,
        source="eu_trusted_list",
        territory=territory,
        service_name=service.base_info.service_name if service is not None else None,
        qc_type=qc_type,
        qscd=status.qc_key_security.is_qscd if status.qualified else None,
        detail=(
            f"Qualifié selon la liste de confiance {territory or ''} à la date du {moment:%Y-%m-%d}"
            if status.qualified
            else "Autorité inscrite sur une liste de confiance UE, mais certificat non qualifié."
        ),
    )


def _certificate_status(
    cert: asn1_x509.Certificate | None,
    outcome: CertOutcome,
    validity_sub: str | None,
    policy: Policy,
    raw: RawOutcome,
) -> CertificateStatus:
    if cert is None:
        return CertificateStatus(detail="Aucun certificat de signataire.")
    path = outcome.path
    chain = tuple(c.subject.human_friendly for c in path) if path is not None else ()
    anchor = None
    if path is not None:
        anchor_cert = path.trust_anchor.authority
        anchor = anchor_cert.name.human_friendly
    trusted = outcome.sub not in ("NO_CERTIFICATE_CHAIN_FOUND", "CHAIN_CONSTRAINTS_FAILURE") and (
        path is not None
    )
    source = policy.revocation_source(cert, raw.embedded_crls)
    if outcome.sub in ("REVOKED_NO_POE", "REVOKED_CA_NO_POE"):
        revocation = RevocationStatus.REVOKED
    elif outcome.sub is None:
        revocation = RevocationStatus.GOOD
    elif outcome.missing_revinfo:
        revocation = RevocationStatus.NOT_VERIFIABLE_OFFLINE
    else:
        revocation = RevocationStatus.NOT_CHECKED
    detail = {
        RevocationStatus.GOOD: f"Non révoqué ({source or 'données de révocation locales'}).",
        RevocationStatus.REVOKED: (
            f"Révoqué le {outcome.revocation_date:%Y-%m-%d %H:%M} UTC"
            if outcome.revocation_date
            else "Révoqué"
        )
        + (f" ({source})." if source else "."),
        RevocationStatus.NOT_VERIFIABLE_OFFLINE: (
            "Révocation non vérifiable hors ligne — à revérifier (aucune liste de révocation "
            "à jour disponible)."
        ),
        RevocationStatus.NOT_CHECKED: "Révocation non vérifiée : "
        + (outcome.message or "chaîne de certification non établie."),
    }[revocation]
    return CertificateStatus(
        chain=chain,
        trust_anchor=anchor,
        trusted=trusted,
        revocation=revocation,
        revocation_date=outcome.revocation_date,
        revocation_source=source,
        detail=detail,
    )


def _identity_check(cert: asn1_x509.Certificate | None) -> Check:
    if cert is None:
        return Check(CheckKey.IDENTITY, CheckStatus.FAILED, "Aucun certificat de signataire.")
    ident = signer_identity(cert)
    parts = [ident.common_name]
    if ident.organisation:
        parts.append(ident.organisation)
    if ident.siren:
        parts.append(f"SIREN {ident.siren}")
    elif ident.organisation_identifier:
        parts.append(ident.organisation_identifier)
    if ident.email:
        parts.append(ident.email)
    return Check(
        CheckKey.IDENTITY,
        CheckStatus.TO_CHECK,
        "À contrôler par une personne (art. 5 II) : "
        + ", ".join(parts)
        + f" — émis par {ident.issuer}.",
    )


def _category_check(qualification: Qualification, outcome: CertOutcome) -> Check:
    if qualification.status is QualificationStatus.QUALIFIED:
        if qualification.qc_type == QcCertType.QC_WEB.value:
            return Check(
                CheckKey.CATEGORY,
                CheckStatus.FAILED,
                "Certificat qualifié d'authentification de site web : pas un certificat de "
                "signature.",
            )
        evidence = (
            f"Certificat qualifié (catégorie 1°) : {qualification.service_name or 'service'}"
            f" ({qualification.territory or 'UE'})"
        )
        if qualification.qscd:
            evidence += ", clé sur dispositif qualifié (QSCD)"
        if qualification.qc_type == QcCertType.QC_ESEAL.value:
            return Check(
                CheckKey.CATEGORY,
                CheckStatus.TO_CHECK,
                evidence + " ; certificat de cachet (personne morale) : à apprécier.",
            )
        return Check(CheckKey.CATEGORY, CheckStatus.OK, evidence + ".")
    if qualification.source == "user_anchor":
        return Check(CheckKey.CATEGORY, CheckStatus.TO_CHECK, qualification.detail)
    if qualification.source == "eu_trusted_list":
        return Check(
            CheckKey.CATEGORY,
            CheckStatus.TO_CHECK,
            qualification.detail + " Catégorie 2° : preuve d'équivalence requise.",
        )
    return Check(
        CheckKey.CATEGORY,
        CheckStatus.TO_CHECK,
        "Catégorie non établie : le certificat ne remonte à aucune liste de confiance UE "
        "ni à une ancre ajoutée.",
    )


def _validity_check(
    cert: asn1_x509.Certificate | None,
    outcome: CertOutcome,
    validity_sub: str | None,
    raw: RawOutcome,
) -> Check:
    if cert is None:
        return Check(CheckKey.VALIDITY, CheckStatus.FAILED, "Aucun certificat de signataire.")
    window = f"valide du {cert.not_valid_before:%Y-%m-%d} au {cert.not_valid_after:%Y-%m-%d}"
    when = raw.poe_time or raw.claimed_time
    when_text = (
        f"horodatage du {raw.poe_time:%Y-%m-%d %H:%M} UTC"
        if raw.poe_time
        else (
            f"date déclarée par le signataire {raw.claimed_time:%Y-%m-%d %H:%M} UTC (non prouvée)"
            if raw.claimed_time
            else "date de signature inconnue"
        )
    )
    if validity_sub is None:
        return Check(
            CheckKey.VALIDITY,
            CheckStatus.OK,
            f"Certificat {window}, non révoqué ; {when_text}.",
        )
    if validity_sub in ("REVOKED_NO_POE", "REVOKED_CA_NO_POE"):
        revoked = outcome.revocation_date
        text = (
            f"Certificat révoqué le {revoked:%Y-%m-%d %H:%M} UTC ; {when_text}."
            if revoked
            else (f"Certificat révoqué ; {when_text}.")
        )
        if revoked is not None and when is not None and when >= revoked:
            return Check(CheckKey.VALIDITY, CheckStatus.FAILED, text)
        return Check(
            CheckKey.VALIDITY,
            CheckStatus.TO_CHECK,
            text + " Rien ne prouve que la signature est antérieure à la révocation.",
        )
    if validity_sub == "OUT_OF_BOUNDS_NO_POE":
        text = f"Certificat {window} ; {when_text}."
        if when is not None and not (cert.not_valid_before <= when <= cert.not_valid_after):
            return Check(CheckKey.VALIDITY, CheckStatus.FAILED, text)
        return Check(
            CheckKey.VALIDITY,
            CheckStatus.TO_CHECK,
            text + " Aucun horodatage ne prouve que la signature date de la période de validité.",
        )
    if validity_sub == "TRY_LATER":
        return Check(
            CheckKey.VALIDITY,
            CheckStatus.TO_CHECK,
            f"Certificat {window} ; révocation non vérifiable hors ligne — à revérifier.",
        )
    if validity_sub == "NO_CERTIFICATE_CHAIN_FOUND":
        return Check(
            CheckKey.VALIDITY,
            CheckStatus.TO_CHECK,
            f"Certificat {window} ; chaîne non reconnue : validité et révocation non établies.",
        )
    return Check(
        CheckKey.VALIDITY,
        CheckStatus.TO_CHECK,
        f"Certificat {window} ; {EXPLANATIONS.get(validity_sub, validity_sub)}",
    )


def _integrity_check(integrity: IntegrityInfo) -> Check:
    if integrity.intact is None:
        return Check(
            CheckKey.INTEGRITY, CheckStatus.TO_CHECK, integrity.detail or integrity.coverage
        )
    if not integrity.intact or integrity.signature_value_ok is False:
        return Check(CheckKey.INTEGRITY, CheckStatus.FAILED, integrity.detail or integrity.coverage)
    if integrity.modified_after_signing:
        return Check(CheckKey.INTEGRITY, CheckStatus.FAILED, integrity.detail or integrity.coverage)
    text = integrity.coverage + (f" {integrity.detail}" if integrity.detail else "")
    return Check(CheckKey.INTEGRITY, CheckStatus.OK, text.strip())


def engine_sub(sub: AdESSubIndic) -> str | None:
    """pyHanko's sub-indication as ours; None for a pass."""
    indication, name = indication_of(sub)
    return None if indication is Indication.TOTAL_PASSED else name
