#!/usr/bin/env bash
# Install the built bundle for this user only (no administrator rights), or remove it again:
#
#   bash packaging/linux/install.sh [BUNDLE_FOLDER]     (default: dist/steward-app)
#   bash packaging/linux/install.sh --uninstall
#
# The program goes to ~/.local/opt/steward-app with a `steward-app` link in ~/.local/bin; the
# menu entry (which also opens .tally files: the window imports them), the icon and the .tally
# file type go to ~/.local/share. Removing it leaves the steward's database, backups and logs
# where they are (the About box lists their folders).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
project="$(cd "$here/../.." && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
opt="$HOME/.local/opt/steward-app"
bin="$HOME/.local/bin"
sizes=(16 24 32 48 64 128 256 512)

refresh() {
  if command -v update-mime-database >/dev/null; then update-mime-database "$data/mime"; fi
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database "$data/applications"
  fi
  if command -v gtk-update-icon-cache >/dev/null && [ -f "$data/icons/hicolor/index.theme" ]; then
    gtk-update-icon-cache -q "$data/icons/hicolor" || true
  fi
}

if [ "${1:-}" = "--uninstall" ]; then
  rm -rf "$opt"
  rm -f "$bin/steward-app" "$data/applications/steward-app.desktop" \
    "$data/applications/steward-app-import.desktop" "$data/mime/packages/steward-app-tally.xml" \
    "$data/icons/hicolor/scalable/apps/steward-app.svg"
  for s in "${sizes[@]}"; do rm -f "$data/icons/hicolor/${s}x${s}/apps/steward-app.png"; done
  refresh
  echo "steward_app removed; the database, backups and logs were left in place."
  exit 0
fi

bundle="$(cd "${1:-$project/dist/steward-app}" 2>/dev/null && pwd)" || true
[ -n "$bundle" ] && [ -x "$bundle/steward-app" ] || {
  echo "No bundle at ${1:-dist/steward-app}; build it first: bash packaging/build-bundle.sh" >&2
  exit 1
}
mkdir -p "$(dirname "$opt")" "$bin" "$data/applications" "$data/mime/packages"
rm -rf "$opt.new"
cp -a "$bundle" "$opt.new"
rm -rf "$opt"
mv "$opt.new" "$opt"
ln -sfn "$opt/steward-app" "$bin/steward-app"
# the menu entry names the program by its full path: a desktop session's PATH may not hold
# ~/.local/bin
sed -e "s|^Exec=steward-app|Exec=$opt/steward-app|" "$here/steward-app.desktop" \
  >"$data/applications/steward-app.desktop"
# earlier versions opened .tally files in a terminal with a second entry: the window does it now
rm -f "$data/applications/steward-app-import.desktop"
cp "$here/steward-app-tally.xml" "$data/mime/packages/"
icons="$project/resources/icons"
for s in "${sizes[@]}"; do
  install -D -m 644 "$icons/steward-app-$s.png" "$data/icons/hicolor/${s}x${s}/apps/steward-app.png"
done
install -D -m 644 "$icons/steward-app.svg" "$data/icons/hicolor/scalable/apps/steward-app.svg"
refresh
echo "steward_app installed in $opt; start it from the menu or with $bin/steward-app"
