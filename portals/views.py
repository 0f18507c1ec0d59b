"""Portal views outside the page tree: the map's GeoJSON, the community-health pages and
the tag pages (/etiquettes/)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from community import policy
from community.shortcuts import add_validation_errors, refuse_unless
from community.tag_descriptions import description_of, tag_description_save

from .forms import TagDescriptionForm
from .models import PortalPage
from .selectors import (
    find_tag,
    health_context,
    map_features,
    tag_letters,
    tag_page_context,
    tags_in_use,
)


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


@require_safe
def tag_index_view(request):
    """/etiquettes/: every tag in use, A to Z, with its counts."""
    rows = tags_in_use()
    return render(
        request, "portals/tag_index.html", {"letters": tag_letters(rows), "tag_count": len(rows)}
    )


@require_safe
def tag_view(request, slug: str):
    """/etiquettes/<slug>/: the description, then what carries the tag (as a MediaWiki
    category page)."""
    tag = find_tag(slug)
    if tag is None:
        raise Http404
    is_facilitator = bool(policy.can_moderate(request.user))
    context = tag_page_context(
        tag=tag,
        articles_page=request.GET.get("articles"),
        commons_page=request.GET.get("communs"),
        include_unused=is_facilitator,
    )
    if context is None:
        raise Http404
    context["can_edit_description"] = is_facilitator
    return render(request, "portals/tag_page.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def tag_description_edit_view(request, slug: str):
    """/etiquettes/<slug>/modifier/: facilitators write the tag's description."""
    refusal = refuse_unless(request, policy.can_moderate(request.user))
    if refusal is not None:
        return refusal
    tag = find_tag(slug)
    if tag is None:
        raise Http404
    description = description_of(tag)
    if request.method == "POST":
        form = TagDescriptionForm(request.POST)
        if form.is_valid():
            try:
                tag_description_save(
                    user=request.user,
                    tag=tag,
                    body=form.cleaned_data["body"],
                    comment=form.cleaned_data["comment"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("La description de l'étiquette est enregistrée."))
                return redirect("portals:tag", slug=tag.slug)
    else:
        form = TagDescriptionForm(initial={"body": description.body if description else ""})
    return render(
        request,
        "portals/tag_description_form.html",
        {"tag": tag, "form": form, "description": description},
    )
