"""The official criterion taxonomy: the templates every document criterion is copied from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from app.models.criteria import Criterion, CriterionFamily


@dataclass
class Taxonomy:
    version: str
    criteria: list[Criterion]
    #: exclusion grounds BR-REQ-30 requires in every request (convictions, taxes, social security)
    mandatory_codes: frozenset[str] = field(default_factory=frozenset)
    #: code -> criterion category of criterionList.xml (conviction, contributions, ...), when given
    categories: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_code = {c.code: c for c in self.criteria}

    @property
    def codes(self) -> list[str]:
        return [c.code for c in self.criteria]

    def __contains__(self, code: object) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Criterion:
        """The template of *code* (shared: never mutate it; use :meth:`instantiate`)."""
        return self._by_code[code]

    def instantiate(self, code: str) -> Criterion:
        """A fresh, independent copy of the template of *code*."""
        return self._by_code[code].model_copy(deep=True)

    def family(self, family: CriterionFamily) -> list[Criterion]:
        return [c for c in self.criteria if c.family == family]

    def unknown(self, codes: Iterable[str]) -> list[str]:
        return [code for code in codes if code not in self._by_code]
