"""XAdES (enveloped, enveloping, detached) verification: signxml for the XMLDSig
cryptography and the XAdES signed properties, pyhanko-certvalidator for the chain,
trust and revocation (in :mod:`app.signature.engine`), pyHanko for the RFC 3161
SignatureTimeStamp (XAdES-B-T).

signxml checks the chain itself before the cryptography; we hand it the
signing certificate instead, so integrity is judged on its own and the chain
through the same trust policy as PAdES and CAdES.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta
from urllib.parse import unquote

from cryptography.x509 import load_der_x509_certificate
from lxml import etree
from pyhanko.sign.validation.ades import ades_timestamp_validation
from pyhanko.sign.validation.status import TimestampSignatureStatus
from signxml.exceptions import InvalidCertificate, InvalidDigest, InvalidInput, InvalidSignature
from signxml.verifier import SignatureConfiguration, XMLVerifier
from signxml.xades.xades import XAdESSignatureConfiguration, XAdESVerifier

from app.signature._asn1 import cms
from app.signature._asn1 import crl as asn1_crl
from app.signature._asn1 import x509 as asn1_x509
from app.signature.engine import Policy, RawOutcome, engine_sub
from app.signature.errors import SignatureInputError
from app.signature.model import CheckStatus, IntegrityInfo, TimestampInfo
from app.signature.xades_sign import DS_NS, XADES_NS

__all__ = ["Resolver", "xml_outcomes"]

#: detached content by reference URI; None when the file is not available
Resolver = Callable[[str], bytes | None]

_XADES_141 = "http://uri.etsi.org/01903/v1.4.1#"
_C14N_EXCLUSIVE = {
    "http://www.w3.org/2001/10/xml-exc-c14n#",
    "http://www.w3.org/2001/10/xml-exc-c14n#WithComments",
}
_NS = {"ds": DS_NS, "xades": XADES_NS, "xades141": _XADES_141}


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False, no_network=True, huge_tree=False, remove_comments=False
    )


class _Indexed:
    """Make signxml verify the n-th ds:Signature of the document (document order)."""

    index = 0

    def _get_signature(self, root: etree._Element) -> etree._Element:
        return list(root.iter(f"{{{DS_NS}}}Signature"))[self.index]


class _IndexedXAdESVerifier(_Indexed, XAdESVerifier):
    pass


class _IndexedXMLVerifier(_Indexed, XMLVerifier):
    pass


def _certificates(signature: etree._Element) -> list[asn1_x509.Certificate]:
    certs = []
    for node in signature.findall("ds:KeyInfo/ds:X509Data/ds:X509Certificate", _NS):
        try:
            certs.append(
                asn1_x509.Certificate.load(base64.b64decode("".join((node.text or "").split())))
            )
        except (ValueError, binascii.Error):
            continue
    for node in signature.iterfind(
        ".//xades:CertificateValues/xades:EncapsulatedX509Certificate", _NS
    ):
        try:
            certs.append(
                asn1_x509.Certificate.load(base64.b64decode("".join((node.text or "").split())))
            )
        except (ValueError, binascii.Error):
            continue
    return certs


def _crls(signature: etree._Element) -> list[asn1_crl.CertificateList]:
    found = []
    for node in signature.iterfind(
        ".//xades:RevocationValues/xades:CRLValues/xades:EncapsulatedCRLValue", _NS
    ):
        try:
            found.append(
                asn1_crl.CertificateList.load(base64.b64decode("".join((node.text or "").split())))
            )
        except (ValueError, binascii.Error):
            continue
    return found


def _signing_cert(
    signature: etree._Element, certs: list[asn1_x509.Certificate]
) -> tuple[asn1_x509.Certificate | None, str | None]:
    """The certificate the SigningCertificate(V2) property designates (EN 319 102-1 ISC)."""
    props = signature.find(".//xades:SignedProperties/xades:SignedSignatureProperties", _NS)
    if props is None:
        return (certs[0] if certs else None), None
    digest_nodes = props.findall(
        "xades:SigningCertificateV2/xades:Cert/xades:CertDigest", _NS
    ) + props.findall("xades:SigningCertificate/xades:Cert/xades:CertDigest", _NS)
    if not digest_nodes:
        return None, "aucune propriété SigningCertificate"
    node = digest_nodes[0]
    method = node.find("ds:DigestMethod", _NS)
    value = node.find("ds:DigestValue", _NS)
    if method is None or value is None or not value.text:
        return None, "propriété SigningCertificate incomplète"
    algorithm = (method.get("Algorithm") or "").rsplit("#", 1)[-1].replace("-", "")
    try:
        expected = base64.b64decode(value.text.strip())
    except binascii.Error:
        return None, "empreinte du certificat illisible"
    for cert in certs:
        try:
            if hashlib.new(algorithm, cert.dump()).digest() == expected:
                return cert, None
        except ValueError:
            return None, f"algorithme d'empreinte inconnu {algorithm}"
    return None, "le certificat déclaré par la signature n'est pas fourni"


def _level(signature: etree._Element) -> str:
    unsigned = signature.find(".//xades:UnsignedSignatureProperties", _NS)
    if unsigned is None:
        return "B-B"
    tags = {etree.QName(child).localname for child in unsigned}
    if "ArchiveTimeStamp" in tags:
        return "B-LTA"
    if {"CertificateValues", "RevocationValues"} <= tags and "SignatureTimeStamp" in tags:
        return "B-LT"
    if "SignatureTimeStamp" in tags:
        return "B-T"
    return "B-B"


def _claimed_time(signature: etree._Element) -> datetime | None:
    node = signature.find(".//xades:SignedSignatureProperties/xades:SigningTime", _NS)
    if node is None or not node.text:
        return None
    try:
        moment = datetime.fromisoformat(node.text.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else None


def _references(signature: etree._Element) -> list[tuple[str, str]]:
    return [
        (ref.get("URI", ""), ref.get("Type", ""))
        for ref in signature.findall("ds:SignedInfo/ds:Reference", _NS)
    ]


def _packaging(signature: etree._Element, root: etree._Element) -> tuple[str, str, list[str]]:
    """(packaging, coverage sentence, external file names)."""
    own_ids = {node.get("Id") for node in signature.iter() if node.get("Id")}
    data_refs = [(u, t) for u, t in _references(signature) if not t.endswith("#SignedProperties")]
    external = [unquote(u) for u, _ in data_refs if u and not u.startswith("#")]
    if external:
        return "XAdES détaché", f"Les fichiers : {', '.join(external)}.", external
    if any(u == "" for u, _ in data_refs):
        return "XAdES enveloppé", "Le document XML entier (signature enveloppée).", []
    targets = [u[1:] for u, _ in data_refs if u.startswith("#")]
    if targets and all(t in own_ids for t in targets):
        return "XAdES enveloppant", "Le contenu inclus dans la signature (ds:Object).", []
    if signature is root:
        return "XAdES", "Des éléments désignés par identifiant.", []
    return (
        "XAdES enveloppé (partiel)",
        f"Une partie du document seulement : éléments {', '.join('#' + t for t in targets)}.",
        [],
    )


def _c14n(element: etree._Element, algorithm: str | None) -> bytes:
    exclusive = algorithm in _C14N_EXCLUSIVE
    comments = bool(algorithm and algorithm.endswith("WithComments"))
    return etree.tostring(element, method="c14n", exclusive=exclusive, with_comments=comments)


async def _timestamp(
    signature: etree._Element,
    policy: Policy,
    knowledge_crls: list[asn1_crl.CertificateList],
    certs: list[asn1_x509.Certificate],
) -> tuple[TimestampInfo | None, str | None]:
    node = signature.find(".//xades:UnsignedSignatureProperties/xades:SignatureTimeStamp", _NS)
    if node is None:
        return None, None
    encapsulated = node.find("xades:EncapsulatedTimeStamp", _NS)
    method = node.find("ds:CanonicalizationMethod", _NS)
    value = signature.find("ds:SignatureValue", _NS)
    if encapsulated is None or value is None or not encapsulated.text:
        return None, "FORMAT_FAILURE"
    try:
        token = cms.ContentInfo.load(base64.b64decode("".join(encapsulated.text.split())))
        tst_signed_data = token["content"]
        tst_signed_data["encap_content_info"]
    except (ValueError, binascii.Error, KeyError):
        return None, "FORMAT_FAILURE"
    covered = _c14n(value, method.get("Algorithm") if method is not None else None)
    spec = policy.spec(policy.knowledge(knowledge_crls, [], certs))
    result = await ades_timestamp_validation(
        tst_signed_data,
        spec,
        lambda algorithm: hashlib.new(algorithm, covered).digest(),
        timing_info=policy.timing(),
    )
    status = result.api_status
    sub = engine_sub(result.ades_subindic)
    if isinstance(status, TimestampSignatureStatus):
        return (
            TimestampInfo(
                time=status.timestamp,
                tsa=status.signing_cert.subject.human_friendly,
                valid=sub is None,
                detail=(
                    "Horodatage vérifié (empreinte de SignatureValue, signature et chaîne de "
                    "l'autorité)."
                    if sub is None
                    else f"Horodatage invalide ou non fiable ({sub})."
                ),
            ),
            sub,
        )
    return None, sub or "FORMAT_FAILURE"


def _crypto_check(
    data: bytes,
    index: int,
    cert: asn1_x509.Certificate,
    is_xades: bool,
    resolver: Resolver,
) -> tuple[str | None, str]:
    """(sub-indication or None, detail) for references, signed properties, signature value."""
    pyca_cert = load_der_x509_certificate(cert.dump())
    # The certificate's own validity is judged later with the trust policy; signxml
    # only needs a moment at which it is valid to run the cryptography.
    moment = pyca_cert.not_valid_before_utc + timedelta(seconds=1)

    def resolve(uri: str) -> bytes | None:
        return resolver(unquote(uri))

    try:
        if is_xades:
            verifier = _IndexedXAdESVerifier()
            verifier.index = index
            verifier.verify(
                data,
                x509_cert=pyca_cert,
                uri_resolver=resolve,
                expect_config=XAdESSignatureConfiguration(
                    require_x509=True, expect_references=True, verification_time=moment
                ),
            )
        else:
            plain = _IndexedXMLVerifier()
            plain.index = index
            plain.verify(
                data,
                x509_cert=pyca_cert,
                uri_resolver=resolve,
                expect_config=SignatureConfiguration(
                    require_x509=True, expect_references=True, verification_time=moment
                ),
            )
    except InvalidDigest as exc:
        text = str(exc)
        if "certificate digest" in text:
            return "NO_SIGNING_CERTIFICATE_FOUND", text
        return "HASH_FAILURE", text
    except InvalidCertificate as exc:
        return "NO_SIGNING_CERTIFICATE_FOUND", str(exc)
    except InvalidSignature as exc:
        return "SIG_CRYPTO_FAILURE", str(exc)
    except InvalidInput as exc:
        text = str(exc)
        if "Unable to resolve reference URI" in text or "External URI" in text:
            return "SIGNED_DATA_NOT_FOUND", text
        return "FORMAT_FAILURE", text
    except (etree.XMLSyntaxError, ValueError) as exc:
        return "FORMAT_FAILURE", str(exc)
    return None, ""


async def xml_outcomes(
    data: bytes,
    policy: Policy,
    *,
    resolver: Resolver,
    container: str | None = None,
) -> list[RawOutcome]:
    """Every top-level ds:Signature of an XML file (a document, a jeton, an ASiC signature file)."""
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise SignatureInputError(f"XML illisible : {exc}") from None
    every = list(root.iter(f"{{{DS_NS}}}Signature"))
    outcomes = []
    number = 0
    for index, signature in enumerate(every):
        if any(a.tag == f"{{{DS_NS}}}Signature" for a in signature.iterancestors()):
            continue  # a countersignature inside another signature
        policy.check_cancel()
        number += 1
        outcomes.append(
            await _one(data, root, signature, index, number, policy, resolver, container)
        )
    return outcomes


async def _one(
    data: bytes,
    root: etree._Element,
    signature: etree._Element,
    index: int,
    number: int,
    policy: Policy,
    resolver: Resolver,
    container: str | None,
) -> RawOutcome:
    certs = _certificates(signature)
    is_xades = signature.find(".//xades:QualifyingProperties", _NS) is not None
    signer_cert, cert_problem = _signing_cert(signature, certs)
    packaging, coverage, external = _packaging(signature, root)
    if container:
        packaging = f"{container} ({packaging})"
    level = _level(signature) if is_xades else "XMLDSig"
    crls = _crls(signature)
    label = f"Signature {number}" + (f" ({signature.get('Id')})" if signature.get("Id") else "")
    format_note = (
        f"XAdES-{level} ({packaging})"
        if is_xades
        else (
            f"XMLDSig sans propriétés XAdES ({packaging}) : pas XAdES au sens strict — à apprécier."
        )
    )
    format_status = CheckStatus.OK if is_xades else CheckStatus.TO_CHECK
    if container:
        format_status = CheckStatus.TO_CHECK
        format_note += (
            " Le conteneur ASiC n'est pas nommé par l'arrêté ; la signature XAdES qu'il "
            "porte l'est : à accepter si la consultation le prévoit."
        )
    sub: str | None
    if signer_cert is None:
        sub, detail = "NO_SIGNING_CERTIFICATE_FOUND", cert_problem or "aucun certificat"
        intact = valid = None
    else:
        sub, detail = _crypto_check(data, index, signer_cert, is_xades, resolver)
        intact = sub not in ("HASH_FAILURE", "FORMAT_FAILURE")
        valid = sub not in ("SIG_CRYPTO_FAILURE", "FORMAT_FAILURE")
        if sub in ("SIGNED_DATA_NOT_FOUND", "NO_SIGNING_CERTIFICATE_FOUND"):
            intact = valid = None
    timestamp, ts_sub = (None, None)
    if is_xades and sub is None:
        timestamp, ts_sub = await _timestamp(signature, policy, crls, certs)
        sub = ts_sub
    integrity_detail = {
        None: "Empreintes des données et des propriétés signées, valeur de signature : vérifiées.",
        "HASH_FAILURE": f"Empreinte différente : {detail}",
        "SIG_CRYPTO_FAILURE": f"Valeur de signature invalide : {detail}",
        "SIGNED_DATA_NOT_FOUND": "Données signées introuvables : fournissez le fichier original "
        f"({', '.join(external) or 'référence externe'}).",
    }.get(sub, detail)
    if sub == "SIGNED_DATA_NOT_FOUND":
        coverage = f"Fichier(s) signé(s) non fourni(s) : {', '.join(external)}."
    return RawOutcome(
        label=label,
        format="XAdES" if is_xades else "XMLDSig",
        level=level,
        packaging=packaging,
        sub=sub,
        integrity=IntegrityInfo(
            intact=intact,
            signature_value_ok=valid,
            coverage=coverage,
            covered_files=tuple(external),
            detail=integrity_detail,
        ),
        signer_cert=signer_cert,
        other_certs=[c for c in certs if signer_cert is None or c.sha256 != signer_cert.sha256],
        claimed_time=_claimed_time(signature),
        timestamp=timestamp,
        embedded_crls=crls,
        format_status=format_status,
        format_note=format_note,
        message=detail if sub not in (None, "SIGNED_DATA_NOT_FOUND") else None,
    )
