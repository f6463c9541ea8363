"""``dume remote …``, ``dume sync``, ``dume outbox``, in process.

The commands are registered on a parser built like ``app.cli.build_parser`` and
run like ``app.cli.main`` (a UserFacingError becomes one line on stderr and
exit code 2), so they can be tested before ``register`` is wired into the CLI.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import keyring.backends.fail
import pytest

from app.errors import UserFacingError
from app.espdxml.reader import read_file
from app.espdxml.writer import to_bytes
from app.storage.library import Library
from app.sync.cli import register
from tests.standin import (
    DEMO_CLIENT_ID,
    DEMO_CLIENT_SECRET,
    DEMO_PLATFORM_ID,
    DEMO_TECHNICAL_ID,
    StandinServer,
)
from tests.sync.memory_keyring import MemoryKeyring, installed
from tests.sync.support import BUYER, OPERATOR_SIRET, buyer_request


def run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    parser = argparse.ArgumentParser(prog="dume")
    commands = parser.add_subparsers(dest="command", required=True)
    register(commands)
    args = parser.parse_args(argv)
    previous = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        code = args.handler(args)
    except UserFacingError as exc:
        sys.stderr.write(f"dume: {exc.one_line()}\n")
        code = 2
    finally:
        sys.stdin = previous
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def env(server: StandinServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The stand-in configured through the environment, as a user would; returns the db."""
    monkeypatch.setenv("DUME_API_PROFILE", "sandbox")
    monkeypatch.setenv("DUME_API_BASE_URL", server.base_url)
    monkeypatch.setenv("DUME_API_TOKEN_URL", server.token_url)
    monkeypatch.setenv("DUME_API_PLATFORM_ID", DEMO_PLATFORM_ID)
    monkeypatch.setenv("DUME_API_TECHNICAL_ID", DEMO_TECHNICAL_ID)
    monkeypatch.setenv("DUME_API_REQUESTER_ID", BUYER.id)
    monkeypatch.setenv("DUME_API_REQUESTER_NAME", BUYER.name)
    return tmp_path / "library.sqlite3"


def test_login_stores_the_secret_in_the_keyring(
    env: Path, capsys: pytest.CaptureFixture[str], memory_keyring: MemoryKeyring
) -> None:
    code, out, err = run(
        capsys, "remote", "login", "--profile", "sandbox", "--client-id", DEMO_CLIENT_ID,
        stdin=DEMO_CLIENT_SECRET + "\n",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "trousseau" in out
    assert DEMO_CLIENT_SECRET not in out
    assert memory_keyring.entries[("dume-desktop/sandbox", "client_secret")] == DEMO_CLIENT_SECRET
    code, out, _ = run(capsys, "remote", "status", "--json")
    assert code == 0
    assert json.loads(out)["online"] is True
    assert json.loads(out)["credentials"] == "keyring"
    code, out, _ = run(capsys, "remote", "logout")
    assert code == 0
    assert memory_keyring.entries == {}


def test_login_without_keyring_says_so_and_stores_nothing(
    env: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with installed(keyring.backends.fail.Keyring()):
        code, out, err = run(
            capsys, "remote", "login", "--client-id", DEMO_CLIENT_ID, stdin=DEMO_CLIENT_SECRET
        )
        assert code == 2
        assert "aucun trousseau" in err
        assert "--secret-stdin" in err
        assert DEMO_CLIENT_SECRET not in out + err
        # the secret given on stdin for one command works without any keyring
        code, out, err = run(
            capsys, "remote", "search", "--json", "--client-id", DEMO_CLIENT_ID,
            "--secret-stdin", stdin=DEMO_CLIENT_SECRET + "\n",
        )  # fmt: skip
        assert (code, json.loads(out)) == (0, [])
    assert [p for p in tmp_path.rglob("*") if p.is_file()] == []


def _login(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        capsys, "remote", "login", "--client-id", DEMO_CLIENT_ID, stdin=DEMO_CLIENT_SECRET
    )
    assert code == 0


def test_push_get_search_prefill_sync_and_outbox(
    env: Path, server: StandinServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _login(capsys)
    request = buyer_request()
    file = tmp_path / "demande.xml"
    file.write_bytes(to_bytes(request))
    db = str(env)

    code, out, err = run(capsys, "remote", "push", str(file), "--db", db, "--json")
    assert code == 0, err
    pushed = json.loads(out)
    assert pushed["state"] == "done"
    assert len(pushed["dume_id"]) == 8
    dume_id = pushed["dume_id"]
    assert server.service.count(request.uuid) == 1

    code, out, _ = run(capsys, "remote", "push", str(file), "--db", db)  # same file again
    assert code == 0
    assert out == f"Publication du DUME acheteur : fait, DUME n° {dume_id}.\n"
    assert server.service.count(request.uuid) == 1

    code, out, _ = run(capsys, "remote", "search", "--json")
    assert code == 0
    assert [row["id"] for row in json.loads(out)] == [dume_id]

    fetched = tmp_path / "recu.xml"
    code, out, _ = run(capsys, "remote", "get", dume_id, "--out", str(fetched), "--db", db)
    assert code == 0
    assert read_file(fetched).uuid == request.uuid
    code, out, _ = run(capsys, "remote", "get", dume_id, "--db", db, "--json")
    imported = json.loads(out)
    assert code == 0
    assert imported["kind"] == "request"
    with Library.open(env, daily_backup=False) as library:
        assert library.get(imported["library_id"]).title == request.display_title()

    code, out, _ = run(capsys, "remote", "prefill", OPERATOR_SIRET, "--json")
    assert code == 0
    assert json.loads(out)["name"] == "Menuiserie Dupré"
    template = tmp_path / "reponse.xml"
    code, out, _ = run(
        capsys, "remote", "prefill", OPERATOR_SIRET, "--request", dume_id, "--out", str(template)
    )
    assert code == 0
    assert read_file(template).kind == "response"

    # offline: the push is queued, sync reports it, outbox lists it
    server.stop()
    other = tmp_path / "autre.xml"
    other.write_bytes(to_bytes(buyer_request("Autre marché")))
    code, out, _ = run(capsys, "remote", "push", str(other), "--db", db, "--skip-validation")
    assert code == 0
    assert "En file d'envoi" in out
    assert "injoignable" in out
    code, out, _ = run(capsys, "sync", "--db", db, "--json")
    assert code == 2
    assert json.loads(out)["connectivity"] == "offline"
    code, out, _ = run(capsys, "outbox", "--db", db, "--json")
    [waiting] = json.loads(out)
    assert code == 0
    assert waiting["state"] == "pending"
    assert waiting["title"] == "autre.xml"

    server.start()
    code, out, _ = run(capsys, "sync", "--db", db)
    assert code == 0
    assert "envoyé" in out
    assert server.service.count() == 2
    code, out, _ = run(capsys, "outbox", "--db", db, "--json")
    assert json.loads(out) == []
    code, out, _ = run(capsys, "outbox", "--db", db, "--all", "--json")
    assert [e["state"] for e in json.loads(out)] == ["done", "done"]


def test_refused_push_then_discard(
    env: Path, server: StandinServer, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    _login(capsys)
    document = buyer_request()
    file = tmp_path / "demande.xml"
    file.write_bytes(to_bytes(document))
    db = str(env)
    assert run(capsys, "remote", "push", str(file), "--db", db)[0] == 0
    edited = document.model_copy(deep=True)
    edited.procedure.title = "Rectificatif"
    file.write_bytes(to_bytes(edited))  # same UUID, the DUME is validated: refused
    code, out, _ = run(capsys, "remote", "push", str(file), "--db", db, "--json")
    refused = json.loads(out)
    assert code == 2
    assert refused["state"] == "failed"
    assert "DUME_NON_MODIFIABLE" in refused["last_error"]
    code, out, _ = run(capsys, "outbox", "--db", db, "--discard", str(refused["id"]), "--json")
    assert code == 0
    assert json.loads(out) == []


def test_push_refuses_an_invalid_file_before_queueing(
    env: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    document = buyer_request()
    document.buyer.address.country = "FR"
    file = tmp_path / "invalide.xml"
    file.write_bytes(to_bytes(document))
    code, out, _ = run(capsys, "remote", "push", str(file), "--db", str(env))
    assert code == 1
    assert "invalide, non envoyé" in out
    broken = tmp_path / "casse.xml"
    broken.write_text("<pas du xml", encoding="utf-8")
    code, _, err = run(capsys, "remote", "push", str(broken), "--db", str(env))
    assert code == 2
    assert "XML mal formé" in err
    if env.exists():
        with Library.open(env, daily_backup=False) as library:
            assert library.outbox() == []


def test_configuration_errors_are_one_french_line(
    env: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _login(capsys)
    code, _, err = run(capsys, "remote", "get", "abc")
    assert code == 2
    assert "Numéro de DUME « abc » invalide" in err
    code, _, err = run(capsys, "remote", "prefill", "41234567800013")
    assert code == 2
    assert "clé de contrôle" in err
    monkeypatch.setenv("DUME_API_BASE_URL", "http://dume.example.org/dume")
    code, _, err = run(capsys, "remote", "search")
    assert code == 2
    assert "https" in err
    code, _, err = run(capsys, "remote", "search", "--profile", "recette")
    assert code == 2
    assert "Profil d'API inconnu" in err
