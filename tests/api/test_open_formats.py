"""Open formats around the pages: sitemap, robots.txt, JSON-LD, OpenGraph, canonical, HEAD."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest

SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
# Properties schema.org allows on each type we emit (checked against schema.org's definitions).
ALLOWED = {
    "Article": {
        "url",
        "mainEntityOfPage",
        "headline",
        "name",
        "description",
        "inLanguage",
        "datePublished",
        "dateModified",
        "author",
        "publisher",
        "license",
        "keywords",
        "image",
        "about",
    },
    "Project": {
        "url",
        "name",
        "description",
        "sameAs",
        "foundingDate",
        "keywords",
        "location",
    },
    "CollectionPage": {
        "url",
        "name",
        "description",
        "inLanguage",
        "keywords",
        "license",
        "isPartOf",
        "hasPart",
    },
    "WebSite": {"url", "name", "description", "inLanguage", "potentialAction"},
    "Place": {"name", "geo", "address"},
    "GeoCoordinates": {"latitude", "longitude"},
    "PostalAddress": {"streetAddress", "postalCode", "addressLocality", "addressCountry"},
    "Person": {"name"},
    "Organization": {"name", "url"},
    "SearchAction": {"target", "query-input"},
    "EntryPoint": {"urlTemplate"},
}


def jsonld_blocks(html: str) -> list[dict]:
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in found]


def check_types(node, path="$"):
    """Every typed node uses only its type's properties; no empty strings anywhere."""
    if isinstance(node, list):
        for index, item in enumerate(node):
            check_types(item, f"{path}[{index}]")
        return
    if isinstance(node, str):
        assert node.strip(), f"empty string at {path}"
        return
    if not isinstance(node, dict):
        return
    node_type = node.get("@type")
    if node_type:
        extra = set(node) - {"@context", "@type", "@id"} - ALLOWED[node_type]
        assert not extra, f"{node_type} at {path} has {extra}"
    for key, value in node.items():
        check_types(value, f"{path}.{key}")


def page_html(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_article_jsonld_is_an_article_about_a_place(client, territory):
    html = page_html(client, f"/wiki/{territory.article.slug}/")
    [data] = jsonld_blocks(html)
    check_types(data)
    assert data["@type"] == "Article"
    assert data["@id"] == f"http://testserver/wiki/{territory.article.slug}/"
    assert data["author"] == [{"@type": "Person", "name": "maela"}]
    assert data["license"].startswith("https://creativecommons.org/licenses/by-sa/")
    assert data["about"]["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": 48.38,
        "longitude": -4.49,
    }
    assert data["datePublished"] and data["dateModified"]
    assert 'property="og:type" content="article"' in html
    assert f'<link rel="canonical" href="http://testserver/wiki/{territory.article.slug}/">' in html


def test_commons_jsonld_is_a_project_with_a_located_place(client, territory):
    html = page_html(client, f"/communs/{territory.commons.slug}/")
    [data] = jsonld_blocks(html)
    check_types(data)
    assert data["@type"] == "Project"
    assert data["@id"].startswith(f"http://testserver/communs/{territory.commons.slug}/")
    assert "geo" not in data
    assert data["location"]["@type"] == "Place"
    assert data["location"]["geo"]["latitude"] == 48.383
    # A record without a place or website: no empty strings, no empty location.
    bare = jsonld_blocks(page_html(client, f"/communs/{territory.private_commons.slug}/"))[0]
    check_types(bare)
    assert "location" not in bare and "sameAs" not in bare


def test_portal_is_a_collection_page_and_home_a_website_with_search(client, territory):
    html = page_html(client, territory.portal.url)
    [portal] = jsonld_blocks(html)
    check_types(portal)
    assert portal["@type"] == "CollectionPage"
    assert {part["name"] for part in portal["hasPart"]} == {
        "Le lavoir du bourg",
        "Jardin partagé du Moulin",
    }
    [home] = jsonld_blocks(page_html(client, "/"))
    check_types(home)
    assert home["@type"] == "WebSite"
    action = home["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == "http://testserver/recherche/?q={search_term_string}"


@pytest.mark.parametrize(
    "url", ["/", "/wiki/", "/communs/", "/recherche/?q=lavoir", "/modifications-recentes/"]
)
def test_every_public_page_has_opengraph_and_canonical(client, territory, url):
    html = page_html(client, url)
    assert re.search(r'<link rel="canonical" href="http://testserver/[^"]*">', html)
    for prop in ("og:title", "og:type", "og:url", "og:site_name"):
        assert f'property="{prop}"' in html, prop


def test_sitemap_lists_articles_commons_portals_with_lastmod(client, territory):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    entries = {
        url.find("s:loc", SITEMAP_NS).text: url.find("s:lastmod", SITEMAP_NS)
        for url in root.findall("s:url", SITEMAP_NS)
    }
    base = "http://testserver"
    assert entries[f"{base}/wiki/{territory.article.slug}/"] is not None
    assert entries[f"{base}/communs/{territory.commons.slug}/"] is not None
    assert entries[f"{base}{territory.portal.url}"] is not None
    assert f"{base}/communs/{territory.pending_commons.slug}/" not in entries
    assert f"{base}/communs/{territory.unpublished_commons.slug}/" not in entries


@pytest.mark.django_db
def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_off_edits(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    for path in ("/admin/", "/wiki/*/modifier/", "/wiki/*/diff/", "/recherche/"):
        assert f"Disallow: {path}\n" in text


@pytest.mark.parametrize(
    "url",
    [
        "/communs/",
        "/communs/export.csv",
        "/communs/export.json",
        "/communs/export.geojson",
        "/communs/carte/geojson/",
        "/carte.geojson",
        "/recherche/?q=lavoir",
        "/recherche/suggestions/?q=lav",
        "/robots.txt",
        "/sitemap.xml",
    ],
)
def test_head_is_allowed_where_get_is(client, territory, url):
    assert client.get(url).status_code == 200
    response = client.head(url)
    assert response.status_code == 200
    assert response.content == b""
