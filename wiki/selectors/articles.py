"""Reads of the wiki that views, portals and the search registry need."""

from __future__ import annotations

import hashlib
import string
from dataclasses import dataclass

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Revision

from ..markdown import RENDERER_VERSION, RenderedBody, extract_link_slugs, render_markdown
from ..markdown import resolve_wiki_links as _resolve_links
from ..models import ArticlePage, RevisionMeta, RevisionOrigin, RevisionStatus, WikiLink
from ..titles import slug_for

WIKI_PREFIX = "/wiki/"
# What public lists show instead of the edit summary of a revision hidden by facilitators.
HIDDEN_SUMMARY = _("(résumé masqué)")
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
    """What the Read tab shows: the live revision, or the reader's own pending version."""
    from community import policy
    from community.registry import related_to_article

    user = request.user
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


def article_index_context(*, index_page, request) -> dict:
    """A to Z list of live articles, paginated, with a letter filter."""
    letter = (request.GET.get("lettre") or "").upper()[:1]
    articles = (
        ArticlePage.objects.live().order_by("slug").only("title", "slug", "summary", "url_path")
    )
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
    from ..services import redirect_slugs_for

    slugs = [page.slug, *redirect_slugs_for(page)]
    return (
        ArticlePage.objects.live()
        .filter(outgoing_links__target_slug__in=slugs)
        .exclude(pk=page.pk)
        .distinct()
        .order_by("slug")
    )


def recent_changes(
    *,
    hide_minor: bool = False,
    username: str = "",
    new_pages_only: bool = False,
    include_pending: bool = True,
    unpatrolled_only: bool = False,
    include_imported: bool = False,
):
    """Every edit, newest first, with the filters MediaWiki users know.

    Revisions imported from another wiki are left out unless asked for: an import of years of
    history must not flood the list.
    """
    changes = RevisionMeta.objects.select_related("page", "user").order_by(
        "-created_at", "-revision_id"
    )
    if not include_imported:
        changes = changes.filter(origin=RevisionOrigin.LOCAL)
    if unpatrolled_only:
        changes = changes.filter(patrolled=False)
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
        RevisionMeta.objects.filter(user=user, status=RevisionStatus.APPROVED)
        .select_related("page")
        .order_by("-created_at")[:limit]
    )
    return [
        Contribution(
            date=meta.created_at,
            title=meta.page.title if meta.hidden else meta.title,
            url=f"{WIKI_PREFIX}{meta.page.slug}/historique/{meta.revision_id}/",
            summary=HIDDEN_SUMMARY if meta.hidden else meta.edit_summary,
            kind="article",
        )
        for meta in metas
    ]


def visible_statuses(user) -> set[str]:
    """Which revisions someone may see: the public sees approved ones only."""
    from community import policy

    if policy.can_see_pending(user):
        return {RevisionStatus.APPROVED, RevisionStatus.PENDING, RevisionStatus.REJECTED}
    return {RevisionStatus.APPROVED}


def visible_history(page: ArticlePage, user):
    """The history a person may see: their own pending/refused edits, and all for facilitators."""
    history = article_history(page)
    statuses = visible_statuses(user)
    condition = Q(status__in=statuses)
    if user is not None and user.is_authenticated:
        condition |= Q(user=user)
    return history.filter(condition)


def can_view_revision(user, meta: RevisionMeta | None) -> bool:
    if meta is None:
        return False
    if meta.status in visible_statuses(user):
        return True
    return bool(user is not None and user.is_authenticated and meta.user_id == user.pk)


def can_view_hidden(user) -> bool:
    from community import policy

    return policy.can_see_hidden(user)


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


def talk_threads(page: ArticlePage, *, viewer):
    """Messages grouped in threads (a message and its replies), as the viewer may see them."""
    from community import policy

    from ..models import TalkMessage

    messages = TalkMessage.objects.filter(page=page).select_related("author")
    if not policy.can_see_pending(viewer):
        condition = Q(status=RevisionStatus.APPROVED)
        if viewer is not None and viewer.is_authenticated:
            condition |= Q(author=viewer, status=RevisionStatus.PENDING)
        messages = messages.filter(condition)
    messages = list(messages)
    children: dict[int | None, list] = {}
    for message in messages:
        children.setdefault(message.parent_id, []).append(message)
    visible_ids = {message.pk for message in messages}

    def flatten(parent_id, depth):
        rows = []
        for message in children.get(parent_id, []):
            message.html = render_body(message.body).html
            message.depth = min(depth, 6)
            rows.append(message)
            rows.extend(flatten(message.pk, depth + 1))
        return rows

    roots = [m for m in messages if m.parent_id is None or m.parent_id not in visible_ids]
    threads = []
    for root in roots:
        root.html = render_body(root.body).html
        root.depth = 0
        threads.append([root, *flatten(root.pk, 1)])
    return threads


def watchlist_changes(user):
    """Recent approved changes to the articles a person follows."""
    from ..models import Watch

    page_ids = Watch.objects.filter(user=user).values_list("page_id", flat=True)
    return recent_changes(include_pending=False).filter(page_id__in=page_ids)


def is_watching(user, page: ArticlePage) -> bool:
    from ..models import Watch

    if user is None or not user.is_authenticated:
        return False
    return Watch.objects.filter(user=user, page=page).exists()


# --- Reads for portals and the home page -------------------------------------------------


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
    from ..models import ArticleTag

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
