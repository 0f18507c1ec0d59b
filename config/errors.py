"""The site's own "not found" page, in the site's layout and language, with search and, for a
wiki address, the offer to create the article (as MediaWiki does).

Django shows it when DEBUG is off (``handler404`` in config/urls.py). With DEBUG on (``make
run``), ``FriendlyNotFoundMiddleware`` puts it in place of Django's technical 404 page, so a
visitor trying Ker never meets the yellow debugging page.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.shortcuts import render

WIKI_ARTICLE_PATH = re.compile(r"^/wiki/(?P<slug>[-\w]+)/$")
# Django's technical 404 page says so in its head; the site's own pages never do.
TECHNICAL_404_MARK = b'content="NONE,NOARCHIVE"'


def _title_from_slug(slug: str) -> str:
    words = slug.replace("-", " ").replace("_", " ").strip()
    return words[:1].upper() + words[1:]


def not_found_context(path: str) -> dict:
    """What the not-found page offers for this address: nothing more, creating the article,
    or saying that the article waits for review (without showing its title)."""
    from wiki.models import RevisionStatus
    from wiki.selectors import find_article

    match = WIKI_ARTICLE_PATH.match(path)
    if not match:
        return {"wiki_slug": None}
    slug = match["slug"]
    article = find_article(slug)
    awaiting_review = bool(
        article
        and not article.live
        and article.revision_metas.filter(status=RevisionStatus.PENDING).exists()
    )
    return {
        "wiki_slug": slug,
        "awaiting_review": awaiting_review,
        "suggested_title": _title_from_slug(slug),
    }


def page_not_found(request, exception=None, template_name="404.html"):
    context = not_found_context(request.path)
    query = context.get("suggested_title") or ""
    context["search_query"] = query
    return render(request, template_name, context, status=404)


class FriendlyNotFoundMiddleware:
    """With DEBUG on, show the site's 404 page instead of Django's technical one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code == 404
            and response.get("Content-Type", "").startswith("text/html")
            and TECHNICAL_404_MARK in getattr(response, "content", b"")
        ):
            return page_not_found(request)
        return response
