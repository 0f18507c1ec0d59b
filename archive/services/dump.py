"""site_dump: every table, every revision as Markdown, the files, schemas and a manifest."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.loader import MigrationLoader

from .. import schemas, selectors
from ..serialization import Serializer, natural_keys_by_id
from ..tables import (
    EXCLUDED,
    PASSWORD_TABLES,
    Table,
    archived_tables,
    reference_tables,
)
from .format import (
    FORMAT,
    FORMAT_VERSION,
    MANIFEST,
    ROOT,
    ArchiveError,
    Progress,
    archive_kind,
    no_progress,
    sha256_of,
    write_json,
)


@dataclass
class DumpReport:
    path: Path
    rows: dict[str, int]
    files: int
    articles: int
    missing_files: list[str] = field(default_factory=list)


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


def _write_commons(root: Path, item: dict[str, Any]) -> None:
    """communs/<slug>.md: a commons record's main fields as front matter, its text as body.

    Contact details stay out of this readable copy (they are in data/ only with the options).
    """
    record = item["record"]
    header = {
        "commons": record.pk,
        "name": record.name,
        "url": item["url"],
        "summary": record.summary,
        "status": record.status,
        "stage": record.stage,
        "tags": record.tag_names(),
        "needs": item["needs"],
        "website": record.website,
        "licence": record.licence,
        "street_address": record.street_address,
        "postal_code": record.postal_code,
        "commune": record.commune,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "start_date": record.start_date.isoformat() if record.start_date else "",
        "related_articles": record.related_article_titles(),
        "created_at": _iso(record.created_at),
        "updated_at": _iso(record.updated_at),
        "published_at": _iso(record.published_at),
        "versions": item["versions"],
    }
    parts = [record.description.strip()]
    for heading, text in (
        ("Ressources partagées", record.shared_resources),
        ("La communauté", record.community),
        ("Comment rejoindre", record.how_to_join),
    ):
        if text.strip():
            parts.append(f"## {heading}\n\n{text.strip()}")
    body = "\n\n".join(part for part in parts if part)
    path = root / "communs" / f"{record.slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_front_matter(header) + "\n" + body + ("\n" if body else ""), encoding="utf-8")


def _write_tag_description(root: Path, item: dict[str, Any]) -> None:
    """etiquettes/<slug>.md: a tag's description (its page's text) with its front matter."""
    description = item["description"]
    tag = description.tag
    header = {
        "tag": tag.pk,
        "name": tag.name,
        "url": f"/etiquettes/{tag.slug}/" if tag.slug else "",
        "updated_at": _iso(description.updated_at),
        "updated_by": description.editor_name,
        "origin": description.origin,
        "source_wiki": description.source_wiki,
        "source_revision_id": description.source_revision_id,
        "versions": item["versions"],
    }
    path = root / "etiquettes" / f"{tag.slug or f'etiquette-{tag.pk}'}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_front_matter(header) + "\n" + description.body, encoding="utf-8")


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


def site_dump(
    *,
    path: Path | str,
    with_passwords: bool = False,
    with_emails: bool = False,
    progress: Progress = no_progress,
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
        # A consistent snapshot on PostgreSQL, when this is the outermost transaction.
        outermost = not connections[using].in_atomic_block
        with transaction.atomic(using=using):
            if outermost and connections[using].vendor == "postgresql":
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
            for item in selectors.commons_records():
                _write_commons(root, item)
            for item in selectors.tag_descriptions():
                _write_tag_description(root, item)
            upload_names = selectors.uploaded_file_names(tables)
            site = _site_description()
            migrations = _applied_migrations(using)
        missing = _copy_uploads(root, upload_names)
        for table in [*references, *tables]:
            write_json(root / table.schema_path, schemas.table_schema(table))
        for schema in schemas.FIXED_SCHEMAS:
            write_json(root / schema["$id"], schema)
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
                "sha256": sha256_of(path),
                "bytes": path.stat().st_size,
            }
            for path in sorted(root.rglob("*"))
            if path.is_file()
        }
        write_json(root / MANIFEST, manifest)
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
