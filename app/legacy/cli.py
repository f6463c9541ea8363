"""``dume convert``: older ESPD-EDM versions to 4.1.0 (and responses back to 2.1.1).

``dume convert FILE --to 4.1.0 --out OUT [--report R.json] [--lot LOT] [--json]``
converts a 2.1.1, 3.x or 4.0.0 request or response; the mismatch report goes
to ``--report`` (JSON) and its summary to stdout.

``dume convert FILE --to 2.1.1 --out OUT [--request REQ.xml] [--flavour F]``
writes a response (of any readable version) as a 2.1.1 response, with the
buyer's own 2.1.1 criteria when ``--request`` gives its request.

``dume import-check PATH... [--no-validate] [--json]`` says, for each file (each
``*.xml`` under a folder, each ESPD document of a ZIP archive), whether it is
read, converted (and valid under the 4.1.0 rules) or refused, and why.  Exit 0:
all imported and valid; 1: some refused or invalid (each with its reason); 3: the
importer failed on a file.

:func:`validate_as_version_command` is the body of ``dume validate --as-version``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from app.errors import UserFacingError

EXIT_OK, EXIT_INVALID, EXIT_DEFECT = 0, 1, 3
TARGETS = ("4.1.0", "2.1.1")


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))


def _write_report(path: str | None, report: dict[str, Any]) -> None:
    if not path:
        return
    from app.storage.atomic import atomic_write_text

    atomic_write_text(Path(path), json.dumps(report, ensure_ascii=False, indent=2) + "\n")


def _cmd_convert(args: argparse.Namespace) -> int:
    from app.espdxml.writer import to_bytes
    from app.legacy.convert import convert
    from app.storage.atomic import atomic_write_bytes

    source = Path(args.file)
    result = convert(source, lot=args.lot, fill_required=not args.no_fill)
    out = Path(args.out)
    if args.to == "4.1.0":
        digest = atomic_write_bytes(out, to_bytes(result.document))
        report = result.report.to_json()
    else:
        if result.document.kind != "response":
            raise UserFacingError(
                f"{source.name} : seule une réponse peut être écrite en ESPD-EDM 2.1.1 "
                "(une demande se convertit vers 4.1.0)."
            )
        from app.legacy.write211 import export_2_1_1

        request = Path(args.request).read_bytes() if args.request else None
        exported = export_2_1_1(result.document, request=request, flavour=args.flavour)
        digest = atomic_write_bytes(out, exported.data)
        report = {"to_4_1_0": result.report.to_json(), "to_2_1_1": exported.report.to_json()}
    _write_report(args.report, report)
    summary = result.report.summary()
    data = {
        "file": str(source),
        "source_version": result.source.version,
        "flavour": result.source.flavour,
        "kind": result.document.kind,
        "to": args.to,
        "out": str(out),
        "sha256": digest,
        "summary": summary,
        "counts": result.report.counts(),
        "report": args.report,
    }
    lines = [f"{out} écrit (ESPD-EDM {args.to}).", summary]
    if args.report:
        lines.append(f"Rapport des écarts : {args.report}")
    _emit(args, data, "\n".join(lines))
    return EXIT_OK


def validate_as_version_command(args: argparse.Namespace) -> int:
    """``dume validate FILE --as-version V [--json]`` (V may be ``auto``: the file's own)."""
    from app.legacy.validate import validate_as_version

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UserFacingError(f"{path.name} : lecture impossible ({exc.strerror}).") from None
    version = None if args.as_version in (None, "auto") else args.as_version
    report = validate_as_version(data, version, name=path.name)
    if getattr(args, "json", False):
        _emit(args, report.to_json(), "")
    else:
        verdict = "valide" if report.valid else "invalide"
        lines = [f"{args.file} : {verdict} (règles ESPD-EDM {report.version}, {report.kind})"]
        for finding in report.findings:
            lines.append(f"  {finding.severity} {finding.rule_id} : {finding.message}")
        _emit(args, None, "\n".join(lines))
    return EXIT_OK if report.valid else EXIT_INVALID


_OUTCOME_LABELS = {
    "read": "lu (4.1.0)",
    "converted": "converti",
    "refused": "refusé",
    "crashed": "ÉCHEC DE L'IMPORT (défaut de l'application)",
}


def _cmd_import_check(args: argparse.Namespace) -> int:
    from app.legacy.importing import received
    from app.legacy.triage import refused_archive, tally, triage

    items, refused = received(map(Path, args.paths))
    results = [refused_archive(path, error) for path, error in refused]
    results += [triage(item, validate=not args.no_validate) for item in items]
    counts = tally(results)
    lines = []
    for result in results:
        label = _OUTCOME_LABELS[result.outcome]
        version = f" {result.source_version}" if result.source_version else ""
        verdict = {True: ", valide 4.1.0", False: ", NON valide 4.1.0", None: ""}[result.valid]
        lines.append(f"{result.file} :{version} {label}{verdict}")
        for detail in [result.reason, result.summary, *result.findings]:
            if detail:
                lines.append(f"    {detail}")
        if result.source_valid is not None:
            own = "valide" if result.source_valid else "NON valide"
            lines.append(f"    source {own} selon les règles de sa version")
            lines.extend(f"      {detail}" for detail in result.source_findings)
    totals = ", ".join(f"{n} {outcome}" for outcome, n in sorted(counts.items()))
    lines.append(totals or "aucun fichier")
    data = {"counts": counts, "files": [r.to_json() for r in results]}
    _emit(args, data, "\n".join(lines))
    if counts.get("crashed"):
        return EXIT_DEFECT
    return EXIT_OK if all(r.imported and r.valid is not False for r in results) else EXIT_INVALID


def register(commands: Any) -> None:
    check = commands.add_parser(
        "import-check",
        help="dire, pour chaque fichier ESPD, s'il s'importe (lu, converti, valide) ou pourquoi",
    )
    check.add_argument("paths", nargs="+", help="fichiers ou dossiers (tous les *.xml dessous)")
    check.add_argument(
        "--no-validate", action="store_true", help="ne pas passer le résultat aux règles 4.1.0"
    )
    check.add_argument("--json", action="store_true")
    check.set_defaults(handler=_cmd_import_check)

    convert = commands.add_parser(
        "convert", help="convertir un DUME 2.1.1, 3.x ou 4.0.0 en 4.1.0 (ou une réponse en 2.1.1)"
    )
    convert.add_argument("file")
    convert.add_argument("--to", choices=TARGETS, default="4.1.0")
    convert.add_argument("--out", required=True)
    convert.add_argument("--report", help="écrire le rapport des écarts (JSON) dans ce fichier")
    convert.add_argument("--lot", help="lot à retenir pour une réponse multi-lots")
    convert.add_argument(
        "--no-fill",
        action="store_true",
        help="ne pas écrire « À COMPLÉTER » dans les questions devenues obligatoires",
    )
    convert.add_argument("--request", help="(--to 2.1.1) la demande 2.1.1 de l'acheteur")
    convert.add_argument("--flavour", choices=["BASIC", "EXTENDED"], help="(--to 2.1.1) modèle")
    convert.add_argument("--json", action="store_true")
    convert.set_defaults(handler=_cmd_convert)
