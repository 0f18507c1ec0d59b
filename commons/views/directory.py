"""Directory, map and open-data exports: reads of published commons only."""

from __future__ import annotations

import json

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.http import urlencode
from django.views.decorators.http import require_safe

from .. import exports, selectors
from ..forms import DirectoryFilterForm

DEFAULT_TILE_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">contributeurs OpenStreetMap</a>'
)
PAGE_SIZE = 20


def _filters_from(request) -> tuple[DirectoryFilterForm, selectors.DirectoryFilters]:
    grid = selectors.current_grid()
    form = DirectoryFilterForm(
        request.GET or None,
        tags=selectors.tags_in_use(),
        communes=selectors.communes(),
        needs=selectors.needs_in_use(),
        grid=grid,
    )
    filters = selectors.DirectoryFilters(
        text=form.value("q"),
        tag=form.value("etiquette"),
        commune=form.value("commune"),
        need=form.value("usage"),
        stage=form.value("etape"),
        criterion=form.value("critere"),
        level=form.value("niveau"),
        sort=form.sort(),
    )
    return form, filters


@require_safe
def directory_view(request):
    form, filters = _filters_from(request)
    paginator = Paginator(selectors.directory(filters), PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    query = [(key, value) for key, value in request.GET.items() if key != "page" and value]
    return render(
        request,
        "commons/commons_index.html",
        {
            "form": form,
            "page_obj": page_obj,
            "query_string": urlencode(query),
            "total": paginator.count,
        },
    )


def map_settings() -> dict:
    return {
        "tileUrl": getattr(settings, "KER_MAP_TILE_URL", DEFAULT_TILE_URL),
        "attribution": getattr(settings, "KER_MAP_ATTRIBUTION", DEFAULT_ATTRIBUTION),
        "center": list(getattr(settings, "KER_MAP_CENTER", (48.38, -4.49))),
        "zoom": getattr(settings, "KER_MAP_ZOOM", 12),
    }


@require_safe
def map_view(request):
    """The map with the directory's filters; the located records are also listed as HTML.

    ``?centre=<slug>`` (the record's "voir la carte" link) centres the map on that record.
    """
    form, filters = _filters_from(request)
    query = urlencode(
        [(key, value) for key, value in request.GET.items() if value and key != "centre"]
    )
    located = selectors.directory(filters).filter(latitude__isnull=False, longitude__isnull=False)
    settings_ = map_settings()
    slug = request.GET.get("centre", "")[:200].replace("\x00", "")
    centre = selectors.published_commons().filter(slug=slug).first() if slug else None
    if centre is not None and centre.has_location:
        settings_.update(center=[centre.latitude, centre.longitude], zoom=16, fit=False)
    else:
        centre = None
    return render(
        request,
        "commons/commons_map.html",
        {
            "form": form,
            "map_settings": settings_,
            "query_string": query,
            "located": located,
            "centre": centre,
        },
    )


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def map_geojson_view(request):
    """The map's data: the directory's filters apply, only located records."""
    _form, filters = _filters_from(request)
    data = exports.to_geojson(
        selectors.directory(filters), base_url=_base_url(request), located_only=True
    )
    return JsonResponse(data)


def _licence_link() -> str:
    return f'<{exports.LICENCE_URL}>; rel="license"'


def _download(content: str, *, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Link"] = _licence_link()
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def export_csv_view(request):
    content = exports.to_csv(selectors.published_commons(), base_url=_base_url(request))
    return _download(content, filename="communs.csv", content_type="text/csv; charset=utf-8")


@require_safe
def export_json_view(request):
    data = exports.to_json(selectors.published_commons(), base_url=_base_url(request))
    return _download(
        json.dumps(data, ensure_ascii=False, indent=1),
        filename="communs.json",
        content_type="application/json",
    )


@require_safe
def export_geojson_view(request):
    data = exports.to_geojson(selectors.published_commons(), base_url=_base_url(request))
    return _download(
        json.dumps(data, ensure_ascii=False, indent=1),
        filename="communs.geojson",
        content_type="application/geo+json",
    )


@require_safe
def datapackage_view(request):
    """``/communs/datapackage.json``: the CSV export described as a Frictionless Data Package."""
    base_url = _base_url(request)
    data = exports.datapackage(base_url=base_url, csv_url=f"{base_url}/communs/export.csv")
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
    response["Access-Control-Allow-Origin"] = "*"
    return response
