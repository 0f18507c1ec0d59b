"""What every part of the archive code shares: the format's names, errors, checksums."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

FORMAT = "ker-site-archive"
FORMAT_VERSION = 1
ROOT = "ker-archive"
MANIFEST = "manifest.json"

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def no_progress(iterable: Iterable[Any], total: int, description: str) -> Iterable[Any]:
    return iterable


class ArchiveError(Exception):
    """The archive cannot be used (corrupted, truncated, unknown format) or the target is wrong.

    Raised before anything is written to the database.
    """


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def archive_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".zip"):
        return "zip"
    if name.endswith((".tar.gz", ".tgz")):
        return "tar.gz"
    raise ArchiveError(
        f"Extension inconnue pour {path.name} : choisissez un fichier .tar.gz ou .zip."
    )
