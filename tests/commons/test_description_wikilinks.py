"""[[Links]] in a commons description are rendered as in articles: a link to an existing article,
a red link that offers to create a missing one; never inside code, never for images."""

import re
from html.parser import HTMLParser

import pytest

from commons.services import commons_update

pytestmark = pytest.mark.django_db


def description_html(client, commons) -> str:
    html = client.get(commons.get_absolute_url()).content.decode()
    match = re.search(
        r'<section aria-labelledby="description-titre">.*?</section>', html, re.DOTALL
    )
    assert match, "the record has no description section"
    return match.group(0)


def attribute_names(html: str) -> set[str]:
    names: set[str] = set()

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            names.update(name for name, _ in attrs)

    Collector().feed(html)
    return names


def describe(commons, user, text):
    commons_update(commons=commons, user=user, changes={"description": text}, comment="")
    commons.refresh_from_db()
    return commons


def test_description_links_to_an_existing_article_and_red_links_a_missing_one(
    client, published, resident, create_article
):
    create_article(title="Le lavoir", body="Le lavoir du bourg.")
    describe(
        published,
        resident,
        "On arrose avec l'eau du [[Le lavoir|lavoir]], près de la [[Fontaine Saint-Jean]].",
    )
    section = description_html(client, published)
    assert (
        '<a href="/wiki/le-lavoir/" class="wikilink" data-wikilink="le-lavoir" '
        'data-title="Le lavoir">lavoir</a>'
    ) in section
    red = re.search(r'<a href="([^"]*)" class="wikilink new"[^>]*>Fontaine Saint-Jean</a>', section)
    assert red, section
    assert red.group(1) == "/wiki/creer/?titre=Fontaine+Saint-Jean"
    assert "[[" not in section


def test_description_link_turns_blue_once_the_article_exists(
    client, published, resident, create_article
):
    describe(published, resident, "Voir [[Le lavoir]].")
    assert 'class="wikilink new"' in description_html(client, published)
    create_article(title="Le lavoir", body="Le lavoir du bourg.")
    section = description_html(client, published)
    assert '<a href="/wiki/le-lavoir/" class="wikilink"' in section
    assert 'class="wikilink new"' not in section


def test_description_leaves_code_images_and_hostile_titles_alone(client, published, resident):
    describe(
        published,
        resident,
        "Écrire `[[Le lavoir]]` pour un lien. [[Image:3|photo]] "
        '[[<script>alert(1)</script>]] [[" onmouseover="x]]',
    )
    section = description_html(client, published)
    assert "<code>[[Le lavoir]]</code>" in section
    assert "[[Image:3|photo]]" in section
    assert "<script>" not in section
    assert attribute_names(section) <= {
        "aria-labelledby",
        "id",
        "class",
        "href",
        "data-wikilink",
        "data-title",
        "title",
    }
    for title in re.findall(r'data-title="([^"]*)"', section):
        assert "<" not in title and '"' not in title
