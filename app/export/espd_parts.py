"""Where each criterion sits in the official ESPD form (parts II to V and their sections).

The taxonomy only says exclusion ground / selection criterion / other; the
sections (III.A convictions, IV.B economic and financial standing, ...) come
from the ESPD standard form (Regulation (EU) 2016/7, annex 2).  A code missing
here still appears, in an "other" section of the part its family points to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.models.criteria import Criterion

#: part number -> ordered (section key, criterion codes); section keys are label keys
PART_SECTIONS: dict[int, list[tuple[str, tuple[str, ...]]]] = {
    2: [
        ("s2.A", ("shelt-worksh", "registered", "eo-group", "sme")),
        ("s2.C", ("relied",)),
        ("s2.D", ("subco-ent",)),
    ],
    3: [
        (
            "s3.A",
            ("crime-org", "corruption", "fraud", "terr-offence", "finan-laund", "human-traffic"),
        ),
        ("s3.B", ("tax-pay", "socsec-pay")),
        (
            "s3.C",
            (
                "envir-law",
                "socsec-law",
                "labour-law",
                "bankruptcy",
                "insolvency",
                "cred-arran",
                "bankr-nat",
                "liq-admin",
                "susp-act",
                "prof-misconduct",
                "distorsion",
                "partic-confl",
                "prep-confl",
                "sanction",
                "misrepresent",
            ),
        ),
        ("s3.D", ("nati-ground",)),
    ],
    4: [
        ("s4.A", ("prof-regist", "trade-regist", "authorisation", "membership")),
        (
            "s4.B",
            (
                "gen-year-to",
                "aver-year-to",
                "spec-aver-to",
                "spec-year-to",
                "finan-rat",
                "indem-insu",
                "finan-requ",
            ),
        ),
        (
            "s4.C",
            (
                "work-perform",
                "supply-perform",
                "service-perform",
                "qual-cont-tech",
                "work-tech",
                "qual-facil",
                "research-fac",
                "chain-manage",
                "spec-req-check",
                "qualification",
                "envir-measure",
                "year-manpower",
                "manage-staff",
                "tech-equip",
                "suncont-port",
                "wo-autent",
                "w-autent",
                "qa-certif-inst",
            ),
        ),
        ("s4.D", ("qu-certif-indep", "envir-certif-indep")),
    ],
    5: [("s5.main", ("staff-red",))],
}

#: the part an unlisted criterion goes to, by family, and its "other" section
_FALLBACK = {"EG": (3, "s3.other"), "SC": (4, "s4.other"), "OT": (2, "s2.other")}

_ROMAN = {2: "II", 3: "III", 4: "IV", 5: "V"}


@dataclass
class Section:
    key: str  # label key
    number: str  # "III.A", "IV.other" is shown as "IV"
    criteria: list[Criterion] = field(default_factory=list)


def _placement() -> dict[str, tuple[int, str]]:
    return {
        code: (part, key)
        for part, sections in PART_SECTIONS.items()
        for key, codes in sections
        for code in codes
    }


_PLACEMENT = _placement()


def place(criterion: Criterion) -> tuple[int, str]:
    """(part number, section key) of *criterion* in the ESPD form."""
    return _PLACEMENT.get(criterion.code) or _FALLBACK[criterion.family]


def sections_of(part: int, criteria: Iterable[Criterion]) -> list[Section]:
    """The sections of *part* holding at least one of *criteria*, in the form's order.

    Within a section, criteria keep the form's order; unlisted ones follow, in
    document order.
    """
    keys = [key for key, _ in PART_SECTIONS.get(part, [])]
    fallback = [key for p, key in _FALLBACK.values() if p == part]
    sections = {key: Section(key, _number(part, key)) for key in keys + fallback}
    order = {code: i for _, codes in PART_SECTIONS.get(part, []) for i, code in enumerate(codes)}
    for criterion in criteria:
        where, key = place(criterion)
        if where == part:
            sections[key].criteria.append(criterion)
    for section in sections.values():
        section.criteria.sort(key=lambda c: order.get(c.code, len(order)))
    return [s for s in sections.values() if s.criteria]


def _number(part: int, key: str) -> str:
    letter = key.rsplit(".", 1)[1]
    roman = _ROMAN[part]
    return f"{roman}.{letter}" if len(letter) == 1 else roman
