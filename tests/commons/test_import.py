"""commons_import: validation report, per-row atomic import, idempotent re-import, bad files."""

import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from commons.models import Commons, Status

pytestmark = pytest.mark.django_db

GOOD_CSV = (
    "source_id;name;summary;website;commune;latitude;longitude;tags;stage\n"
    "ext-1;Jardin des Dunes;Un jardin sur la dune.;https://dunes.example.org;Lanvenec;"
    "48.39;-4.51;jardin, dune;actif\n"
    "ext-2;Repair café du Bourg;On répare.;;Plouzévet;;;réparation;starting\n"
)


def run(path, *args):
    from io import StringIO

    out = StringIO()
    call_command("commons_import", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path, name, content, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(content.encode(encoding) if isinstance(content, str) else content)
    return path


def test_good_csv_is_imported_and_published(tmp_path, client):
    output = run(write(tmp_path, "communs.csv", GOOD_CSV), "--format", "csv")
    assert "2 créée(s)" in output
    dunes = Commons.objects.get(import_source_id="ext-1")
    assert dunes.status == Status.PUBLISHED and dunes.stage == "active"
    assert dunes.tag_names() == ["jardin", "dune"]
    assert client.get(dunes.get_absolute_url()).status_code == 200


def test_reimport_updates_the_same_records(tmp_path):
    path = write(tmp_path, "communs.csv", GOOD_CSV)
    run(path)
    output = run(path)
    assert "0 créée(s)" in output and "2 inchangée(s)" in output
    path.write_text(
        GOOD_CSV.replace("Un jardin sur la dune.", "Un jardin abrité."), encoding="utf-8"
    )
    assert "1 mise(s) à jour" in run(path)
    assert Commons.objects.count() == 2
    assert Commons.objects.get(import_source_id="ext-1").summary == "Un jardin abrité."


def test_records_without_source_id_are_matched_by_website(tmp_path, published, resident):
    from commons.services import commons_update

    commons_update(
        commons=published, user=resident, changes={"website": "https://moulin.example.org"}
    )
    path = write(
        tmp_path,
        "c.csv",
        "name,summary,website\nLe Moulin,Nouveau résumé.,http://www.moulin.example.org/\n",
    )
    assert "1 mise(s) à jour" in run(path)
    published.refresh_from_db()
    assert published.summary == "Nouveau résumé." and Commons.objects.count() == 1


def test_invalid_rows_are_reported_with_line_numbers_and_valid_rows_imported(tmp_path):
    content = (
        "name,summary,latitude,longitude,website,stage\n"
        "Bon commun,Résumé,48.1,-4.2,,\n"
        "Mauvaises coordonnées,Résumé,123,-4.2,,\n"
        ",Sans nom,,,,\n"
        "Site invalide,Résumé,,,pas-un-site,\n"
        "Étape inconnue,Résumé,,,,galaxie\n"
        "Latitude seule,Résumé,48.1,,,\n"
    )
    output = run(write(tmp_path, "c.csv", content))
    assert "ligne 3 : Latitude" in output
    assert "ligne 4 : Nom" in output
    assert "ligne 5 : Site web" in output
    assert "ligne 6 :" in output and "galaxie" in output
    assert "ligne 7 :" in output
    assert "1 créée(s)" in output and "5 en erreur" in output
    assert list(Commons.objects.values_list("name", flat=True)) == ["Bon commun"]


def test_dry_run_writes_nothing(tmp_path):
    output = run(write(tmp_path, "c.csv", GOOD_CSV), "--dry-run")
    assert "Rien n'a été écrit" in output and "2 ligne(s) valide(s)" in output
    assert not Commons.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("nom;résumé\nCafé;Très bon\n".encode("latin-1"), "pas encodé en UTF-8"),
        ("label,summary\nx,y\n", "Colonne obligatoire manquante"),
        ("", "vide"),
    ],
)
def test_bad_csv_files_get_a_clear_error(tmp_path, content, message):
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, "c.csv", content))
    assert not Commons.objects.exists()


def test_bad_json_files_get_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="JSON invalide ligne 2"):
        run(write(tmp_path, "c.json", '[\n{"name": }\n]'))
    with pytest.raises(CommandError, match="liste"):
        run(write(tmp_path, "c.json", '{"name": "x"}'))
    with pytest.raises(CommandError, match="FeatureCollection"):
        run(write(tmp_path, "c.geojson", "[]"))


def test_wrong_encoding_option_is_understood(tmp_path):
    path = write(tmp_path, "c.csv", "nom;résumé\nCafé;Très bon\n", encoding="latin-1")
    assert "1 créée(s)" in run(path, "--encoding", "latin-1")
    assert Commons.objects.get().summary == "Très bon"


def test_too_many_rows_are_refused_before_writing(tmp_path):
    rows = "".join(f"Commun {number},Résumé\n" for number in range(10_000))
    path = write(tmp_path, "c.csv", "name,summary\n" + rows)
    with pytest.raises(CommandError, match="10000 lignes"):
        run(path, "--max-rows", "5000")
    assert not Commons.objects.exists()
    assert "10000 ligne(s) valide(s)" in run(path, "--dry-run", "--max-rows", "10000")


def test_gogocarto_json_and_geojson_are_imported(tmp_path):
    elements = {
        "data": [
            {
                "id": "gg-1",
                "name": "Fablab",
                "description": "Des machines partagées.",
                "descriptionMore": "Imprimante 3D.",
                "categories": ["numérique"],
                "geo": {"latitude": 48.4, "longitude": -4.5},
                "addressLocality": "Lanvenec",
            },
            {"id": "gg-2", "name": "Sans coordonnées", "description": "Ok."},
            "pas un objet",
        ]
    }
    output = run(write(tmp_path, "c.json", json.dumps(elements)))
    assert "élément 3" in output and "2 créée(s)" in output
    fablab = Commons.objects.get(import_source_id="gg-1")
    assert (fablab.summary, fablab.description, fablab.latitude) == (
        "Des machines partagées.",
        "Imprimante 3D.",
        48.4,
    )
    assert fablab.tag_names() == ["numérique"]

    features = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [-4.49, 48.38]},
                "properties": {
                    "id": "geo-1",
                    "name": "Four à pain",
                    "summary": "On cuit ensemble.",
                },
            },
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                "properties": {"name": "Sentier"},
            },
        ],
    }
    output = run(write(tmp_path, "c.geojson", json.dumps(features)))
    assert "entité 2" in output and "1 créée(s)" in output
    assert Commons.objects.get(import_source_id="geo-1").longitude == -4.49


@pytest.mark.parametrize(
    ("url_name", "extension"),
    [("export_csv", "csv"), ("export_json", "json"), ("export_geojson", "geojson")],
)
def test_own_exports_round_trip_without_duplicates(
    tmp_path, client, published, resident, url_name, extension
):
    from commons.services import commons_update

    commons_update(
        commons=published,
        user=resident,
        changes={
            "website": "https://moulin.example.org",
            "tags": "jardin",
            "description": "## Horaires\n\n- mercredi\n- =samedi",
            "needs": ["Se nourrir localement"],
            "stage": "active",
        },
    )
    content = client.get(reverse(f"commons:{url_name}")).content
    path = write(tmp_path, f"export.{extension}", content)
    output = run(path)
    assert "0 créée(s)" in output and "1 inchangée(s)" in output, output
    assert Commons.objects.count() == 1
    # Into another site (nothing matches), the file creates the record once, then is idempotent.
    Commons.objects.update(website="", import_source_id="")
    path.write_bytes(content.replace(b"http://testserver/", b"https://ailleurs.example/"))
    assert "1 créée(s)" in run(path)
    assert "1 inchangée(s)" in run(path)
    imported = Commons.objects.exclude(pk=published.pk).get()
    assert imported.description == "## Horaires\n\n- mercredi\n- =samedi"
    assert imported.tag_names() == ["jardin"] and imported.stage == "active"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Impossible de lire"):
        run(tmp_path / "absent.csv")
