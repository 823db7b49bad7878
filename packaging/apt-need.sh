#!/usr/bin/env bash
# Install the Debian packages named as arguments that are missing, and nothing else: as root,
# through sudo, or (neither) print the exact `apt-get install` line to ask an administrator for
# and exit 1. On a system without dpkg it prints what to install and exits 0. Used by
# dev-setup.sh (Qt's libraries, fonts, test tools) and build-bundle.sh (binutils' objdump,
# which PyInstaller needs on Linux).
set -euo pipefail
[ $# -gt 0 ] || exit 0
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "Not a Debian-like system: make sure these are installed (or their equivalents): $*"
  exit 0
fi
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -gt 0 ] || exit 0
if [ "$(id -u)" = 0 ]; then SUDO=""; elif command -v sudo >/dev/null; then SUDO="sudo"; else
  echo "These system packages are missing; ask an administrator to install them:" >&2
  echo "  apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
