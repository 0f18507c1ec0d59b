"""Helpers shared by the commons views: finding a record, refusing politely."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .. import permissions, selectors
from ..models import Commons


def visible_commons(request, slug: str) -> Commons:
    """The record, if this visitor may see it; otherwise a 404 (pending records stay hidden)."""
    commons = selectors.find_commons(slug)
    if commons is None or not permissions.can_view(request.user, commons):
        raise Http404(_("Ce commun n'existe pas ou n'est pas encore publié."))
    return commons


def refuse(request, decision, *, commons: Commons | None = None):
    """Visitors go to the log-in page; others get a 403 page that says why."""
    if not request.user.is_authenticated:
        messages.info(request, decision.reason)
        query = urlencode({"next": request.get_full_path()})
        return redirect(f"{reverse('community:login')}?{query}")
    return render(
        request,
        "commons/forbidden.html",
        {"reason": decision.reason, "commons": commons},
        status=403,
    )


def add_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the matching fields (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, field_errors in error.message_dict.items():
            target = field if field in form.fields else None
            for message in field_errors:
                form.add_error(target, message)
    else:
        for message in error.messages:
            form.add_error(None, message)
