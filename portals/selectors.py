"""Reads for the home page and the portals, through the selectors of wiki and commons only."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from commons import selectors as commons_selectors
from wiki import selectors as wiki_selectors
from wiki.titles import article_path

from .health import community_health

PAGE_SIZE = 20


def map_settings() -> dict:
    return {
        "center": list(settings.KER_MAP_CENTER),
        "zoom": settings.KER_MAP_ZOOM,
        "tileUrl": settings.KER_MAP_TILE_URL,
        "attribution": settings.KER_MAP_ATTRIBUTION,
    }


def live_portals():
    from .models import PortalPage

    return PortalPage.objects.live().order_by("slug").prefetch_related("tags")


def featured(parent) -> dict:
    """Curated picks of a home or portal page, in the facilitators' order, live only."""
    articles = [
        pick.article
        for pick in parent.featured_articles.select_related("article").all()
        if pick.article.live
    ]
    published = set(commons_selectors.published_commons().values_list("pk", flat=True))
    commons = [
        pick.commons
        for pick in parent.featured_commons.select_related("commons").all()
        if pick.commons_id in published
    ]
    return {"featured_articles": articles, "featured_commons": commons}


def home_context(*, home) -> dict:
    year_start = timezone.now().replace(month=1, day=1, hour=0, minute=0, second=0, microsecond=0)
    contributors = set(wiki_selectors.edit_counts(since=year_start)) | set(
        commons_selectors.edit_counts(since=year_start)
    )
    return {
        **featured(home),
        "portals": live_portals(),
        "latest_articles": wiki_selectors.latest_articles(8),
        "latest_commons": commons_selectors.latest_published(8),
        "figures": {
            "articles": wiki_selectors.live_article_count(),
            "commons": commons_selectors.published_commons().count(),
            "contributors": len(contributors),
        },
        "map_url": reverse("portals:map_geojson"),
        "map_settings": map_settings(),
    }


def portal_items(portal):
    """The articles and commons a portal gathers by its tags (querysets)."""
    tag_names = portal.tag_names()
    return (
        wiki_selectors.articles_for_tags(tag_names),
        commons_selectors.commons_with_tags(tag_names),
    )


def sub_themes(article_ids, commons_ids, *, exclude: list[str]) -> list[tuple[str, int]]:
    """Tags used by the portal's items (other than its own), with counts, most used first."""
    counts = wiki_selectors.article_tag_counts(article_ids)
    for name, count in commons_selectors.tag_counts(commons_ids).items():
        counts[name] = counts.get(name, 0) + count
    excluded = {name.lower() for name in exclude}
    rows = [(name, count) for name, count in counts.items() if name.lower() not in excluded]
    return sorted(rows, key=lambda row: (-row[1], row[0].lower()))[:20]


def portal_context(
    *, portal, theme: str = "", articles_page: str | None = None, commons_page: str | None = None
) -> dict:
    """A portal's page: its items (of one sub-theme when ``theme`` is given), a page of each
    list (the numbers as the query string gives them), its map and sub-themes."""
    articles, commons = portal_items(portal)
    article_ids = list(articles.values_list("pk", flat=True))
    commons_ids = list(commons.values_list("pk", flat=True))
    tag = theme[:100]
    listed_articles, listed_commons = articles, commons
    if tag:
        listed_articles = articles.filter(tags__name__iexact=tag).distinct()
        listed_commons = commons_selectors.commons_with_tags([tag]).filter(pk__in=commons_ids)
    return {
        **featured(portal),
        "recent_changes": wiki_selectors.recent_changes_for_tags(portal.tag_names(), 8),
        "articles_page": Paginator(listed_articles, PAGE_SIZE).get_page(articles_page),
        "commons_page": Paginator(listed_commons, PAGE_SIZE).get_page(commons_page),
        "article_count": len(article_ids),
        "commons_count": len(commons_ids),
        "sub_themes": sub_themes(article_ids, commons_ids, exclude=portal.tag_names()),
        "current_theme": tag,
        "map_url": f"{reverse('portals:map_geojson')}?{urlencode({'portail': portal.slug})}",
        "map_settings": map_settings(),
    }


def map_features(*, portal=None) -> list[dict]:
    """GeoJSON features of everything geolocated (articles and commons), for a portal or all."""
    tag_names = portal.tag_names() if portal is not None else None
    features = []
    for article in wiki_selectors.geolocated_articles(tag_names):
        features.append(
            _feature(
                article.longitude,
                article.latitude,
                article.title,
                article_path(article.slug),
                str(_("Article")),
                article.summary,
            )
        )
    for commons in commons_selectors.geolocated(tag_names):
        features.append(
            _feature(
                commons.longitude,
                commons.latitude,
                commons.name,
                commons.get_absolute_url(),
                str(_("Commun")),
                commons.summary,
            )
        )
    return features


def _feature(longitude, latitude, title, url, label, summary) -> dict:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [longitude, latitude]},
        "properties": {"title": title, "url": url, "label": label, "summary": summary or ""},
    }


def health_context(*, portal=None) -> dict:
    since = timezone.now() - timedelta(days=365)
    if portal is None:
        article_ids = commons_ids = None
    else:
        articles, commons = portal_items(portal)
        article_ids = list(articles.values_list("pk", flat=True))
        commons_ids = list(commons.values_list("pk", flat=True))
    return {
        "health": community_health(since=since, article_ids=article_ids, commons_ids=commons_ids)
    }


# --- Tag pages (/etiquettes/) ----------------------------------------------------------------


@dataclass(frozen=True)
class TagRow:
    """A tag in use, as the A to Z list shows it."""

    name: str
    slug: str
    articles: int
    commons: int
    portals: int
    described: bool


def _sort_key(name: str) -> str:
    """French A to Z: "École" with E, capitals ignored."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _live_portal_tag_names() -> dict[str, int]:
    counts: dict[str, int] = {}
    for portal in live_portals().prefetch_related("tags"):
        for name in portal.tag_names():
            counts[name] = counts.get(name, 0) + 1
    return counts


def tags_in_use() -> list[TagRow]:
    """Every tag visitors can reach: carried by a live article, a published commons or a live
    portal's scope, or described; with its counts, A to Z."""
    from taggit.models import Tag

    from community.tag_descriptions import described_tag_ids

    articles = wiki_selectors.article_tag_counts(Page.objects.live().values("pk"))
    commons = commons_selectors.tag_counts(commons_selectors.published_commons().values("pk"))
    portals = _live_portal_tag_names()
    described = described_tag_ids()
    names = set(articles) | set(commons) | set(portals)
    tags = Tag.objects.filter(Q(name__in=names) | Q(pk__in=described)).values_list(
        "pk", "name", "slug"
    )
    rows = [
        TagRow(
            name=name,
            slug=slug,
            articles=articles.get(name, 0),
            commons=commons.get(name, 0),
            portals=portals.get(name, 0),
            described=pk in described,
        )
        for pk, name, slug in tags
        if slug
    ]
    return sorted(rows, key=lambda row: (_sort_key(row.name), row.name))


def tag_letters(rows: list[TagRow]) -> list[tuple[str, list[TagRow]]]:
    """The A to Z list cut by first letter (digits and signs under "#")."""
    groups: dict[str, list[TagRow]] = {}
    for row in rows:
        first = _sort_key(row.name)[:1].upper()
        groups.setdefault(first if first.isalpha() else "#", []).append(row)
    return sorted(groups.items(), key=lambda item: (item[0] != "#", item[0]))


def find_tag(slug: str):
    from taggit.models import Tag

    if not slug or len(slug) > 100:
        return None
    return Tag.objects.filter(slug=slug).first()


def tag_portals(tag) -> list:
    """Live portals whose scope holds this tag."""
    return list(live_portals().filter(tagged_items__tag=tag).distinct())


def description_html(description) -> str:
    """A description as the wiki renders an article: the site's one sanitising renderer
    (community.text) with the wiki's links, so imported category texts keep their links."""
    if description is None or not description.body:
        return ""
    rendered = wiki_selectors.render_body(description.body)
    return wiki_selectors.resolve_wiki_links(rendered.html)


def tag_page_context(
    *,
    tag,
    articles_page: str | None = None,
    commons_page: str | None = None,
    include_unused: bool = False,
) -> dict | None:
    """What the page of a tag shows (a page of each list, the numbers as the query string
    gives them), or None when visitors may not see it (a tag used only by pending or
    unpublished content, and not described). ``include_unused``: facilitators reach every
    tag's page, to describe it."""
    from community.tag_descriptions import description_of

    description = description_of(tag)
    articles = wiki_selectors.articles_for_tags([tag.name])
    commons = commons_selectors.commons_with_tags([tag.name])
    portals = tag_portals(tag)
    html = description_html(description)
    visible = bool(html) or bool(portals) or articles.exists() or commons.exists()
    if not visible and not include_unused:
        return None
    articles_page = Paginator(articles, PAGE_SIZE).get_page(articles_page)
    commons_page = Paginator(commons, PAGE_SIZE).get_page(commons_page)
    return {
        "tag": tag,
        "description": description,
        "description_html": html,
        "articles_page": articles_page,
        "commons_page": commons_page,
        "article_count": articles_page.paginator.count,
        "commons_count": commons_page.paginator.count,
        "tag_portals": portals,
        "visible_to_visitors": visible,
    }
