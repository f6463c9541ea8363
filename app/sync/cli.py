"""``dume remote …``, ``dume sync``, ``dume outbox``: the DUME service from the command line.

Configuration comes from options or the environment (``DUME_API_PROFILE``,
``DUME_API_BASE_URL``, ``DUME_API_TOKEN_URL``, ``DUME_API_PLATFORM_ID``,
``DUME_API_TECHNICAL_ID``, ``DUME_API_REQUESTER_ID``, ``DUME_API_REQUESTER_NAME``
…, see :mod:`app.sync.profiles`).  Credentials come from the keyring
(``dume remote login``) or, on a machine without one, from standard input
with ``--secret-stdin`` on each command.  Nothing secret is printed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from app.storage.library import Library
    from app.sync.client import DumeClient
    from app.sync.engine import SyncEngine, SyncReport
    from app.sync.profiles import ApiProfile

EXIT_OK, EXIT_INVALID, EXIT_REFUSED = 0, 1, 2

_SIDES: dict[str, Literal["request", "response"]] = {"buyer": "request", "operator": "response"}


def _emit(args: argparse.Namespace, data: Any, text: str) -> None:
    if getattr(args, "json", False):
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    elif text:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")


# ---------------------------------------------------------------- set-up helpers
def _profile(args: argparse.Namespace) -> ApiProfile:
    from app.sync.profiles import profile_from_env

    return profile_from_env(
        name=args.profile,
        api_base_url=args.api_url,
        token_url=args.token_url,
        platform_type=args.platform_type,
        platform_id=args.platform_id,
        technical_id=args.technical_id,
        requester_id=args.requester_id,
        requester_name=args.requester_name,
        read_timeout=args.timeout,
    )


def _read_stdin_line(what: str) -> str:
    from app.sync.errors import CredentialsMissingError

    line = sys.stdin.readline().strip()
    if not line:
        raise CredentialsMissingError(f"{what} attendu sur l'entrée standard.")
    return line


@contextmanager
def _client(args: argparse.Namespace) -> Iterator[DumeClient]:
    from app.sync.client import connect
    from app.sync.credentials import Credentials, CredentialStore
    from app.sync.errors import CredentialsMissingError

    profile = _profile(args)
    store = CredentialStore(profile.keyring_service)
    if getattr(args, "secret_stdin", False):
        known = store.load()
        client_id = args.client_id or (known.client_id if known else None)
        if not client_id:
            raise CredentialsMissingError("--secret-stdin demande aussi --client-id.")
        store.use_for_session(Credentials(client_id, _read_stdin_line("Le secret PISTE")))
    with connect(profile, store) as client:
        yield client


@contextmanager
def _library(args: argparse.Namespace) -> Iterator[Library]:
    from app.storage.library import Library

    with Library.open(Path(args.db) if args.db else None) as library:
        yield library


@contextmanager
def _engine(args: argparse.Namespace) -> Iterator[SyncEngine]:
    from app.sync.engine import SyncEngine

    with _library(args) as library, _client(args) as client:
        engine = SyncEngine.open(library, client)
        try:
            yield engine
        finally:
            engine.close()


# ---------------------------------------------------------------- credentials
def _cmd_login(args: argparse.Namespace) -> int:
    from app.sync.credentials import Credentials, CredentialStore

    profile = _profile(args)
    client_id = args.client_id or _read_stdin_line("L'identifiant client PISTE")
    secret = _read_stdin_line("Le secret PISTE")
    store = CredentialStore(profile.keyring_service)
    outcome = store.save(Credentials(client_id, secret))
    if not outcome.persisted:
        from app.sync.credentials import forget_session_credentials

        forget_session_credentials(store.service)
        sys.stderr.write(
            "dume: aucun trousseau système n'est disponible : le secret n'est pas enregistré "
            "(jamais dans un fichier). Passez-le à chaque commande avec --client-id ID "
            "--secret-stdin.\n"
        )
        return EXIT_REFUSED
    _emit(
        args,
        {"profile": profile.name, "stored": "keyring", "service": store.service},
        f"{outcome.message} (profil {profile.name}, entrée « {store.service} »)",
    )
    return EXIT_OK


def _cmd_logout(args: argparse.Namespace) -> int:
    from app.sync.credentials import CredentialStore

    profile = _profile(args)
    CredentialStore(profile.keyring_service).delete()
    _emit(args, {"profile": profile.name, "deleted": True}, "Identifiants supprimés.")
    return EXIT_OK


def _cmd_status(args: argparse.Namespace) -> int:
    from app.errors import UserFacingError
    from app.sync.credentials import CredentialStore

    profile = _profile(args)
    store = CredentialStore(profile.keyring_service)
    data: dict[str, Any] = {
        "profile": profile.name,
        "api_base_url": profile.api_base_url,
        "token_url": profile.token_url,
        "keyring_available": store.keyring_available(),
        "online": False,
        "error": None,
    }
    try:
        with _client(args) as client:
            client.health()
        data["online"] = True
    except UserFacingError as exc:
        data["error"] = exc.one_line()
    data["credentials"] = store.where()  # after --secret-stdin was read
    where = {
        "keyring": "dans le trousseau du système",
        "session": "pour cette commande seulement",
        "none": "aucun",
    }[data["credentials"]]
    lines = [
        f"Profil : {profile.name} ({profile.api_base_url})",
        f"Identifiants PISTE : {where}"
        + ("" if data["keyring_available"] else " (aucun trousseau système disponible)"),
        "Service : en ligne" if data["online"] else f"Service : indisponible — {data['error']}",
    ]
    _emit(args, data, "\n".join(lines))
    return EXIT_OK if data["online"] else EXIT_REFUSED


# ---------------------------------------------------------------- pull
def _cmd_get(args: argparse.Namespace) -> int:
    from app.espdxml.reader import read_bytes
    from app.storage.atomic import atomic_write_bytes
    from app.sync.errors import SyncError

    if args.format != "xml" and not args.out:
        raise SyncError(f"--out est nécessaire pour le format {args.format}.")
    kind = _SIDES[args.side]
    with _client(args) as client:
        formatted = client.fetch(kind, args.id, args.format)
    data: dict[str, Any] = {"id": formatted.id, "format": formatted.format}
    lines = []
    if args.out:
        digest = atomic_write_bytes(Path(args.out), formatted.content)
        data.update(out=args.out, sha256=digest)
        lines.append(f"DUME {formatted.id} écrit dans {args.out}.")
    if args.format == "xml" and (args.import_ or not args.out):
        from app.storage.documents import save_new

        document = read_bytes(formatted.content, f"DUME {formatted.id}")
        with _library(args) as library:
            doc_id = save_new(library, document, imported=True)
        data.update(library_id=doc_id, title=document.display_title(), kind=document.kind)
        lines.append(
            f"DUME {formatted.id} importé dans la bibliothèque : « {document.display_title()} » "
            f"(id {doc_id})."
        )
    _emit(args, data, "\n".join(lines))
    return EXIT_OK


def _cmd_search(args: argparse.Namespace) -> int:
    with _client(args) as client:
        rows = client.search(
            _SIDES[args.side],
            consultation_id=args.consultation,
            lot_id=args.lot,
        )
    data = [
        {
            "id": r.id,
            "status": r.status,
            "status_code": r.status_code,
            "created": r.created,
            "modified": r.modified,
        }
        for r in rows
    ]
    text = "\n".join(f"{r.id}  {r.status:<10} {r.created}" for r in rows) or "Aucun DUME."
    _emit(args, data, text)
    return EXIT_OK


def _cmd_prefill(args: argparse.Namespace) -> int:
    from dataclasses import asdict

    from app.storage.atomic import atomic_write_bytes
    from app.sync.errors import SyncError

    with _client(args) as client:
        if args.request:
            if not args.out:
                raise SyncError("--out est nécessaire avec --request (le DUME OE pré-rempli).")
            xml = client.merge_company_data(
                args.siret, request_id=args.request, include_unpublished=args.unpublished
            )
            digest = atomic_write_bytes(Path(args.out), xml)
            _emit(
                args,
                {"out": args.out, "sha256": digest, "request": args.request},
                f"DUME OE pré-rempli écrit dans {args.out}.",
            )
            return EXIT_OK
        company = client.company_data(args.siret, include_unpublished=args.unpublished)
    data = asdict(company)
    text = "\n".join(f"{key} : {value}" for key, value in data.items() if value and key != "raw")
    _emit(args, data, text)
    return EXIT_OK


# ---------------------------------------------------------------- push, sync, outbox
def _report_data(report: SyncReport) -> dict[str, Any]:
    status = report.status
    return {
        "connectivity": status.connectivity.value,
        "pending": status.pending,
        "failed": status.failed,
        "last_error": status.last_error,
        "delivered": [{"entry": e, "dume_id": d} for e, d in report.delivered],
        "refused": [{"entry": e, "message": m} for e, m in report.failed],
    }


def _cmd_push(args: argparse.Namespace) -> int:
    from app.espdxml import safe
    from app.storage.records import OutboxState

    path = Path(args.file)
    safe.parse_file(path)  # refuses missing or unreadable files before anything is queued
    xml = path.read_bytes()
    if not args.skip_validation:
        from app.validation import validate_bytes

        report = validate_bytes(xml, path.name)
        if not report.valid:
            problems = [f for f in report.findings if f.blocking]
            _emit(
                args,
                {"queued": False, "validation": report.to_json()},
                f"{path.name} : invalide, non envoyé ({len(problems)} problème(s)) ; "
                f"premier : {problems[0].rule_id} : {problems[0].message}",
            )
            return EXIT_INVALID
    with _engine(args) as engine:
        entry = engine.queue_xml(xml, validated=not args.draft, title=path.name)
        if not args.queue_only:
            engine.run_once()
        entry = next(e for e in engine.entries() if e.id == entry.id)
        status = engine.status()
    data = {**entry.to_json(), "connectivity": status.connectivity.value}
    if entry.state is OutboxState.DONE:
        text = f"{entry.label} : fait, DUME n° {entry.dume_id}."
    elif entry.state is OutboxState.FAILED:
        text = f"Refusé : {entry.last_error}"
    else:
        reason = f" ({status.last_error})" if status.last_error else ""
        text = f"En file d'envoi (n° {entry.id}){reason} : partira avec « dume sync »."
    _emit(args, data, text)
    return EXIT_REFUSED if entry.state is OutboxState.FAILED else EXIT_OK


def _cmd_delete(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        entry = engine.queue_delete(_SIDES[args.side], args.id)
        engine.run_once()
        entry = next(e for e in engine.entries() if e.id == entry.id)
    _emit(args, entry.to_json(), f"{entry.label} : {entry.state_label.lower()}.")
    return EXIT_REFUSED if entry.can_retry else EXIT_OK


def _cmd_sync(args: argparse.Namespace) -> int:
    with _engine(args) as engine:
        report = engine.run_once()
    data = _report_data(report)
    lines = [report.status.label]
    lines += [f"  envoyé : entrée {e} -> DUME n° {d}" for e, d in report.delivered]
    lines += [f"  refusé : entrée {e} : {m}" for e, m in report.failed]
    if report.status.last_error and not report.complete:
        lines.append(f"  {report.status.last_error}")
    _emit(args, data, "\n".join(lines))
    return EXIT_OK if report.complete else EXIT_REFUSED


def _cmd_outbox(args: argparse.Namespace) -> int:
    from app.sync.ledger import RemoteLedger
    from app.sync.outbox import OutboxQueue

    # Listing, retry and discard need no network (and no credentials).
    with _library(args) as library, RemoteLedger.beside(library.path) as ledger:
        queue = OutboxQueue(library, ledger, _profile(args).name)
        if args.retry is not None:
            queue.retry(args.retry)
        if args.discard is not None:
            queue.discard(args.discard)
        entries = queue.entries(include_done=args.all)
    data = [entry.to_json() for entry in entries]
    lines = [
        f"{e.id:>4}  {e.state_label:<28} {e.label} — {e.title}"
        + (f" (DUME n° {e.dume_id})" if e.dume_id else "")
        + (f"\n      {e.last_error}" if e.last_error else "")
        for e in entries
    ]
    _emit(args, data, "\n".join(lines) or "File d'envoi vide.")
    return EXIT_OK


# ---------------------------------------------------------------- signature
def _read(path: Path) -> bytes:
    from app.sync.errors import SyncError

    try:
        return path.read_bytes()
    except OSError as exc:
        raise SyncError(f"{path.name} : lecture impossible ({exc.strerror}).") from None


def _cmd_verify_signature(args: argparse.Namespace) -> int:
    from app.sync.signature_remote import remote_verdict

    url = args.url or _profile(args).signature_verify_url
    signature = Path(args.signature) if args.signature else None
    with _client(args) as client:
        result = remote_verdict(client, url, Path(args.file), signature)
    _emit(
        args,
        {
            "indication": result.indication,
            "sub_indication": result.sub_indication,
            "signer": result.signer,
            "report": result.report,
        },
        result.summary,
    )
    return EXIT_OK if result.indication == "TOTAL_PASSED" else EXIT_INVALID


# ---------------------------------------------------------------- parser
def _connection_options() -> argparse.ArgumentParser:
    parent = argparse.ArgumentParser(add_help=False)
    group = parent.add_argument_group("service DUME")
    group.add_argument("--profile", help="sandbox (défaut) ou production ; $DUME_API_PROFILE")
    group.add_argument("--api-url", help="base des API DUME ; $DUME_API_BASE_URL")
    group.add_argument("--token-url", help="adresse du jeton PISTE ; $DUME_API_TOKEN_URL")
    group.add_argument("--platform-type", help="typeIdPlateforme 1 à 5 ; $DUME_API_PLATFORM_TYPE")
    group.add_argument("--platform-id", help="idPlateforme ; $DUME_API_PLATFORM_ID")
    group.add_argument("--technical-id", help="idTechniquePlateforme ; $DUME_API_TECHNICAL_ID")
    group.add_argument("--requester-id", help="idDemandeur ; $DUME_API_REQUESTER_ID")
    group.add_argument("--requester-name", help="rsDemandeur ; $DUME_API_REQUESTER_NAME")
    group.add_argument("--timeout", help="délai de réponse en secondes ; $DUME_API_TIMEOUT")
    group.add_argument("--client-id", help="identifiant client PISTE (avec --secret-stdin)")
    group.add_argument(
        "--secret-stdin",
        action="store_true",
        help="lire le secret PISTE sur l'entrée standard (machine sans trousseau)",
    )
    group.add_argument("--db", help="fichier de bibliothèque (défaut : dossier utilisateur)")
    group.add_argument("--json", action="store_true")
    return parent


def register(commands: Any) -> None:
    common = _connection_options()

    remote = commands.add_parser("remote", help="le service DUME en ligne (API PISTE)")
    actions = remote.add_subparsers(dest="remote_command", required=True, metavar="ACTION")

    login = actions.add_parser(
        "login", parents=[common], help="enregistrer l'identifiant et le secret PISTE"
    )
    login.set_defaults(handler=_cmd_login)

    logout = actions.add_parser("logout", parents=[common], help="oublier les identifiants")
    logout.set_defaults(handler=_cmd_logout)

    status = actions.add_parser("status", parents=[common], help="profil, identifiants, service")
    status.set_defaults(handler=_cmd_status)

    get = actions.add_parser("get", parents=[common], help="récupérer un DUME par son numéro")
    get.add_argument("id")
    get.add_argument("--side", choices=sorted(_SIDES), default="buyer")
    get.add_argument("--format", choices=["xml", "pdf", "html"], default="xml")
    get.add_argument("--out", help="fichier à écrire (sans --out : import dans la bibliothèque)")
    get.add_argument(
        "--import", dest="import_", action="store_true", help="importer aussi avec --out"
    )
    get.set_defaults(handler=_cmd_get)

    push = actions.add_parser("push", parents=[common], help="publier un fichier DUME")
    push.add_argument("file")
    push.add_argument("--draft", action="store_true", help="brouillon plutôt que validé")
    push.add_argument("--queue-only", action="store_true", help="mettre en file sans envoyer")
    push.add_argument("--skip-validation", action="store_true")
    push.set_defaults(handler=_cmd_push)

    delete = actions.add_parser("delete", parents=[common], help="supprimer un DUME du service")
    delete.add_argument("id")
    delete.add_argument("--side", choices=sorted(_SIDES), default="buyer")
    delete.set_defaults(handler=_cmd_delete)

    search = actions.add_parser("search", parents=[common], help="mes DUME sur le service")
    search.add_argument("--side", choices=sorted(_SIDES), default="buyer")
    search.add_argument("--consultation")
    search.add_argument("--lot")
    search.set_defaults(handler=_cmd_search)

    prefill = actions.add_parser(
        "prefill", parents=[common], help="données d'entreprise depuis un SIRET"
    )
    prefill.add_argument("siret")
    prefill.add_argument("--request", help="numéro du DUME acheteur : écrire le DUME OE pré-rempli")
    prefill.add_argument("--out")
    prefill.add_argument("--unpublished", action="store_true", help="données non publiées aussi")
    prefill.set_defaults(handler=_cmd_prefill)

    verify = actions.add_parser(
        "verify-signature", parents=[common], help="vérification distante d'une signature"
    )
    verify.add_argument("file")
    verify.add_argument("--signature", help="signature détachée")
    verify.add_argument("--url", help="adresse du service ; $DUME_SIGNATURE_VERIFY_URL")
    verify.set_defaults(handler=_cmd_verify_signature)

    sync = commands.add_parser("sync", parents=[common], help="envoyer la file d'envoi maintenant")
    sync.set_defaults(handler=_cmd_sync)

    outbox = commands.add_parser("outbox", parents=[common], help="la file d'envoi")
    outbox.add_argument("--all", action="store_true", help="avec les envois terminés")
    outbox.add_argument("--retry", type=int, metavar="N", help="relancer l'envoi en échec n° N")
    outbox.add_argument("--discard", type=int, metavar="N", help="abandonner l'envoi n° N")
    outbox.set_defaults(handler=_cmd_outbox)
