#!/usr/bin/env bash
# Creates the virtual environment (make install):
#   scripts/make-venv.sh VENV      make VENV with the Python chosen below (nothing if it exists)
#   scripts/make-venv.sh --which   print the Python it would use
#
# Which Python 3.11: KER_PYTHON when set; otherwise the distribution's own /usr/bin/python3.11
# when there is one; otherwise the first python3.11 on PATH (pyenv, Homebrew, a built one...).
# Debian's executable has libpython linked in; a Python built from source the usual way here
# (pyenv: libpython as a shared library, no --enable-optimizations) spent 14% more CPU on the
# same tests (README "Tests"). KER_SYSTEM_PYTHON names the distribution's Python (tests).
#
# Debian ships the venv module's pip bootstrap (ensurepip) apart, in python3.11-venv: when it
# is missing and we are root with apt-get, it is installed; otherwise the next Python is used.
# Safe to run again: it does nothing when VENV/bin/python exists.
set -euo pipefail

VENV="${1:?usage: scripts/make-venv.sh VENV | --which}"
SYSTEM_PYTHON="${KER_SYSTEM_PYTHON:-/usr/bin/python3.11}"

if [ "$VENV" != --which ] && [ -x "$VENV/bin/python" ]; then
  exit 0
fi

is_311() {
  [ "$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" = 3.11 ]
}

has_ensurepip() {
  "$1" -c 'import ensurepip, venv' 2>/dev/null
}

choose() {
  if [ -n "${KER_PYTHON:-}" ]; then
    if ! is_311 "$KER_PYTHON"; then
      echo "error: KER_PYTHON=$KER_PYTHON is not a Python 3.11." >&2
      return 1
    fi
    echo "$KER_PYTHON"
    return
  fi
  if [ -x "$SYSTEM_PYTHON" ] && is_311 "$SYSTEM_PYTHON"; then
    if ! has_ensurepip "$SYSTEM_PYTHON" && [ "$(id -u)" = 0 ] \
      && command -v apt-get >/dev/null 2>&1; then
      echo "Installing python3.11-venv (Debian), for $SYSTEM_PYTHON -m venv…" >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 || true
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3.11-venv >/dev/null || true
    fi
    if has_ensurepip "$SYSTEM_PYTHON"; then
      echo "$SYSTEM_PYTHON"
      return
    fi
  fi
  if command -v python3.11 >/dev/null 2>&1 && is_311 python3.11; then
    command -v python3.11
    return
  fi
  echo "error: Python 3.11 is required (no $SYSTEM_PYTHON with its venv module, no python3.11" >&2
  echo "on PATH); KER_PYTHON=/path/to/python3.11 names one." >&2
  return 1
}

PYTHON="$(choose)"
if [ "$VENV" = --which ]; then
  echo "$PYTHON"
  exit 0
fi
echo "$PYTHON -m venv $VENV  ($("$PYTHON" -c 'import sys; print(sys.version.split()[0])'))"
"$PYTHON" -m venv "$VENV"
