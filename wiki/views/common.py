"""Helpers shared by the wiki views: finding an article, refusing politely."""

from __future__ import annotations

from django.http import Http404
from django.utils.translation import gettext as _

from community import policy
from community.shortcuts import forbidden, refuse_unless

from .. import selectors
from ..models import ArticlePage
from ..services.articles import UNPUBLISHED_REFUSAL

FORBIDDEN_TEMPLATE = "wiki/forbidden.html"


def get_article_or_404(slug: str) -> ArticlePage:
    page = selectors.find_article(slug)
    if page is None:
        raise Http404(_("Cet article n'existe pas."))
    return page


def get_visible_article(request, slug: str) -> ArticlePage:
    """An article as this person may see it: a never-published one only by its authors and
    facilitators (to everyone else, even its title does not exist)."""
    page = get_article_or_404(slug)
    if not page.live and not selectors.can_view_unpublished(request.user, page):
        raise Http404(_("Cet article n'existe pas."))
    return page


def refuse_unpublished(request):
    return forbidden(request, UNPUBLISHED_REFUSAL, template=FORBIDDEN_TEMPLATE)


def require_editor(request, page=None):
    """Send visitors to the log-in page (unless anyone may edit); refuse others the policy
    does not allow."""
    return refuse_unless(
        request,
        policy.can_edit(request.user, page),
        template=FORBIDDEN_TEMPLATE,
        visitors_log_in=not policy.anonymous_editing_enabled(),
        page=page,
    )


def require_moderator(request, page=None):
    """Facilitators only (visitors go to the log-in page)."""
    return refuse_unless(
        request, policy.can_moderate(request.user), template=FORBIDDEN_TEMPLATE, page=page
    )
