"""Reads of the wiki that views, portals and the search registry need."""

from __future__ import annotations

import string
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from .markdown import RENDERER_VERSION, RenderedBody, extract_link_slugs, render_markdown
from .markdown import resolve_wiki_links as _resolve_links
from .models import ArticlePage, RevisionMeta, RevisionStatus, WikiLink
from .titles import slug_for

WIKI_PREFIX = "/wiki/"
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


def render_body(body: str, *, cache_key: str | None = None) -> RenderedBody:
    """Markdown -> sanitised HTML, cached per revision (the key names the revision)."""
    if cache_key:
        key = f"wiki:html:{RENDERER_VERSION}:{cache_key}"
        rendered = cache.get(key)
        if rendered is None:
            rendered = render_markdown(body, image_resolver=resolve_images)
            cache.set(key, rendered, HTML_CACHE_SECONDS)
        return rendered
    return render_markdown(body, image_resolver=resolve_images)


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


def article_authors(page: ArticlePage) -> list[str]:
    """Everyone who wrote an approved revision of the article, most edits first."""
    rows = (
        RevisionMeta.objects.filter(page=page, status=RevisionStatus.APPROVED)
        .values("author_name")
        .annotate(edits=Count("pk"))
        .order_by("-edits", "author_name")
    )
    return [row["author_name"] for row in rows if row["author_name"]]


def article_read_context(*, page: ArticlePage, request) -> dict:
    view = article_html(page)
    return {
        "article_html": view.html,
        "toc": view.toc,
        "authors": article_authors(page),
        "tags": list(page.tags.all()),
        "active_tab": "read",
    }


def article_index_context(*, index_page, request) -> dict:
    """A to Z list of live articles, paginated, with a letter filter."""
    letter = (request.GET.get("lettre") or "").upper()[:1]
    articles = ArticlePage.objects.live().order_by("title").only("title", "slug", "summary", "url_path")
    if letter in string.ascii_uppercase:
        articles = articles.filter(slug__startswith=letter.lower())
    else:
        letter = ""
    paginator = Paginator(articles, 50)
    page_obj = paginator.get_page(request.GET.get("page"))
    return {
        "articles": page_obj,
        "page_obj": page_obj,
        "letters": list(string.ascii_uppercase),
        "current_letter": letter,
    }


def find_article(slug: str) -> ArticlePage | None:
    """An article by slug, live or not (editing a pending new article needs the latter)."""
    return ArticlePage.objects.filter(slug=slug).first()


def article_by_title(title: str) -> ArticlePage | None:
    return find_article(slug_for(title))


def article_history(page: ArticlePage):
    """Every revision of an article with its metadata, newest first."""
    return (
        RevisionMeta.objects.filter(page=page)
        .select_related("revision", "user")
        .order_by("-created_at", "-revision_id")
    )


def article_revision(page: ArticlePage, revision_id: int) -> Revision | None:
    return (
        Revision.page_revisions.filter(pk=revision_id, object_id=str(page.pk))
        .select_related("wiki_meta", "user")
        .first()
    )


def backlinks(page: ArticlePage):
    """Live articles whose text links to this one, by its title or a former title."""
    from .services import redirect_slugs_for

    slugs = [page.slug, *redirect_slugs_for(page)]
    return (
        ArticlePage.objects.live()
        .filter(outgoing_links__target_slug__in=slugs)
        .exclude(pk=page.pk)
        .distinct()
        .order_by("title")
    )


def recent_changes(
    *,
    hide_minor: bool = False,
    username: str = "",
    new_pages_only: bool = False,
    include_pending: bool = True,
):
    """Every edit, newest first, with the filters MediaWiki users know."""
    changes = RevisionMeta.objects.select_related("page", "user", "revision").order_by(
        "-created_at", "-revision_id"
    )
    if hide_minor:
        changes = changes.filter(minor=False)
    if username:
        changes = changes.filter(Q(author_name=username) | Q(user__username=username))
    if new_pages_only:
        changes = changes.filter(is_creation=True)
    if not include_pending:
        changes = changes.filter(status=RevisionStatus.APPROVED)
    return changes


def links_to(slug: str):
    return WikiLink.objects.filter(target_slug=slug)


def contributions(user, limit: int):
    """A person's latest wiki edits, for their contributor page."""
    from community.registry import Contribution

    metas = (
        RevisionMeta.objects.filter(user=user)
        .select_related("page")
        .order_by("-created_at")[:limit]
    )
    return [
        Contribution(
            date=meta.created_at,
            title=meta.title,
            url=f"{WIKI_PREFIX}{meta.page.slug}/historique/{meta.revision_id}/",
            summary=meta.edit_summary,
            kind="article",
        )
        for meta in metas
    ]
