"""Helpers shared by the commons views: finding a record, refusing politely."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from community.shortcuts import refuse_unless

from .. import permissions, selectors
from ..models import Commons


def visible_commons(request, slug: str) -> Commons:
    """The record, if this visitor may see it; otherwise a 404 (pending records stay hidden)."""
    commons = selectors.find_commons(slug)
    if commons is None or not permissions.can_view(request.user, commons):
        raise Http404(_("Ce commun n'existe pas ou n'est pas encore publié."))
    return commons


def refuse(request, decision, *, commons: Commons | None = None):
    """A refused ``decision``: visitors go to the log-in page; others get a 403 that says why
    (with a way back to the record)."""
    return refuse_unless(request, decision, template="commons/forbidden.html", commons=commons)
