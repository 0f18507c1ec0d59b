"""Coordinates in one format (decimal point, 5 decimals) on the article page and its editor;
a geolocated article has a labelled, non-interactive mini-map and a "Voir sur la carte" link."""

import pytest
from django.template import Context, Template

pytestmark = pytest.mark.django_db


def render(value) -> str:
    return Template("{% load commons_tags %}{{ value|coordinate }}").render(
        Context({"value": value})
    )


def test_coordinate_filter_uses_a_decimal_point_and_five_decimals(settings):
    settings.LANGUAGE_CODE = "fr"
    assert render(48.383) == "48.38300"
    assert render(-4.4951234) == "-4.49512"
    assert render(None) == ""
    assert render("pas un nombre") == ""


def test_article_page_shows_the_place_in_that_format(resident_client, create_article):
    page = create_article()
    data = {
        "title": page.title,
        "summary": "",
        "body": page.body,
        "tags": "",
        "place_name": "Place des Halles",
        "latitude": "48,383",
        "longitude": "-4,49",
        "edit_summary": "",
        "base_revision_id": page.latest_revision_id,
        "action": "enregistrer",
    }
    response = resident_client.post(f"/wiki/{page.slug}/modifier/", data)
    assert response.status_code == 302, response.content.decode()[:500]
    html = resident_client.get(response["Location"]).content.decode()
    assert "Place des Halles" in html
    assert "48.38300, -4.49000" in html


def test_geolocated_article_shows_a_labelled_mini_map_and_a_link_to_a_full_map(
    client, create_article
):
    located = create_article(title="Le lavoir", place_name="Bourg", latitude=48.38, longitude=-4.49)
    unlocated = create_article(title="La criée", place_name="Port")
    html = client.get(f"/wiki/{located.slug}/").content.decode()
    assert 'data-point="48.38000,-4.49000"' in html
    assert 'role="region" aria-label="Carte : Bourg"' in html
    assert 'role="img"' not in html
    assert (
        '<a href="https://www.openstreetmap.org/?mlat=48.38000&amp;mlon=-4.49000'
        '#map=16/48.38000/-4.49000">Voir sur la carte</a>'
    ) in html
    other = client.get(f"/wiki/{unlocated.slug}/").content.decode()
    assert "Port" in other and "data-point" not in other and "Voir sur la carte" not in other


def test_article_edit_form_has_a_place_picker_bound_to_the_coordinate_inputs(
    resident_client, create_article
):
    page = create_article()
    html = resident_client.get(f"/wiki/{page.slug}/modifier/").content.decode()
    assert 'id="id_latitude"' in html
    assert 'class="ker-place-picker' in html
    assert 'data-latitude-input="id_latitude"' in html
    assert "/static/js/ker-map.js" in html
