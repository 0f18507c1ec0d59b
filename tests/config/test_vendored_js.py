"""Leaflet and its cluster plugin come from npm (package.json, package-lock.json) through
scripts/vendor-js.sh, never by hand: the files under static/vendor/ are exactly those the copy
step wrote (its checksum list), from the npm versions the lock file pins."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "static" / "vendor"
PACKAGES = ("leaflet", "leaflet.markercluster")


def _checksum_list() -> tuple[dict[str, tuple[str, str]], dict[str, str]]:
    """(package -> (version, integrity)) from the header, (file -> sha256) from the body."""
    packages: dict[str, tuple[str, str]] = {}
    files: dict[str, str] = {}
    for line in (VENDOR / "SHA256SUMS").read_text().splitlines():
        if line.startswith("# "):
            parts = line[2:].split()
            if len(parts) == 3 and parts[0] in PACKAGES:
                packages[parts[0]] = (parts[1], parts[2])
        elif line.strip():
            digest, name = line.split(maxsplit=1)
            files[name.strip()] = digest
    return packages, files


def test_vendored_files_are_exactly_what_the_copy_step_wrote():
    _, listed = _checksum_list()
    assert "leaflet/leaflet.js" in listed and "leaflet.markercluster/leaflet.markercluster.js" in (
        listed
    )
    on_disk = sorted(
        str(path.relative_to(VENDOR))
        for package in PACKAGES
        for path in (VENDOR / package).rglob("*")
        if path.is_file()
    )
    assert on_disk == sorted(listed), "static/vendor/ differs: run scripts/vendor-js.sh"
    changed = [
        name
        for name, digest in listed.items()
        if hashlib.sha256((VENDOR / name).read_bytes()).hexdigest() != digest
    ]
    assert changed == [], f"Edited by hand (run scripts/vendor-js.sh): {changed}"


def test_vendored_versions_are_the_ones_package_json_pins():
    copied, _ = _checksum_list()
    manifest = json.loads((ROOT / "package.json").read_text())
    lock = json.loads((ROOT / "package-lock.json").read_text())
    for package in PACKAGES:
        pinned = manifest["dependencies"][package]
        locked = lock["packages"][f"node_modules/{package}"]
        assert pinned == locked["version"], f"{package}: pin an exact version in package.json"
        assert copied[package] == (locked["version"], locked["integrity"]), (
            f"{package}: package-lock.json changed since the copy; run scripts/vendor-js.sh"
        )
        assert f"{package} {pinned} " in (VENDOR / package / "VERSION").read_text()
    # The library's own banner agrees (what a browser actually runs).
    banner = (VENDOR / "leaflet" / "leaflet.js").read_text()[:200]
    assert f"Leaflet {manifest['dependencies']['leaflet']}," in banner
