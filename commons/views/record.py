"""The record: declaring it, reading it, completing it section by section."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from community import policy
from community.shortcuts import add_validation_errors

from .. import permissions, selectors
from ..forms import DeclareForm, SectionForm, initial_for_section
from ..models import Stage
from ..profile import build_profile
from ..services import (
    SECTIONS,
    SECTIONS_BY_KEY,
    DuplicatesFound,
    commons_declare,
    commons_update,
    current_values,
)
from ..services.fields import PRIVATE_SECTIONS
from .common import refuse, visible_commons
from .directory import map_settings


@require_http_methods(["GET", "POST"])
def declare_view(request):
    decision = policy.can_declare(request.user)
    if not decision:
        return refuse(request, decision)
    form = DeclareForm(request.POST or None)
    duplicates = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            commons = commons_declare(
                user=request.user,
                name=data["name"],
                summary=data["summary"],
                website=data["website"],
                commune=data["commune"],
                latitude=data["latitude"] or None,
                longitude=data["longitude"] or None,
                duplicates_confirmed=data["duplicates_confirmed"],
            )
        except DuplicatesFound as found:
            duplicates = found.duplicates
        except ValidationError as error:
            add_validation_errors(form, error)
        except PermissionDenied as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "Votre commun est enregistré. Complétez-le section par section ; "
                    "il sera visible de tous après relecture par un animateur."
                )
                if commons.status != "published"
                else _("Votre commun est enregistré et publié."),
            )
            return redirect(commons.get_absolute_url())
    return render(request, "commons/declare.html", {"form": form, "duplicates": duplicates})


def _section_states(commons, values: dict, *, show_private: bool):
    """Each section with whether it is filled: "what remains to fill" on the record."""
    states = []
    for section in SECTIONS:
        if section.key in PRIVATE_SECTIONS and not show_private:
            continue
        filled = any(
            values.get(name) not in (None, "", [], False)
            for name in section.fields
            if name != "contact_public"
        )
        states.append({"section": section, "filled": filled})
    return states


def jsonld_for(commons, *, base_url: str) -> dict:
    """schema.org description of the record (embedded with JSON escaping, see the template).

    A ``Project`` (an Organization for a shared aim): its place is a ``location`` Place with
    address and ``geo``; empty values are left out rather than written as "".
    """
    url = f"{base_url}{commons.get_absolute_url()}"
    address = {
        "@type": "PostalAddress",
        "streetAddress": commons.street_address,
        "postalCode": commons.postal_code,
        "addressLocality": commons.commune,
        "addressCountry": "FR",
    }
    location = {"@type": "Place", "name": commons.commune}
    if commons.commune or commons.street_address:
        location["address"] = address
    if commons.has_location:
        location["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": commons.latitude,
            "longitude": commons.longitude,
        }
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "@id": f"{url}#commun",
        "url": url,
        "name": commons.name,
        "description": commons.summary,
        "sameAs": commons.website,
        "foundingDate": commons.start_date.isoformat() if commons.start_date else "",
        "keywords": commons.tags_text,
        "location": location if len(location) > 2 or location["name"] else None,
    }
    return _compact(data)


def _compact(value):
    if isinstance(value, dict):
        cleaned = {key: _compact(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in ("", None, {}, [])}
    return value


def detail_view(request, slug: str):
    commons = visible_commons(request, slug)
    user = request.user
    show_private = permissions.can_see_contact(user, commons)
    can_manage = bool(permissions.can_manage(user, commons))
    values = current_values(commons)
    assessment = selectors.latest_assessment(commons)
    grid = selectors.current_grid()
    context = {
        "commons": commons,
        "profile": build_profile(assessment=assessment, grid=grid),
        "newer_grid": grid if assessment and grid and assessment.grid_id != grid.pk else None,
        "show_contact": show_private,
        "is_owner": permissions.is_owner(user, commons),
        "can_manage": can_manage,
        "can_change": bool(permissions.can_change(user, commons)) and user.is_authenticated,
        "edits_apply": permissions.edit_applies_directly(user, commons),
        "can_assess": bool(permissions.can_assess(user, commons)),
        "can_moderate": bool(policy.can_moderate(user)),
        "sections": _section_states(commons, values, show_private=show_private or can_manage),
        "tags": list(commons.tags.order_by("name")),
        "needs": list(commons.needs.all()),
        "related_articles": [
            {"title": title, "slug": slugify(title)} for title in commons.related_article_titles()
        ],
        "images": list(commons.images.approved().select_related("image")),
        "owners": list(commons.owners.order_by("username")),
        "pending_suggestions": selectors.pending_suggestions(commons).count(),
        "stage_label": dict(Stage.choices).get(commons.stage, ""),
        "jsonld": (
            jsonld_for(commons, base_url=request.build_absolute_uri("/").rstrip("/"))
            if commons.is_published
            else None
        ),
    }
    return render(request, "commons/commons.html", context)


@require_http_methods(["GET", "POST"])
def edit_section_view(request, slug: str, section: str):
    commons = visible_commons(request, slug)
    if section not in SECTIONS_BY_KEY:
        raise Http404(_("Cette section n'existe pas."))
    if section in PRIVATE_SECTIONS:
        decision = permissions.can_manage(request.user, commons)
    else:
        decision = permissions.can_change(request.user, commons)
    if not decision:
        return refuse(request, decision, commons=commons)
    section_obj = SECTIONS_BY_KEY[section]
    initial = initial_for_section(current_values(commons, section_obj.fields))
    form = SectionForm(request.POST or None, section_key=section, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            result = commons_update(
                commons=commons,
                user=request.user,
                changes=form.changes(),
                comment=form.cleaned_data.get("comment", ""),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        except PermissionDenied as error:
            return refuse(request, policy.Decision(False, str(error)), commons=commons)
        else:
            if result.applied:
                messages.success(request, _("Modification enregistrée."))
            elif result.suggestion is not None:
                messages.info(
                    request,
                    _(
                        "Votre proposition est enregistrée : elle sera appliquée après "
                        "l'accord d'un porteur du commun ou d'un animateur."
                    ),
                )
            else:
                messages.info(request, _("Aucune modification : rien n'a changé."))
            return redirect(commons.get_absolute_url())
    context = {
        "commons": commons,
        "form": form,
        "section": section_obj,
        "edits_apply": permissions.edit_applies_directly(request.user, commons),
        "uses_map": section == "lieu",
        "map_settings": map_settings(),
    }
    return render(request, "commons/commons_edit.html", context)
