"""Plain (non-REST) public reads: an article's Markdown source and the API's documentation."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from community.http import parse_id
from wiki import selectors as wiki_selectors
from wiki.models import ArticlePage
from wiki.titles import WIKI_PREFIX

from .structured_data import site_name
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
        revision_id = parse_id(raw_revision)
        if revision_id is None:
            raise Http404(_("Cette version n'existe pas."))
        revision = wiki_selectors.article_revision(page, revision_id)
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


# literal path: robots.txt patterns (with * wildcards, as crawlers read them), not addresses a
# view answers; a new URL prefix to hide from crawlers is added here.
ROBOTS_DISALLOWED = [
    "/admin/",
    "/comptes/",
    "/relecture/",
    "/suivi/",
    "/recherche/",
    "/wiki/creer/",
    "/wiki/*/modifier/",
    "/wiki/*/diff/",
    "/wiki/*/historique/*/restaurer/",
    "/communs/declarer/",
    "/communs/*/modifier/",
    "/communs/*/moderer/",
]


@require_safe
def robots_txt_view(request):
    """Crawlers: everything public, except editing, diffs, search and accounts."""
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in ROBOTS_DISALLOWED), ""]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('api:sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_safe
def catalogue_view(request):
    """``/catalogue.jsonld``: a DCAT (DCAT-AP) catalogue of the site's datasets, so open-data
    portals can harvest them: the commons directory (ODbL) and the articles (CC BY-SA)."""
    import json

    from commons import selectors as commons_selectors
    from commons.exports import LICENCE_URL
    from wiki.models import ArticlePage

    base = request.build_absolute_uri("/").rstrip("/")

    def absolute(name: str) -> str:
        return request.build_absolute_uri(reverse(name))

    articles_url = request.build_absolute_uri(WIKI_PREFIX)
    territory = getattr(settings, "KER_TERRITORY_NAME", "")
    commons_modified = (
        commons_selectors.published_commons()
        .order_by("-updated_at")
        .values_list("updated_at", flat=True)
        .first()
    )
    articles_modified = (
        ArticlePage.objects.live()
        .order_by("-last_published_at")
        .values_list("last_published_at", flat=True)
        .first()
    )

    def distribution(url, media_type, title):
        return {
            "@type": "dcat:Distribution",
            "dcat:accessURL": {"@id": url},
            "dcat:downloadURL": {"@id": url},
            "dcat:mediaType": media_type,
            "dct:title": title,
        }

    def moment(value):
        return {"@value": value.isoformat(), "@type": "xsd:dateTime"} if value else None

    commons_dataset = {
        "@id": f"{absolute('commons:directory')}#dataset",
        "@type": "dcat:Dataset",
        "dct:title": f"Annuaire des communs de {territory}".strip(),
        "dct:description": "Les communs publiés : description, lieu, étiquettes, évaluation.",
        "dct:license": {"@id": LICENCE_URL},
        "dct:modified": moment(commons_modified),
        "dcat:keyword": ["communs", territory] if territory else ["communs"],
        "dcat:landingPage": {"@id": absolute("commons:directory")},
        "dcat:distribution": [
            distribution(absolute("commons:export_csv"), "text/csv", "CSV"),
            distribution(absolute("commons:export_json"), "application/json", "JSON (GoGoCarto)"),
            distribution(absolute("commons:export_geojson"), "application/geo+json", "GeoJSON"),
            distribution(absolute("commons:datapackage"), "application/json", "Data Package"),
        ],
    }
    articles_dataset = {
        "@id": f"{articles_url}#dataset",
        "@type": "dcat:Dataset",
        "dct:title": f"Articles du wiki de {territory}".strip(),
        "dct:description": "Les articles publiés, en Markdown et en HTML, avec leur historique.",
        "dct:license": {"@id": "https://creativecommons.org/licenses/by-sa/4.0/"},
        "dct:modified": moment(articles_modified),
        "dcat:keyword": ["wiki", "mémoire locale"],
        "dcat:landingPage": {"@id": articles_url},
        "dcat:distribution": [
            distribution(absolute("api:article-list"), "application/json", "API JSON"),
        ],
    }
    catalogue = {
        "@context": {
            "dcat": "http://www.w3.org/ns/dcat#",
            "dct": "http://purl.org/dc/terms/",
            "foaf": "http://xmlns.com/foaf/0.1/",
            "xsd": "http://www.w3.org/2001/XMLSchema#",
        },
        "@id": absolute("api:catalogue"),
        "@type": "dcat:Catalog",
        "dct:title": f"Ker — données ouvertes de {territory}".strip(),
        "dct:description": "Les jeux de données publiés par ce site Ker.",
        "dct:language": {"@id": "http://publications.europa.eu/resource/authority/language/FRA"},
        "dct:publisher": {"@type": "foaf:Agent", "foaf:name": site_name()},
        "foaf:homepage": {"@id": f"{base}/"},
        "dct:modified": moment(
            max(filter(None, [commons_modified, articles_modified]), default=None)
        ),
        "dcat:dataset": [commons_dataset, articles_dataset],
    }
    catalogue = {key: value for key, value in catalogue.items() if value is not None}
    for dataset in catalogue["dcat:dataset"]:
        if dataset["dct:modified"] is None:
            del dataset["dct:modified"]
    response = HttpResponse(
        json.dumps(catalogue, ensure_ascii=False, indent=1),
        content_type="application/ld+json; charset=utf-8",
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response
