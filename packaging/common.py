"""What every platform's PyInstaller spec bundles (imported by the .spec files).

The ESPD-EDM artefacts are third-party data, never committed: they are copied
at build time from ``$DUME_BUNDLE_ARTEFACTS`` (default: the artefact folder
the app itself uses, ``espd_schemas.artefact_root()/<version>``), file by file
from the manifest, after checking each file's SHA-256.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from PyInstaller.utils.hooks import collect_data_files, collect_submodules, copy_metadata

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_NAME = "dume"

EXCLUDES = [
    "tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "mypy",
    "ruff",
    "importlinter",
    "grimp",
    "IPython",
    # Qt modules the app does not use (PySide6 hooks would otherwise pull some in)
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtUiTools",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def artefact_datas() -> list[tuple[str, str]]:
    """The manifest's files of the current version, checked, as PyInstaller datas."""
    import espd_schemas

    version = espd_schemas.CURRENT_VERSION
    source = Path(os.environ.get("DUME_BUNDLE_ARTEFACTS") or espd_schemas.artefact_root() / version)
    datas = []
    problems = []
    for relative, expected in sorted(espd_schemas.manifest()[version].items()):
        path = source / relative
        if not path.is_file():
            problems.append(f"missing {relative}")
        elif _sha256(path) != expected:
            problems.append(f"altered {relative}")
        else:
            target = Path("espd-edm") / version / relative
            datas.append((str(path), str(target.parent)))
    if problems:
        raise SystemExit(
            f"ESPD-EDM artefacts in {source} do not match the manifest: {', '.join(problems[:5])}"
            " (run scripts/setup, or set DUME_BUNDLE_ARTEFACTS)"
        )
    return datas


def font_datas() -> list[tuple[str, str]]:
    """DejaVu Sans for the PDF exports, from the build machine (free licence, redistributable)."""
    from app.export.fonts import BOLD_FILE, REGULAR_FILE

    found = []
    for name in (REGULAR_FILE, BOLD_FILE):
        for folder in (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")):
            if (folder / name).is_file():
                found.append((str(folder / name), "fonts"))
                break
    return found


def app_datas() -> list[tuple[str, str]]:
    qm = sorted((ROOT / "app" / "ui" / "translations").glob("*.qm"))
    if len(qm) < 2:
        raise SystemExit("no .qm translations: run scripts/build_translations first")
    datas = [(str(p), "app/ui/translations") for p in qm]
    datas += [
        (str(ROOT / "espd_schemas" / "manifest.json"), "espd_schemas"),
        (str(ROOT / "app" / "legacy" / "data"), "app/legacy/data"),
        (str(ROOT / "docs" / "guide-utilisateur.md"), "docs"),
        (str(ROOT / "docs" / "screenshots"), "docs/screenshots"),
        (str(PACKAGING / "icons" / "dume.svg"), "icons"),
    ]
    for package in ("xmlschema", "reportlab", "pyhanko", "pyhanko_certvalidator", "certifi"):
        datas += collect_data_files(package)
    for distribution in (
        "dume-desktop",
        "pyhanko",
        "pyhanko-certvalidator",
        "signxml",
        "keyring",
        "xmlschema",
    ):
        datas += copy_metadata(distribution)
    return datas + artefact_datas() + font_datas()


def hidden_imports() -> list[str]:
    # the CLI loads its sub-commands lazily, keyring picks its backend at run time
    return collect_submodules("app") + collect_submodules("keyring.backends") + ["saxonche"]
