"""Exports round-trip losslessly through commons_import, and pass independent validators
(jsonschema, geojson, frictionless); Ker's own CSV re-imports cleanly; GoGoCarto elements are
read as GoGoCarto writes them."""

from __future__ import annotations

import copy
import csv
import io
import json
from pathlib import Path

import geojson
import jsonschema
import pytest
from django.core.management import call_command

from commons.exports import csv_escape, csv_unescape
from commons.models import Commons
from commons.services import commons_update

pytestmark = pytest.mark.django_db
SCHEMA = json.loads(
    (Path(__file__).parents[2] / "commons/data/commons_record.schema.json").read_text()
)
TRICKY = 'Il a dit "bonjour"; puis, à la ligne :\n- outils\n- graines'


@pytest.fixture
def rich(published, resident, assess, grid, declare, facilitator):
    """A published record with every public field, an assessment, and a second plain one."""
    from commons.services import commons_publish

    commons_update(
        commons=published,
        user=resident,
        changes={
            "tags": "jardin, potager",
            "needs": ["Se nourrir localement"],
            "website": "https://jardin.example.org",
            "street_address": "2 rue du Moulin",
            "postal_code": "29999",
            "description": "**Ouvert** le mercredi.\n\n" + TRICKY,
            "start_date": "2019-04-01",
            "stage": "active",
            "licence": "CC BY-SA 4.0",
            "shared_resources": '=HYPERLINK("http://evil")',
            "community": "'=une valeur qui commence par une apostrophe",
            "how_to_join": "Venir le mercredi, 14 h ; ou écrire.",
            "contact_name": "Anne",
            "contact_email": "anne@example.org",
            "contact_phone": "+33 6 00 00 00 00",
            "contact_public": True,
            "related_articles_text": "Le lavoir\nLa chapelle",
        },
    )
    criterion = grid.criteria.first()
    level = [level for level in grid.levels.all() if level.counts][0]
    assess(published, resident, {criterion.key: level.key}, {criterion.key: "En assemblée."})
    other = declare(resident, name="Atelier vélo", summary="Réparer ensemble.")
    commons_update(
        commons=other,
        user=resident,
        changes={"contact_email": "prive@example.org", "description": TRICKY},
    )
    commons_publish(commons=other, user=facilitator)
    return Commons.objects.get(pk=published.pk)


def export(client, name):
    response = client.get(f"/communs/export.{name}")
    assert response.status_code == 200
    return response.content


def import_file(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    out = io.StringIO()
    call_command("commons_import", str(path), stdout=out)
    return out.getvalue()


def without_volatile(records):
    """Records minus what a re-import on another site cannot keep the same."""
    records = copy.deepcopy(records)
    for record in records:
        for key in ("url", "id", "images", "published_at"):
            record.pop(key, None)
        for article in record["related_articles"]:
            article.pop("url")
        if record["assessment"]:
            record["assessment"].pop("updated_at")
    return records


def test_json_export_matches_the_schema_and_carries_every_public_field(client, rich):
    data = json.loads(export(client, "json"))
    records = {element["id"]: element["ker"] for element in data["data"]}
    for record in records.values():
        jsonschema.validate(record, SCHEMA, format_checker=jsonschema.FormatChecker())
    record = records[rich.slug]
    assert record["shared_resources"] == '=HYPERLINK("http://evil")'
    assert record["community"].startswith("'=")
    assert record["how_to_join"].startswith("Venir")
    assert record["contact"] == {
        "name": "Anne",
        "email": "anne@example.org",
        "phone": "+33 6 00 00 00 00",
    }
    assert [a["title"] for a in record["related_articles"]] == ["Le lavoir", "La chapelle"]
    assert record["assessment"]["grid"]["version"] == 1
    assert record["assessment"]["answers"][0]["text"] == "En assemblée."
    assert record["start_date"] == "2019-04-01" and record["created_at"]
    assert records["atelier-velo"]["contact"] is None
    assert b"prive@example.org" not in export(client, "json")


@pytest.mark.parametrize("name", ["json", "geojson"])
def test_reimporting_an_export_into_the_same_site_changes_nothing(client, rich, tmp_path, name):
    before = export(client, name)
    count = Commons.objects.count()
    output = import_file(tmp_path, f"communs.{name}", before)
    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s), 0 en erreur" in output
    assert Commons.objects.count() == count
    private = Commons.objects.get(slug="atelier-velo")
    assert private.contact_email == "prive@example.org"  # never erased by an empty export


@pytest.mark.parametrize("name", ["json", "geojson"])
def test_export_imported_into_an_empty_site_gives_back_the_same_records(
    client, rich, tmp_path, name
):
    from commons.exports import public_record

    base = "http://testserver"
    before = [public_record(c, base_url=base) for c in Commons.objects.order_by("name")]
    content = export(client, name)
    # Another site: same grid, none of these records.
    Commons.objects.all().delete()
    foreign = content.replace(b"http://testserver/communs/", b"https://ailleurs.example/communs/")
    output = import_file(tmp_path, f"communs.{name}", foreign)
    assert "2 créée(s)" in output and "0 en erreur" in output
    after = [public_record(c, base_url=base) for c in Commons.objects.order_by("name")]
    assert without_volatile(after) == without_volatile(before)
    # The import remembers where each record came from: importing again changes nothing.
    assert "2 inchangée(s)" in import_file(tmp_path, f"again.{name}", foreign)


def test_geojson_export_is_valid_geojson(client, rich):
    data = geojson.loads(export(client, "geojson").decode())
    assert data.is_valid, data.errors()
    feature = next(f for f in data["features"] if f["id"] == rich.slug)
    assert feature["geometry"]["coordinates"] == [-4.495, 48.383]
    jsonschema.validate(dict(feature["properties"]), SCHEMA)
    located = geojson.loads(client.get("/communs/carte/geojson/").content.decode())
    assert located.is_valid


def test_own_csv_export_reimports_row_for_row_without_errors(client, rich, tmp_path):
    content = export(client, "csv")
    rows = list(csv.DictReader(io.StringIO(content.decode())))
    assert len(rows) == 2
    output = import_file(tmp_path, "communs.csv", content)
    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s), 0 en erreur sur 2 ligne(s)" in output
    # On another site, multi-line, quoted and escaped values come back exactly.
    Commons.objects.all().delete()
    foreign = content.replace(b"http://testserver/", b"https://ailleurs.example/")
    assert "2 créée(s)" in import_file(tmp_path, "ailleurs.csv", foreign)
    velo = Commons.objects.get(name="Atelier vélo")
    assert velo.description == TRICKY
    jardin = Commons.objects.get(name=rich.name)
    assert jardin.shared_resources == '=HYPERLINK("http://evil")'
    assert jardin.community == "'=une valeur qui commence par une apostrophe"


@pytest.mark.parametrize(
    "value",
    ["=1+1", "+33 6", "-x", "@SUM", "\tx", "'=x", "''", "'", "'hello", "- liste", "-4.5", "ok", ""],
)
def test_formula_escape_is_reversed_exactly(value):
    assert csv_unescape(csv_escape(value)) == value
    assert not csv_escape(value).startswith(("=", "@", "\t")) or value == ""


def test_gogocarto_elements_are_read_as_gogocarto_writes_them(tmp_path):
    element = {
        "id": "5f3c",
        "title": "Ressourcerie du port",
        "geo": {"latitude": 48.39, "longitude": -4.48},
        "address": {
            "streetAddress": "1 quai Est",
            "addressLocality": "Lanvenec",
            "postalCode": "29998",
            "addressCountry": "FR",
        },
        "description": "On donne une seconde vie aux objets.",
        "email": "contact@ressourcerie.example",
        "telephone": "02 98 00 00 00",
        "images": ["https://gogocarto.example/uploads/ressourcerie.jpg"],
        "categories": ["réemploi"],
        "status": 1,
    }
    content = json.dumps({"data": [element]}).encode()
    output = import_file(tmp_path, "gogocarto.json", content)
    assert "1 créée(s)" in output and "0 en erreur" in output
    record = Commons.objects.get(import_source_id="5f3c")
    assert record.name == "Ressourcerie du port"
    assert (record.street_address, record.commune, record.postal_code) == (
        "1 quai Est",
        "Lanvenec",
        "29998",
    )
    assert (record.latitude, record.longitude) == (48.39, -4.48)
    assert record.contact_email == "contact@ressourcerie.example"
    assert record.contact_phone == "02 98 00 00 00" and record.contact_public
    assert record.tag_names() == ["réemploi"]


def test_datapackage_describes_the_csv_for_frictionless(client, rich, tmp_path):
    from frictionless import Package

    (tmp_path / "communs.csv").write_bytes(export(client, "csv"))
    response = client.get("/communs/datapackage.json")
    assert (
        response.status_code == 200 and client.head("/communs/datapackage.json").status_code == 200
    )
    descriptor = response.json()
    assert descriptor["resources"][0]["path"] == "http://testserver/communs/export.csv"
    descriptor["resources"][0]["path"] = "communs.csv"
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    report = Package(str(tmp_path / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    assert report.tasks[0].stats["rows"] == 2


def test_dcat_catalogue_lists_the_datasets_with_licences(client, rich):
    response = client.get("/catalogue.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog"
    datasets = {dataset["@id"]: dataset for dataset in catalogue["dcat:dataset"]}
    commons = datasets["http://testserver/communs/#dataset"]
    assert commons["dct:license"]["@id"].startswith("https://opendatacommons.org/licenses/odbl")
    assert commons["dct:modified"]["@value"].startswith(str(rich.updated_at.year))
    urls = {d["dcat:downloadURL"]["@id"] for d in commons["dcat:distribution"]}
    assert "http://testserver/communs/export.geojson" in urls
    articles = datasets["http://testserver/wiki/#dataset"]
    assert "by-sa" in articles["dct:license"]["@id"]
