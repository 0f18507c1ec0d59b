"""Reads of the wiki as a whole, for portals and the home page: articles of a theme, latest
articles, map points, edit counts for the community-health circles."""

from __future__ import annotations

from django.db.models import Count, Q

from ..models import ArticlePage, ArticleTag, RevisionMeta, RevisionStatus
from .history import recent_changes


def _tag_filter(tag_names) -> Q:
    condition = Q()
    for name in tag_names:
        condition |= Q(tags__name__iexact=name)
    return condition


def articles_for_tags(tag_names):
    """Live articles carrying any of these tags (an empty list matches nothing)."""
    if not tag_names:
        return ArticlePage.objects.none()
    ids = ArticlePage.objects.live().filter(_tag_filter(tag_names)).values("pk")
    return ArticlePage.objects.live().filter(pk__in=ids).order_by("slug")


def latest_articles(limit: int = 8):
    return ArticlePage.objects.live().order_by("-first_published_at")[:limit]


def live_article_count() -> int:
    return ArticlePage.objects.live().count()


def recent_changes_for_tags(tag_names, limit: int = 10):
    """Latest approved edits of the articles of a theme."""
    articles = articles_for_tags(tag_names).values("pk")
    return recent_changes(include_pending=False).filter(page_id__in=articles)[:limit]


def geolocated_articles(tag_names=None):
    articles = ArticlePage.objects.live().filter(latitude__isnull=False, longitude__isnull=False)
    if tag_names is not None:
        articles = articles.filter(pk__in=articles_for_tags(tag_names).values("pk"))
    return articles.only("title", "slug", "summary", "latitude", "longitude", "url_path")


def article_tag_counts(article_ids) -> dict[str, int]:
    """How many of these articles carry each tag."""

    rows = (
        ArticleTag.objects.filter(content_object_id__in=article_ids)
        .values("tag__name")
        .annotate(count=Count("pk"))
    )
    return {row["tag__name"]: row["count"] for row in rows}


def edit_counts(*, since, article_ids=None) -> dict[str, int]:
    """Approved edits per contributor since a date (for the community-health circles)."""
    edits = RevisionMeta.objects.filter(created_at__gte=since, status=RevisionStatus.APPROVED)
    if article_ids is not None:
        edits = edits.filter(page_id__in=article_ids)
    rows = edits.exclude(author_name="").values("author_name").annotate(count=Count("pk"))
    return {row["author_name"]: row["count"] for row in rows}


def articles_created_per_month(*, since, article_ids=None) -> dict[str, int]:
    """'YYYY-MM' -> articles created that month (by their first revision)."""
    from django.db.models.functions import TruncMonth

    creations = RevisionMeta.objects.filter(created_at__gte=since, is_creation=True)
    creations = creations.filter(page__live=True)
    if article_ids is not None:
        creations = creations.filter(page_id__in=article_ids)
    rows = (
        creations.annotate(month=TruncMonth("created_at")).values("month").annotate(n=Count("pk"))
    )
    return {row["month"].strftime("%Y-%m"): row["n"] for row in rows if row["month"]}


def most_edited_articles(*, since, article_ids=None, limit: int = 10):
    """Articles with the most approved edits since a date: [(ArticlePage, count)]."""
    edits = RevisionMeta.objects.filter(created_at__gte=since, status=RevisionStatus.APPROVED)
    edits = edits.filter(page__live=True)
    if article_ids is not None:
        edits = edits.filter(page_id__in=article_ids)
    rows = list(
        edits.values("page_id").annotate(count=Count("pk")).order_by("-count", "page_id")[:limit]
    )
    pages = ArticlePage.objects.in_bulk([row["page_id"] for row in rows])
    return [(pages[row["page_id"]], row["count"]) for row in rows if row["page_id"] in pages]
