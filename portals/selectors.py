"""Reads for the home page, through the wiki's selectors only."""

from wiki.models import ArticlePage


def home_context() -> dict:
    latest = ArticlePage.objects.live().order_by("-first_published_at")[:8]
    return {
        "latest_articles": latest,
        "article_count": ArticlePage.objects.live().count(),
    }
