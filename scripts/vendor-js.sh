#!/usr/bin/env bash
# Copies the map libraries from npm into static/vendor/, where Django serves them:
#   - leaflet (dist/: leaflet.js, its source map, leaflet.css, images/) and its LICENSE;
#   - leaflet.markercluster (dist/: the script, its source map, both style sheets) and its licence.
# Versions are pinned in package.json and package-lock.json; to upgrade:
#   npm install --save-exact leaflet@X.Y.Z && scripts/vendor-js.sh
# The copies are committed (no Node at deploy time). static/vendor/SHA256SUMS lists each copied
# file's checksum under the npm version and integrity it came from; tests/config/
# test_vendored_js.py checks the files against it, so a hand-edited copy fails the suite.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENDOR="$ROOT/static/vendor"
cd "$ROOT"

locked() {  # locked <package> <field>: a field of the package's entry in package-lock.json
  node -p "require('./package-lock.json').packages['node_modules/$1'].$2"
}

installed() {  # installed <package>: the version in node_modules, or nothing
  node -p "try { require('./node_modules/$1/package.json').version } catch (e) { '' }"
}

for package in leaflet leaflet.markercluster; do
  if [ "$(installed "$package")" != "$(locked "$package" version)" ]; then
    echo "Installing the npm packages of package-lock.json (npm ci)…"
    npm ci --no-audit --no-fund
    break
  fi
done

copy() {  # copy <source> <destination>
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2"
  chmod 644 "$2"
}

rm -rf "$VENDOR/leaflet" "$VENDOR/leaflet.markercluster"
for file in leaflet.js leaflet.js.map leaflet.css; do
  copy "node_modules/leaflet/dist/$file" "$VENDOR/leaflet/$file"
done
for image in node_modules/leaflet/dist/images/*.png; do
  copy "$image" "$VENDOR/leaflet/images/$(basename "$image")"
done
copy node_modules/leaflet/LICENSE "$VENDOR/leaflet/LICENSE"
for file in leaflet.markercluster.js leaflet.markercluster.js.map MarkerCluster.css \
  MarkerCluster.Default.css; do
  copy "node_modules/leaflet.markercluster/dist/$file" "$VENDOR/leaflet.markercluster/$file"
done
copy node_modules/leaflet.markercluster/MIT-LICENCE.txt "$VENDOR/leaflet.markercluster/LICENSE"

for package in leaflet leaflet.markercluster; do
  echo "$package $(locked "$package" version) ($(locked "$package" license)), copied from npm" \
    "by scripts/vendor-js.sh." >"$VENDOR/$package/VERSION"
done

{
  echo "# Written by scripts/vendor-js.sh from these npm packages (package-lock.json):"
  for package in leaflet leaflet.markercluster; do
    echo "# $package $(locked "$package" version) $(locked "$package" integrity)"
  done
  (cd "$VENDOR" && find leaflet leaflet.markercluster -type f | LC_ALL=C sort | xargs sha256sum)
} >"$VENDOR/SHA256SUMS.tmp"
mv "$VENDOR/SHA256SUMS.tmp" "$VENDOR/SHA256SUMS"
echo "static/vendor/: leaflet $(locked leaflet version)," \
  "leaflet.markercluster $(locked leaflet.markercluster version); checksums in SHA256SUMS."
