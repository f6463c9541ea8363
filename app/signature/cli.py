"""``dume verify``, ``dume sign`` and ``dume trust``: signatures from the command line.

- ``dume verify FILE... [--original F] [--json] [--report OUT.pdf]``: exit 0
  only when every signature of every file is TOTAL_PASSED, 1 otherwise, 2 when
  a file cannot be read;
- ``dume sign FILE --p12 P12 [--format pades|cades|xades] --out OUT``: the
  password comes from ``$DUME_P12_PASSWORD`` (scripts) or is asked without
  echo; it is never logged, stored or printed (PKCS#11: ``--pkcs11-module``,
  PIN from ``$DUME_PKCS11_PIN`` or asked);
- ``dume trust --status|--refresh|--add CERT``: the trusted lists and anchors.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from app.errors import UserFacingError

__all__ = ["PASSWORD_ENV", "PIN_ENV", "register"]

PASSWORD_ENV = "DUME_P12_PASSWORD"
PIN_ENV = "DUME_PKCS11_PIN"
EXIT_OK, EXIT_INVALID, EXIT_REFUSED = 0, 1, 2


def _write(text: str) -> None:
    sys.stdout.write(text + ("\n" if not text.endswith("\n") else ""))


def _json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise UserFacingError(f"Date invalide : {value} (format ISO 8601 attendu).") from None
    if moment.tzinfo is None:
        raise UserFacingError(
            "La date doit préciser son fuseau (par exemple 2026-07-01T00:00:00Z)."
        )
    return moment


def _store(args: argparse.Namespace) -> Any:
    from app.signature.trust import TrustStore

    return TrustStore(Path(args.trust_dir)) if getattr(args, "trust_dir", None) else TrustStore()


# ---------------------------------------------------------------- verify
def _renderer() -> Any:
    try:
        from app.export import report_pdf
    except ImportError:
        return None
    return report_pdf


def _text(result: Any) -> str:
    lines = [
        f"{result.file_name} : {result.indication.label_fr} ({result.indication}) — "
        f"{result.detected_format}, {len(result.signatures)} signature(s), "
        f"SHA-256 {result.sha256}"
    ]
    lines += [f"  ! {problem}" for problem in result.problems]
    for sig in result.signatures:
        who = sig.signer.common_name if sig.signer else "signataire inconnu"
        if sig.signer and sig.signer.organisation:
            who += f" ({sig.signer.organisation}"
            who += f", SIREN {sig.signer.siren})" if sig.signer.siren else ")"
        sub = f" / {sig.sub_indication}" if sig.sub_indication else ""
        lines.append(f"  {sig.label} : {sig.indication}{sub} — {sig.format} {sig.level} — {who}")
        lines.append(f"    {sig.explanation}")
        for check in sig.checks:
            lines.append(f"    [{check.status.label_fr}] {check.label_fr} : {check.evidence}")
        lines += [f"    ! {warning}" for warning in sig.warnings]
    lines.append(f"  Données de confiance : {result.trust.summary_fr}")
    return "\n".join(lines)


def _cmd_verify(args: argparse.Namespace) -> int:
    from app.signature.trust import default_http_get
    from app.signature.verify import Verifier, record_history

    renderer = None
    if args.report:
        renderer = _renderer()
        if renderer is None:
            raise UserFacingError(
                "Le rapport PDF n'est pas disponible dans cette version "
                "(module de rendu absent) ; utilisez --json."
            )
        if len(args.files) != 1:
            raise UserFacingError("--report demande un seul fichier à vérifier.")
    extra_crls = [Path(p).read_bytes() for p in args.crl or []]
    verifier = Verifier(
        store=_store(args),
        validation_time=_at(args.at),
        extra_crls=extra_crls,
        online=args.online,
        http_get=default_http_get if args.online else None,
    )
    original = Path(args.original) if args.original else None
    results = [verifier.verify_file(Path(f), original=original) for f in args.files]
    if args.history:
        from app.storage.library import Library

        with Library.open(Path(args.db) if args.db else None) as library:
            for result in results:
                record_history(library, result)
    if renderer is not None:
        from app.signature.report import save_reports

        save_reports(results[0], Path(args.report))
    all_passed = all(r.all_passed for r in results)
    if args.json:
        _json({"all_passed": all_passed, "files": [r.to_json() for r in results]})
    else:
        _write("\n".join(_text(r) for r in results))
    return EXIT_OK if all_passed else EXIT_INVALID


# ---------------------------------------------------------------- sign
def _secret(env: str, prompt: str) -> str:
    value = os.environ.get(env)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise UserFacingError(
            f"Secret requis : définissez {env} ou lancez la commande dans un terminal."
        )
    return getpass.getpass(prompt)


def _cmd_sign(args: argparse.Namespace) -> int:
    from app.signature.sign import SignFormat, SignOptions, load_pkcs12, open_pkcs11, sign_file

    if bool(args.p12) == bool(args.pkcs11_module):
        raise UserFacingError("Choisissez une clé : --p12 FICHIER ou --pkcs11-module MODULE.")
    if args.p12:
        key = load_pkcs12(Path(args.p12), _secret(PASSWORD_ENV, "Mot de passe du certificat : "))
    else:
        key = open_pkcs11(
            args.pkcs11_module,
            _secret(PIN_ENV, "Code PIN : "),
            token_label=args.token_label,
            key_label=args.key_label,
        )
    options = SignOptions(
        format=SignFormat(args.format) if args.format else None,
        xades_packaging=args.xades_packaging,
        cades_attached=args.attached,
        tsa_url=args.tsa,
    )
    with key:
        out, result = sign_file(Path(args.file), key, options, out=Path(args.out))
    data = {
        "out": str(out),
        "format": result.format.value,
        "level": result.level,
        "sha256": result.sha256,
        "signer": result.signer_subject,
    }
    if args.json:
        _json(data)
    else:
        _write(
            f"{out} écrit ({result.format.value.upper()} {result.level}, SHA-256 {result.sha256})."
        )
    return EXIT_OK


# ---------------------------------------------------------------- trust
def _trust_json(info: Any) -> dict[str, Any]:
    from app.signature.model import _to_json

    data = _to_json(info)
    assert isinstance(data, dict)
    data["summary"] = info.summary_fr
    return data


def _cmd_trust(args: argparse.Namespace) -> int:
    store = _store(args)
    at = _at(args.at)
    if args.add:
        cert = store.add_anchor(Path(args.add).read_bytes())
        data = {"added": cert.subject.human_friendly, "sha256": cert.sha256.hex()}
        if args.json:
            _json(data)
        else:
            _write(f"Ancre de confiance ajoutée : {data['added']} (SHA-256 {data['sha256']}).")
        return EXIT_OK
    if args.add_crl:
        crl = store.add_crl(Path(args.add_crl).read_bytes())
        if args.json:
            _json({"added_crl": crl.issuer.human_friendly})
        else:
            _write(f"Liste de révocation ajoutée : {crl.issuer.human_friendly}.")
        return EXIT_OK
    if args.import_lists:
        lotl, *national = (Path(p).read_bytes() for p in args.import_lists)
        info = store.import_lists(lotl, national, at=at)
    elif args.refresh:
        info = store.refresh(territories=args.territory or None, at=at)
    else:
        info = store.load(at=at).info
    if args.json:
        _json(_trust_json(info))
    else:
        lines = [f"Données de confiance : {info.summary_fr}"]
        for tl in info.lists:
            state = "PÉRIMÉE" if tl.stale else "à jour"
            lines.append(
                f"  {tl.territory} n°{tl.sequence_number} du {tl.issued:%Y-%m-%d}, prochaine "
                f"{tl.next_update:%Y-%m-%d} ({state}), {tl.services} services"
                if tl.issued and tl.next_update
                else f"  {tl.territory}"
            )
        lines += [f"  ! {p}" for p in info.problems]
        _write("\n".join(lines))
    return EXIT_INVALID if info.problems and not info.lists else EXIT_OK


# ---------------------------------------------------------------- register
def register(commands: Any) -> None:
    verify = commands.add_parser(
        "verify", help="vérifier des signatures (PAdES, CAdES, XAdES, ASiC)"
    )
    verify.add_argument("files", nargs="+", metavar="FICHIER")
    verify.add_argument("--original", help="fichier original d'une signature détachée")
    verify.add_argument("--json", action="store_true")
    verify.add_argument("--report", metavar="RAPPORT.pdf", help="rapport PDF (et son jumeau JSON)")
    verify.add_argument(
        "--crl", action="append", metavar="CRL", help="liste de révocation à utiliser"
    )
    verify.add_argument("--online", action="store_true", help="télécharger les CRL manquantes")
    verify.add_argument(
        "--at", metavar="DATE", help="date de validation ISO 8601 (défaut : maintenant)"
    )
    verify.add_argument("--history", action="store_true", help="enregistrer dans l'historique")
    verify.add_argument("--db", help="bibliothèque (défaut : dossier utilisateur)")
    verify.add_argument("--trust-dir", help="dossier des données de confiance")
    verify.set_defaults(handler=_cmd_verify)

    sign = commands.add_parser("sign", help="signer un fichier (PAdES, CAdES, XAdES)")
    sign.add_argument("file", metavar="FICHIER")
    sign.add_argument(
        "--p12", help=f"certificat PKCS#12 (mot de passe : ${PASSWORD_ENV} ou invite)"
    )
    sign.add_argument(
        "--pkcs11-module", help=f"module PKCS#11 de la carte (PIN : ${PIN_ENV} ou invite)"
    )
    sign.add_argument("--token-label")
    sign.add_argument("--key-label")
    sign.add_argument("--format", choices=["pades", "cades", "xades"])
    sign.add_argument("--xades-packaging", choices=["enveloped", "detached"], default="enveloped")
    sign.add_argument("--attached", action="store_true", help="CAdES enveloppant (.p7m)")
    sign.add_argument("--tsa", metavar="URL", help="autorité d'horodatage (niveau B-T)")
    sign.add_argument("--out", required=True)
    sign.add_argument("--json", action="store_true")
    sign.set_defaults(handler=_cmd_sign)

    trust = commands.add_parser("trust", help="listes de confiance UE et ancres de confiance")
    action = trust.add_mutually_exclusive_group()
    action.add_argument("--status", action="store_true", help="état des données de confiance")
    action.add_argument("--refresh", action="store_true", help="télécharger les listes (en ligne)")
    action.add_argument("--add", metavar="CERT", help="ajouter une ancre de confiance (PEM/DER)")
    action.add_argument("--add-crl", metavar="CRL", help="ajouter une liste de révocation au cache")
    action.add_argument(
        "--import-lists", nargs="+", metavar="XML", help="importer LOTL puis listes nationales"
    )
    trust.add_argument("--territory", action="append", help="avec --refresh : pays à charger")
    trust.add_argument("--at", metavar="DATE", help="date de vérification des listes (ISO 8601)")
    trust.add_argument("--trust-dir", help="dossier des données de confiance")
    trust.add_argument("--json", action="store_true")
    trust.set_defaults(handler=_cmd_trust)
