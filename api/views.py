"""The read API (``/api/v1/``): thin views over the selectors of wiki, commons, portals, search.

Only what a visitor may see: live articles, approved and unhidden revisions, published commons,
public contact details, published grid versions, live portals.
"""

from __future__ import annotations

import datetime
import difflib

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.timezone import make_aware
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.reverse import reverse

from commons import exports as commons_exports
from commons import selectors as commons_selectors
from commons.models import Grid
from community.http import parse_id
from community.registry import themes_for_tags
from portals import selectors as portal_selectors
from search import selectors as search_selectors
from wiki import selectors as wiki_selectors
from wiki.models import ArticlePage

from . import serializers
from .conditional import ConditionalGetMixin
from .pagination import NewestFirstPagination, StableCursorPagination

VISITOR = AnonymousUser()
CONTENT_LICENCE = {
    "name": "CC BY-SA 4.0",
    "url": "https://creativecommons.org/licenses/by-sa/4.0/deed.fr",
}
NOT_FOUND = OpenApiTypes.OBJECT


def base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def parse_moment(raw: str, *, name: str) -> datetime.datetime:
    """ISO 8601 date or date-time (naive means the site's time zone); 400 otherwise."""
    raw = raw.strip()
    moment = None
    try:
        moment = parse_datetime(raw)
        if moment is None:
            day = parse_date(raw)
            if day is not None:
                moment = datetime.datetime.combine(day, datetime.time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise ValidationError({name: _("Date invalide : utilisez le format ISO 8601.")})
    if moment.tzinfo is None:
        moment = make_aware(moment)
    return moment


def parse_bbox(raw: str) -> tuple[float, float, float, float]:
    """``ouest,sud,est,nord`` in decimal degrees (WGS 84), as in GeoJSON and OpenStreetMap."""
    try:
        west, south, east, north = (float(part) for part in raw.split(","))
    except ValueError:
        raise ValidationError(
            {"bbox": _("Indiquez quatre nombres : ouest,sud,est,nord.")}
        ) from None
    values_ok = all(abs(v) <= 180 for v in (west, east)) and all(
        abs(v) <= 90 for v in (south, north)
    )
    if not values_ok or west > east or south > north:
        raise ValidationError({"bbox": _("Boîte invalide : ouest ≤ est, sud ≤ nord, en degrés.")})
    return west, south, east, north


def flag(request, name: str) -> bool:
    return request.query_params.get(name, "").lower() in {"1", "true", "on", "oui"}


class ApiView(ConditionalGetMixin, GenericAPIView):
    """Base of every API view: GET and HEAD only, conditional GET, JSON."""

    http_method_names = ["get", "head", "options"]


# --- Articles --------------------------------------------------------------------------------


def live_articles():
    return ArticlePage.objects.live().specific()


def find_live_article(key: str) -> ArticlePage:
    """A live article by slug, or by its numeric id."""
    page = ArticlePage.objects.live().filter(slug=key).first()
    if page is None and parse_id(key) is not None:
        page = ArticlePage.objects.live().filter(pk=parse_id(key)).first()
    if page is None:
        raise NotFound(_("Aucun article publié ne porte cet identifiant."))
    return page


def article_place(page) -> dict | None:
    if page.latitude is None or page.longitude is None:
        return None
    return {"name": page.place_name, "latitude": page.latitude, "longitude": page.longitude}


def article_summary(page, *, request) -> dict:
    root = base_url(request)
    return {
        "id": page.pk,
        "slug": page.slug,
        "title": page.title,
        "summary": page.summary,
        "tags": [tag.name for tag in page.tags.all()],
        "place": article_place(page),
        "first_published_at": page.first_published_at,
        "last_published_at": page.last_published_at,
        "url": f"{root}/wiki/{page.slug}/",
        "api_url": reverse("api:article-detail", args=[page.slug], request=request),
    }


def portal_links(tag_names, *, request) -> list[dict]:
    slugs = set(themes_for_tags(tag_names))
    root = base_url(request)
    return [
        {"slug": portal.slug, "title": portal.title, "url": f"{root}{portal.url}"}
        for portal in portal_selectors.live_portals()
        if portal.slug in slugs
    ]


def image_info(image, *, request) -> dict | None:
    if image is None:
        return None
    return {
        "url": request.build_absolute_uri(image.file.url),
        "title": image.title,
        "author": image.author,
        "licence": image.licence,
        "source": image.source,
    }


ARTICLE_FILTERS = [
    OpenApiParameter("tag", str, description="Mot-clé (sans tenir compte de la casse)."),
    OpenApiParameter("portal", str, description="Identifiant (slug) d'un portail."),
    OpenApiParameter("bbox", str, description="Lieu dans la boîte ouest,sud,est,nord (WGS 84)."),
    OpenApiParameter("modified_since", str, description="Publiés depuis cette date (ISO 8601)."),
    OpenApiParameter("q", str, description="Mots cherchés dans le titre, le résumé, le texte."),
]


class ArticleListView(ApiView):
    """Live articles, oldest first, with filters."""

    serializer_class = serializers.ArticleSummarySerializer
    pagination_class = StableCursorPagination

    def get_queryset(self):
        request = self.request
        articles = live_articles().prefetch_related("tags")
        params = request.query_params
        tag = params.get("tag", "").strip()[:100]
        if tag:
            articles = articles.filter(pk__in=wiki_selectors.articles_for_tags([tag]).values("pk"))
        portal_slug = params.get("portal", "").strip()[:255]
        if portal_slug:
            portal = portal_selectors.live_portals().filter(slug=portal_slug).first()
            if portal is None:
                raise ValidationError({"portal": _("Portail inconnu.")})
            articles = articles.filter(
                pk__in=wiki_selectors.articles_for_tags(portal.tag_names()).values("pk")
            )
        if params.get("bbox"):
            west, south, east, north = parse_bbox(params["bbox"])
            articles = articles.filter(
                longitude__gte=west,
                longitude__lte=east,
                latitude__gte=south,
                latitude__lte=north,
            )
        if params.get("modified_since"):
            since = parse_moment(params["modified_since"], name="modified_since")
            articles = articles.filter(last_published_at__gte=since)
        for word in params.get("q", "").split()[:10]:
            word = word[:100]
            articles = articles.filter(
                Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word)
            )
        return articles

    @extend_schema(
        parameters=ARTICLE_FILTERS,
        summary="Articles publiés",
        operation_id="articles_list",
        responses=serializers.ArticleSummarySerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        data = [article_summary(article, request=request) for article in page]
        for article in page:
            self.note_modified(article.last_published_at)
        return self.get_paginated_response(self.get_serializer(data, many=True).data)


class ArticleDetailView(ApiView):
    """One live article: its approved text (Markdown and HTML) and everything around it."""

    serializer_class = serializers.ArticleSerializer

    @extend_schema(summary="Un article (par slug ou identifiant numérique)", operation_id="article")
    def get(self, request, key: str):
        page = find_live_article(key)
        root = base_url(request)
        data = article_summary(page, request=request)
        data.update(
            {
                "live_revision_id": page.live_revision_id,
                "markdown": page.body,
                "html": wiki_selectors.article_html(page).html,
                "portals": portal_links(data["tags"], request=request),
                "cover_image": image_info(page.cover_image, request=request),
                "authors": wiki_selectors.article_authors(page),
                "licence": CONTENT_LICENCE,
                "urls": {
                    "html": f"{root}/wiki/{page.slug}/",
                    "source": f"{root}/wiki/{page.slug}/source/",
                    "history": f"{root}/wiki/{page.slug}/historique/",
                    "api": data["api_url"],
                    "revisions": reverse("api:revision-list", args=[page.slug], request=request),
                },
                "backlinks": [
                    {"slug": other.slug, "title": other.title, "url": f"{root}/wiki/{other.slug}/"}
                    for other in wiki_selectors.backlinks(page)
                ],
            }
        )
        self.note_modified(page.last_published_at)
        return Response(self.get_serializer(data).data)


def public_revisions(page):
    """Approved, unhidden revisions: what anyone may read."""
    return wiki_selectors.visible_history(page, VISITOR).filter(hidden=False)


def public_revision(page, revision_id: int):
    revision = wiki_selectors.article_revision(page, revision_id)
    meta = getattr(revision, "wiki_meta", None) if revision else None
    if revision is None or not wiki_selectors.can_view_revision(VISITOR, meta) or meta.hidden:
        raise NotFound(_("Cette version n'existe pas ou n'est pas publique."))
    return revision, meta


def revision_summary(meta, page, *, request) -> dict:
    root = base_url(request)
    return {
        "id": meta.revision_id,
        "created_at": meta.created_at,
        "author": meta.author_name,
        "edit_summary": meta.edit_summary,
        "minor": meta.minor,
        "is_creation": meta.is_creation,
        "is_live": meta.revision_id == page.live_revision_id,
        "size": meta.size,
        "size_delta": meta.size_delta,
        "previous_id": meta.previous_revision_id,
        "url": f"{root}/wiki/{page.slug}/historique/{meta.revision_id}/",
        "api_url": reverse(
            "api:revision-detail", args=[page.slug, meta.revision_id], request=request
        ),
    }


class RevisionListView(ApiView):
    """An article's public history, newest first."""

    serializer_class = serializers.RevisionSerializer
    pagination_class = NewestFirstPagination

    @extend_schema(
        summary="Historique public d'un article",
        operation_id="revisions_list",
        responses=serializers.RevisionSerializer(many=True),
    )
    def get(self, request, key: str):
        page = find_live_article(key)
        metas = self.paginate_queryset(public_revisions(page))
        data = [revision_summary(meta, page, request=request) for meta in metas]
        for meta in metas:
            self.note_modified(meta.created_at)
        return self.get_paginated_response(self.get_serializer(data, many=True).data)


class RevisionDetailView(ApiView):
    """One public revision with its Markdown text."""

    serializer_class = serializers.RevisionDetailSerializer

    @extend_schema(summary="Une version d'un article, avec son texte", operation_id="revision")
    def get(self, request, key: str, revision_id: int):
        from wiki.services import ArticleFields

        page = find_live_article(key)
        revision, meta = public_revision(page, revision_id)
        fields = ArticleFields.from_revision(revision)
        data = revision_summary(meta, page, request=request)
        data.update(
            {
                "title": fields.title,
                "summary": fields.summary,
                "tags": list(fields.tags),
                "markdown": fields.body,
                "source_url": base_url(request)
                + f"/wiki/{page.slug}/source/?revision={meta.revision_id}",
            }
        )
        self.note_modified(meta.created_at)
        return Response(self.get_serializer(data).data)


class DiffView(ApiView):
    """The difference between two public revisions, as a unified diff of their Markdown."""

    serializer_class = serializers.DiffSerializer

    @extend_schema(summary="Différence entre deux versions (diff unifié)", operation_id="diff")
    def get(self, request, key: str, from_id: int, to_id: int):
        from wiki.services import ArticleFields

        page = find_live_article(key)
        old, old_meta = public_revision(page, from_id)
        new, new_meta = public_revision(page, to_id)
        old_text = ArticleFields.from_revision(old).body
        new_text = ArticleFields.from_revision(new).body
        lines = difflib.unified_diff(
            old_text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=f"{page.slug}@{from_id}",
            tofile=f"{page.slug}@{to_id}",
        )
        data = {
            "article": page.slug,
            "from_id": from_id,
            "to_id": to_id,
            "unified_diff": "".join(
                line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                for line in lines
            ),
            "url": base_url(request) + f"/wiki/{page.slug}/diff/{from_id}/{to_id}/",
        }
        self.note_modified(old_meta.created_at, new_meta.created_at)
        return Response(self.get_serializer(data).data)


class RecentChangesView(ApiView):
    """Approved edits of every article, newest first (pending and hidden ones never)."""

    serializer_class = serializers.RecentChangeSerializer
    pagination_class = NewestFirstPagination

    def get_queryset(self):
        params = self.request.query_params
        changes = wiki_selectors.recent_changes(
            hide_minor=flag(self.request, "hide_minor"),
            new_pages_only=flag(self.request, "new_pages"),
            include_pending=False,
        ).filter(hidden=False, page__live=True)
        if params.get("since"):
            changes = changes.filter(created_at__gte=parse_moment(params["since"], name="since"))
        return changes

    @extend_schema(
        summary="Modifications récentes",
        operation_id="recent_changes",
        responses=serializers.RecentChangeSerializer(many=True),
        parameters=[
            OpenApiParameter("hide_minor", bool, description="Masquer les modifications mineures."),
            OpenApiParameter("new_pages", bool, description="Seulement les créations d'articles."),
            OpenApiParameter("since", str, description="Depuis cette date (ISO 8601)."),
        ],
    )
    def get(self, request):
        metas = self.paginate_queryset(self.get_queryset())
        root = base_url(request)
        data = []
        for meta in metas:
            page = meta.page
            if meta.previous_revision_id:
                url = (
                    f"{root}/wiki/{page.slug}/diff/{meta.previous_revision_id}/{meta.revision_id}/"
                )
            else:
                url = f"{root}/wiki/{page.slug}/historique/{meta.revision_id}/"
            data.append(
                {
                    "revision_id": meta.revision_id,
                    "article": {
                        "slug": page.slug,
                        "title": page.title,
                        "url": f"{root}/wiki/{page.slug}/",
                    },
                    "created_at": meta.created_at,
                    "author": meta.author_name,
                    "edit_summary": meta.edit_summary,
                    "minor": meta.minor,
                    "is_creation": meta.is_creation,
                    "size_delta": meta.size_delta,
                    "url": url,
                }
            )
            self.note_modified(meta.created_at)
        return self.get_paginated_response(self.get_serializer(data, many=True).data)


# --- Commons ---------------------------------------------------------------------------------


def commons_urls(commons, *, request) -> dict:
    return {
        "numeric_id": commons.pk,
        "api_url": reverse("api:commons-detail", args=[commons.slug], request=request),
    }


COMMONS_FILTERS = [
    OpenApiParameter("q", str, description="Mots cherchés (nom, résumé, description…)."),
    OpenApiParameter("tag", str, description="Étiquette (son slug)."),
    OpenApiParameter("commune", str, description="Commune."),
    OpenApiParameter("need", str, description="Usage (son slug)."),
    OpenApiParameter("stage", str, description="Étape : idea, starting, active, paused, ended."),
    OpenApiParameter("criterion", str, description="Critère de la grille (sa clé)…"),
    OpenApiParameter("level", str, description="…et le niveau atteint au moins (sa clé)."),
    OpenApiParameter("modified_since", str, description="Mis à jour depuis (ISO 8601)."),
]


class CommonsListView(ApiView):
    """Published commons with the directory's filters (grid levels included)."""

    serializer_class = serializers.CommonsSummarySerializer
    pagination_class = StableCursorPagination

    def get_queryset(self):
        params = self.request.query_params

        def value(name):
            return params.get(name, "").strip()[:200]

        filters = commons_selectors.DirectoryFilters(
            text=value("q"),
            tag=value("tag"),
            commune=value("commune"),
            need=value("need"),
            stage=value("stage"),
            criterion=value("criterion"),
            level=value("level"),
        )
        commons = commons_selectors.directory(filters)
        if params.get("modified_since"):
            since = parse_moment(params["modified_since"], name="modified_since")
            commons = commons.filter(updated_at__gte=since)
        return commons

    @extend_schema(
        summary="Communs publiés",
        parameters=COMMONS_FILTERS,
        operation_id="commons_list",
        responses=serializers.CommonsSummarySerializer(many=True),
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        root = base_url(request)
        data = []
        for commons in page:
            data.append(
                {
                    **commons_urls(commons, request=request),
                    "id": commons.slug,
                    "name": commons.name,
                    "summary": commons.summary,
                    "commune": commons.commune,
                    "latitude": commons.latitude,
                    "longitude": commons.longitude,
                    "tags": commons.tag_names(),
                    "stage": commons.stage,
                    "updated_at": commons.updated_at,
                    "url": f"{root}{commons.get_absolute_url()}",
                }
            )
            self.note_modified(commons.updated_at)
        return self.get_paginated_response(self.get_serializer(data, many=True).data)


def find_published_commons(key: str):
    published = commons_selectors.published_commons()
    commons = published.filter(slug=key).first()
    if commons is None and parse_id(key) is not None:
        commons = published.filter(pk=parse_id(key)).first()
    if commons is None:
        raise NotFound(_("Aucun commun publié ne porte cet identifiant."))
    return commons


class CommonsDetailView(ApiView):
    """Every public field of a published commons, its grid assessment, articles and portals."""

    serializer_class = serializers.CommonsSerializer

    @extend_schema(
        summary="Un commun (par identifiant stable ou numérique)", operation_id="commons"
    )
    def get(self, request, key: str):
        commons = find_published_commons(key)
        data = commons_exports.public_record(commons, base_url=base_url(request))
        data.update(commons_urls(commons, request=request))
        self.note_modified(commons.updated_at)
        return Response(self.get_serializer(data).data)


# --- Grid, portals, search -------------------------------------------------------------------


def grid_data(grid, *, current, request) -> dict:
    return {
        "slug": grid.slug,
        "version": grid.version,
        "title": grid.title,
        "intro": grid.intro,
        "published_at": grid.published_at,
        "is_current": current is not None and grid.pk == current.pk,
        "criteria": [
            {"key": c.key, "label": c.label, "question": c.question, "help": c.help}
            for c in grid.criteria.all()
        ],
        "levels": [
            {"key": level.key, "label": level.label, "value": level.value, "counts": level.counts}
            for level in grid.levels.all()
        ],
        "api_url": reverse("api:grid-detail", args=[grid.version], request=request),
    }


class GridListView(ApiView):
    """Every published version of the evaluation grid, newest first."""

    serializer_class = serializers.GridSerializer

    @extend_schema(
        summary="Versions publiées de la grille d'évaluation",
        operation_id="grid_list",
        responses=serializers.GridSerializer(many=True),
    )
    def get(self, request):
        current = commons_selectors.current_grid()
        grids = Grid.objects.published().order_by("-version").prefetch_related("criteria", "levels")
        data = [grid_data(grid, current=current, request=request) for grid in grids]
        for grid in grids:
            self.note_modified(grid.published_at)
        return Response(self.get_serializer(data, many=True).data)


class GridDetailView(ApiView):
    serializer_class = serializers.GridSerializer

    @extend_schema(summary="Une version de la grille", operation_id="grid")
    def get(self, request, version: int):
        current = commons_selectors.current_grid()
        slug = current.slug if current else "grille"
        grid = Grid.objects.published().filter(slug=slug, version=version).first()
        if grid is None:
            raise NotFound(_("Cette version de la grille n'existe pas."))
        self.note_modified(grid.published_at)
        return Response(self.get_serializer(grid_data(grid, current=current, request=request)).data)


def portal_summary(portal, *, request) -> dict:
    return {
        "id": portal.pk,
        "slug": portal.slug,
        "title": portal.title,
        "introduction": portal.introduction,
        "tags": portal.tag_names(),
        "url": request.build_absolute_uri(portal.url),
        "api_url": reverse("api:portal-detail", args=[portal.slug], request=request),
    }


def article_item(page, *, request) -> dict:
    return {
        "id": page.slug,
        "title": page.title,
        "summary": page.summary,
        "url": base_url(request) + f"/wiki/{page.slug}/",
        "api_url": reverse("api:article-detail", args=[page.slug], request=request),
    }


def commons_item(commons, *, request) -> dict:
    return {
        "id": commons.slug,
        "title": commons.name,
        "summary": commons.summary,
        "url": base_url(request) + commons.get_absolute_url(),
        "api_url": reverse("api:commons-detail", args=[commons.slug], request=request),
    }


class PortalListView(ApiView):
    serializer_class = serializers.PortalSummarySerializer

    @extend_schema(
        summary="Portails thématiques",
        operation_id="portals_list",
        responses=serializers.PortalSummarySerializer(many=True),
    )
    def get(self, request):
        portals = list(portal_selectors.live_portals())
        for portal in portals:
            self.note_modified(portal.last_published_at)
        data = [portal_summary(portal, request=request) for portal in portals]
        return Response(self.get_serializer(data, many=True).data)


class PortalDetailView(ApiView):
    """A portal with its picks and everything it gathers (articles and commons)."""

    serializer_class = serializers.PortalSerializer

    @extend_schema(summary="Un portail et son contenu", operation_id="portal")
    def get(self, request, slug: str):
        portal = portal_selectors.live_portals().filter(slug=slug).first()
        if portal is None:
            raise NotFound(_("Ce portail n'existe pas."))
        articles, commons = portal_selectors.portal_items(portal)
        picks = portal_selectors.featured(portal)
        data = portal_summary(portal, request=request)
        data.update(
            {
                "featured_articles": [
                    article_item(a, request=request) for a in picks["featured_articles"]
                ],
                "featured_commons": [
                    commons_item(c, request=request) for c in picks["featured_commons"]
                ],
                "articles": [article_item(a, request=request) for a in articles],
                "commons": [commons_item(c, request=request) for c in commons],
            }
        )
        self.note_modified(portal.last_published_at)
        return Response(self.get_serializer(data).data)


class SearchView(ApiView):
    """The site's search: same engine, same facets, as JSON (numbered pages)."""

    serializer_class = serializers.SearchSerializer

    @extend_schema(
        summary="Recherche",
        operation_id="search",
        parameters=[
            OpenApiParameter("q", str, description="Texte cherché."),
            OpenApiParameter("type", str, description="Type : article, commun…"),
            OpenApiParameter("portail", str, description="Portail (slug)."),
            OpenApiParameter("tag", str, description="Mot-clé."),
            OpenApiParameter("commune", str, description="Commune."),
            OpenApiParameter("tri", str, enum=list(search_selectors.SORTS)),
            OpenApiParameter("page", int, description="Numéro de page (à partir de 1)."),
        ],
    )
    def get(self, request):
        params = request.query_params
        try:
            page_number = max(1, min(int(params.get("page") or 1), 10_000))
        except ValueError:
            raise ValidationError({"page": _("Numéro de page invalide.")}) from None
        sort = params.get("tri", search_selectors.SORT_RELEVANCE)
        if sort not in search_selectors.SORTS:
            sort = search_selectors.SORT_RELEVANCE
        results = search_selectors.search_documents(
            text=params.get("q", "")[:500],
            filters=search_selectors.SearchFilters.from_params(params),
            sort=sort,
            page=page_number,
        )

        def page_link(number):
            query = params.copy()
            query["page"] = str(number)
            return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

        data = {
            "query": results.text,
            "total": results.total,
            "page": results.page,
            "page_count": results.page_count,
            "suggestion": results.suggestion,
            "approximate": results.approximate,
            "next": page_link(results.page + 1) if results.has_next else None,
            "previous": page_link(results.page - 1) if results.has_previous else None,
            "results": [
                {
                    "type": hit.type,
                    "type_label": str(hit.type_label),
                    "title": hit.title,
                    "url": request.build_absolute_uri(hit.url),
                    "snippet_html": str(hit.snippet),
                    "commune": hit.commune,
                    "tags": hit.tags,
                    "updated": hit.updated,
                }
                for hit in results.hits
            ],
            "facets": [
                {
                    "field": facet.field,
                    "parameter": facet.parameter,
                    "title": str(facet.title),
                    "values": [
                        {
                            "value": value.value,
                            "label": str(value.label),
                            "count": value.count,
                            "active": value.active,
                        }
                        for value in facet.values
                    ],
                }
                for facet in results.facets
            ],
        }
        return Response(self.get_serializer(data).data)


class RootView(ApiView):
    """Where everything is."""

    @extend_schema(
        summary="Ressources de l'API",
        operation_id="root",
        responses=inline_serializer(
            "ApiRoot",
            {
                name: drf_serializers.URLField()
                for name in (
                    "articles",
                    "commons",
                    "grid",
                    "portals",
                    "recent_changes",
                    "search",
                    "schema",
                    "documentation",
                )
            },
        ),
    )
    def get(self, request):
        def link(name):
            return reverse(f"api:{name}", request=request)

        return Response(
            {
                "articles": link("article-list"),
                "commons": link("commons-list"),
                "grid": link("grid-list"),
                "portals": link("portal-list"),
                "recent_changes": link("recent-changes"),
                "search": link("search"),
                "schema": link("schema"),
                "documentation": link("docs"),
            }
        )


def not_found_view(request, *args, **kwargs):
    """Any other address under /api/: a JSON 404, like the API's own."""
    from django.http import JsonResponse

    response = JsonResponse({"detail": _("Cette adresse n'existe pas dans l'API.")}, status=404)
    response["Access-Control-Allow-Origin"] = "*"
    return response
