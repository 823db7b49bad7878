#!/usr/bin/env bash
# Everything a fresh Debian 12 / Ubuntu 22.04+ machine needs to run steward_app from source and
# its tests: Qt's system libraries and fonts (apt), then a local virtual environment (.venv).
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Qt 6 offscreen and on X11 (xcb), a font so text is never drawn as boxes, and the tools the
# tests and screenshots use (Xvfb, xauth, poppler's pdftotext/pdftoppm; libXtst, through which
# the bundle's smoke test presses keys; binutils, whose objcopy and readelf the bundle's
# debug-section tests use, as the bundle's build does), and the validators of the Linux desktop
# entry and MIME type (desktop-file-validate, xmllint, update-mime-database).
APT_PACKAGES=(
  libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libdbus-1-3 fonts-dejavu-core
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libcups2 xvfb xauth libxtst6 poppler-utils binutils
  desktop-file-utils libxml2-utils shared-mime-info
)

bash packaging/apt-need.sh "${APT_PACKAGES[@]}"

PYTHON="${PYTHON:-python3}"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "steward_app needs Python 3.11 or newer; $("$PYTHON" --version 2>&1) found." >&2
  exit 1
}
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv || {
    echo "Could not create .venv; on Debian install python3-venv (apt-get install python3-venv)." >&2
    exit 1
  }
fi
# reinstall only when the declared dependencies change
stamp=".venv/.steward-app-installed"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing Python packages into .venv"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]" 2>&1 \
    | grep -v "^WARNING: Location" || true
  .venv/bin/python -c "import steward_app, PySide6, sqlalchemy, pyqtgraph" \
    || { echo "The Python packages did not install; see the messages above." >&2; exit 1; }
  echo "$want" > "$stamp"
fi
