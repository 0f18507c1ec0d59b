"""Maps in a real browser: the directory map shows all its markers; the article place picker
fills latitude and longitude; screenshots at phone and desktop width (tiles are blocked)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ALL_MARKERS_IN_VIEW = """element => {
  const map = element.kerMap;
  return element.kerMarkers.getLayers()
    .every(marker => map.getBounds().contains(marker.getLatLng()));
}"""
# Elements inside a map that the Tab key would stop on (links of the attribution excepted).
FOCUSABLE_INSIDE = """element => [element, ...element.querySelectorAll("[tabindex], button, input")]
  .filter(node => node.tabIndex >= 0).length"""


@pytest.fixture
def spread_commons(server, facilitator):
    from commons.services import commons_declare

    # Far apart: the default view (zoom 12 on Brest) cannot hold them all without fitBounds.
    for name, lat, lng in [
        ("Jardin du Moulin", 48.38, -4.49),
        ("Repair café", 47.99, -4.10),
        ("Grainothèque", 48.73, -3.46),
    ]:
        commons_declare(
            user=facilitator,
            name=name,
            summary="Un commun du territoire.",
            commune="Port-Kerlann",
            latitude=lat,
            longitude=lng,
            duplicates_confirmed=True,
        )


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_directory_map_view_contains_all_its_markers(spread_commons, page, screenshot, viewport):
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto("/communs/carte/")
    element = page.locator("#commons-map")
    expect(element).to_have_attribute("data-loaded", "true")
    page.wait_for_timeout(500)  # the fitBounds animation
    assert element.evaluate("element => element.kerMarkers.getLayers().length") == 3
    assert element.evaluate(ALL_MARKERS_IN_VIEW)
    expect(page.locator(".commons-map-list li")).to_have_count(3)
    screenshot(page)


@pytest.mark.parametrize("viewport", [(1280, 900), (390, 844)], ids=["desktop", "phone"])
def test_article_place_picker_fills_the_coordinates_and_the_page_shows_a_mini_map(
    server, create_article, resident, new_context, screenshot, viewport
):
    article = create_article(title="La criée", body="La criée ouvre à cinq heures.")
    page = new_context(user=resident).new_page()
    page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    page.goto(f"/wiki/{article.slug}/modifier/")
    picker = page.locator("#article-place-map")
    picker.scroll_into_view_if_needed()
    expect(picker).to_have_class(re.compile("leaflet-container"))
    picker.click(position={"x": 60, "y": 60})
    latitude = page.locator("#id_latitude")
    longitude = page.locator("#id_longitude")
    expect(latitude).not_to_have_value("")
    lat, lng = float(latitude.input_value()), float(longitude.input_value())
    assert 47 < lat < 50 and -6 < lng < -3
    assert len(latitude.input_value().split(".")[1]) == 5
    page.locator("#id_place_name").fill("La criée")
    page.get_by_role("button", name="Enregistrer").first.click()
    page.wait_for_url(f"**/wiki/{article.slug}/")
    expect(page.get_by_text(f"{lat:.5f}, {lng:.5f}")).to_be_visible()
    # The sidebar's mini-map: a labelled region, a picture rather than a control (nothing in it
    # takes the keyboard focus), with a text link to a full map.
    mini = page.get_by_role("region", name="Carte : La criée")
    expect(mini).to_have_class(re.compile("leaflet-container"))
    expect(mini.locator(".leaflet-marker-icon")).to_have_count(1)
    assert mini.evaluate(FOCUSABLE_INSIDE) == 0
    expect(page.get_by_role("link", name="Voir sur la carte")).to_have_attribute(
        "href", re.compile(rf"openstreetmap\.org/\?mlat={lat:.5f}&mlon={lng:.5f}")
    )
    screenshot(page)


def test_home_map_view_contains_all_its_markers(spread_commons, page):
    page.goto("/")
    element = page.locator(".territory-map.ker-map").first
    expect(element).to_have_attribute("data-loaded", "true")
    page.wait_for_timeout(500)  # the fitBounds animation
    assert element.evaluate("element => element.kerMarkers.getLayers().length") >= 3
    assert element.evaluate(ALL_MARKERS_IN_VIEW)
