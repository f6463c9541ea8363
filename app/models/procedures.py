"""Procedure types of the EU Vocabularies list "procurement-procedure-type".

The ESPD-EDM release ships no .gc for this list, so its codes are kept here,
with French labels.  The UI translates them in the "ProcedureTypes" context;
app/ui/procedure_labels.py lists them for lupdate.
"""

from __future__ import annotations

PROCEDURE_TYPES: list[tuple[str, str]] = [
    ("open", "Procédure ouverte"),
    ("restricted", "Procédure restreinte"),
    ("neg-w-call", "Procédure négociée avec mise en concurrence préalable"),
    ("neg-wo-call", "Procédure négociée sans publicité ni mise en concurrence"),
    ("comp-dial", "Dialogue compétitif"),
    ("innovation", "Partenariat d'innovation"),
    ("comp-tend", "Procédure concurrentielle avec négociation"),
    ("oth-single", "Autre procédure à une étape"),
    ("oth-mult", "Autre procédure à plusieurs étapes"),
]
