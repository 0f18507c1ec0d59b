"""Portal views outside the page tree: the map's GeoJSON and the community-health pages."""

from django.conf import settings
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from .models import PortalPage
from .selectors import health_context, map_features


def _portal_or_404(slug: str) -> PortalPage:
    portal = PortalPage.objects.live().filter(slug=slug).first()
    if portal is None:
        raise Http404
    return portal


@require_safe
def map_geojson_view(request):
    slug = request.GET.get("portail", "")
    portal = _portal_or_404(slug) if slug else None
    response = JsonResponse(
        {
            "type": "FeatureCollection",
            "licence": settings.KER_CONTENT_LICENCE,
            "features": map_features(portal=portal),
        }
    )
    response["Content-Type"] = "application/geo+json"
    return response


@require_safe
def health_view(request, slug: str | None = None):
    portal = _portal_or_404(slug) if slug else None
    context = {
        "portal": portal,
        "core_min": settings.KER_HEALTH_CORE_MIN_EDITS,
        "active_min": settings.KER_HEALTH_ACTIVE_MIN_EDITS,
        **health_context(portal=portal),
    }
    return render(request, "portals/health.html", context)
