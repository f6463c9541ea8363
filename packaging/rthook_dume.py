"""PyInstaller runtime hook: point the app at the files shipped inside the bundle.

Runs before the app.  An environment variable set by the user always wins.

* the official ESPD-EDM artefacts (``espd-edm/<version>``) are used unless the
  user data folder already holds a complete set (installed by ``dume schemas
  --install`` or by the first-run wizard);
* the DejaVu fonts of the PDF exports (``fonts/``).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_bundle = Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent))


def _user_artefacts_complete() -> bool:
    from app.paths import user_data_dir
    from espd_schemas import CURRENT_VERSION

    root = user_data_dir() / "espd-edm" / CURRENT_VERSION
    key = root / "ubl-2.3" / "xsdrt" / "maindoc" / "UBL-QualificationApplicationRequest-2.3.xsd"
    return key.is_file()


_bundled_artefacts = (_bundle / "espd-edm").is_dir()
if "DUME_ESPD_HOME" not in os.environ and _bundled_artefacts and not _user_artefacts_complete():
    os.environ["DUME_ESPD_HOME"] = str(_bundle / "espd-edm")
if "DUME_PDF_FONT_DIR" not in os.environ and (_bundle / "fonts").is_dir():
    os.environ["DUME_PDF_FONT_DIR"] = str(_bundle / "fonts")
