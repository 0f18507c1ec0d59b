"""commons_harvest against a second Ker site: a real server (gunicorn) started by the test.

The other site runs in a subprocess on a free loopback port, with its own settings module and
its own SQLite file database (a copy of the suite's migrated template, tests/db_template.py:
migrations and their data, no commons). The tests that only read it share one such site; the
test that changes it has its own. Its commons are published and then changed through its
own services (``manage.py shell`` in its environment); this site harvests it through its read API
(``/api/v1/commons/``, declared by the site's address or the API's URL) and its export URLs.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
from pathlib import Path

import pytest
import requests
from django.core.management import call_command
from django.db import connection
from django.utils.dateparse import parse_datetime

from commons.exports import public_record
from commons.importing import harvest as harvest_module
from commons.models import Commons, HarvestFormat, HarvestSource, Status
from tests import db_template
from tests.servers import (
    free_port,
    manage,
    server_environment,
    start_gunicorn,
    stop,
    wait_until_up,
)

pytestmark = pytest.mark.django_db

# Run by the other site's ``manage.py shell``: users, then three published commons.
PUBLISH_SCRIPT = """
import json
from django.contrib.auth.models import Group
from community.models import User
from community.policy import FACILITATOR_GROUP
from commons.models import Commons, Grid
from commons.services import assessment_save, commons_declare, commons_publish, commons_update

facilitator = User.objects.create_user(username="animatrice-ailleurs", password="x" * 20)
facilitator.groups.add(Group.objects.get_or_create(name=FACILITATOR_GROUP)[0])
resident = User.objects.create_user(username="habitant-ailleurs", password="x" * 20,
                                    is_confirmed=True)
slugs = {}
for name, summary, extra in [
    ("Atelier vélo de Kerlann", "Réparer ensemble ses vélos.",
     {"commune": "Kerlann", "latitude": 48.4, "longitude": -4.48,
      "website": "https://velo.ailleurs.example/"}),
    ("Grainothèque du bourg", "Des graines à échanger.", {"commune": "Kerlann"}),
    ("Jardin partagé du Moulin", "Un potager cultivé ensemble.",
     {"commune": "Port-Kerlann", "latitude": 48.383, "longitude": -4.495}),
]:
    commons = commons_declare(user=resident, name=name, summary=summary,
                              duplicates_confirmed=True, **extra)
    commons_publish(commons=commons, user=facilitator)
    slugs[name] = commons.slug
atelier = Commons.objects.get(slug=slugs["Atelier vélo de Kerlann"])
commons_update(commons=atelier, user=facilitator, changes={
    "licence": "CC-BY-SA-4.0", "description": "**Ouvert** le samedi.\\n\\n- pompes\\n- clés",
    "street_address": "2 rue du Port", "postal_code": "29999", "tags": "vélo, réparation",
    "start_date": "2019-04-01", "shared_resources": "Outils et pièces.",
    "community": "Une vingtaine de cyclistes.", "how_to_join": "Venir le samedi.",
    "contact_name": "Anne", "contact_email": "anne@ailleurs.example",
    "contact_phone": "+33 6 00 00 00 00", "contact_public": True,
    "related_articles_text": "Le lavoir\\nLa chapelle",
})
grid = Grid.objects.current()
criterion = grid.criteria.first()
level = [level for level in grid.levels.all() if level.counts][0]
assessment_save(commons=atelier, user=resident,
                answers={criterion.key: {"level": level.key, "text": "En assemblée."}})
print("SLUGS=" + json.dumps(slugs))
"""

# Run after the first harvest: one record edited, one unpublished, on the other site.
CHANGE_SCRIPT = """
from community.models import User
from commons.models import Commons
from commons.services import commons_unpublish, commons_update

facilitator = User.objects.get(username="animatrice-ailleurs")
commons_update(commons=Commons.objects.get(slug=%(atelier)r), user=facilitator,
               changes={"summary": "Réparer ensemble ses vélos, le samedi matin."})
commons_unpublish(commons=Commons.objects.get(slug=%(grainotheque)r), user=facilitator,
                  reason="Fermée.")
print("CHANGED")
"""

REPUBLISH_SCRIPT = """
from community.models import User
from commons.models import Commons
from commons.services import commons_publish

facilitator = User.objects.get(username="animatrice-ailleurs")
commons_publish(commons=Commons.objects.get(slug=%(grainotheque)r), user=facilitator)
print("REPUBLISHED")
"""


class OtherSite:
    def __init__(self, url: str, environment: dict[str, str]):
        self.url = url
        self.environment = environment
        self.slugs: dict[str, str] = {}

    def shell(self, script: str) -> str:
        """Run Python in the other site's environment (its settings, its database)."""
        return manage(self.environment, "shell", "-c", script)


@contextlib.contextmanager
def running_other_site(directory: Path):
    """A second Ker site served by gunicorn on 127.0.0.1, with three published commons."""
    if connection.vendor != "sqlite":
        pytest.skip("the other site's database is a copy of the SQLite test database")
    database = db_template.migrated_sqlite_copy(connection.creation, directory / "ailleurs.sqlite3")
    assert database is not None, "the SQLite test database was made without its template"
    environment = server_environment(
        directory,
        settings_name="ailleurs_settings",
        database_url=f"sqlite:///{database}",
        KER_SQLITE_TIMEOUT="60",
    )
    port = free_port()
    log_path = directory / "ailleurs.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed below
    server = start_gunicorn(environment, port=port, log=log, workers=1, threads=2, timeout=60)
    site = OtherSite(f"http://127.0.0.1:{port}", environment)
    try:
        # Its commons are published while the server starts.
        output = site.shell(PUBLISH_SCRIPT)
        site.slugs = json.loads(output.split("SLUGS=", 1)[1].splitlines()[0])
        wait_until_up(site.url, server, path="/api/v1/commons/", log=log_path, timeout=60)
        yield site
    finally:
        stop([server], timeout=20)
        log.close()
    assert server.returncode is not None


@pytest.fixture(scope="module")
def other_site(django_db_setup, tmp_path_factory):
    """One other site for the tests that only read it (the test database, and so its template,
    exist once ``django_db_setup`` has run)."""
    with running_other_site(tmp_path_factory.mktemp("ailleurs")) as site:
        yield site


@pytest.fixture
def other_site_to_change(django_db_setup, tmp_path):
    """An other site of its own, for the test that edits and withdraws its commons."""
    with running_other_site(tmp_path) as site:
        yield site


def harvest(source: HarvestSource | None = None) -> str:
    out = io.StringIO()
    call_command("commons_harvest", *(["--source", source.name] if source else []), stdout=out)
    return out.getvalue()


# What a copy cannot keep the same as the original: its address and slug here, the images (not
# downloaded), the API's own fields, when its assessment was saved.
VOLATILE = ("url", "id", "images", "numeric_id", "api_url")
DATES = ("created_at", "published_at", "updated_at")


def comparable(record: dict) -> dict:
    record = {key: value for key, value in record.items() if key not in VOLATILE}
    for name in DATES:
        record[name] = parse_datetime(record[name]) if record[name] else None
    if record["assessment"]:
        record["assessment"] = {**record["assessment"], "updated_at": None}
    return record


def test_harvest_through_the_api_of_a_running_ker_site_follows_its_edits_and_withdrawals(
    other_site_to_change, client, declare, resident, facilitator
):
    from commons.services import commons_publish

    other_site = other_site_to_change

    local = declare(
        resident, name="Jardin partagé du Moulin", summary="Un potager cultivé ensemble.",
        commune="Port-Kerlann", latitude=48.383, longitude=-4.495,
    )  # fmt: skip
    commons_publish(commons=local, user=facilitator)
    # Declared by the API's URL, one record per page: every ``next`` link is followed.
    source = HarvestSource.objects.create(
        name="Ker d'ailleurs",
        url=f"{other_site.url}/api/v1/commons/?limit=1",
        format=HarvestFormat.KER,
        licence="ODbL-1.0",
    )

    output = harvest(source)
    assert f"Lu par l'API ({other_site.url}/api/v1/commons/?limit=1) : 3 page(s), 3 fiche(s)" in (
        output
    )
    assert "3 créée(s), 0 mise(s) à jour, 0 inchangée(s), 0 retirée(s), 0 en erreur" in output
    copies = {copy.name: copy for copy in Commons.objects.filter(harvested__source=source)}
    assert len(copies) == 3
    atelier = copies["Atelier vélo de Kerlann"]
    assert atelier.status == Status.PUBLISHED
    assert (atelier.summary, atelier.commune) == ("Réparer ensemble ses vélos.", "Kerlann")
    assert (atelier.latitude, atelier.longitude) == (48.4, -4.48)
    assert atelier.website == "https://velo.ailleurs.example/"
    assert atelier.licence == "CC-BY-SA-4.0"
    slug = other_site.slugs["Atelier vélo de Kerlann"]
    assert atelier.harvested.original_url == f"{other_site.url}/communs/{slug}/"
    assert atelier.import_source_id == atelier.harvested.original_url  # the stable key
    assert requests.get(atelier.harvested.original_url, timeout=10).status_code == 200
    page = html.unescape(client.get(atelier.get_absolute_url()).content.decode())
    assert "D'après Ker d'ailleurs (licence ODbL-1.0)" in page
    assert atelier.harvested.original_url in page

    # Nothing public is lost: every field of the API's record, the grid assessment (same grid
    # version here), related articles, public contact and the original's dates.
    original = requests.get(f"{other_site.url}/api/v1/commons/{slug}/", timeout=10).json()
    assert original["assessment"]["answers"][0]["text"] == "En assemblée."
    assert original["contact"]["email"] == "anne@ailleurs.example"
    assert [article["title"] for article in original["related_articles"]] == [
        "Le lavoir",
        "La chapelle",
    ]
    copy = public_record(Commons.objects.get(pk=atelier.pk), base_url=other_site.url)
    assert comparable(copy) == comparable(original)

    # The remote record identical to a local one: reported to facilitators, never merged.
    source.refresh_from_db()
    assert (
        "Doublon possible avec une fiche locale : "
        "Jardin partagé du Moulin ≈ Jardin partagé du Moulin"
    ) in source.last_status
    assert Commons.objects.filter(name="Jardin partagé du Moulin").count() == 2
    local.refresh_from_db()
    assert not hasattr(local, "harvested") and local.status == Status.PUBLISHED

    # Harvesting again changes nothing.
    assert "0 créée(s), 0 mise(s) à jour, 3 inchangée(s), 0 retirée(s)" in harvest(source)
    assert Commons.objects.get(pk=atelier.pk).updated_at == atelier.updated_at

    # Edited and unpublished over there: updated (same record) and withdrawn here.
    assert "CHANGED" in other_site.shell(
        CHANGE_SCRIPT
        % {
            "atelier": slug,
            "grainotheque": other_site.slugs["Grainothèque du bourg"],
        }
    )
    output = harvest(source)
    assert ": 2 page(s), 2 fiche(s)" in output
    assert "0 créée(s), 1 mise(s) à jour, 1 inchangée(s), 1 retirée(s), 0 en erreur" in output
    assert Commons.objects.filter(harvested__source=source).count() == 3
    atelier.refresh_from_db()
    assert atelier.summary == "Réparer ensemble ses vélos, le samedi matin."
    grainotheque = copies["Grainothèque du bourg"]
    grainotheque.refresh_from_db()
    assert grainotheque.status == Status.UNPUBLISHED
    assert client.get(grainotheque.get_absolute_url()).status_code == 404
    assert "Grainothèque" not in client.get("/communs/").content.decode()

    # Published again over there: published again here (the same copy).
    assert "REPUBLISHED" in other_site.shell(
        REPUBLISH_SCRIPT % {"grainotheque": other_site.slugs["Grainothèque du bourg"]}
    )
    output = harvest(source)
    assert ": 3 page(s), 3 fiche(s)" in output
    assert "0 créée(s), 1 mise(s) à jour, 2 inchangée(s), 0 retirée(s), 0 en erreur" in output
    grainotheque.refresh_from_db()
    assert grainotheque.status == Status.PUBLISHED
    assert client.get(grainotheque.get_absolute_url()).status_code == 200


def test_each_export_of_a_running_ker_site_can_be_harvested(other_site):
    """GoGoCarto JSON, GeoJSON and CSV, as the other site serves them (types, encodings)."""
    slug = other_site.slugs["Atelier vélo de Kerlann"]
    for path, file_format in [
        ("/communs/export.json", HarvestFormat.JSON),
        ("/communs/export.geojson", HarvestFormat.GEOJSON),
        ("/communs/export.csv", HarvestFormat.CSV),
    ]:
        source = HarvestSource.objects.create(
            name=f"Ailleurs ({file_format})", url=other_site.url + path, format=file_format
        )
        output = harvest(source)
        assert "3 créée(s)" in output and "0 en erreur" in output, (file_format, output)
        assert "0 en échec" in output, (file_format, output)
        atelier = Commons.objects.get(harvested__source=source, name="Atelier vélo de Kerlann")
        assert (atelier.commune, atelier.latitude, atelier.longitude) == ("Kerlann", 48.4, -4.48)
        assert atelier.licence == "CC-BY-SA-4.0"
        assert atelier.harvested.original_url == f"{other_site.url}/communs/{slug}/"
        assert "0 créée(s), 0 mise(s) à jour, 3 inchangée(s)" in harvest(source), file_format
        source.active = False
        source.save()
        Commons.objects.filter(harvested__source=source).delete()


def test_a_ker_source_declared_by_its_address_or_old_export_url_gives_the_same_copies(
    other_site, monkeypatch
):
    """Sources declared with the old export URL keep their copies when moved to the API."""
    source = HarvestSource.objects.create(
        name="Ailleurs", url=f"{other_site.url}/communs/export.json"
    )
    output = harvest(source)
    assert "3 créée(s)" in output and "0 en erreur" in output and "0 en échec" in output
    assert "Lu par l'API" not in output  # the old way: the export file
    copies = dict(Commons.objects.filter(harvested__source=source).values_list("pk", "updated_at"))
    assert len(copies) == 3

    monkeypatch.setattr(harvest_module, "API_PAGE_SIZE", 1)
    for address in (f"{other_site.url}/", other_site.url, f"{other_site.url}/communs/"):
        source.url = address
        source.save()
        output = harvest(source)
        assert (
            f"Lu par l'API ({other_site.url}/api/v1/commons/?limit=1) : 3 page(s), 3 fiche(s)"
        ) in output, address
        assert "0 créée(s), 0 mise(s) à jour, 3 inchangée(s), 0 retirée(s), 0 en erreur" in (
            output
        ), address
    assert (
        dict(Commons.objects.filter(harvested__source=source).values_list("pk", "updated_at"))
        == copies
    )


def test_a_record_already_harvested_from_another_source_is_reported_not_copied(other_site):
    first = HarvestSource.objects.create(name="Ailleurs", url=other_site.url)
    second = HarvestSource.objects.create(
        name="Ailleurs en GeoJSON",
        url=f"{other_site.url}/communs/export.geojson",
        format=HarvestFormat.GEOJSON,
    )
    assert "3 créée(s)" in harvest(first)
    output = harvest(second)
    assert "0 créée(s)" in output and "3 en erreur" in output
    assert "déjà moissonnée depuis la source « Ailleurs »" in output
    assert "UNIQUE" not in output
    assert Commons.objects.count() == 3
