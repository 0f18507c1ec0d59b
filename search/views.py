"""Search pages: results, title suggestions (JSON) and the OpenSearch description."""

from __future__ import annotations

import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .selectors import (
    SORT_DATE,
    SORT_RELEVANCE,
    SearchFilters,
    SearchResults,
    search_documents,
    title_suggestions,
)

logger = logging.getLogger(__name__)


def _page_number(raw: str | None) -> int:
    try:
        return max(1, min(int(raw or 1), 10_000))
    except (TypeError, ValueError):
        return 1


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    """``/recherche/?q=&type=&portail=&tag=&commune=&tri=&page=``: never a 500 for a bad query."""
    filters = SearchFilters.from_params(request.GET)
    try:
        results = search_documents(
            text=request.GET.get("q", ""),
            filters=filters,
            sort=request.GET.get("tri", SORT_RELEVANCE),
            page=_page_number(request.GET.get("page")),
        )
        failed = False
    except Exception:
        # A broken or missing index must not take the page down; the header form still works.
        logger.exception("Search failed for %r", request.GET.get("q", "")[:200])
        results = SearchResults(text=request.GET.get("q", "")[:500], searched=True)
        failed = True
    context = {
        "results": results,
        "filters": filters,
        "failed": failed,
        "sort_relevance": SORT_RELEVANCE,
        "sort_date": SORT_DATE,
        "has_filters": bool(filters.active()),
    }
    response = render(request, "search/results.html", context)
    if failed:
        add_never_cache_headers(response)  # kept nowhere: the next visitor gets a new try
    return response


@require_safe
@cache_control(max_age=60, public=True)
def suggestions(request: HttpRequest) -> JsonResponse:
    """Titles for the header autocomplete: ``{"query": ..., "results": [{title, url, ...}]}``.

    With ``?format=opensearch`` the answer follows the OpenSearch suggestions format
    (``[query, [titles], [descriptions], [urls]]``) that browsers use in their address bar.
    """
    text = request.GET.get("q", "")[:100]
    try:
        results = title_suggestions(text=text)
    except Exception:
        logger.exception("Title suggestions failed")
        results = []
    if request.GET.get("format") == "opensearch":
        return JsonResponse(
            [
                text,
                [result["title"] for result in results],
                [result["type_label"] for result in results],
                [request.build_absolute_uri(result["url"]) for result in results],
            ],
            safe=False,
            content_type="application/x-suggestions+json",
        )
    return JsonResponse({"query": text, "results": results})


@require_safe
@cache_control(max_age=86_400, public=True)
def opensearch(request: HttpRequest) -> HttpResponse:
    """OpenSearch description, so browsers can offer Ker as a search engine."""
    context = {
        "site_name": getattr(settings, "WAGTAIL_SITE_NAME", "Ker"),
        "territory": getattr(settings, "KER_TERRITORY_NAME", ""),
        "search_url": request.build_absolute_uri(reverse("search:search")),
        "suggestions_url": request.build_absolute_uri(reverse("search:suggestions")),
        "opensearch_url": request.build_absolute_uri(reverse("search:opensearch")),
        "home_url": request.build_absolute_uri("/"),
    }
    return render(
        request,
        "search/opensearch.xml",
        context,
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
