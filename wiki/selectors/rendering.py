"""Article text as HTML: Markdown rendered once per revision (cached), images placed, links
blue or red depending on whether their article exists."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from wagtail.contrib.redirects.models import Redirect

from ..markdown import RENDERER_VERSION, RenderedBody, extract_link_slugs, render_markdown
from ..markdown import resolve_wiki_links as _resolve_links
from ..models import ArticlePage
from ..titles import WIKI_PREFIX

HTML_CACHE_SECONDS = 60 * 60 * 24 * 7


class _ImageInfo:
    def __init__(self, image):
        rendition = image.get_rendition("max-1000x1000")
        self.url = rendition.url
        self.alt = image.title
        self.credit = f"{image.author} — {image.licence}"


def resolve_images(ids: list[int]) -> dict[int, _ImageInfo]:
    """Images placed with [[Image:N]], in one query."""
    from wagtail.images import get_image_model

    images = get_image_model().objects.filter(pk__in=ids)
    return {image.pk: _ImageInfo(image) for image in images}


def render_body(body: str, *, cache_key: str | None = None, cached: bool = True) -> RenderedBody:
    """Markdown -> sanitised HTML, cached per revision (the key names the revision) or, for
    talk messages and other texts without a revision, by a hash of the text itself.

    ``cached=False`` for one-off texts (the live preview), which would only fill the cache.
    """
    if not cached:
        return render_markdown(body, image_resolver=resolve_images)
    if not cache_key:
        cache_key = "text:" + hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()
    key = f"wiki:html:{RENDERER_VERSION}:{cache_key}"
    rendered = cache.get(key)
    if rendered is None:
        rendered = render_markdown(body, image_resolver=resolve_images)
        cache.set(key, rendered, HTML_CACHE_SECONDS)
    return rendered


def existing_slugs(slugs: list[str]) -> set[str]:
    """Which of these slugs lead to an article (live or renamed), in one query."""
    if not slugs:
        return set()
    redirect_paths = [f"{WIKI_PREFIX}{slug}" for slug in slugs]
    live = (
        ArticlePage.objects.live().filter(slug__in=slugs).order_by().values_list("slug", flat=True)
    )
    renamed = (
        Redirect.objects.filter(old_path__in=redirect_paths, redirect_page__isnull=False)
        .order_by()
        .values_list("old_path", flat=True)
    )
    found = set()
    for value in live.union(renamed):
        found.add(value[len(WIKI_PREFIX) :] if value.startswith(WIKI_PREFIX) else value)
    return found


def resolve_wiki_links(html: str) -> str:
    """Blue links for existing articles, red links to create the others (one query)."""
    slugs = extract_link_slugs(html)
    return _resolve_links(html, existing_slugs(slugs))


@dataclass(frozen=True)
class ArticleView:
    html: str
    toc: list


def article_html(page: ArticlePage, *, revision_id: int | None = None, body: str | None = None):
    """The rendered body of a revision (the live one by default) with red links resolved."""
    if body is None:
        body = page.body
        revision_id = revision_id or page.live_revision_id
    rendered = render_body(body, cache_key=str(revision_id) if revision_id else None)
    return ArticleView(html=resolve_wiki_links(rendered.html), toc=rendered.toc)
