#!/usr/bin/env bash
# Set up everything a fresh Debian/Ubuntu machine needs: system libraries for Qt (offscreen
# and desktop) and for the PDF tests (poppler-utils), binutils (PyInstaller's objdump/strip
# for `make dist`), then a virtual environment with the locked Python packages (PyInstaller
# included). Safe to run again: it only installs what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES="libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 poppler-utils xvfb binutils"
if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for p in $SYSTEM_PACKAGES; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "Installing system packages:$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
  fi
else
  echo "apt-get not found: install Qt's system libraries and poppler-utils with your package manager." >&2
fi

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -f .venv/.locked ] || ! cmp -s requirements.lock .venv/.locked; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r requirements.lock
  cp requirements.lock .venv/.locked
fi

# Prebuild the search index into the user cache (skipped when it is current), so the first
# launch of a fresh checkout can search at once instead of building it then.
.venv/bin/python -m handbook index --quiet || echo "Search index not prebuilt; the app builds it on first launch." >&2
