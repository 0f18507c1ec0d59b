#!/usr/bin/env bash
# Installs what the browser tests (tests/browser) need, and only what is missing:
#   - Debian's chromium-headless-shell at /usr/bin/chromium-headless-shell (apt-get; needs
#     root): the same Chromium build as Debian's chromium package, as the headless-only shell
#     that Playwright itself runs for headless tests (it took a third of the CPU time of the
#     full browser in headless mode here: the browser tests ran in half the time). Playwright's
#     own browser download is not used: the tests drive this Chromium. KER_CHROMIUM=/path
#     makes the tests drive another one (for instance /usr/bin/chromium).
#   - axe-core from npm (npm ci from package-lock.json) into node_modules/.
# The Python package 'playwright' comes with the dev extras: pip install -e '.[dev]'.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM="${KER_CHROMIUM:-/usr/bin/chromium-headless-shell}"
PACKAGE=chromium-headless-shell

if [ -x "$CHROMIUM" ]; then
  echo "Chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
elif [ -n "${KER_CHROMIUM:-}" ]; then
  echo "error: KER_CHROMIUM=$KER_CHROMIUM is not an executable." >&2
  exit 1
else
  if [ "$(id -u)" != "0" ]; then
    echo "error: $CHROMIUM is missing and installing it needs root:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y $PACKAGE" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: $CHROMIUM is missing and apt-get is not available: install Chromium by hand." >&2
    exit 1
  fi
  echo "Installing Chromium (Debian package $PACKAGE)…"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$PACKAGE" >/dev/null
  echo "Chromium: $("$CHROMIUM" --version)"
fi

if [ -f "$ROOT/node_modules/axe-core/axe.min.js" ]; then
  echo "axe-core: $(cd "$ROOT" && node -p "require('axe-core/package.json').version" 2>/dev/null || echo present)"
else
  if ! command -v npm >/dev/null 2>&1; then
    echo "error: npm is missing (Debian package npm): it installs axe-core for the accessibility tests." >&2
    exit 1
  fi
  echo "Installing axe-core (npm)…"
  cd "$ROOT"
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
  else
    npm install --no-audit --no-fund --loglevel=error
  fi
fi
