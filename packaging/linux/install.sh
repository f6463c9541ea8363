#!/usr/bin/env bash
# Install this DUME bundle for the current user (no root needed):
#   the program in ~/.local/opt/dume, a `dume` link in ~/.local/bin,
#   the desktop entry, icons, MIME types and AppStream data in ~/.local/share.
# Uninstall: ./install.sh --uninstall
set -euo pipefail
bundle="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
prefix="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="${DUME_INSTALL_DIR:-$HOME/.local/opt/dume}"
bin="$HOME/.local/bin"
files=(applications/org.dumedesktop.Dume.desktop metainfo/org.dumedesktop.Dume.metainfo.xml
       mime/packages/dume-desktop.xml icons/hicolor/scalable/apps/org.dumedesktop.Dume.svg)
if [ "${1:-}" = "--uninstall" ]; then
  for f in "${files[@]}"; do rm -f "$prefix/$f"; done
  rm -f "$prefix"/icons/hicolor/*/apps/org.dumedesktop.Dume.png "$bin/dume"
  rm -rf "$opt"
else
  mkdir -p "$opt" "$bin"
  cp -a "$bundle/." "$opt/"
  ln -sf "$opt/dume" "$bin/dume"
  (cd "$bundle/share" && find . -type f -print0 | while IFS= read -r -d '' f; do
     install -Dm644 "$f" "$prefix/$f"; done)
fi
command -v update-mime-database >/dev/null && update-mime-database "$prefix/mime" || true
command -v update-desktop-database >/dev/null && update-desktop-database "$prefix/applications" || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$prefix/icons/hicolor" || true
echo "dume: ${1:-installé} ($opt)"
