"""Front-end tools of facilitators: patrol, rollback, hide, protect, clean up after someone."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community.http import safe_next_url
from community.shortcuts import add_validation_errors

from ..forms import ProtectForm
from ..services import (
    article_protect,
    article_rollback,
    revision_hide,
    revision_patrol,
    user_revert_since,
)
from .common import get_article_or_404, require_moderator


@require_POST
def patrol_view(request, slug, revision_id):
    page = get_article_or_404(slug)
    refusal = require_moderator(request, page)
    if refusal:
        return refusal
    try:
        revision_patrol(revision_id=revision_id, user=request.user)
    except ObjectDoesNotExist:
        raise Http404 from None
    messages.success(request, _("Modification marquée comme vérifiée."))
    return redirect(safe_next_url(request, reverse("wiki:history", args=[page.slug])))


@require_POST
def rollback_view(request, slug):
    page = get_article_or_404(slug)
    refusal = require_moderator(request, page)
    if refusal:
        return refusal
    try:
        revision = article_rollback(
            page=page, user=request.user, reason=request.POST.get("reason", "")
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if revision is not None:
            messages.success(request, _("Les dernières modifications ont été annulées."))
    return redirect(safe_next_url(request, reverse("wiki:history", args=[page.slug])))


@require_POST
def hide_view(request, slug, revision_id):
    page = get_article_or_404(slug)
    refusal = require_moderator(request, page)
    if refusal:
        return refusal
    hidden = request.POST.get("masquer", "1") == "1"
    try:
        revision_hide(
            revision_id=revision_id,
            user=request.user,
            reason=request.POST.get("reason", ""),
            hidden=hidden,
        )
    except ObjectDoesNotExist:
        raise Http404 from None
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("Contenu masqué au public.") if hidden else _("Contenu de nouveau visible.")
        )
    return redirect("wiki:history", slug=page.slug)


@require_http_methods(["GET", "POST"])
def protect_view(request, slug):
    page = get_article_or_404(slug)
    refusal = require_moderator(request, page)
    if refusal:
        return refusal
    protection = getattr(page, "protection", None) if hasattr(page, "protection") else None
    initial = {}
    if protection is not None:
        initial = {
            "level": protection.level,
            "expires_at": protection.expires_at,
            "reason": protection.reason,
            "under_review": protection.under_review,
        }
    form = ProtectForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                article_protect(
                    page=page,
                    user=request.user,
                    level=form.cleaned_data["level"],
                    expires_at=form.cleaned_data["expires_at"],
                    reason=form.cleaned_data["reason"],
                    under_review=form.cleaned_data["under_review"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(request, _("Protection enregistrée."))
                return redirect(page.url or reverse("wiki:history", args=[page.slug]))
        status = 400
    return render(request, "wiki/protect.html", {"page": page, "form": form}, status=status)


@require_POST
def cleanup_view(request, username):
    refusal = require_moderator(request)
    if refusal:
        return refusal
    target = get_object_or_404(get_user_model(), username=username)
    try:
        day = datetime.strptime(request.POST.get("depuis", ""), "%Y-%m-%d").date()
    except ValueError:
        messages.error(request, _("Indiquez une date valide (jour/mois/année)."))
        return redirect("community:contributor", username=target.username)
    since = timezone.make_aware(datetime.combine(day, time.min))
    report = user_revert_since(
        target=target, since=since, user=request.user, reason=request.POST.get("reason", "")
    )
    messages.success(
        request,
        _(
            "Nettoyage terminé : articles rétablis : %(reverted)s ; dépubliés : %(unpublished)s ; "
            "à vérifier à la main : %(skipped)s."
        )
        % {
            "reverted": len(report.reverted),
            "unpublished": len(report.unpublished),
            "skipped": len(report.skipped),
        },
    )
    for page in report.skipped:
        messages.warning(
            request,
            _("À vérifier : « %(title)s » a été modifié depuis par quelqu'un d'autre.")
            % {"title": page.title},
        )
    return redirect("community:contributor", username=target.username)
