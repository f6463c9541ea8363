"""Regenerate espd_schemas/manifest.json from an official ESPD-EDM folder.

Usage: python scripts/make_manifest.py ../shared/espd-edm
Only run it when adopting a new upstream release: the manifest pins the exact
bytes the app was tested with.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

# Which files of each release the app needs (the .sch/.cva sources are not run):
# the globs of espd_schemas/layouts.py, one list per supported release.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from espd_schemas.layouts import LAYOUTS

PATTERNS = {version: list(layout.manifest_patterns) for version, layout in LAYOUTS.items()}


def main() -> None:
    source = Path(sys.argv[1])
    out = Path(__file__).resolve().parent.parent / "espd_schemas" / "manifest.json"
    versions = {}
    for version, patterns in PATTERNS.items():
        base = source / version
        files = {}
        for pattern in patterns:
            for path in sorted(base.glob(pattern)):
                if path.is_file():
                    files[path.relative_to(base).as_posix()] = hashlib.sha256(
                        path.read_bytes()
                    ).hexdigest()
        versions[version] = {"files": dict(sorted(files.items()))}
    out.write_text(json.dumps({"versions": versions}, indent=2) + "\n", encoding="utf-8")
    print(f"{out}: {sum(len(v['files']) for v in versions.values())} files")


if __name__ == "__main__":
    main()
