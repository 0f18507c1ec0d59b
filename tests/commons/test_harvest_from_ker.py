"""commons_harvest against a second Ker site: a real server (gunicorn) started by the test.

The other site runs in a subprocess on a free loopback port, with its own settings module and
its own SQLite file database (a copy of this test database taken before anything is written:
migrations and their data, no commons). Its commons are published and then changed through its
own services (``manage.py shell`` in its environment); this site harvests its real export URLs.
"""

from __future__ import annotations

import html
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.management import call_command
from django.db import connection

from commons.models import Commons, HarvestFormat, HarvestSource, Status

# Transactional: the other site's database is a copy of this one, and SQLite's backup of an
# in-memory database waits forever while a test transaction holds it. serialized_rollback: the
# migrations' pages come back for the next test.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BASE_DIR = Path(settings.BASE_DIR)

# Run by the other site's ``manage.py shell``: users, then three published commons.
PUBLISH_SCRIPT = """
import json
from django.contrib.auth.models import Group
from community.models import User
from community.policy import FACILITATOR_GROUP
from commons.models import Commons
from commons.services import commons_declare, commons_publish, commons_update

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
commons_update(commons=Commons.objects.get(slug=slugs["Atelier vélo de Kerlann"]),
               user=facilitator, changes={"licence": "CC-BY-SA-4.0"})
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


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"The other site stopped: {log.read_text()[-2000:]}")
        try:
            if requests.head(url + "/communs/export.json", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"The other site did not start in time: {log.read_text()[-2000:]}")


class OtherSite:
    def __init__(self, url: str, environment: dict[str, str]):
        self.url = url
        self.environment = environment

    def shell(self, script: str) -> str:
        """Run Python in the other site's environment (its settings, its database)."""
        done = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=BASE_DIR,
            env=self.environment,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-3000:]
        return done.stdout


@pytest.fixture
def other_site(db, tmp_path):
    """A second Ker site served by gunicorn on 127.0.0.1, stopped at the end of the test."""
    if connection.vendor != "sqlite":
        pytest.skip("the other site's database is a copy of the SQLite test database")
    connection.ensure_connection()
    database = tmp_path / "ailleurs.sqlite3"
    target = sqlite3.connect(database)
    with target:
        connection.connection.backup(target)
    target.close()
    (tmp_path / "ailleurs_settings.py").write_text(
        "from config.settings.test import *  # noqa: F403\n"
        f"KER_SEARCH_INDEX_DIR = {str(tmp_path / 'index')!r}\n"
        f"MEDIA_ROOT = {str(tmp_path / 'media')!r}\n"
    )
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "ailleurs_settings",
        "PYTHONPATH": os.pathsep.join([str(tmp_path), str(BASE_DIR)]),
        "DATABASE_URL": f"sqlite:///{database}",
        "KER_SQLITE_TIMEOUT": "60",
        "PYTHONUNBUFFERED": "1",
    }
    port = free_port()
    log_path = tmp_path / "ailleurs.log"
    log = open(log_path, "wb")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "config.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            "--workers=1",
            "--threads=2",
            "--timeout=60",
        ],
        cwd=BASE_DIR,
        env=environment,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    site = OtherSite(f"http://127.0.0.1:{port}", environment)
    try:
        # Its commons are published while the server starts.
        output = site.shell(PUBLISH_SCRIPT)
        site.slugs = json.loads(output.split("SLUGS=", 1)[1].splitlines()[0])
        wait_until_up(site.url, server, log_path)
        yield site
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    assert server.returncode is not None


def harvest(source: HarvestSource | None = None) -> str:
    out = io.StringIO()
    call_command("commons_harvest", *(["--source", source.name] if source else []), stdout=out)
    return out.getvalue()


def test_harvest_from_a_running_ker_site_follows_its_edits_and_withdrawals(
    other_site, client, declare, resident, facilitator
):
    from commons.services import commons_publish

    local = declare(
        resident, name="Jardin partagé du Moulin", summary="Un potager cultivé ensemble.",
        commune="Port-Kerlann", latitude=48.383, longitude=-4.495,
    )  # fmt: skip
    commons_publish(commons=local, user=facilitator)
    source = HarvestSource.objects.create(
        name="Ker d'ailleurs",
        url=f"{other_site.url}/communs/export.json",
        format=HarvestFormat.KER,
        licence="ODbL-1.0",
    )

    output = harvest(source)
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
    assert requests.get(atelier.harvested.original_url, timeout=10).status_code == 200
    page = html.unescape(client.get(atelier.get_absolute_url()).content.decode())
    assert "D'après Ker d'ailleurs (licence ODbL-1.0)" in page
    assert atelier.harvested.original_url in page

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

    # Edited and unpublished over there: updated (same record) and withdrawn here.
    assert "CHANGED" in other_site.shell(
        CHANGE_SCRIPT
        % {
            "atelier": slug,
            "grainotheque": other_site.slugs["Grainothèque du bourg"],
        }
    )
    output = harvest(source)
    assert "0 créée(s), 1 mise(s) à jour, 1 inchangée(s), 1 retirée(s), 0 en erreur" in output
    assert Commons.objects.filter(harvested__source=source).count() == 3
    atelier.refresh_from_db()
    assert atelier.summary == "Réparer ensemble ses vélos, le samedi matin."
    grainotheque = copies["Grainothèque du bourg"]
    grainotheque.refresh_from_db()
    assert grainotheque.status == Status.UNPUBLISHED
    assert client.get(grainotheque.get_absolute_url()).status_code == 404
    assert "Grainothèque" not in client.get("/communs/").content.decode()


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


def test_a_record_already_harvested_from_another_source_is_reported_not_copied(other_site):
    first = HarvestSource.objects.create(
        name="Ailleurs", url=f"{other_site.url}/communs/export.json"
    )
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
