"""Reading an archive safely and checking it against its manifest, before any write."""

from __future__ import annotations

import json
import shutil
import tarfile
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from .format import FORMAT, FORMAT_VERSION, MANIFEST, ROOT, ArchiveError, archive_kind, sha256_of


def _safe_member_name(name: str) -> str | None:
    """The path inside the archive root, or None for anything outside it."""
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        return None
    parts = path.parts[1:] if path.parts[0] == ROOT else path.parts
    return "/".join(parts) if parts else None


def extract_archive(path: Path, destination: Path) -> None:
    """Unpack regular files only, never outside ``destination``; a broken archive raises."""
    kind = archive_kind(path)
    if not path.is_file():
        raise ArchiveError(f"Fichier introuvable : {path}")
    try:
        if kind == "zip":
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    if info.is_dir():
                        continue
                    name = _safe_member_name(info.filename)
                    if name is None:
                        raise ArchiveError(f"Chemin refusé dans l'archive : {info.filename}")
                    target = destination / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    with archive.open(info) as source, target.open("wb") as copy:
                        shutil.copyfileobj(source, copy)
        else:
            with tarfile.open(path, "r:gz") as archive:
                for member in archive:
                    if member.isdir():
                        continue
                    name = _safe_member_name(member.name)
                    if name is None or not member.isfile():
                        raise ArchiveError(f"Élément refusé dans l'archive : {member.name}")
                    target = destination / name
                    target.parent.mkdir(parents=True, exist_ok=True)
                    source = archive.extractfile(member)
                    with target.open("wb") as copy:
                        shutil.copyfileobj(source, copy)
    except ArchiveError:
        raise
    except (tarfile.TarError, zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise ArchiveError(
            f"Archive illisible ou tronquée ({path.name}) : {error}. Rien n'a été écrit."
        ) from error


def verify_archive(root: Path) -> dict[str, Any]:
    """Check the manifest and the SHA-256 of every file; returns the manifest."""
    manifest_path = root / MANIFEST
    if not manifest_path.is_file():
        raise ArchiveError("Pas de manifest.json : ce n'est pas une archive de site Ker.")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ArchiveError(f"manifest.json illisible : {error}") from error
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ArchiveError("manifest.json ne décrit pas une archive de site Ker.")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise ArchiveError(
            f"Version de format {manifest.get('format_version')} inconnue "
            f"(cette version de Ker lit la version {FORMAT_VERSION})."
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or not isinstance(manifest.get("tables"), list):
        raise ArchiveError("manifest.json incomplet (files, tables).")
    present = {path.relative_to(root).as_posix() for path in root.rglob("*") if path.is_file()} - {
        MANIFEST
    }
    missing = sorted(set(files) - present)
    if missing:
        raise ArchiveError(f"Fichiers manquants dans l'archive : {', '.join(missing[:5])}")
    unexpected = sorted(present - set(files))
    if unexpected:
        raise ArchiveError(f"Fichiers inattendus dans l'archive : {', '.join(unexpected[:5])}")
    for name, expected in sorted(files.items()):
        path = root / name
        if not isinstance(expected, dict) or path.stat().st_size != expected.get("bytes"):
            raise ArchiveError(f"Taille inattendue pour {name} : archive corrompue.")
        if sha256_of(path) != expected.get("sha256"):
            raise ArchiveError(f"Empreinte SHA-256 différente pour {name} : archive corrompue.")
    for table in manifest["tables"]:
        if not isinstance(table, dict) or table.get("file") not in files:
            raise ArchiveError(f"Table sans fichier dans manifest.json : {table}")
    return manifest


def archive_summary(path: Path | str) -> dict[str, Any]:
    """Check an archive without restoring it (``site_restore --check``)."""
    with tempfile.TemporaryDirectory(prefix="ker-check-") as workdir:
        extract_archive(Path(path), Path(workdir))
        return verify_archive(Path(workdir))
