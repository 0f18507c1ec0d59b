"""Front-end views for facilitators (patrol, rollback, hide, protect, clean-up) and for
residents' community tools (talk pages, watchlist)."""

from __future__ import annotations

from datetime import datetime, time

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community import limits, policy
from community.shortcuts import add_validation_errors, refuse_unless

from .. import selectors
from ..forms import ProtectForm, TalkForm
from ..models import RevisionStatus, Watch
from ..services import (
    article_protect,
    article_rollback,
    revision_hide,
    revision_patrol,
    talk_post,
    user_revert_since,
    watch_feed_token_create,
    watch_set,
)
from .articles import FORBIDDEN_TEMPLATE, get_article_or_404, safe_next


def _moderator_or_refuse(request, page=None):
    return refuse_unless(
        request, policy.can_moderate(request.user), template=FORBIDDEN_TEMPLATE, page=page
    )


@require_POST
def patrol_view(request, slug, revision_id):
    page = get_article_or_404(slug)
    refusal = _moderator_or_refuse(request, page)
    if refusal:
        return refusal
    try:
        revision_patrol(revision_id=revision_id, user=request.user)
    except ObjectDoesNotExist:
        raise Http404 from None
    messages.success(request, _("Modification marquée comme vérifiée."))
    return redirect(safe_next(request, reverse("wiki:history", args=[page.slug])))


@require_POST
def rollback_view(request, slug):
    page = get_article_or_404(slug)
    refusal = _moderator_or_refuse(request, page)
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
    return redirect(safe_next(request, reverse("wiki:history", args=[page.slug])))


@require_POST
def hide_view(request, slug, revision_id):
    page = get_article_or_404(slug)
    refusal = _moderator_or_refuse(request, page)
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
    refusal = _moderator_or_refuse(request, page)
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
    refusal = _moderator_or_refuse(request)
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


@require_http_methods(["GET", "POST"])
def talk_view(request, slug):
    page = get_article_or_404(slug)
    if not page.live and not selectors.can_view_unpublished(request.user, page):
        raise Http404
    form = TalkForm(request.POST or None)
    status = 200
    if request.method == "POST":
        refusal = refuse_unless(
            request, policy.can_post(request.user), template=FORBIDDEN_TEMPLATE, page=page
        )
        if refusal:
            return refusal
        if form.is_valid() and not limits.take(request, "post_user"):
            form.add_error(None, limits.refusal_message(request))
            status = 429
        elif form.is_valid():
            try:
                message = talk_post(
                    page=page,
                    user=request.user,
                    body=form.cleaned_data["body"],
                    parent_id=form.cleaned_data["parent_id"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
                status = 400
            else:
                if message.status == RevisionStatus.PENDING:
                    messages.warning(
                        request, _("Message enregistré : il sera visible après relecture.")
                    )
                else:
                    messages.success(request, _("Message publié."))
                return redirect("wiki:talk", slug=page.slug)
        else:
            status = 400
    return render(
        request,
        "wiki/talk.html",
        {
            "page": page,
            "form": form,
            "threads": selectors.talk_threads(page, viewer=request.user),
            "active_tab": "talk",
        },
        status=status,
    )


@require_POST
def watch_view(request, slug):
    page = get_article_or_404(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(f"/wiki/{page.slug}/")
    watching = request.POST.get("suivre") == "1"
    try:
        watch_set(page=page, user=request.user, watching=watching)
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("Vous suivez maintenant cet article.")
            if watching
            else _("Vous ne suivez plus cet article."),
        )
    return redirect(safe_next(request, page.url or reverse("wiki:history", args=[page.slug])))


@require_POST
def watchlist_feed_token_view(request):
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("wiki:watchlist"))
    watch_feed_token_create(user=request.user)
    return redirect("wiki:watchlist")


@require_http_methods(["GET", "HEAD"])
def watchlist_view(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    changes = selectors.watchlist_changes(request.user)
    page_obj = Paginator(changes, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "wiki/watchlist.html",
        {
            "page_obj": page_obj,
            "watched": Watch.objects.filter(user=request.user)
            .select_related("page")
            .order_by("page__title"),
            "feed_token": request.user.feed_token,
        },
    )
