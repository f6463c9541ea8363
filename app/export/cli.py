"""``dume export FILE --pdf OUT [--zip OUT] [--lang fr|en] [--json]``: the readable exports."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def _taxonomy() -> Any:
    """The official taxonomy, for criterion texts a file leaves out; None without artefacts."""
    from app.errors import UserFacingError
    from app.espdxml.taxonomy import load_taxonomy

    try:
        return load_taxonomy()
    except UserFacingError:
        return None


def _cmd_export(args: argparse.Namespace) -> int:
    from app.espdxml.reader import read_file
    from app.export.errors import ExportError
    from app.export.files import export_pdf, export_zip
    from app.export.labels import check_lang

    if not args.pdf and not args.zip:
        raise ExportError("Rien à exporter : indiquez --pdf FICHIER et/ou --zip FICHIER.")
    lang = check_lang(args.lang)
    document = read_file(Path(args.file))
    taxonomy = _taxonomy()
    results = []
    if args.pdf:
        results.append(("pdf", export_pdf(document, Path(args.pdf), lang, taxonomy)))
    if args.zip:
        results.append(("zip", export_zip(document, Path(args.zip), lang, taxonomy)))
    data: dict[str, Any] = {"kind": document.kind, "id": document.id, "lang": lang}
    lines = []
    for key, result in results:
        data[key] = {"out": str(result.path), "sha256": result.sha256, "pages": result.pages}
        if result.members:
            data[key]["members"] = list(result.members)
        lines.append(f"{result.path} écrit ({result.pages} pages, SHA-256 {result.sha256}).")
    if args.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write("\n".join(lines) + "\n")
    return 0


def register(commands: Any) -> None:
    export = commands.add_parser(
        "export", help="PDF lisible (et ZIP XML + PDF) d'une demande ou d'une réponse ESPD"
    )
    export.add_argument("file", help="document ESPD-EDM (XML)")
    export.add_argument("--pdf", metavar="SORTIE.pdf", help="écrire le PDF")
    export.add_argument("--zip", metavar="SORTIE.zip", help="écrire le XML et le PDF dans un ZIP")
    export.add_argument(
        "--lang", default="fr", choices=["fr", "en"], help="langue des libellés (défaut : fr)"
    )
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=_cmd_export)
