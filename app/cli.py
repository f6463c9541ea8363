"""``dume``: the command-line entry to every feature, with ``--json`` for platforms and tests.

Exit codes: 0 success (or valid), 1 invalid document, 2 the input cannot be
read or is refused (one line on stderr, never a traceback).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app import __version__
from app.errors import UserFacingError

log = logging.getLogger("dume.cli")

EXIT_OK, EXIT_INVALID, EXIT_REFUSED = 0, 1, 2

Handler = Callable[[argparse.Namespace], int]


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        sys.stdout.write(text + ("\n" if text and not text.endswith("\n") else ""))


# ---------------------------------------------------------------- info
def _cmd_info(args: argparse.Namespace) -> int:
    from app.espdxml.inspect import inspect_file

    summary = inspect_file(Path(args.file))
    lines = [
        f"{summary['kind']} ESPD-EDM {summary['version']}",
        f"ID : {summary['id']}",
        f"UUID : {summary['uuid']}",
        f"Référence : {summary['procedure_reference']}",
        f"Lots : {', '.join(summary['lots']) or '—'}",
        f"Critères ({len(summary['criteria'])}) : {', '.join(summary['criteria'])}",
    ]
    if not summary["importable"]:
        lines.append(f"Import : {summary['import_message']}")
    _emit(args, summary, "\n".join(lines))
    return EXIT_OK


# ---------------------------------------------------------------- validate
def _cmd_validate(args: argparse.Namespace) -> int:
    from app.validation import validate_path

    if args.as_version:
        from app.legacy.cli import validate_as_version_command

        return validate_as_version_command(args)

    report = validate_path(Path(args.file))
    if args.json:
        _emit(args, report.to_json(), "")
    else:
        verdict = "valide" if report.valid else "invalide"
        lines = [f"{args.file} : {verdict} (ESPD-EDM {report.version}, {report.kind})"]
        for finding in report.findings:
            subject = f" [{finding.subject}]" if finding.subject else ""
            lines.append(f"  {finding.severity} {finding.rule_id}{subject} : {finding.message}")
        _emit(args, None, "\n".join(lines))
    return EXIT_OK if report.valid else EXIT_INVALID


# ---------------------------------------------------------------- new-request
def _cmd_new_request(args: argparse.Namespace) -> int:
    from app.errors import SpecError
    from app.espdxml.taxonomy import load_taxonomy
    from app.espdxml.writer import to_bytes
    from app.models.builder import request_from_spec
    from app.storage.atomic import atomic_write_bytes

    try:
        spec = json.loads(Path(args.spec).read_text(encoding="utf-8"))
    except OSError as exc:
        raise SpecError(f"{args.spec} : lecture impossible ({exc.strerror}).") from None
    except json.JSONDecodeError as exc:
        raise SpecError(f"{args.spec} : JSON invalide (ligne {exc.lineno}) : {exc.msg}.") from None
    document = request_from_spec(spec, load_taxonomy())
    out = Path(args.out)
    digest = atomic_write_bytes(out, to_bytes(document))
    summary = {
        "out": str(out),
        "sha256": digest,
        "id": document.id,
        "criteria": document.criterion_codes(),
        "lots": document.lot_ids(),
    }
    _emit(
        args,
        summary,
        f"{out} écrit ({len(document.criteria)} critères, {len(document.lots)} lots).",
    )
    return EXIT_OK


# ---------------------------------------------------------------- schemas
def _cmd_schemas(args: argparse.Namespace) -> int:
    import espd_schemas

    if args.install:
        report = espd_schemas.install(Path(args.install), args.version)
        if not report.ok:
            problems = report.missing + report.altered
            raise UserFacingError(
                f"{args.install} ne contient pas les artefacts ESPD-EDM {args.version} attendus "
                f"({len(problems)} fichiers manquants ou différents, dont {problems[0]})."
            )
        if not args.quiet:
            _emit(
                args,
                {"installed": args.version, "root": str(report.root)},
                f"Artefacts ESPD-EDM {args.version} installés dans {report.root}.",
            )
        return EXIT_OK
    if args.version_given:
        versions = [args.version]
    else:
        # The current release is required; older ones (for conversion) only when installed.
        root = espd_schemas.artefact_root()
        versions = [espd_schemas.CURRENT_VERSION] + [
            v
            for v in sorted(espd_schemas.manifest())
            if v != espd_schemas.CURRENT_VERSION and (root / v).is_dir()
        ]
    reports = [espd_schemas.check(v) for v in versions]
    data = {
        "ok": all(r.ok for r in reports),
        "root": str(espd_schemas.artefact_root()),
        "versions": {
            r.version: {"ok": r.ok, "missing": r.missing, "altered": r.altered} for r in reports
        },
    }
    lines = []
    for report in reports:
        if report.ok:
            lines.append(f"ESPD-EDM {report.version} : complet ({report.root})")
        else:
            lines.append(f"ESPD-EDM {report.version} : incomplet ({report.root})")
            lines += [f"  manquant : {name}" for name in report.missing]
            lines += [f"  modifié : {name}" for name in report.altered]
    if not data["ok"]:
        lines.append(espd_schemas.INSTALL_HINT)
    if not (args.quiet and data["ok"]):
        _emit(args, data, "\n".join(lines))
    return EXIT_OK if data["ok"] else EXIT_INVALID


# ---------------------------------------------------------------- parser
def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dume", description="DUME / ESPD-EDM 4.1.0 : créer, lire, valider."
    )
    parser.add_argument("--version", action="version", version=f"dume {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="journal détaillé sur stderr")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMANDE")

    info = commands.add_parser("info", help="résumé d'un document ESPD")
    info.add_argument("file")
    info.add_argument("--json", action="store_true")
    info.set_defaults(handler=_cmd_info)

    validate = commands.add_parser("validate", help="XSD et règles métier officielles")
    validate.add_argument("file")
    validate.add_argument(
        "--as-version",
        metavar="VERSION",
        help="règles d'une version ESPD-EDM (2.1.1, 3.3.0, 4.0.0, 4.1.0 ; auto : celle du fichier)",
    )
    validate.add_argument("--json", action="store_true")
    validate.set_defaults(handler=_cmd_validate)

    new_request = commands.add_parser("new-request", help="créer une demande depuis une spec JSON")
    new_request.add_argument("--spec", required=True)
    new_request.add_argument("--out", required=True)
    new_request.add_argument("--json", action="store_true")
    new_request.set_defaults(handler=_cmd_new_request)

    schemas = commands.add_parser("schemas", help="vérifier ou installer les artefacts officiels")
    schemas.add_argument(
        "--check", action="store_true", help="signaler les fichiers manquants ou modifiés"
    )
    schemas.add_argument(
        "--install", metavar="DOSSIER", help="installer depuis un dossier officiel"
    )
    schemas.add_argument("--version", dest="version", default=None)
    schemas.add_argument("--quiet", action="store_true")
    schemas.add_argument("--json", action="store_true")
    schemas.set_defaults(handler=_cmd_schemas)

    for register in _extensions():
        register(commands)
    return parser


def _extensions() -> list[Callable[[Any], None]]:
    """Sub-command groups that live beside their feature (library, ...)."""
    from app.export.cli import register as register_export
    from app.legacy.cli import register as register_legacy
    from app.signature.cli import register as register_signature
    from app.storage.cli import register as register_library
    from app.sync.cli import register as register_sync

    return [register_library, register_export, register_signature, register_sync, register_legacy]


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if getattr(args, "command", None) == "schemas":
        import espd_schemas

        args.version_given = args.version is not None
        args.version = args.version or espd_schemas.CURRENT_VERSION
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR,
        format="%(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    handler: Handler = args.handler
    try:
        return handler(args)
    except UserFacingError as exc:
        sys.stderr.write(f"dume: {exc.one_line()}\n")
        return EXIT_REFUSED
    except KeyboardInterrupt:
        sys.stderr.write("dume: interrompu.\n")
        return 130


if __name__ == "__main__":
    sys.exit(main())
