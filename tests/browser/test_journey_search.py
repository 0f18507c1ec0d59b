"""Journey 5 (first part): a visitor searches with a typo from the header and reaches the article.

The portal and map steps come when the portals app has its pages."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_visitor_searches_with_a_typo_and_reaches_the_article(page, create_article, screenshot):
    create_article(
        title="Le lavoir",
        summary="Où l'on battait le linge.",
        body="Le lavoir du bourg, au bord du ruisseau, fut couvert en 1902.",
    )
    create_article(title="La criée", body="La criée ouvre à cinq heures.")

    page.goto("/wiki/")
    header_search = page.get_by_role("search").get_by_role("combobox", name="Rechercher")
    header_search.click()
    header_search.press_sequentially("lavoire", delay=20)
    page.get_by_role("search").get_by_role("button", name="Rechercher").click()

    expect(page).to_have_url(re.compile(r"/recherche/\?q=lavoire"))
    hits = page.locator("ol.search-hits > li")
    expect(hits.first).to_be_visible()
    result = page.locator(".search-hits").get_by_role("link", name="Le lavoir")
    expect(result).to_be_visible()
    expect(page.locator(".search-hits")).not_to_contain_text("La criée")
    result.click()

    expect(page).to_have_url(re.compile(r"/wiki/le-lavoir/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Le lavoir")
    screenshot(page)
