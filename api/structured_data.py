"""schema.org descriptions (JSON-LD) of articles, portals and the home page.

Each description uses only properties of its type, never an empty string (``compact`` drops
them), and absolute URLs; ``@id`` is the page's canonical URL.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from wiki import selectors as wiki_selectors

CONTENT_LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def compact(value):
    """Drop empty strings, None, empty lists and dicts, recursively."""
    if isinstance(value, dict):
        cleaned = {key: compact(item) for key, item in value.items()}
        return {key: item for key, item in cleaned.items() if item not in ("", None, [], {})}
    if isinstance(value, list):
        cleaned = [compact(item) for item in value]
        return [item for item in cleaned if item not in ("", None, [], {})]
    return value


def script(data: dict) -> str:
    """A JSON-LD block escaped like json_script, so no text can close the script element."""
    payload = json.dumps(compact(data), cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(payload.translate(_JSON_ESCAPES)),  # noqa: S308
    )


def site_name() -> str:
    return getattr(settings, "WAGTAIL_SITE_NAME", "Ker")


def place(name: str, latitude, longitude) -> dict | None:
    if latitude is None or longitude is None:
        return None
    return {
        "@type": "Place",
        "name": name,
        "geo": {"@type": "GeoCoordinates", "latitude": latitude, "longitude": longitude},
    }


def article(page, *, base_url: str) -> dict:
    url = f"{base_url}/wiki/{page.slug}/"
    cover = None
    if page.cover_image_id:
        cover = f"{base_url}{page.cover_image.file.url}"
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": page.title[:110],
        "name": page.title,
        "description": page.summary,
        "inLanguage": "fr",
        "datePublished": page.first_published_at,
        "dateModified": page.last_published_at,
        "author": [
            {"@type": "Person", "name": name} for name in wiki_selectors.article_authors(page)
        ],
        "publisher": {"@type": "Organization", "name": site_name(), "url": f"{base_url}/"},
        "license": CONTENT_LICENCE_URL,
        "keywords": ", ".join(tag.name for tag in page.tags.all()),
        "image": cover,
        "about": place(page.place_name or page.title, page.latitude, page.longitude),
    }


def portal(page, *, base_url: str, articles=(), commons=()) -> dict:
    url = f"{base_url}{page.url}"
    parts = [
        {"@type": "Article", "name": item.title, "url": f"{base_url}/wiki/{item.slug}/"}
        for item in articles
    ] + [
        {"@type": "Project", "name": item.name, "url": f"{base_url}{item.get_absolute_url()}"}
        for item in commons
    ]
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": page.title,
        "description": page.introduction,
        "inLanguage": "fr",
        "keywords": ", ".join(page.tag_names()),
        "license": CONTENT_LICENCE_URL,
        "isPartOf": {"@type": "WebSite", "@id": f"{base_url}/", "name": site_name()},
        "hasPart": parts[:50],
    }


def website(*, base_url: str, description: str = "") -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "@id": f"{base_url}/",
        "url": f"{base_url}/",
        "name": site_name(),
        "description": description,
        "inLanguage": "fr",
        "potentialAction": {
            "@type": "SearchAction",
            "target": {
                "@type": "EntryPoint",
                "urlTemplate": f"{base_url}/recherche/?q={{search_term_string}}",
            },
            "query-input": "required name=search_term_string",
        },
    }
