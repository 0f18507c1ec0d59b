#!/usr/bin/env bash
# Installs what tests/config/test_html_validity.py needs, and only what is missing:
#   - a Java runtime (Debian's default-jre-headless; apt-get, needs root);
#   - the Nu Html Checker (vnu.jar, the W3C HTML validator) from npm's vnu-jar package, into
#     var/vnu/ (git-ignored). Its postinstall script is skipped: it would download a Java.
# Safe to run again: it does nothing when everything is there.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VNU_VERSION=26.9.27
JAR="$ROOT/var/vnu/node_modules/vnu-jar/build/dist/vnu.jar"

if command -v java >/dev/null 2>&1; then
  echo "Java: $(java -version 2>&1 | head -1)"
else
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "error: java is missing: sudo apt-get install -y default-jre-headless" >&2
    exit 1
  fi
  echo "Installing Java (Debian package default-jre-headless)…"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null
fi

if [ -f "$JAR" ]; then
  echo "vnu.jar: $JAR"
else
  echo "Installing vnu-jar $VNU_VERSION from npm into var/vnu/…"
  mkdir -p "$ROOT/var/vnu"
  npm install --prefix "$ROOT/var/vnu" --no-save --no-audit --no-fund --ignore-scripts \
    "vnu-jar@$VNU_VERSION" >/dev/null
fi
java -jar "$JAR" --version
