#!/usr/bin/env bash
# Installs what the browser tests (tests/browser) need, and only what is missing:
#   - Debian's chromium at /usr/bin/chromium (apt-get; needs root). Playwright's own browser
#     download is not used: the tests drive this Chromium.
#   - axe-core from npm (npm ci from package-lock.json) into node_modules/.
# The Python package 'playwright' comes with the dev extras: pip install -e '.[dev]'.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  echo "Chromium: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
else
  if [ "$(id -u)" != "0" ]; then
    echo "error: $CHROMIUM is missing and installing it needs root:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y chromium" >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: $CHROMIUM is missing and apt-get is not available: install Chromium by hand." >&2
    exit 1
  fi
  echo "Installing Chromium (Debian package chromium)…"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
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
