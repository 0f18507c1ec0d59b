"""Plain (non-REST) public reads: an article's Markdown source and the API's documentation."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wiki import selectors as wiki_selectors
from wiki.models import ArticlePage

from .views import VISITOR


@require_safe
def article_source_view(request, slug: str):
    """``/wiki/<slug>/source/``: the Markdown of the live revision, or of a public old one
    (``?revision=<id>``), as ``text/plain`` (like MediaWiki's ``action=raw``)."""
    from wiki.services import ArticleFields

    page = ArticlePage.objects.live().filter(slug=slug).first()
    if page is None:
        raise Http404(_("Aucun article publié ne porte ce nom."))
    raw_revision = request.GET.get("revision", "")
    if raw_revision:
        if not raw_revision.isdigit() or len(raw_revision) > 18:
            raise Http404(_("Cette version n'existe pas."))
        revision = wiki_selectors.article_revision(page, int(raw_revision))
        meta = getattr(revision, "wiki_meta", None) if revision else None
        if revision is None or not wiki_selectors.can_view_revision(VISITOR, meta) or meta.hidden:
            raise Http404(_("Cette version n'existe pas ou n'est pas publique."))
        text, moment = ArticleFields.from_revision(revision).body, meta.created_at
    else:
        text, moment = page.body, page.last_published_at
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    response["Link"] = '<https://creativecommons.org/licenses/by-sa/4.0/deed.fr>; rel="license"'
    set_response_etag(response)
    timestamp = int(moment.timestamp()) if moment else None
    if timestamp:
        response["Last-Modified"] = http_date(timestamp)
    return get_conditional_response(
        request, etag=response["ETag"], last_modified=timestamp, response=response
    )


@require_safe
def api_docs_view(request):
    """``/api/``: what the API offers, in French, with curl examples."""
    return render(
        request, "api/docs.html", {"base_url": request.build_absolute_uri("/").rstrip("/")}
    )
