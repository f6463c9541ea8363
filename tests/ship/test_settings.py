"""The settings schema: typed values in a real INI file, checks, migrations, and a lint that
fails when code uses a key the schema does not declare."""

from __future__ import annotations

import ast
import logging
import re
from fnmatch import fnmatch
from pathlib import Path

import pytest

from app.settings import (
    AUTOSAVE_DELAY_MS,
    DATA_FOLDER,
    FIRST_RUN_DONE,
    LANGUAGE,
    PROXY_MODE,
    PROXY_URL,
    PROXY_USER,
    SCHEMA,
    SCHEMA_VERSION,
    SCHEMA_VERSION_KEY,
    SYNC_PROFILE_SETTINGS,
    TSA_URL,
    MemoryBackend,
    Settings,
    SettingValueError,
    apply_startup_environment,
    by_key,
    migrate,
)
from app.ui.settings_store import open_settings

ROOT = Path(__file__).resolve().parents[2]
QSETTINGS_METHODS = {"value", "setValue", "contains", "remove"}
#: the storage layer itself passes declared Setting objects' keys through
STORAGE_LAYER = {"app/settings.py", "app/ui/settings_store.py"}


def test_values_keep_their_type_through_the_ini_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    first = open_settings(path)
    assert first.get(AUTOSAVE_DELAY_MS) == 500  # the declared default
    first.set(AUTOSAVE_DELAY_MS, 1500)
    first.set(FIRST_RUN_DONE, True)
    first.set(TSA_URL, "http://tsa.example.org/tsr,v2")  # a comma: INI lists must not split it
    first.set(SYNC_PROFILE_SETTINGS["sandbox"], {"platform": {"platform_id": "12345678901234"}})
    first.sync()

    again = open_settings(path)
    assert again.get(AUTOSAVE_DELAY_MS) == 1500
    assert again.get(FIRST_RUN_DONE) is True
    assert again.get(TSA_URL) == "http://tsa.example.org/tsr,v2"
    assert (
        again.get(SYNC_PROFILE_SETTINGS["sandbox"])["platform"]["platform_id"] == "12345678901234"
    )
    assert again.backend.read(SCHEMA_VERSION_KEY) == str(SCHEMA_VERSION)


@pytest.mark.parametrize(
    ("setting", "value", "words"),
    [
        (AUTOSAVE_DELAY_MS, 10, "au moins 100"),
        (LANGUAGE, "de", "n'est pas une valeur possible"),
        (TSA_URL, "ftp://tsa.example.org", "adresse invalide"),
        (PROXY_URL, "http://bob:hunter2@proxy.example:3128", "identifiants ne se mettent pas"),
        (PROXY_URL, "http://proxy.example:99999", "port invalide"),
    ],
)
def test_a_wrong_value_is_refused_in_french_and_not_stored(
    settings: Settings, setting: object, value: object, words: str
) -> None:
    with pytest.raises(SettingValueError, match=words) as caught:
        settings.set(setting, value)
    assert caught.value.one_line().startswith(caught.value.setting.title)
    assert not settings.is_set(caught.value.setting)


def test_a_damaged_value_falls_back_on_the_default(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    settings.backend.write(AUTOSAVE_DELAY_MS.key, "beaucoup")
    with caplog.at_level(logging.WARNING, logger="dume.settings"):
        assert settings.get(AUTOSAVE_DELAY_MS) == 500
    assert "editing/autosave_delay_ms" in caplog.text


def test_migration_from_an_unversioned_store() -> None:
    backend = MemoryBackend({LANGUAGE.key: "en_GB", FIRST_RUN_DONE.key: "1"})
    settings = Settings(backend)
    assert settings.migrated == [1]
    assert settings.get(LANGUAGE) == "en"
    assert settings.get(FIRST_RUN_DONE) is True
    assert Settings(backend).migrated == []  # done once


def test_migrations_run_in_order_and_a_newer_store_is_left_alone() -> None:
    calls: list[int] = []
    steps = {
        1: lambda _s: calls.append(1),
        2: lambda _s: calls.append(2),
        3: lambda _s: calls.append(3),
    }
    backend = MemoryBackend({SCHEMA_VERSION_KEY: "1"})
    assert migrate(backend, migrations=steps, target=3) == [2, 3]
    assert calls == [2, 3]
    assert backend.read(SCHEMA_VERSION_KEY) == "3"
    newer = MemoryBackend({SCHEMA_VERSION_KEY: "9", LANGUAGE.key: "fr"})
    assert migrate(newer, migrations=steps, target=3) == []
    assert newer.values == {SCHEMA_VERSION_KEY: "9", LANGUAGE.key: "fr"}


def test_startup_environment_applies_data_folder_and_proxy(
    settings: Settings, tmp_path: Path
) -> None:
    settings.set(DATA_FOLDER, str(tmp_path / "données"))
    settings.set(PROXY_MODE, "manual")
    settings.set(PROXY_URL, "http://proxy.example:3128")
    settings.set(PROXY_USER, "agent@mairie")
    environ: dict[str, str] = {"HTTP_PROXY": "http://old:1"}
    apply_startup_environment(settings, lambda: "p@ss:word", environ)
    assert environ["DUME_DATA_DIR"] == str(tmp_path / "données")
    assert environ["HTTPS_PROXY"] == "http://agent%40mairie:p%40ss%3Aword@proxy.example:3128"
    assert "127.0.0.1" in environ["NO_PROXY"]
    # an explicit DUME_DATA_DIR wins, and "no proxy" clears inherited proxies
    settings.set(PROXY_MODE, "none")
    environ = {"DUME_DATA_DIR": "/elsewhere", "HTTPS_PROXY": "http://old:1"}
    apply_startup_environment(settings, lambda: None, environ)
    assert environ == {"DUME_DATA_DIR": "/elsewhere"}


# ---------------------------------------------------------------- the lint
def _module_strings(tree: ast.Module) -> dict[str, str]:
    """Module-level NAME = "string" constants (keys are often spelt that way)."""
    constants = {}
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and len(node.targets) == 1
            and isinstance(node.targets[0], ast.Name)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            constants[node.targets[0].id] = node.value.value
    return constants


def _key_of(node: ast.expr, constants: dict[str, str]) -> str | None:
    """The key (a glob for str.format templates) an expression spells, if it can be known."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
    ):
        template = _key_of(node.func.value, constants)
        return re.sub(r"\{[^}]*\}", "*", template) if template else None
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "*" for v in node.values)
    return None


def undeclared_keys(source: str, filename: str = "<source>") -> list[str]:
    """Keys used with QSettings methods or by_key() that the schema does not declare."""
    tree = ast.parse(source, filename)
    constants = _module_strings(tree)
    uses_qsettings = "QSettings" in source
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
        if name == "by_key" or (uses_qsettings and name in QSETTINGS_METHODS):
            key = _key_of(node.args[0], constants)
            if key is None:
                found.append(f"{filename}:{node.lineno}: clé non vérifiable")
            elif not any(fnmatch(declared, key) for declared in SCHEMA):
                found.append(f"{filename}:{node.lineno}: {key}")
    return found


def test_the_lint_finds_an_undeclared_key() -> None:
    sample = (
        "from PySide6.QtCore import QSettings\n"
        "PROFILE = 'sync/profiles/{name}'\n"
        "s = QSettings()\n"
        "s.value('app/language')\n"
        "s.value(PROFILE.format(name='sandbox'))\n"
        "s.setValue('app/colour', 'red')\n"
        "by_key('ui/zoom')\n"
    )
    assert undeclared_keys(sample) == ["<source>:6: app/colour", "<source>:7: ui/zoom"]
    assert by_key("app/language") is LANGUAGE
    with pytest.raises(KeyError, match="undeclared setting"):
        by_key("ui/zoom")


def test_no_code_uses_an_undeclared_setting() -> None:
    problems = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        name = path.relative_to(ROOT).as_posix()
        if name not in STORAGE_LAYER:
            problems += undeclared_keys(path.read_text(encoding="utf-8"), name)
    assert problems == []
