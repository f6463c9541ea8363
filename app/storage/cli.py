"""``dume library list|export|import``: the local library from the command line."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any


def _library(args: argparse.Namespace) -> Any:
    from app.storage.library import Library

    return Library.open(Path(args.db) if args.db else None)


def _cmd_list(args: argparse.Namespace) -> int:
    with _library(args) as library:
        summaries = library.list_documents(kind=args.kind, search=args.search)
    rows = [
        {
            "id": s.id,
            "kind": str(s.kind),
            "title": s.title,
            "reference": s.procedure_reference,
            "status": str(s.status),
            "modified": s.modified.isoformat(),
        }
        for s in summaries
    ]
    if args.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
    else:
        for row in rows:
            sys.stdout.write(
                f"{row['id']}  {row['kind']:<8} {row['status']:<9} {row['reference']:<20} "
                f"{row['title']}\n"
            )
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from app.storage.documents import export_file

    with _library(args) as library:
        digest = export_file(library, args.id, Path(args.out))
    if args.json:
        sys.stdout.write(json.dumps({"out": args.out, "sha256": digest}) + "\n")
    else:
        sys.stdout.write(f"{args.out} écrit (SHA-256 {digest}).\n")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from app.storage.documents import import_file

    with _library(args) as library:
        summary = import_file(library, Path(args.file))
    data = {"id": summary.id, "kind": str(summary.kind), "title": summary.title}
    if args.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(f"Importé : {summary.title} ({summary.kind}), id {summary.id}\n")
    return 0


def register(commands: Any) -> None:
    library = commands.add_parser("library", help="la bibliothèque locale de documents")
    library.add_argument("--db", help="fichier de bibliothèque (défaut : dossier utilisateur)")
    actions = library.add_subparsers(dest="library_command", required=True, metavar="ACTION")

    listing = actions.add_parser("list", help="lister les documents")
    listing.add_argument("--kind", choices=["request", "response"])
    listing.add_argument("--search")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(handler=_cmd_list)

    export = actions.add_parser("export", help="exporter un document en XML ESPD-EDM 4.1.0")
    export.add_argument("id")
    export.add_argument("--out", required=True)
    export.add_argument("--json", action="store_true")
    export.set_defaults(handler=_cmd_export)

    importing = actions.add_parser("import", help="importer un fichier XML ESPD")
    importing.add_argument("file")
    importing.add_argument("--json", action="store_true")
    importing.set_defaults(handler=_cmd_import)
