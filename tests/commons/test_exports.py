"""Open data exports, parsed back: CSV, GoGoCarto JSON, GeoJSON, all under ODbL."""

import csv
import io
import json

import pytest
from django.urls import reverse

from commons.services import commons_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def exported(published, resident, declare, newcomer):
    commons_update(
        commons=published,
        user=resident,
        changes={
            "tags": "jardin, potager",
            "needs": ["Se nourrir localement"],
            "website": "https://jardin.example.org",
            "postal_code": "29999",
            "description": "**Ouvert** le mercredi.",
            "contact_email": "secret@example.org",
            "shared_resources": '=HYPERLINK("http://evil")',
        },
    )
    declare(newcomer, name="En attente de relecture")
    return published


def test_csv_export(client, exported):
    response = client.get(reverse("commons:export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert 'rel="license"' in response["Link"] and "odbl" in response["Link"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["name"] for row in rows] == [exported.name]
    row = rows[0]
    assert (row["latitude"], row["longitude"], row["commune"]) == (
        "48.383",
        "-4.495",
        "Port-Kerlann",
    )
    assert row["tags"] == "jardin, potager" and row["needs"] == "Se nourrir localement"
    assert row["contact_email"] == ""
    assert row["shared_resources"].startswith("'=")


def test_json_export_is_gogocarto_compatible(client, exported):
    data = json.loads(client.get(reverse("commons:export_json")).content)
    assert data["licence"]["name"] == "ODbL-1.0"
    element = data["data"][0]
    for key in ("name", "streetAddress", "addressLocality", "postalCode", "latitude", "longitude",
                "categories", "description", "website", "source"):  # fmt: skip
        assert key in element
    assert element["categories"] == ["Se nourrir localement", "jardin", "potager"]
    assert element["description"] == exported.summary
    assert element["source"].endswith(exported.get_absolute_url())
    assert "email" not in element
    assert len(data["data"]) == 1


def test_geojson_export(client, exported):
    data = json.loads(client.get(reverse("commons:export_geojson")).content)
    assert data["type"] == "FeatureCollection"
    assert data["licence"]["url"].startswith("https://opendatacommons.org/licenses/odbl")
    feature = data["features"][0]
    assert feature["geometry"]["coordinates"] == [-4.495, 48.383]
    assert feature["properties"]["name"] == exported.name


def test_public_contact_is_exported(client, exported, resident):
    commons_update(commons=exported, user=resident, changes={"contact_public": True})
    element = json.loads(client.get(reverse("commons:export_json")).content)["data"][0]
    assert element["email"] == "secret@example.org"
