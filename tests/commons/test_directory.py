"""Directory filters, sort and pagination; the map page and its GeoJSON feed."""

import pytest
from django.urls import reverse

from commons.services import commons_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory(declare, facilitator, newcomer):
    made = {}
    for name, commune, stage, tags, needs in [
        ("Jardin du Moulin", "Port-Kerlann", "active", "jardin", ["Se nourrir localement"]),
        ("Repair café", "Lanvenec", "starting", "réparation", ["Réparer"]),
        ("Grainothèque", "Plouzévet", "active", "jardin, semences", ["Se nourrir localement"]),
    ]:
        commons = declare(facilitator, name=name, commune=commune, latitude=48.38, longitude=-4.49)
        commons_update(
            commons=commons,
            user=facilitator,
            changes={"stage": stage, "tags": tags, "needs": needs},
        )
        made[name] = commons
    made["pending"] = declare(newcomer, name="Jardin secret")
    return made


def names(response):
    return [commons.name for commons in response.context["page_obj"]]


def test_only_published_commons_are_listed(client, directory):
    assert names(client.get(reverse("commons:directory"))) == [
        "Grainothèque",
        "Jardin du Moulin",
        "Repair café",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "jardin"}, ["Grainothèque", "Jardin du Moulin"]),
        ({"etiquette": "semences"}, ["Grainothèque"]),
        ({"commune": "Lanvenec"}, ["Repair café"]),
        ({"usage": "se-nourrir-localement"}, ["Grainothèque", "Jardin du Moulin"]),
        ({"etape": "starting"}, ["Repair café"]),
        (
            {"etiquette": "inconnue", "etape": "nimporte", "tri": "x"},
            ["Grainothèque", "Jardin du Moulin", "Repair café"],
        ),
    ],
)
def test_filters(client, directory, params, expected):
    assert names(client.get(reverse("commons:directory"), params)) == expected


def test_sorts(client, directory, facilitator):
    commons_update(commons=directory["Grainothèque"], user=facilitator, changes={"licence": "CC0"})
    assert (
        names(client.get(reverse("commons:directory"), {"tri": "mis-a-jour"}))[0] == "Grainothèque"
    )
    assert names(client.get(reverse("commons:directory"), {"tri": "recents"}))[0] == "Grainothèque"


def test_pagination_keeps_the_filters(client, declare, facilitator):
    for number in range(25):
        declare(facilitator, name=f"Commun numéro {number:02d}")
    response = client.get(reverse("commons:directory"), {"q": "numéro"})
    html = response.content.decode()
    assert len(response.context["page_obj"]) == 20
    assert "?q=num%C3%A9ro&amp;page=2" in html
    assert (
        len(
            client.get(reverse("commons:directory"), {"q": "numéro", "page": "2"}).context[
                "page_obj"
            ]
        )
        == 5
    )
    assert client.get(reverse("commons:directory"), {"page": "abc"}).status_code == 200


def test_map_page_has_a_text_alternative_and_vendored_leaflet(client, settings):
    settings.KER_MAP_TILE_URL = "https://tuiles.example.org/{z}/{x}/{y}.png"
    html = client.get(reverse("commons:map")).content.decode()
    assert reverse("commons:directory") in html and "liste" in html
    assert "/static/vendor/leaflet/leaflet.js" in html
    assert "/static/vendor/leaflet.markercluster/leaflet.markercluster.js" in html
    assert "unpkg" not in html and "cdn" not in html.lower()
    assert "tuiles.example.org" in html


def test_vendored_leaflet_files_exist():
    from django.contrib.staticfiles import finders

    for path in (
        "vendor/leaflet/leaflet.js",
        "vendor/leaflet/leaflet.css",
        "vendor/leaflet/images/marker-icon.png",
        "vendor/leaflet.markercluster/leaflet.markercluster.js",
        "vendor/leaflet.markercluster/MarkerCluster.Default.css",
        "js/ker-map.js",
    ):
        assert finders.find(path), path


def test_map_feed_is_geojson_of_located_published_commons(client, directory, declare, facilitator):
    declare(facilitator, name="Sans lieu")
    data = client.get(reverse("commons:map_geojson"), {"etape": "active"}).json()
    assert data["type"] == "FeatureCollection"
    assert sorted(f["properties"]["name"] for f in data["features"]) == [
        "Grainothèque",
        "Jardin du Moulin",
    ]
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [-4.49, 48.38]}
