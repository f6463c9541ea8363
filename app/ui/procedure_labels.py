"""The procedure-type labels of app.models.procedures, marked for Qt Linguist.

lupdate only reads app/ui; this list makes the "ProcedureTypes" strings
translatable.  A test keeps it equal to the model's table.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

PROCEDURE_LABELS = [
    QT_TRANSLATE_NOOP("ProcedureTypes", "Procédure ouverte"),
    QT_TRANSLATE_NOOP("ProcedureTypes", "Procédure restreinte"),
    QT_TRANSLATE_NOOP("ProcedureTypes", "Procédure négociée avec mise en concurrence préalable"),
    QT_TRANSLATE_NOOP("ProcedureTypes", "Procédure négociée sans publicité ni mise en concurrence"),
    QT_TRANSLATE_NOOP("ProcedureTypes", "Dialogue compétitif"),
    QT_TRANSLATE_NOOP("ProcedureTypes", "Partenariat d'innovation"),
    QT_TRANSLATE_NOOP("ProcedureTypes", "Procédure concurrentielle avec négociation"),
    QT_TRANSLATE_NOOP("ProcedureTypes", "Autre procédure à une étape"),
    QT_TRANSLATE_NOOP("ProcedureTypes", "Autre procédure à plusieurs étapes"),
]
