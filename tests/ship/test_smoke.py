"""``--smoke-test FILE`` in this process (the bundle test runs it in the packaged app)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.ui.smoke import (
    READY_LINE,
    document_arguments,
    main_or_smoke_test,
    run_smoke_test,
    smoke_test_target,
)


@pytest.fixture
def fresh_user(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("DUME_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("DUME_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path


def test_the_smoke_test_opens_the_document_in_the_main_window(
    qapp: object, fresh_user: Path, example_request: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_smoke_test(example_request) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(READY_LINE + " ")
    details = json.loads(line[len(READY_LINE) :])
    assert details["opened"] is True
    assert details["document"] == "PP.20170419.1024-9"
    assert details["valid"] is True
    assert details["rules_ran"] is True
    assert details["frozen"] is False
    assert (fresh_user / "data" / "logs" / "dume.log").is_file()


def test_a_refused_file_exits_2(
    qapp: object, fresh_user: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = fresh_user / "bad.xml"
    bad.write_bytes(b"<not-espd/>")
    assert run_smoke_test(bad) == 2
    captured = capsys.readouterr()
    assert READY_LINE not in captured.out
    assert captured.err.startswith("dume: ")


def test_launch_arguments() -> None:
    argv = ["dume", "--smoke-test", "a.xml", "--style", "b.p7s", "c.asice"]
    assert smoke_test_target(argv) == Path("a.xml")
    assert smoke_test_target(["dume", "x.xml"]) is None
    assert document_arguments(argv) == [Path("b.p7s"), Path("c.asice")]
    assert main_or_smoke_test(lambda: 7, ["dume"]) == 7
    with pytest.raises(SystemExit, match="attend un fichier"):
        smoke_test_target(["dume", "--smoke-test"])
