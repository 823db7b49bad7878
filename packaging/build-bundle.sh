#!/usr/bin/env bash
# Build the one-folder application with PyInstaller: dist/steward-app/ (the program is
# dist/steward-app/steward-app). Installs PyInstaller into .venv from the `packaging` extra in
# pyproject.toml first. Linux, and Windows in Git Bash (untested); each platform builds its own.
# Then: bash packaging/smoke-test.sh (Linux).
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

if [ "${OS:-}" = "Windows_NT" ]; then
  # Git Bash on Windows: dev-setup.sh is for Debian-like systems; Qt needs nothing from the system
  [ -x .venv/Scripts/python.exe ] || py -3 -m venv .venv
  PY=.venv/Scripts/python.exe
else
  bash packaging/dev-setup.sh
  # PyInstaller reads shared libraries' dependencies with objdump on Linux (binutils)
  bash packaging/apt-need.sh binutils
  PY=.venv/bin/python
  # PyInstaller bundles Python's shared library; Debian's python3 ships it in libpythonX.Y
  if ! "$PY" -c 'import os, sys, sysconfig as s
sys.exit(not os.path.exists(os.path.join(s.get_config_var("LIBDIR"), s.get_config_var("INSTSONAME"))))'; then
    bash packaging/apt-need.sh "libpython$("$PY" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
  fi
fi

# install PyInstaller only when the declared versions change
stamp=".venv/.steward-app-packaging"
want="$(sha256sum pyproject.toml | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "Installing PyInstaller into .venv"
  "$PY" -m pip install --quiet --disable-pip-version-check -e ".[dev,packaging]" 2>&1 \
    | grep -v "^WARNING: Location" || true
  "$PY" -c "import PyInstaller" \
    || { echo "PyInstaller did not install; see the messages above." >&2; exit 1; }
  echo "$want" > "$stamp"
fi

echo "Building dist/steward-app with PyInstaller $("$PY" -m PyInstaller --version)"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/steward-app.spec

# Windows: sign the programs (Authenticode) when a certificate is given. The certificate is the
# coalition's own (a placeholder name here: this project has none); without one the programs
# stay unsigned and SmartScreen warns on their first runs (docs/windows.md).
#   STEWARD_APP_SIGN_CERT=C:/certs/coalition.pfx STEWARD_APP_SIGN_PASSWORD=... bash packaging/build-bundle.sh
if [ "${OS:-}" = "Windows_NT" ] && [ -n "${STEWARD_APP_SIGN_CERT:-}" ]; then
  timestamp="${STEWARD_APP_SIGN_TIMESTAMP:-http://timestamp.digicert.com}"
  for exe in dist/steward-app/steward-app.exe dist/steward-app/steward-app-cli.exe; do
    signtool.exe sign /fd sha256 /tr "$timestamp" /td sha256 \
      /f "$STEWARD_APP_SIGN_CERT" ${STEWARD_APP_SIGN_PASSWORD:+/p "$STEWARD_APP_SIGN_PASSWORD"} "$exe"
  done
  echo "Signed the programs with $STEWARD_APP_SIGN_CERT"
fi

echo "Built dist/steward-app ($(du -sh dist/steward-app | cut -f1)) in $(($(date +%s) - start)) s"
