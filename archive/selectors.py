"""Reads for the dump: table rows, uploaded files, and each article's history for humans."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models

from .tables import NATURAL_ORDER, Table


def table_rows(table: Table) -> models.QuerySet:
    """Every row of a table, by primary key (so two dumps of the same site are equal)."""
    if table.is_reference:
        return table.model._base_manager.order_by(*NATURAL_ORDER[table.label])
    return table.model._base_manager.order_by("pk")


def table_counts(tables: list[Table]) -> dict[str, int]:
    existing = set(connection.introspection.table_names())
    return {
        table.label: table.model._base_manager.count()
        for table in tables
        if table.model._meta.db_table in existing
    }


def file_fields(table: Table) -> list[models.FileField]:
    return [f for f in table.model._meta.local_fields if isinstance(f, models.FileField)]


def uploaded_file_names(tables: list[Table]) -> list[str]:
    """Storage names of every uploaded file the archived rows point to (images, documents...)."""
    names: set[str] = set()
    for table in tables:
        for file_field in file_fields(table):
            values = table.model._base_manager.exclude(**{file_field.attname: ""})
            names.update(v for v in values.values_list(file_field.attname, flat=True) if v)
    return sorted(names)


@dataclass
class RevisionView:
    """One revision of an article as a person reads it."""

    id: int
    content: dict[str, Any]
    meta: dict[str, Any] | None
    created_at: Any
    author: str
    tags: list[str]
    live: bool


@dataclass
class ArticleView:
    id: int
    slug: str
    title: str
    url: str
    live: bool
    revisions: list[RevisionView] = field(default_factory=list)
    talk: list[dict[str, Any]] = field(default_factory=list)


def _site_root_path() -> str:
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    return site.root_page.url_path if site else "/"


def article_histories() -> Iterator[ArticleView]:
    """Each article with every revision (text, metadata, status) and its talk messages."""
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import Tag
    from wagtail.models import Revision

    from wiki.models import ArticlePage, RevisionMeta, TalkMessage

    root_path = _site_root_path()
    tag_names = dict(Tag.objects.values_list("pk", "name"))
    article_type = ContentType.objects.get_for_model(ArticlePage)
    users = {}
    from django.contrib.auth import get_user_model

    for pk, username in get_user_model()._base_manager.values_list("pk", "username"):
        users[pk] = username
    pages = ArticlePage.objects.order_by("pk").values(
        "pk", "slug", "title", "url_path", "live", "live_revision_id"
    )
    for page in pages.iterator(chunk_size=500):
        url = page["url_path"]
        if url.startswith(root_path):
            url = "/" + url[len(root_path) :]
        article = ArticleView(
            id=page["pk"], slug=page["slug"], title=page["title"], url=url, live=page["live"]
        )
        revisions = Revision.objects.filter(
            content_type=article_type, object_id=str(page["pk"])
        ).order_by("created_at", "pk")
        metas = {
            meta["revision_id"]: meta
            for meta in RevisionMeta.objects.filter(page_id=page["pk"]).values()
        }
        for revision in revisions.values("pk", "content", "created_at", "user_id"):
            meta = metas.get(revision["pk"])
            content = revision["content"] or {}
            tags = [
                tag_names.get(item.get("tag"), "")
                for item in content.get("tagged_items", [])
                if isinstance(item, dict)
            ]
            author = meta["author_name"] if meta else users.get(revision["user_id"], "")
            article.revisions.append(
                RevisionView(
                    id=revision["pk"],
                    content=content,
                    meta=meta,
                    created_at=meta["created_at"] if meta else revision["created_at"],
                    author=author,
                    tags=[tag for tag in tags if tag],
                    live=revision["pk"] == page["live_revision_id"],
                )
            )
        article.talk = list(
            TalkMessage.objects.filter(page_id=page["pk"])
            .order_by("created_at", "pk")
            .values("pk", "parent_id", "author_name", "body", "created_at", "status", "hidden")
        )
        yield article


def commons_records() -> Iterator[dict[str, Any]]:
    """Each commons record as a person reads it: main fields, text, number of versions."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count
    from reversion.models import Version

    from commons.models import Commons

    commons_type = ContentType.objects.get_for_model(Commons)
    versions = dict(
        Version.objects.filter(content_type=commons_type)
        .values("object_id")
        .annotate(count=Count("pk"))
        .values_list("object_id", "count")
    )
    records = (
        Commons._base_manager.order_by("pk")
        .prefetch_related("needs")
        .only(
            "pk",
            "slug",
            "name",
            "summary",
            "description",
            "status",
            "stage",
            "tags_text",
            "website",
            "licence",
            "street_address",
            "postal_code",
            "commune",
            "latitude",
            "longitude",
            "start_date",
            "shared_resources",
            "community",
            "how_to_join",
            "related_articles_text",
            "created_at",
            "updated_at",
            "published_at",
        )
    )
    for record in records.iterator(chunk_size=500):
        yield {
            "record": record,
            "url": record.get_absolute_url(),
            "needs": sorted(need.name for need in record.needs.all()),
            "versions": versions.get(str(record.pk), 0),
        }


def tag_descriptions() -> Iterator[dict[str, Any]]:
    """Each tag description (the text of a tag's page, a MediaWiki category's) as a person
    reads it, with the number of versions of its history."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Count
    from reversion.models import Version

    from community.models import TagDescription

    description_type = ContentType.objects.get_for_model(TagDescription)
    versions = dict(
        Version.objects.filter(content_type=description_type)
        .values("object_id")
        .annotate(count=Count("pk"))
        .values_list("object_id", "count")
    )
    descriptions = TagDescription.objects.order_by("pk").select_related("tag", "updated_by")
    for description in descriptions.iterator(chunk_size=500):
        yield {"description": description, "versions": versions.get(str(description.pk), 0)}
