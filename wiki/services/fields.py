"""What a resident types in the edit form, checked (`validate_fields`) and merged with the
edits others made meanwhile (`merge_fields`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from merge3 import Merge3
from taggit.models import Tag
from wagtail.models import Revision

from ..models import ArticlePage
from ..titles import MAX_TITLE_LENGTH, RESERVED_SLUGS, normalise_title, slug_for

MAX_SUMMARY_LENGTH = 300
MAX_EDIT_SUMMARY_LENGTH = 500
MAX_TAGS = 30


@dataclass(frozen=True)
class ArticleFields:
    """The editable content of an article, as a resident types it."""

    title: str
    body: str
    summary: str = ""
    tags: tuple[str, ...] = ()
    place_name: str = ""
    latitude: float | None = None
    longitude: float | None = None
    cover_image_id: int | None = None

    @classmethod
    def from_revision(cls, revision: Revision) -> ArticleFields:
        content = revision.content
        tag_ids = [item.get("tag") for item in content.get("tagged_items", []) if item.get("tag")]
        names = (
            dict(Tag.objects.filter(pk__in=tag_ids).values_list("pk", "name")) if tag_ids else {}
        )
        return cls(
            title=content.get("title", ""),
            body=content.get("body", ""),
            summary=content.get("summary", ""),
            tags=tuple(names[tag_id] for tag_id in tag_ids if tag_id in names),
            place_name=content.get("place_name", ""),
            latitude=content.get("latitude"),
            longitude=content.get("longitude"),
            cover_image_id=content.get("cover_image"),
        )

    @classmethod
    def from_page(cls, page: ArticlePage) -> ArticleFields:
        return cls(
            title=page.title,
            body=page.body,
            summary=page.summary,
            tags=tuple(tag.name for tag in page.tags.all()),
            place_name=page.place_name,
            latitude=page.latitude,
            longitude=page.longitude,
            cover_image_id=page.cover_image_id,
        )


def parse_tags(raw: str | list | tuple | None) -> tuple[str, ...]:
    """'port, Pêche ,port' -> ('port', 'Pêche'): trimmed, deduplicated case-insensitively."""
    if raw is None:
        return ()
    items = raw.split(",") if isinstance(raw, str) else raw
    seen: dict[str, str] = {}
    for item in items:
        name = " ".join(str(item).split())[:100]
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return tuple(seen.values())


def _slug_taken(slug: str, *, page: ArticlePage | None) -> bool:
    """Does another article have this slug? An edit that keeps its page's slug cannot take
    another's: Wagtail keeps slugs unique under the /wiki/ index (no query then)."""
    if page is not None and page.pk and slug == page.slug:
        return False
    articles = ArticlePage.objects.filter(slug=slug)
    if page is not None and page.pk:
        articles = articles.exclude(pk=page.pk)
    return articles.exists()


def validate_fields(fields: ArticleFields, *, page: ArticlePage | None = None) -> ArticleFields:
    """Check what a resident typed; raise ValidationError with French messages per field."""
    errors: dict[str, list[str]] = {}
    title = normalise_title(fields.title)
    slug = slug_for(title)
    if not title:
        errors.setdefault("title", []).append(_("Le titre est obligatoire."))
    elif len(title) > MAX_TITLE_LENGTH:
        errors.setdefault("title", []).append(
            _("Le titre est trop long (%(max)s caractères au plus).") % {"max": MAX_TITLE_LENGTH}
        )
    elif not slug:
        errors.setdefault("title", []).append(
            _("Le titre doit contenir au moins une lettre ou un chiffre.")
        )
    elif slug in RESERVED_SLUGS:
        errors.setdefault("title", []).append(
            _("Ce titre est réservé par le wiki ; choisissez-en un autre.")
        )
    elif _slug_taken(slug, page=page):
        taken = ArticlePage.objects.filter(slug=slug).values_list("title", "live").first()
        if taken and taken[1]:
            message = _("Un article porte déjà ce titre (ou un titre très proche) : « %(title)s ».")
            errors.setdefault("title", []).append(message % {"title": taken[0]})
        else:
            # The title of a new article waiting for review is not shown to others.
            errors.setdefault("title", []).append(
                _("Un article portant ce titre (ou un titre très proche) attend la relecture.")
            )
    if "<" in title or ">" in title:
        errors.setdefault("title", []).append(
            _("Le titre ne peut pas contenir les caractères < et >.")
        )
    body_size = len(fields.body.encode("utf-8"))
    if body_size > settings.KER_ARTICLE_MAX_BYTES:
        errors.setdefault("body", []).append(
            _("Le texte est trop long : %(size)s Ko pour %(max)s Ko au plus.")
            % {"size": body_size // 1000, "max": settings.KER_ARTICLE_MAX_BYTES // 1000}
        )
    summary = " ".join(fields.summary.split())
    if len(summary) > MAX_SUMMARY_LENGTH:
        errors.setdefault("summary", []).append(
            _("Le résumé est trop long (%(max)s caractères au plus).") % {"max": MAX_SUMMARY_LENGTH}
        )
    if len(fields.tags) > MAX_TAGS:
        errors.setdefault("tags", []).append(
            _("Trop de mots-clés (%(max)s au plus).") % {"max": MAX_TAGS}
        )
    latitude, longitude = fields.latitude, fields.longitude
    if (latitude is None) != (longitude is None):
        errors.setdefault("latitude", []).append(
            _("Indiquez la latitude et la longitude, ou aucune des deux.")
        )
    if latitude is not None and not -90 <= latitude <= 90:
        errors.setdefault("latitude", []).append(_("La latitude doit être entre -90 et 90."))
    if longitude is not None and not -180 <= longitude <= 180:
        errors.setdefault("longitude", []).append(_("La longitude doit être entre -180 et 180."))
    if errors:
        raise ValidationError(errors)
    return ArticleFields(
        title=title,
        body=fields.body.replace("\r\n", "\n"),
        summary=summary,
        tags=parse_tags(fields.tags),
        place_name=" ".join(fields.place_name.split())[:200],
        latitude=latitude,
        longitude=longitude,
        cover_image_id=fields.cover_image_id,
    )


def _merge_text(base: str, current: str, yours: str) -> str | None:
    """Three-way merge by lines; None when the same lines were changed on both sides."""
    merger = Merge3(
        base.splitlines(keepends=True),
        current.splitlines(keepends=True),
        yours.splitlines(keepends=True),
    )
    merged: list[str] = []
    for group in merger.merge_groups():
        kind = group[0]
        if kind == "conflict":
            _, base_lines, current_lines, your_lines = group
            if current_lines == your_lines:
                merged.extend(current_lines)
                continue
            return None
        merged.extend(group[1])
    return "".join(merged)


def merge_fields(
    base: ArticleFields, current: ArticleFields, yours: ArticleFields
) -> ArticleFields | None:
    body = _merge_text(base.body, current.body, yours.body)
    if body is None:
        return None
    values: dict[str, Any] = {"body": body}
    for name in (
        "title",
        "summary",
        "tags",
        "place_name",
        "latitude",
        "longitude",
        "cover_image_id",
    ):
        base_value, current_value, your_value = (
            getattr(base, name),
            getattr(current, name),
            getattr(yours, name),
        )
        if your_value == base_value:
            values[name] = current_value
        elif current_value == base_value or current_value == your_value:
            values[name] = your_value
        else:
            return None
    return ArticleFields(**values)
