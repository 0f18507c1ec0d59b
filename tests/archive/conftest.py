"""Archive fixtures: an isolated media folder, and helpers to read archives."""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


def archive_files(path: Path) -> dict[str, bytes]:
    """Every file of an archive (.tar.gz or .zip) by its path inside ``ker-archive/``."""
    files = {}
    if path.name.endswith(".zip"):
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                files[name.removeprefix("ker-archive/")] = archive.read(name)
    else:
        with tarfile.open(path, "r:gz") as archive:
            for member in archive.getmembers():
                if member.isfile():
                    name = member.name.removeprefix("ker-archive/")
                    files[name] = archive.extractfile(member).read()
    return files


REFERENCE_FILES = ("data/contenttypes.contenttype.jsonl", "data/auth.permission.jsonl")


def normalised(path: Path) -> dict[str, bytes]:
    """An archive's content without what may differ between two dumps of the same site.

    The creation time, and the reference lists of content types and permissions: they hold
    what ``migrate`` made in each database (an older database keeps those of removed models),
    and the restore adds the archive's to the new database's own. Every table of the site,
    every Markdown file and every uploaded file must be byte for byte the same.
    """
    files = archive_files(path)
    manifest = json.loads(files.pop("manifest.json"))
    manifest.pop("created_at")
    manifest.pop("references", None)
    for name in REFERENCE_FILES:
        files.pop(name, None)
        manifest["files"].pop(name, None)
    files["manifest.json"] = json.dumps(manifest, sort_keys=True).encode()
    return files


def rows(files: dict[str, bytes], label: str) -> list[dict]:
    return [json.loads(line) for line in files[f"data/{label}.jsonl"].splitlines() if line]


def front_matter(text: str) -> tuple[dict, str]:
    import yaml

    _start, header, body = text.split("---\n", 2)
    return yaml.safe_load(header), body


def write_tar(path: Path, files: dict[str, bytes]) -> None:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"ker-archive/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
