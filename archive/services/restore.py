"""site_restore: the same rows with the same ids, in one transaction, then the indexes."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader

from ..serialization import Deserializer, ids_by_natural_key
from ..tables import (
    Table,
    archived_tables,
    excluded_models,
    label,
)
from .checking import extract_archive, verify_archive
from .format import ArchiveError, Progress, no_progress

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
CLEARED_ON_RESTORE = (
    "community.licensedrendition",
    "wagtailimages.rendition",
    "search.indextask",
    "search.indexeddocument",
)


@dataclass
class RestoreReport:
    rows: dict[str, int]
    files: int
    search_documents: dict[str, int]
    warnings: list[str] = field(default_factory=list)


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
    progress: Progress = no_progress,
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
        entries = _tables_in_archive(manifest)
        content = _content_counts(using)
        if content:
            described = ", ".join(f"{name} : {count}" for name, count in sorted(content.items()))
            raise ArchiveError(
                "La base de données n'est pas vide (" + described + "). La restauration "
                "reconstruit un site entier : faites-la dans une base neuve (fichier SQLite "
                "neuf, ou createdb pour PostgreSQL), puis pointez DATABASE_URL dessus."
            )
        call_command("migrate", interactive=False, verbosity=0, database=using)
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
        permission, created = Permission.objects.using(using).get_or_create(
            content_type=content_type,
            codename=fields["codename"],
            defaults={"name": fields["name"][:255]},
        )
        if not created and permission.name != fields["name"][:255]:
            # Names written by older migrations differ from today's defaults: keep the site's.
            permission.name = fields["name"][:255]
            permission.save(update_fields=["name"])


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
