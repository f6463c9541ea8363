"""The Qt-free core stays Qt-free: every core package is under the import-linter contract."""

from __future__ import annotations

import pkgutil
import tomllib
from pathlib import Path

import app

ROOT = Path(__file__).resolve().parent.parent


def test_every_core_package_is_in_the_no_qt_contract() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contract = config["tool"]["importlinter"]["contracts"][0]
    assert contract["forbidden_modules"] == ["PySide6", "shiboken6"]
    covered = set(contract["source_modules"])
    packages = {f"app.{m.name}" for m in pkgutil.iter_modules(app.__path__) if m.name != "ui"}
    assert packages - covered == set()
    assert "espd_schemas" in covered
