"""What validation reports: one :class:`Finding` per problem."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Severity = Literal["fatal", "error", "warning", "info"]
Source = Literal["xsd", "rules", "stylesheet", "check"]

BLOCKING: frozenset[str] = frozenset({"fatal", "error"})


@dataclass(frozen=True)
class Finding:
    severity: Severity
    rule_id: str  # BR-TC-15-01, xsd:SCHEMAV_ELEMENT_CONTENT, stylesheet:03-...xsl
    message: str
    location: str = ""  # XPath
    #: the criterion code (crime-org) or document field (ContractingParty/Party/PartyName) concerned
    subject: str = ""
    source: Source = "rules"
    line: int | None = None

    @property
    def blocking(self) -> bool:
        return self.severity in BLOCKING

    def to_json(self) -> dict[str, object]:
        return asdict(self)


@dataclass
class ValidationReport:
    kind: str
    version: str
    findings: list[Finding] = field(default_factory=list)
    #: False when the business rules did not run (XSD-invalid input, or cancelled)
    rules_ran: bool = False

    @property
    def valid(self) -> bool:
        return not any(f.blocking for f in self.findings)

    def to_json(self) -> dict[str, object]:
        return {
            "valid": self.valid,
            "kind": self.kind,
            "version": self.version,
            "rules_ran": self.rules_ran,
            "findings": [f.to_json() for f in self.findings],
        }
