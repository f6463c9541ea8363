"""A quick summary of any ESPD document, including versions the app cannot import yet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.errors import UnsupportedVersionError
from app.espdxml import safe
from app.espdxml.detect import detect, require_readable
from app.espdxml.names import cac, cbc


def inspect_file(path: Path) -> dict[str, Any]:
    """Kind, version, ids, criteria codes and lots.  1.0.2 is refused (raises)."""
    tree = safe.parse_file(path)
    detected = detect(tree, path.name)
    importable, message = True, ""
    try:
        require_readable(detected, path.name)
    except UnsupportedVersionError as exc:
        if detected.family == "1":
            raise
        importable, message = False, exc.one_line()
    root = tree.getroot()
    # 2.x to 4.x share the UBL structure, so a plain read works for all of them.
    lots = [
        (e.text or "").strip() for e in root.findall(f"{cac('ProcurementProjectLot')}/{cbc('ID')}")
    ]
    criteria = [
        (c.findtext(cbc("CriterionTypeCode")) or c.findtext(cbc("ID")) or "").strip()
        for c in root.findall(cac("TenderingCriterion"))
    ]
    return {
        "file": str(path),
        "kind": detected.kind,
        "version": detected.version,
        "flavour": detected.flavour,
        "importable": importable,
        "import_message": message,
        "id": (root.findtext(cbc("ID")) or "").strip(),
        "uuid": (root.findtext(cbc("UUID")) or "").strip(),
        "procedure_reference": (root.findtext(cbc("ContractFolderID")) or "").strip(),
        "criteria": criteria,
        "lots": lots,
        "answers": len(root.findall(cac("TenderingCriterionResponse"))),
    }
