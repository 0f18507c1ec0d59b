"""Reads of articles: the Read tab, the A to Z index, finding an article, who may see a new one,
what waits for review, pages that link here."""

from __future__ import annotations

import string

from django.core.paginator import Paginator
from django.db.models import Count

from ..models import ArticlePage, RevisionMeta, RevisionStatus, WikiLink
from ..titles import slug_for
from .rendering import article_html
from .watch import is_watching


def article_authors(page: ArticlePage) -> list[str]:
    """Everyone who wrote an approved revision of the article, most edits first."""
    rows = (
        RevisionMeta.objects.filter(page=page, status=RevisionStatus.APPROVED)
        .values("author_name")
        .annotate(edits=Count("pk"))
        .order_by("-edits", "author_name")
    )
    return [row["author_name"] for row in rows if row["author_name"]]


def article_read_context(*, page: ArticlePage, user) -> dict:
    """What the Read tab shows: the live revision, or the reader's own pending version."""
    from community import policy
    from community.registry import related_to_article

    own_pending = own_pending_revision(page, user)
    shown_page = page
    if own_pending is not None:
        shown_page = own_pending.revision.as_object()
        view = article_html(page, revision_id=own_pending.revision_id, body=shown_page.body)
    elif not page.live and page.latest_revision_id and can_view_unpublished(user, page):
        shown_page = page.get_latest_revision().as_object()
        view = article_html(page, revision_id=page.latest_revision_id, body=shown_page.body)
    else:
        view = article_html(page)
    facilitator = policy.can_see_pending(user)
    return {
        "shown": shown_page,
        "article_html": view.html,
        "toc": view.toc,
        "authors": article_authors(page),
        "tags": list(shown_page.tags.all()),
        "active_tab": "read",
        "own_pending": own_pending,
        "unpublished": not page.live,
        "pending_for_review": pending_count(page) if facilitator else 0,
        "is_facilitator": facilitator,
        "is_watching": is_watching(user, page),
        "protection": page.active_protection(),
        "related_links": related_to_article(page.slug),
    }


def article_index_context(*, letter: str = "", page_number: str | int | None = None) -> dict:
    """A to Z list of live articles, a page of 50 (``page_number`` as the query string gives
    it: a wrong or missing number gives the first or last page), with a letter filter."""
    letter = (letter or "").upper()[:1]
    articles = (
        ArticlePage.objects.live().order_by("slug").only("title", "slug", "summary", "url_path")
    )
    if letter in string.ascii_uppercase:
        articles = articles.filter(slug__startswith=letter.lower())
    else:
        letter = ""
    page_obj = Paginator(articles, 50).get_page(page_number)
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


def backlinks(page: ArticlePage):
    """Live articles whose text links to this one, by its title or a former title."""
    from ..services import redirect_slugs_for

    slugs = [page.slug, *redirect_slugs_for(page)]
    return (
        ArticlePage.objects.live()
        .filter(outgoing_links__target_slug__in=slugs)
        .exclude(pk=page.pk)
        .distinct()
        .order_by("slug")
    )


def links_to(slug: str):
    return WikiLink.objects.filter(target_slug=slug)


def can_view_unpublished(user, page: ArticlePage) -> bool:
    """A new article waiting for review is visible to its author and to facilitators."""
    from community import policy

    if policy.can_see_pending(user):
        return True
    if user is None or not user.is_authenticated:
        return False
    return RevisionMeta.objects.filter(page=page, user=user).exists()


def own_pending_revision(page: ArticlePage, user) -> RevisionMeta | None:
    """The newest revision this person is waiting to have reviewed on this article."""
    if user is None or not user.is_authenticated:
        return None
    return (
        RevisionMeta.objects.filter(page=page, user=user, status=RevisionStatus.PENDING)
        .select_related("revision")
        .order_by("-created_at", "-revision_id")
        .first()
    )


def pending_count(page: ArticlePage) -> int:
    return RevisionMeta.objects.filter(page=page, status=RevisionStatus.PENDING).count()


def others_pending_count(page: ArticlePage, user) -> int:
    """Edits by other people waiting for review (the edit form says they exist, not what)."""
    pending = RevisionMeta.objects.filter(page=page, status=RevisionStatus.PENDING)
    if user is not None and user.is_authenticated:
        pending = pending.exclude(user=user)
    return pending.count()
