"""How articles enter the search index: live content only (never pending revisions)."""

from __future__ import annotations

import html

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from community.registry import themes_for_tags
from search.documents import SearchDocument
from search.sources import LivePageSearchSource

from .models import ArticlePage
from .titles import article_path


def plain_text(body: str, *, revision_id: int | None = None) -> str:
    """The words of an article, without Markdown or HTML (rendering is cached per revision)."""
    from .selectors import render_body

    cache_key = str(revision_id) if revision_id else None
    return html.unescape(strip_tags(render_body(body, cache_key=cache_key).html))


class ArticleSearchSource(LivePageSearchSource):
    name = "article"
    label = _("Article")
    model = ArticlePage

    def to_document(self, obj) -> SearchDocument:
        from .selectors import article_authors

        tags = [tag.name for tag in obj.tags.all()]
        return SearchDocument(
            key=self.get_key(obj),
            type=self.name,
            title=obj.title,
            summary=obj.summary,
            body=plain_text(obj.body, revision_id=obj.live_revision_id),
            tags=tags,
            portals=themes_for_tags(tags),
            commune=obj.place_name,
            latitude=obj.latitude,
            longitude=obj.longitude,
            created=obj.first_published_at,
            updated=obj.last_published_at,
            url=article_path(obj.slug),
            authors=article_authors(obj),
        )
