"""The packaging files: desktop entry, AppStream, MIME types, icons, specs; and the bundle
itself (slow: built with PyInstaller when DUME_TEST_BUNDLE=1, then started offscreen)."""

from __future__ import annotations

import ast
import configparser
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "org.dumedesktop.Dume"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"
BUNDLE = ROOT / "dist" / "dume" / "dume"


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / "linux" / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_opens_dume_documents_and_signatures() -> None:
    entry = _desktop_entry()
    assert entry["Exec"] == "dume %F"
    assert entry["Icon"] == APP_ID
    declared = {
        node.get("type")
        for node in etree.parse(str(PACKAGING / "linux" / "dume-mime.xml")).iter(
            f"{MIME_NS}mime-type"
        )
    }
    associated = {m for m in entry["MimeType"].split(";") if m}
    assert associated == declared
    globs = {
        glob.get("pattern")
        for glob in etree.parse(str(PACKAGING / "linux" / "dume-mime.xml")).iter(f"{MIME_NS}glob")
    }
    assert {"*.xml", "*.p7s", "*.asice"} <= globs


def test_mime_types_recognise_a_dume_request_by_its_root_element(example_request: Path) -> None:
    root = etree.parse(str(example_request)).getroot()
    qname = etree.QName(root)
    roots = {
        (node.get("namespaceURI"), node.get("localName"))
        for node in etree.parse(str(PACKAGING / "linux" / "dume-mime.xml")).iter(
            f"{MIME_NS}root-XML"
        )
    }
    assert (qname.namespace, qname.localname) in roots


def test_appstream_metainfo_names_the_desktop_entry() -> None:
    component = etree.parse(str(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml")).getroot()
    assert component.findtext("id") == APP_ID
    assert component.findtext("launchable") == f"{APP_ID}.desktop"
    assert component.findtext("project_license") == "EUPL-1.2"


@pytest.mark.parametrize("tool", ["desktop-file-validate", "appstreamcli"])
def test_the_freedesktop_validators_accept_the_files(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian: desktop-file-utils / appstream)")
    target = (
        [str(PACKAGING / "linux" / f"{APP_ID}.desktop")]
        if tool == "desktop-file-validate"
        else [
            "validate",
            "--no-net",
            "--pedantic",
            str(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"),
        ]
    )
    done = subprocess.run([tool, *target], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


def test_icons_are_rendered_at_their_sizes() -> None:
    pngs = sorted((PACKAGING / "icons").glob("dume-*.png"))
    assert len(pngs) >= 6
    for png in pngs:
        size = int(png.stem.split("-")[1])
        image = QImage(str(png))
        assert (image.width(), image.height()) == (size, size), png.name
        assert image.hasAlphaChannel()


def test_every_spec_is_python_and_uses_the_common_datas() -> None:
    for spec in ("dume-linux.spec", "dume-windows.spec", "dume-macos.spec"):
        text = (PACKAGING / spec).read_text(encoding="utf-8")
        ast.parse(text, spec)
        assert "common.app_datas()" in text, spec
        assert "rthook_dume.py" in text, spec


@pytest.mark.slow
def test_the_bundle_starts_offscreen_and_reaches_its_main_window(
    tmp_path: Path, example_request: Path
) -> None:
    if os.environ.get("DUME_TEST_BUNDLE") != "1":
        pytest.skip("bundle build skipped: set DUME_TEST_BUNDLE=1 (scripts/test does) to build it")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip("PyInstaller is not installed: pip install 'pyinstaller>=6.10'")
    build = subprocess.run(
        [str(PACKAGING / "build-linux"), "--no-setup"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    assert BUNDLE.is_file()
    share = BUNDLE.parent / "share"
    assert (share / "applications" / f"{APP_ID}.desktop").is_file()
    assert (share / "mime" / "packages" / "dume-desktop.xml").is_file()
    assert (share / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("DUME_", "QT_", "PYTHON"))}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        DUME_DATA_DIR=str(tmp_path / "data"),  # empty: no artefacts but the bundled ones
        DUME_CONFIG_DIR=str(tmp_path / "config"),
    )
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.ini").write_text("[app]\nlanguage=en\n", encoding="utf-8")
    started = subprocess.run(
        [str(BUNDLE), "--smoke-test", str(example_request)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert started.returncode == 0, started.stderr[-3000:]
    ready = [ln for ln in started.stdout.splitlines() if ln.startswith("MAIN_WINDOW_READY ")]
    assert len(ready) == 1, started.stdout
    details = json.loads(ready[0].split(" ", 1)[1])
    assert details["frozen"] is True
    assert details["opened"] is True
    assert details["valid"] is True
    assert details["rules_ran"]
    assert details["language"] == "en"
    assert details["catalogues"][0] == "dume_en"
    assert sys.executable not in started.stdout
