"""XML namespaces and qualified names used by ESPD-EDM 2.x-4.x (UBL 2.2/2.3)."""

from __future__ import annotations

CAC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC_NS = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
REQUEST_NS = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2"
RESPONSE_NS = "urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationResponse-2"
V1_REQUEST_NS = "urn:grow:names:specification:ubl:schema:xsd:ESPDRequest-1"
V1_RESPONSE_NS = "urn:grow:names:specification:ubl:schema:xsd:ESPDResponse-1"

NSMAP = {"cac": CAC_NS, "cbc": CBC_NS}

#: The UBL 2.2 public-review namespaces the ESPD-EDM 2.0.x releases were published
#: with, and the final UBL namespaces that replaced them (same elements, same meaning).
PRE_AWARD_NAMESPACES = {
    "urn:X-test:UBL:Pre-award:QualificationApplicationRequest": REQUEST_NS,
    "urn:X-test:UBL:Pre-award:QualificationApplicationResponse": RESPONSE_NS,
    "urn:X-test:UBL:Pre-award:CommonAggregate": CAC_NS,
    "urn:X-test:UBL:Pre-award:CommonBasic": CBC_NS,
    "urn:X-test:UBL:Pre-award:CommonExtension": (
        "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
    ),
}


def cac(local: str) -> str:
    return f"{{{CAC_NS}}}{local}"


def cbc(local: str) -> str:
    return f"{{{CBC_NS}}}{local}"
