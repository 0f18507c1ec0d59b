"""The directory map: the directory's filters, a legend, a server-side list, a centre record."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def located(declare, facilitator):
    made = {}
    for name, commune, lat in [
        ("Jardin du Moulin", "Port-Kerlann", 48.38),
        ("Repair café", "Lanvenec", 48.40),
    ]:
        made[name] = declare(facilitator, name=name, commune=commune, latitude=lat, longitude=-4.49)
    made["Sans lieu"] = declare(facilitator, name="Sans lieu", commune="Lanvenec")
    return made


def test_map_page_lists_only_the_located_records_matching_the_filters(client, located):
    everything = client.get(reverse("commons:map")).content.decode()
    assert "Jardin du Moulin" in everything and "Repair café" in everything
    assert "Sans lieu" not in everything
    filtered = client.get(reverse("commons:map"), {"commune": "Lanvenec"}).content.decode()
    assert "Repair café" in filtered and "Jardin du Moulin" not in filtered
    assert 'name="commune"' in filtered
    assert reverse("commons:map_geojson") + "?commune=Lanvenec" in filtered


def test_map_page_has_a_legend(client, located):
    html = client.get(reverse("commons:map")).content.decode()
    assert 'class="commons-map-legend"' in html


def test_map_centres_on_the_record_given_in_centre(client, located):
    commons = located["Repair café"]
    response = client.get(reverse("commons:map"), {"centre": commons.slug})
    assert response.context["map_settings"]["center"] == [48.40, -4.49]
    assert response.context["map_settings"]["fit"] is False
    default = client.get(reverse("commons:map"))
    assert default.context["map_settings"].get("fit", True) is True
    unknown = client.get(reverse("commons:map"), {"centre": "inconnu"})
    assert unknown.status_code == 200 and unknown.context["map_settings"].get("fit", True)


def test_record_page_links_to_the_map_centred_on_it_and_has_a_mini_map(client, located):
    commons = located["Repair café"]
    html = client.get(commons.get_absolute_url()).content.decode()
    assert f"{reverse('commons:map')}?centre={commons.slug}" in html
    assert 'data-point="48.40000,-4.49000"' in html
    assert "48.40000, -4.49000" in html
