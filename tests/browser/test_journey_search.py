"""Journey 5: a visitor opens a portal and its map, searches with a typo and reaches the
article."""

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


def test_visitor_opens_a_portal_and_its_map_then_searches_with_a_typo(
    page, create_article, facilitator, screenshot
):
    from tests.browser.portal_helpers import publish_portal

    lavoir = create_article(
        title="Le lavoir",
        body="Le lavoir du bourg, au bord du ruisseau, fut couvert en 1902.",
        tags=("patrimoine",),
        place_name="Bourg",
        latitude=48.381,
        longitude=-4.49,
    )
    create_article(
        title="La chapelle",
        body="La chapelle Sainte-Anne.",
        tags=("patrimoine",),
        latitude=48.39,
        longitude=-4.48,
    )
    create_article(title="La criée", body="Le lavoir de la criée.", tags=("port",))
    publish_portal(
        user=facilitator,
        title="Patrimoine et mémoire",
        slug="patrimoine",
        tags=("patrimoine",),
        featured=[lavoir],
    )

    page.goto("/")
    page.get_by_role("link", name="Patrimoine et mémoire").first.click()
    expect(page).to_have_url(re.compile(r"/portails/patrimoine/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Patrimoine et mémoire")
    # The map draws both geolocated articles of the portal (as markers or a cluster).
    markers = page.locator("#territory-map .leaflet-marker-icon")
    expect(markers.first).to_be_visible()

    search = page.get_by_label(re.compile("Chercher dans le portail"))
    search.fill("lavoire")
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/recherche/\?.*portail=patrimoine"))
    results = page.locator(".search-hits")
    expect(results.get_by_role("link", name="Le lavoir")).to_be_visible()
    expect(results).not_to_contain_text("La criée")
    results.get_by_role("link", name="Le lavoir").click()
    expect(page).to_have_url(re.compile(r"/wiki/le-lavoir/$"))
    screenshot(page)
