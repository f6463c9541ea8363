"""Recognise the ESPD-EDM version and kind of a document from its root.

The root namespace only separates 1.0.2 from the rest: 2.x, 3.x and 4.x share
it.  ``ProfileExecutionID`` (3.x, 4.x) and ``VersionID`` / ``CustomizationID`` /
``UBLVersionID`` (2.x) tell the others apart.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from lxml import etree

from app import messages
from app.errors import DocumentRefusedError, UnsupportedVersionError, translatable
from app.espdxml.names import (
    PRE_AWARD_NAMESPACES,
    REQUEST_NS,
    RESPONSE_NS,
    V1_REQUEST_NS,
    V1_RESPONSE_NS,
    cac,
    cbc,
)

#: Versions the 4.1.0 reader reads as they are.  Others are recognised and refused by name.
READABLE_VERSIONS = ("4.1.0",)
#: Families app.legacy converts to 4.1.0 (importing and ``dume convert`` go through it).
CONVERTIBLE_FAMILIES = ("2", "3", "4.0")

Kind = Literal["request", "response"]


@dataclass(frozen=True)
class DetectedVersion:
    kind: Kind
    version: str  # "1.0.2", "2.0.x", "2.1.1", "3.x" (e.g. "3.3.0"), "4.0.0", "4.1.0"
    family: str  # "1", "2", "3", "4.0", "4.1"
    flavour: str | None = None  # BASIC / EXTENDED for 2.x
    #: a 2.0.x document written with the UBL 2.2 public-review namespaces (renamed on reading)
    draft_namespaces: bool = False

    @property
    def label(self) -> str:
        flavour = f" {self.flavour}" if self.flavour else ""
        return f"ESPD-EDM {self.version}{flavour}"


def _child_text(root: etree._Element, local: str) -> str:
    element = root.find(cbc(local))
    return (element.text or "").strip() if element is not None else ""


def _adopt_final_namespaces(root: etree._Element) -> bool:
    """Rename the 2.0.x public-review namespaces in place; True if there were any."""
    if etree.QName(root).namespace not in PRE_AWARD_NAMESPACES:
        return False
    for element in root.iter():
        if isinstance(element.tag, str):
            qname = etree.QName(element)
            final = PRE_AWARD_NAMESPACES.get(qname.namespace or "")
            if final:
                element.tag = f"{{{final}}}{qname.localname}"
    etree.cleanup_namespaces(root)
    return True


#: Documents met beside a DUME in a consultation file, recognised to say what they are.
_LOOK_ALIKES: dict[str, str] = {
    "ContractNotice": messages.CONTRACT_NOTICE,
    "PriorInformationNotice": messages.PRIOR_INFORMATION_NOTICE,
    "ContractAwardNotice": messages.AWARD_NOTICE,
    "TED_EXPORT": messages.TED_NOTICE,
    "TED_ESENDERS": messages.TED_ESENDER,
    "Invoice": messages.INVOICE,
    "CreditNote": messages.CREDIT_NOTE,
    "Signature": messages.DETACHED_SIGNATURE,
    "XAdESSignatures": messages.ASIC_SIGNATURES,
}


def _what_it_is(namespace: str, local: str) -> str:
    if local in _LOOK_ALIKES:
        return _LOOK_ALIKES[local]
    if "ESPD" in local or "QualificationApplication" in local:
        where = namespace or "sans espace de noms"
        return f"élément racine « {local} » d'un format ESPD inconnu ({where})"
    return messages.UNEXPECTED_ROOT.format(root=local)


def _dotted(version: str) -> str:
    """``02.00.00`` (2.0.x lists) -> ``2.0.0``."""
    parts = version.split(".")
    return ".".join(str(int(p)) if p.isdigit() else p for p in parts)


def _flavour(root: etree._Element) -> str | None:
    """The 2.x model (BASIC / EXTENDED, REGULATED / SELFCONTAINED) the document names."""
    type_code = root.find(cbc("QualificationApplicationTypeCode"))
    text = (type_code.text or "").strip().upper() if type_code is not None else ""
    return text or None


def detect(tree: etree._ElementTree, name: str = "document") -> DetectedVersion:
    """The version and kind of *tree*.

    A 2.0.x document in the UBL 2.2 public-review namespaces has them renamed,
    in place, to the final UBL ones, so that every reader sees one vocabulary.
    """
    root = tree.getroot()
    draft = _adopt_final_namespaces(root)
    qname = etree.QName(root)
    namespace, local = qname.namespace or "", qname.localname

    if namespace in (V1_REQUEST_NS, V1_RESPONSE_NS) or local in ("ESPDRequest", "ESPDResponse"):
        kind: Kind = "request" if local == "ESPDRequest" else "response"
        return DetectedVersion(kind, "1.0.2", "1")

    if (namespace, local) == (REQUEST_NS, "QualificationApplicationRequest"):
        kind = "request"
    elif (namespace, local) == (RESPONSE_NS, "QualificationApplicationResponse"):
        kind = "response"
    else:
        raise translatable(
            DocumentRefusedError(""),
            messages.NOT_ESPD,
            messages.NOT_ESPD_HINT,
            name=name,
            what=_what_it_is(namespace, local),
        )

    profile = _child_text(root, "ProfileExecutionID")
    if profile.startswith("ESPD-EDMv"):
        version = profile.removeprefix("ESPD-EDMv")
        if version.startswith("4.1"):
            return DetectedVersion(kind, version, "4.1")
        if version.startswith("4.0"):
            return DetectedVersion(kind, version, "4.0")
        if version.startswith("3."):
            return DetectedVersion(kind, version, "3")
        if version.startswith("2."):
            # 2.1.0 writes the model after the number: "ESPD-EDMv2.1.0-SELFCONTAINED"
            number, _, model = version.partition("-")
            flavour = _flavour(root) or model.upper() or None
            return DetectedVersion(kind, number, "2", flavour, draft_namespaces=draft)
        raise DocumentRefusedError(f"{name} : version ESPD-EDM inconnue « {profile} ».")

    ubl = _child_text(root, "UBLVersionID")
    if ubl.startswith("2.3"):
        # UBL 2.3 without ProfileExecutionID: 3.0.x, which names its model version only
        # in the schemeVersionID of its criteria (and of most codes).
        return _from_scheme_versions(root, kind, name)
    version_id = _child_text(root, "VersionID")
    customization = _child_text(root, "CustomizationID")
    type_code = root.find(cbc("QualificationApplicationTypeCode"))
    flavour = _flavour(root)
    if ubl.startswith("2.2") or version_id.startswith("2.") or "biitrdm" in customization:
        # VersionID holds the model version in some 2.x files and a document
        # version ("1.0") in others; the type code's listVersionID is then the clue.
        list_version = type_code.get("listVersionID", "") if type_code is not None else ""
        if version_id.startswith("2."):
            version = version_id
        elif _dotted(list_version).startswith("2."):
            version = _dotted(list_version)
        elif flavour in ("BASIC", "EXTENDED"):
            version = "2.1.1"
        elif flavour in ("REGULATED", "SELFCONTAINED", "SELF-CONTAINED"):
            version = "2.0.x"
        else:
            version = "2.x"
        return DetectedVersion(kind, version, "2", flavour, draft_namespaces=draft)
    if version_id.startswith("4.1"):
        return DetectedVersion(kind, version_id, "4.1")
    raise translatable(DocumentRefusedError(""), messages.UNKNOWN_VERSION, name=name)


_MODEL_VERSION = re.compile(r"^[34]\.\d+\.\d+$")


def _from_scheme_versions(root: etree._Element, kind: Kind, name: str) -> DetectedVersion:
    votes: Counter[str] = Counter()
    for criterion in root.iterfind(cac("TenderingCriterion")):
        ident = criterion.find(cbc("ID"))
        if ident is not None and _MODEL_VERSION.match(ident.get("schemeVersionID", "")):
            votes[ident.get("schemeVersionID", "")] += 1
    if not votes:
        raise DocumentRefusedError(
            f"{name} : impossible de déterminer la version ESPD-EDM (document UBL 2.3 "
            "sans ProfileExecutionID ni version sur ses critères)."
        )
    version = votes.most_common(1)[0][0]
    family = "3" if version.startswith("3.") else version[:3]  # "4.0" or "4.1"
    return DetectedVersion(kind, version, family)


def require_readable(detected: DetectedVersion, name: str = "document") -> None:
    """Refuse, naming the version, a document the app cannot import yet."""
    if detected.version in READABLE_VERSIONS:
        return
    if detected.family == "1":
        raise translatable(
            UnsupportedVersionError(detected.version, ""),
            messages.TOO_OLD,
            messages.TOO_OLD_HINT,
            name=name,
            label=detected.label,
        )
    if detected.family in CONVERTIBLE_FAMILIES:
        raise UnsupportedVersionError(
            detected.version,
            f"{name} : {detected.label} doit d'abord être converti en ESPD-EDM 4.1.0.",
            hint=f"« dume convert {name} --to 4.1.0 --out FICHIER » le convertit, avec le "
            "rapport des écarts ; « dume validate --as-version auto » le vérifie tel quel.",
        )
    raise UnsupportedVersionError(
        detected.version,
        f"{name} : {detected.label} n'est pas encore importable ; "
        "cette version de l'application lit ESPD-EDM 4.1.0.",
        hint="Demandez un DUME au format ESPD-EDM 4.1.0.",
    )
