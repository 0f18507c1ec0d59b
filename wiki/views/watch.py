"""Following articles: watch or stop, the watchlist, its private feed address."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from community.http import safe_next_url

from .. import selectors
from ..models import Watch
from ..services import watch_feed_token_create, watch_set
from ..titles import article_path
from .common import get_article_or_404


@require_POST
def watch_view(request, slug):
    page = get_article_or_404(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(article_path(page.slug))
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
    return redirect(safe_next_url(request, page.url or reverse("wiki:history", args=[page.slug])))


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
