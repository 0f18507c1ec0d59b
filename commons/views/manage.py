"""Owners' and facilitators' pages: assessment, co-owners, images, suggestions, moderation."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import policy
from community.http import parse_id
from community.policy import Decision
from community.shortcuts import add_validation_errors

from .. import permissions, selectors, services
from ..forms import AssessmentForm, ImageForm, OwnerForm, ReasonForm
from ..history import diff_values, merge_rows
from ..models import SuggestedChange, SuggestionStatus
from ..services.suggestions import choices_from, suggestion_merge
from .common import refuse, visible_commons


@require_http_methods(["GET", "POST"])
def assessment_view(request, slug: str):
    commons = visible_commons(request, slug)
    decision = permissions.can_assess(request.user, commons)
    if not decision:
        return refuse(request, decision, commons=commons)
    grid = selectors.current_grid()
    if grid is None:
        messages.error(request, _("Aucune grille d'évaluation n'est publiée."))
        return redirect(commons.get_absolute_url())
    initial = {}
    existing = commons.assessments.filter(grid=grid).first()
    if existing is None:
        # Answering a new grid version starts from the previous answers of the same criteria.
        existing = selectors.latest_assessment(commons)
    if existing is not None:
        for answer in existing.answers.select_related("criterion", "level"):
            key = answer.criterion.key
            initial[f"text_{key}"] = answer.text
            # Level keys are stable across versions; an unknown key is simply not preselected.
            if answer.level and grid.levels.filter(key=answer.level.key).exists():
                initial[f"level_{key}"] = answer.level.key
    form = AssessmentForm(request.POST or None, grid=grid, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.assessment_save(
                commons=commons,
                user=request.user,
                answers=form.answers(),
                comment=form.cleaned_data.get("comment", ""),
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        except PermissionDenied as error:
            return refuse(request, Decision(False, str(error)), commons=commons)
        else:
            messages.success(request, _("Auto-évaluation enregistrée."))
            return redirect(f"{commons.get_absolute_url()}#profil")
    return render(
        request, "commons/assessment.html", {"commons": commons, "form": form, "grid": grid}
    )


@require_http_methods(["GET", "POST"])
def owners_view(request, slug: str):
    commons = visible_commons(request, slug)
    decision = permissions.can_manage(request.user, commons)
    if not decision:
        return refuse(request, decision, commons=commons)
    form = OwnerForm(request.POST if "username" in request.POST else None)
    if request.method == "POST":
        try:
            if "remove" in request.POST:
                owner_id = parse_id(request.POST.get("remove", ""))
                owner = (
                    get_user_model().objects.filter(pk=owner_id).first()
                    if owner_id is not None
                    else None
                )
                if owner is not None:
                    services.commons_owner_remove(commons=commons, user=request.user, owner=owner)
                    messages.success(request, _("Porteur retiré."))
                if owner == request.user and not permissions.is_owner(request.user, commons):
                    return redirect(commons.get_absolute_url())
                return redirect("commons:owners", slug=commons.slug)
            if form.is_valid():
                services.commons_owner_add(
                    commons=commons, user=request.user, username=form.cleaned_data["username"]
                )
                messages.success(request, _("Porteur ajouté."))
                return redirect("commons:owners", slug=commons.slug)
        except ValidationError as error:
            if form.is_bound:
                add_validation_errors(form, error)
            else:
                messages.error(request, " ".join(error.messages))
        except PermissionDenied as error:
            return refuse(request, Decision(False, str(error)), commons=commons)
    ownerships = list(commons.ownerships.select_related("user").order_by("added_at"))
    for ownership in ownerships:
        ownership.can_remove = len(ownerships) > 1 and bool(
            permissions.can_remove_owner(request.user, commons, ownership.user)
        )
    can_add = permissions.can_add_owner(request.user, commons)
    return render(
        request,
        "commons/commons_owners.html",
        {
            "commons": commons,
            "form": form,
            "ownerships": ownerships,
            "can_add": bool(can_add),
            "add_refusal": can_add.reason,
        },
    )


@require_http_methods(["GET", "POST"])
def images_view(request, slug: str):
    commons = visible_commons(request, slug)
    decision = permissions.can_manage(request.user, commons)
    if not decision:
        return refuse(request, decision, commons=commons)
    form = ImageForm(request.POST if "image_title" in request.POST else None, request.FILES or None)
    if request.method == "POST":
        if "remove" in request.POST:
            link_id = parse_id(request.POST.get("remove", "")) or 0
            try:
                services.commons_image_remove(
                    commons=commons, user=request.user, image_link_id=link_id
                )
            except PermissionDenied as error:
                return refuse(request, Decision(False, str(error)), commons=commons)
            messages.success(request, _("Image retirée."))
            return redirect("commons:images", slug=commons.slug)
        if form.is_valid():
            data = form.cleaned_data
            try:
                link = services.commons_image_add(
                    commons=commons,
                    user=request.user,
                    file=data["image_file"],
                    title=data["image_title"],
                    author=data["image_author"],
                    licence=data["image_licence"],
                    caption=data["caption"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                if link.status == SuggestionStatus.PENDING:
                    messages.info(
                        request,
                        _("Image enregistrée : elle sera visible de tous après relecture."),
                    )
                else:
                    messages.success(request, _("Image ajoutée."))
                return redirect("commons:images", slug=commons.slug)
    images = [
        link
        for link in commons.images.exclude(status=SuggestionStatus.REJECTED).select_related("image")
        if permissions.can_see_image(request.user, link)
    ]
    can_remove_any = permissions.edit_applies_directly(request.user, commons)
    for link in images:
        link.can_remove = can_remove_any or (
            link.status == SuggestionStatus.PENDING and link.added_by_id == request.user.pk
        )
    return render(
        request, "commons/commons_images.html", {"commons": commons, "form": form, "images": images}
    )


@require_http_methods(["GET", "POST"])
def suggestions_view(request, slug: str):
    """Pending suggestions with their diff; owners and facilitators accept or refuse them."""
    commons = visible_commons(request, slug)
    if not request.user.is_authenticated:
        return refuse(request, Decision(False, _("Connectez-vous pour voir les propositions.")))
    if request.method == "POST":
        form = ReasonForm(request.POST)
        suggestion_id = parse_id(request.POST.get("suggestion", ""))
        suggestion = (
            SuggestedChange.objects.filter(commons=commons, pk=suggestion_id).first()
            if suggestion_id is not None
            else None
        )
        if suggestion is None or not form.is_valid():
            messages.error(request, _("Proposition introuvable."))
            return redirect("commons:suggestions", slug=commons.slug)
        reason = form.cleaned_data["reason"]
        try:
            if request.POST.get("decision") == "accepter":
                services.suggestion_approve(
                    suggestion=suggestion,
                    user=request.user,
                    reason=reason,
                    choices=choices_from(request.POST),
                )
                messages.success(request, _("Proposition acceptée et appliquée."))
            else:
                services.suggestion_reject(suggestion=suggestion, user=request.user, reason=reason)
                messages.success(request, _("Proposition refusée."))
        except PermissionDenied as error:
            return refuse(request, Decision(False, str(error)), commons=commons)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect("commons:suggestions", slug=commons.slug)
    show_private = permissions.can_see_contact(request.user, commons)
    suggestions = selectors.pending_suggestions(commons)
    if not (policy.can_see_pending(request.user) or permissions.is_owner(request.user, commons)):
        # Pending text is for the owners, facilitators and its author only.
        suggestions = suggestions.filter(author=request.user)
    items = [
        {
            "suggestion": suggestion,
            "rows": diff_values(suggestion.previous, suggestion.changes, show_private=show_private),
            "merge_rows": merge_rows(suggestion_merge(suggestion), show_private=show_private),
            "can_review": bool(permissions.can_review_suggestion(request.user, suggestion)),
        }
        for suggestion in suggestions
    ]
    return render(request, "commons/suggested_change.html", {"commons": commons, "items": items})


@require_POST
def moderate_view(request, slug: str):
    """Facilitators publish, refuse or unpublish from the record itself (same services)."""
    commons = visible_commons(request, slug)
    decision = policy.can_moderate(request.user)
    if not decision:
        return refuse(request, decision, commons=commons)
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    actions = {
        "publier": (services.commons_publish, _("Commun publié.")),
        "refuser": (services.commons_reject, _("Déclaration refusée.")),
        "depublier": (services.commons_unpublish, _("Commun dépublié.")),
    }
    action = actions.get(request.POST.get("action", ""))
    if action is None:
        messages.error(request, _("Action inconnue."))
        return redirect(commons.get_absolute_url())
    try:
        action[0](commons=commons, user=request.user, reason=reason)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, action[1])
    return redirect(commons.get_absolute_url())
