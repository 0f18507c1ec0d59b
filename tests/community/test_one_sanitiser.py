"""One renderer, one sanitising policy (community.text): an article and a commons description
holding the same hostile text show the same safe HTML, external links marked the same way."""

from __future__ import annotations

import re

import pytest

from commons.services import commons_declare, commons_publish, commons_update
from community import text

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Avant.\n\n"
    "<script>alert(1)</script>\n\n"
    '<img src="x" onerror="alert(2)">\n\n'
    '[piège](javascript:alert(3)) et <a href="JaVaScRiPt:alert(4)">ici</a>\n\n'
    '<a title="t" href="https://example.org/ailleurs">dehors</a> et [là](https://example.org/)'
    " et [dedans](/wiki/le-port/)\n\n"
    '<p onclick="alert(5)" style="color:red" class="interface">Fin.</p>'
)
EXTERNAL_LINKS = (
    '<a title="t" href="https://example.org/ailleurs" rel="nofollow noopener">dehors</a>',
    '<a href="https://example.org/" rel="nofollow noopener">là</a>',
)


def _body(page_html: str) -> str:
    return re.search(r'<div class="article-body">(.*?)</div>', page_html, re.S).group(1)


@pytest.fixture
def article_and_commons_pages(client, create_article, resident, facilitator):
    article = create_article(title="Le lavoir", body=HOSTILE)
    commons = commons_declare(
        user=resident, name="Jardin du Moulin", summary="Un potager.", duplicates_confirmed=True
    )
    commons = commons_publish(commons=commons, user=facilitator)
    commons_update(commons=commons, user=resident, changes={"description": HOSTILE})
    article_page = client.get(article.url)
    commons_page = client.get(commons.get_absolute_url())
    assert article_page.status_code == commons_page.status_code == 200
    return _body(article_page.content.decode()), _body(commons_page.content.decode())


def test_article_and_commons_description_render_hostile_text_identically(
    article_and_commons_pages,
):
    article_html, commons_html = article_and_commons_pages
    assert article_html == commons_html
    assert "&lt;script&gt;alert(1)" in article_html  # shown as text, not run
    assert '<img src="x">' in article_html and ">Fin.</p>" in article_html
    lowered = article_html.lower()
    for forbidden in ("<script", "onerror", "javascript:", "onclick", "style=", "interface"):
        assert forbidden not in lowered, forbidden


def test_external_links_get_the_same_rel_in_both_apps_and_internal_ones_none(
    article_and_commons_pages,
):
    for rendered in article_and_commons_pages:
        for link in EXTERNAL_LINKS:
            assert link in rendered
        assert '<a href="/wiki/le-port/">dedans</a>' in rendered


@pytest.fixture
def registry_restored():
    saved = dict(text._registry)
    yield
    text._registry.clear()
    text._registry.update(saved)
    text._cleaner.cache_clear()


def test_an_app_extends_the_one_policy_through_the_registry(registry_restored):
    raw = '<p><cite class="source other" data-page="12" data-x="y">Ouest</cite></p>'
    assert "<cite" not in text.sanitise_html(raw)
    text.register_markup(
        text.Markup(
            name="citations",
            tags={"cite"},
            attributes={"cite": {"data-page"}},
            classes={"cite": {"source"}},
            values={"data-page": re.compile(r"\d+")},
        )
    )
    assert text.sanitise_html(raw) == '<p><cite class="source" data-page="12">Ouest</cite></p>'
    assert "data-page" not in text.sanitise_html('<cite data-page="douze">x</cite>')
    # Every app renders with it: the wiki's own markup is still there too.
    assert 'class="wikilink"' in text.sanitise_html('<a class="wikilink" href="/wiki/x/">x</a>')
