"""site_dump and site_restore: the whole site as one open archive, and back.

The dump writes every table generically (Django's JSON Lines serialization, primary keys
kept), so the restore can rebuild exactly the same site: same ids, same Wagtail page tree
(treebeard paths), same revisions and diffs, same django-reversion history, same review queue.
The restore therefore copies rows as they are instead of replaying the apps' services: a
service would create new revisions with new ids and dates, and the history would not be the
same. Everything is checked first (checksums of every file, an empty database, known
migrations); the rows are then written in one transaction, with foreign-key checks deferred to
its end, and the search index is rebuilt.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader

from . import schemas, selectors
from .serialization import Deserializer, Serializer, ids_by_natural_key, natural_keys_by_id
from .tables import (
    EXCLUDED,
    PASSWORD_TABLES,
    Table,
    archived_tables,
    excluded_models,
    label,
    reference_tables,
)

FORMAT = "ker-site-archive"
FORMAT_VERSION = 1
ROOT = "ker-archive"
MANIFEST = "manifest.json"
INSERT_BATCH = 500
# Tables whose rows mean that a database already holds a site.
CONTENT_TABLES = (
    "community.user",
    "wiki.articlepage",
    "commons.commons",
    "community.licensedimage",
    "wagtailcore.revision",
    "reversion.version",
    "wagtaildocs.document",
)

# Derived rows that would point at the previous content (thumbnails, queued index updates).
CLEARED_ON_RESTORE = ("community.licensedrendition", "wagtailimages.rendition", "search.indextask")

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def _no_progress(iterable: Iterable[Any], total: int, description: str) -> Iterable[Any]:
    return iterable


class ArchiveError(Exception):
    """The archive cannot be used (corrupted, truncated, unknown format) or the target is wrong.

    Raised before anything is written to the database.
    """


@dataclass
class DumpReport:
    path: Path
    rows: dict[str, int]
    files: int
    articles: int
    missing_files: list[str] = field(default_factory=list)


@dataclass
class RestoreReport:
    rows: dict[str, int]
    files: int
    search_documents: dict[str, int]
    warnings: list[str] = field(default_factory=list)


# --- dump -------------------------------------------------------------------------------------


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


class _CountingSerializer(Serializer):
    def end_object(self, obj):
        super().end_object(obj)
        self.rows += 1

    def start_serialization(self):
        super().start_serialization()
        self.rows = 0


def _dump_table(
    table: Table, path: Path, *, natural_keys, with_passwords: bool, with_emails: bool
) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    serializer = _CountingSerializer()
    with path.open("w", encoding="utf-8", newline="\n") as stream:
        if table.label in PASSWORD_TABLES and not with_passwords:
            return 0
        serializer.serialize(
            selectors.table_rows(table).iterator(chunk_size=2000),
            stream=stream,
            use_natural_primary_keys=table.is_reference,
            natural_keys=natural_keys,
            with_passwords=with_passwords,
            with_emails=with_emails,
        )
    return serializer.rows


def _table_entry(table: Table, rows: int) -> dict[str, Any]:
    return {
        "model": table.label,
        "file": table.data_path,
        "schema": table.schema_path,
        "rows": rows,
    }


def _front_matter(values: dict[str, Any]) -> str:
    """YAML front matter; each value is written as JSON, which YAML reads as it is."""
    lines = ["---"]
    for key, value in values.items():
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False, default=str)}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _iso(value) -> str:
    return value.isoformat() if value else ""


def _write_article(root: Path, article: selectors.ArticleView) -> None:
    folder = root / "articles" / article.slug
    for revision in article.revisions:
        meta = revision.meta or {}
        content = revision.content
        hidden = bool(meta.get("hidden"))
        header = {
            "revision": revision.id,
            "article": article.id,
            "url": article.url,
            "title": content.get("title", article.title),
            "summary": content.get("summary", ""),
            "tags": revision.tags,
            "place": content.get("place_name", ""),
            "latitude": content.get("latitude"),
            "longitude": content.get("longitude"),
            "date": _iso(revision.created_at),
            "author": revision.author,
            "edit_summary": meta.get("edit_summary", ""),
            "minor": bool(meta.get("minor")),
            "status": meta.get("status", "approved"),
            "hidden": hidden,
            "live": revision.live,
            "origin": meta.get("origin", "local"),
        }
        text = "_(contenu masqué)_\n" if hidden else (content.get("body") or "")
        path = folder / "versions" / f"{revision.id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_front_matter(header) + "\n" + text, encoding="utf-8")
    for message in article.talk:
        header = {
            "message": message["pk"],
            "reply_to": message["parent_id"],
            "author": message["author_name"],
            "date": _iso(message["created_at"]),
            "status": message["status"],
            "hidden": message["hidden"],
        }
        text = "_(message masqué)_\n" if message["hidden"] else message["body"]
        path = folder / "discussion" / f"{message['pk']}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_front_matter(header) + "\n" + text, encoding="utf-8")


def _copy_uploads(root: Path, names: list[str]) -> list[str]:
    missing = []
    for name in names:
        target = root / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with default_storage.open(name, "rb") as source, target.open("wb") as copy:
                shutil.copyfileobj(source, copy)
        except (FileNotFoundError, OSError):
            missing.append(name)
            target.unlink(missing_ok=True)
    return missing


def _applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    applied: dict[str, list[str]] = {}
    for app_label, name in sorted(loader.applied_migrations):
        applied.setdefault(app_label, []).append(name)
    return applied


def _readme(tables: list[Table], rows: dict[str, int], manifest: dict[str, Any]) -> str:
    from django.template.loader import render_to_string

    return render_to_string(
        "archive/README.md",
        {
            "manifest": manifest,
            "tables": [
                {
                    "label": table.label,
                    "file": table.data_path,
                    "schema": table.schema_path,
                    "rows": rows[table.label],
                    "name": table.model._meta.verbose_name,
                    "about": (table.model.__doc__ or "").strip().splitlines()[0]
                    if table.model.__doc__ and not table.model._meta.auto_created
                    else "",
                }
                for table in tables
            ],
            "excluded": sorted(EXCLUDED.items()),
        },
    )


def _pack(source: Path, target: Path) -> None:
    files = sorted(p for p in source.rglob("*") if p.is_file())
    partial = target.with_name(target.name + ".partiel")
    if target.name.endswith(".zip"):
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for path in files:
                archive.write(path, f"{ROOT}/{path.relative_to(source).as_posix()}")
    else:
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            for path in files:
                archive.add(path, f"{ROOT}/{path.relative_to(source).as_posix()}", recursive=False)
    os.replace(partial, target)


def archive_kind(path: Path) -> str:
    name = path.name.lower()
    if name.endswith(".zip"):
        return "zip"
    if name.endswith((".tar.gz", ".tgz")):
        return "tar.gz"
    raise ArchiveError(
        f"Extension inconnue pour {path.name} : choisissez un fichier .tar.gz ou .zip."
    )


def site_dump(
    *,
    path: Path | str,
    with_passwords: bool = False,
    with_emails: bool = False,
    progress: Progress = _no_progress,
    using: str = DEFAULT_DB_ALIAS,
) -> DumpReport:
    """Write the whole site into one archive (``.tar.gz`` or ``.zip``, from the name).

    Private data stays out unless asked: password hashes (and API tokens, feed tokens) only
    with ``with_passwords``, e-mail addresses only with ``with_emails``. The tables are read in
    one transaction, so the archive is a consistent snapshot even while the site runs.
    """
    target = Path(path)
    archive_kind(target)
    tables = archived_tables()
    references = reference_tables()
    existing = set(connections[using].introspection.table_names())
    absent = [table.label for table in tables if table.model._meta.db_table not in existing]
    if absent:
        raise ArchiveError(
            f"La base n'est pas à jour (tables absentes : {', '.join(absent[:5])}) : "
            "lancez d'abord manage.py migrate."
        )
    with tempfile.TemporaryDirectory(prefix="ker-dump-") as workdir:
        root = Path(workdir) / ROOT
        root.mkdir()
        with transaction.atomic(using=using):
            if connections[using].vendor == "postgresql":
                with connections[using].cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            natural_keys = natural_keys_by_id()
            rows: dict[str, int] = {}
            for table in [*references, *progress(tables, len(tables), "tables")]:
                rows[table.label] = _dump_table(
                    table,
                    root / table.data_path,
                    natural_keys=natural_keys,
                    with_passwords=with_passwords,
                    with_emails=with_emails,
                )
            articles = 0
            total = rows.get("wiki.articlepage", 0)
            for article in progress(selectors.article_histories(), total, "articles"):
                _write_article(root, article)
                articles += 1
            upload_names = selectors.uploaded_file_names(tables)
            site = _site_description()
            migrations = _applied_migrations(using)
        missing = _copy_uploads(root, upload_names)
        for table in [*references, *tables]:
            _write_json(root / table.schema_path, schemas.table_schema(table))
        for schema in schemas.FIXED_SCHEMAS:
            _write_json(root / schema["$id"], schema)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "site": site,
            "software": _software_versions(),
            "migrations": migrations,
            "options": {"with_passwords": with_passwords, "with_emails": with_emails},
            "references": [_table_entry(table, rows[table.label]) for table in references],
            "tables": [_table_entry(table, rows[table.label]) for table in tables],
            "missing_files": missing,
        }
        (root / "README.md").write_text(_readme(tables, rows, manifest), encoding="utf-8")
        manifest["files"] = {
            path.relative_to(root).as_posix(): {
                "sha256": _sha256(path),
                "bytes": path.stat().st_size,
            }
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }
        _write_json(root / MANIFEST, manifest)
        target.parent.mkdir(parents=True, exist_ok=True)
        _pack(root, target)
    return DumpReport(
        path=target,
        rows=rows,
        files=len(upload_names) - len(missing),
        articles=articles,
        missing_files=missing,
    )


def _site_description() -> dict[str, Any]:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return {
        "name": getattr(settings, "WAGTAIL_SITE_NAME", ""),
        "territory": getattr(settings, "KER_TERRITORY_NAME", ""),
        "hostname": site.hostname if site else "",
        "content_licence": getattr(settings, "KER_CONTENT_LICENCE", ""),
    }


def _software_versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    found = {}
    for package in ("ker", "Django", "wagtail", "django-reversion", "django-taggit"):
        try:
            found[package] = version(package)
        except PackageNotFoundError:
            continue
    return found


# --- reading and checking an archive ----------------------------------------------------------


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
        if _sha256(path) != expected.get("sha256"):
            raise ArchiveError(f"Empreinte SHA-256 différente pour {name} : archive corrompue.")
    for table in manifest["tables"]:
        if not isinstance(table, dict) or table.get("file") not in files:
            raise ArchiveError(f"Table sans fichier dans manifest.json : {table}")
    return manifest


# --- restore ----------------------------------------------------------------------------------


def _content_counts(using: str) -> dict[str, int]:
    from django.apps import apps

    existing = set(connections[using].introspection.table_names())
    counts = {}
    for name in CONTENT_TABLES:
        model = apps.get_model(name)
        if model._meta.db_table in existing:
            counts[name] = model._base_manager.using(using).count()
    return {name: count for name, count in counts.items() if count}


def _check_migrations(manifest: dict[str, Any], using: str) -> list[str]:
    """Refuse an archive made by a Ker with migrations this code does not know."""
    loader = MigrationLoader(connections[using], ignore_no_migrations=True)
    known = set(loader.disk_migrations) | set(loader.graph.nodes)
    archived = {
        (app_label, name)
        for app_label, names in (manifest.get("migrations") or {}).items()
        for name in names
    }
    unknown = sorted(archived - known)
    if unknown:
        listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
        raise ArchiveError(
            "L'archive vient d'une version plus récente de Ker (migrations inconnues ici : "
            f"{listed}). Restaurez avec la même version de Ker, ou une plus récente."
        )
    newer = sorted(
        (app, name) for app, name in known - archived if app in (manifest.get("migrations") or {})
    )
    if newer:
        return [
            f"Cette version de Ker a {len(newer)} migration(s) de plus que l'archive : "
            "les champs ajoutés depuis prennent leur valeur par défaut."
        ]
    return []


def _tables_in_archive(manifest: dict[str, Any]) -> list[tuple[Table, int]]:
    by_label = {table.label: table for table in archived_tables()}
    found = []
    for entry in manifest["tables"]:
        table = by_label.get(entry.get("model"))
        if table is None:
            if entry.get("rows"):
                raise ArchiveError(
                    f"Table {entry.get('model')} inconnue de cette version de Ker "
                    f"({entry.get('rows')} lignes) : restauration refusée."
                )
            continue
        found.append((table, int(entry.get("rows") or 0)))
    return found


def _insert(model, objects: list, using: str) -> None:
    connection = connections[using]
    fields = list(model._meta.local_concrete_fields)
    size = max(1, min(INSERT_BATCH, connection.ops.bulk_batch_size(fields, objects) or 1))
    manager = model._base_manager.using(using)
    for start in range(0, len(objects), size):
        manager._insert(objects[start : start + size], fields=fields, using=using, raw=True)


def _clear_tables(tables: list[Table], using: str) -> None:
    """Empty the tables migrations filled (home page, seed grid, groups...) and the caches."""
    connection = connections[using]
    quote = connection.ops.quote_name
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for table in reversed(tables):
            cursor.execute(f"DELETE FROM {quote(table.model._meta.db_table)}")
        for model in excluded_models():
            if label(model) in CLEARED_ON_RESTORE and model._meta.db_table in existing:
                cursor.execute(f"DELETE FROM {quote(model._meta.db_table)}")


def _restore_uploads(root: Path) -> int:
    media = root / "media"
    count = 0
    if not media.is_dir():
        return 0
    for path in sorted(media.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(media).as_posix()
        if default_storage.exists(name):
            default_storage.delete(name)
        with path.open("rb") as handle:
            saved = default_storage.save(name, handle)
        if saved != name:
            raise ArchiveError(f"Le fichier {name} a été enregistré sous {saved}.")
        count += 1
    return count


def site_restore(
    *,
    path: Path | str,
    progress: Progress = _no_progress,
    rebuild_search: bool = True,
    using: str = DEFAULT_DB_ALIAS,
) -> RestoreReport:
    """Rebuild the whole site from an archive, into an empty database.

    Refused, before anything is written, when the archive is corrupted, truncated or of an
    unknown format (every file's SHA-256 is checked against the manifest), when it comes from a
    Ker with unknown migrations, or when the database already holds a site. The database is
    migrated if needed; the rows are then written in one transaction.
    """
    from django.core.management import call_command

    source = Path(path)
    with tempfile.TemporaryDirectory(prefix="ker-restore-") as workdir:
        root = Path(workdir)
        extract_archive(source, root)
        manifest = verify_archive(root)
        warnings = _check_migrations(manifest, using)
        content = _content_counts(using)
        if content:
            described = ", ".join(f"{name} : {count}" for name, count in sorted(content.items()))
            raise ArchiveError(
                "La base de données n'est pas vide (" + described + "). La restauration "
                "reconstruit un site entier : faites-la dans une base neuve (fichier SQLite "
                "neuf, ou createdb pour PostgreSQL), puis pointez DATABASE_URL dessus."
            )
        call_command("migrate", interactive=False, verbosity=0, database=using)
        entries = _tables_in_archive(manifest)
        tables = [table for table, _rows in entries]
        rows: dict[str, int] = {}
        with transaction.atomic(using=using):
            _clear_tables(archived_tables(), using)
            _ensure_references(root, manifest, using)
            natural_ids = ids_by_natural_key()
            for table, expected in progress(entries, len(entries), "tables"):
                rows[table.label] = _load_table(
                    table, root / table.data_path, natural_ids=natural_ids, using=using
                )
                if rows[table.label] != expected:
                    raise ArchiveError(
                        f"{table.data_path} : {rows[table.label]} lignes au lieu de {expected}."
                    )
            _reset_sequences([table.model for table in tables], using)
        files = _restore_uploads(root)
    _after_restore()
    documents = {}
    if rebuild_search:
        from search.services import index_rebuild

        documents = index_rebuild(progress=progress)
        # Wagtail's own index (page search in the admin) is not archived either.
        call_command("update_index", verbosity=0)
    return RestoreReport(rows=rows, files=files, search_documents=documents, warnings=warnings)


def _ensure_references(root: Path, manifest: dict[str, Any], using: str) -> None:
    """Create the content types and permissions of the archive that migrate did not create."""
    from django.contrib.contenttypes.models import ContentType

    files = {entry.get("model"): entry.get("file") for entry in manifest.get("references", [])}
    ContentType.objects.clear_cache()
    try:
        _create_references(root, files, using)
    except (KeyError, TypeError, ValueError) as error:
        raise ArchiveError(f"Types de contenu ou permissions illisibles : {error!r}") from error
    ContentType.objects.clear_cache()


def _create_references(root: Path, files: dict[str, str], using: str) -> None:
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    types = {}
    for row in _json_lines(root, files.get("contenttypes.contenttype")):
        fields = row["fields"]
        content_type, _created = ContentType.objects.using(using).get_or_create(
            app_label=fields["app_label"], model=fields["model"]
        )
        types[(fields["app_label"], fields["model"])] = content_type
    for row in _json_lines(root, files.get("auth.permission")):
        fields = row["fields"]
        app_label, model = fields["content_type"]
        content_type = types.get((app_label, model))
        if content_type is None:
            content_type, _created = ContentType.objects.using(using).get_or_create(
                app_label=app_label, model=model
            )
        Permission.objects.using(using).get_or_create(
            content_type=content_type,
            codename=fields["codename"],
            defaults={"name": fields["name"][:255]},
        )


def _json_lines(root: Path, name: str | None) -> Iterable[dict[str, Any]]:
    if not name:
        return
    with (root / name).open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                try:
                    yield json.loads(line)
                except ValueError as error:
                    raise ArchiveError(f"{name}, ligne {number} : {error}") from error


def _load_table(table: Table, path: Path, *, natural_ids, using: str) -> int:
    count = 0
    batch: list = []
    with path.open(encoding="utf-8") as stream:
        try:
            for item in Deserializer(stream, natural_ids=natural_ids, using=using):
                batch.append(item.object)
                if len(batch) >= 2000:
                    _insert(table.model, batch, using)
                    count += len(batch)
                    batch = []
        except ArchiveError:
            raise
        except Exception as error:
            raise ArchiveError(f"{table.data_path} illisible : {error}") from error
    if batch:
        _insert(table.model, batch, using)
        count += len(batch)
    return count


def _reset_sequences(models: list, using: str) -> None:
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


def _after_restore() -> None:
    """Forget what the previous database left in caches (rendered HTML, site roots...)."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    ContentType.objects.clear_cache()
    for alias in settings.CACHES:
        caches[alias].clear()


def archive_summary(path: Path | str) -> dict[str, Any]:
    """Check an archive without restoring it (``site_restore --check``)."""
    with tempfile.TemporaryDirectory(prefix="ker-check-") as workdir:
        extract_archive(Path(path), Path(workdir))
        return verify_archive(Path(workdir))
