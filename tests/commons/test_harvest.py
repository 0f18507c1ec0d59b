"""commons_harvest gathers another site's commons through a real HTTP server on 127.0.0.1:
provenance shown, copies read-only, re-harvest idempotent, withdrawals, failures keep records,
local look-alikes flagged and never merged."""

from __future__ import annotations

import functools
import io
import json
import threading
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command

from commons.models import Commons, HarvestSource, Status

pytestmark = pytest.mark.django_db


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture
def served(tmp_path):
    """A directory served over HTTP on the loopback; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(tmp_path))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield tmp_path, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def harvest_output():
    out = io.StringIO()
    call_command("commons_harvest", stdout=out)
    return out.getvalue()


@pytest.fixture
def other_site_export(client, published):
    """Ker's JSON export as another territory's site would serve it."""
    content = client.get("/communs/export.json").content
    Commons.objects.all().delete()
    return content.replace(b"http://testserver/", b"https://ailleurs.example/")


def test_harvest_creates_read_only_copies_with_provenance(
    client, served, other_site_export, facilitator
):
    directory, base = served
    (directory / "communs.json").write_bytes(other_site_export)
    source = HarvestSource.objects.create(name="Ailleurs", url=f"{base}/communs.json")
    output = harvest_output()
    assert "1 créée(s)" in output and "0 en échec" in output
    copy = Commons.objects.get()
    assert copy.status == Status.PUBLISHED and copy.harvested.source == source
    assert copy.harvested.original_url.startswith("https://ailleurs.example/communs/")
    page = client.get(copy.get_absolute_url()).content.decode()
    assert "D'après Ailleurs" in page and copy.harvested.original_url in page
    client.force_login(facilitator)
    assert client.get(f"/communs/{copy.slug}/modifier/essentiel/").status_code == 403
    # Harvesting again changes nothing.
    assert "0 créée(s), 0 mise(s) à jour, 1 inchangée(s), 0 retirée(s)" in harvest_output()
    # A failing source keeps its records and says why.
    (directory / "communs.json").unlink()
    output = harvest_output()
    assert "1 en échec" in output and "404" in output
    source.refresh_from_db()
    assert source.last_status.startswith("Échec")
    assert Commons.objects.get().status == Status.PUBLISHED
    # A record that left the source is withdrawn here.
    (directory / "communs.json").write_bytes(b'{"data": []}')
    assert "1 retirée(s)" in harvest_output()
    assert Commons.objects.get().status == Status.UNPUBLISHED


def test_local_look_alike_is_flagged_never_merged(
    served, other_site_export, declare, resident, facilitator
):
    from commons.services import commons_publish

    directory, base = served
    (directory / "communs.json").write_bytes(other_site_export)
    local = declare(resident, name="Jardin partagé du Moulin", summary="Le nôtre.")
    commons_publish(commons=local, user=facilitator)
    source = HarvestSource.objects.create(name="Ailleurs", url=f"{base}/communs.json")
    harvest_output()
    assert Commons.objects.count() == 2
    source.refresh_from_db()
    assert "Doublon possible" in source.last_status


def test_oversized_or_unreachable_sources_are_reported(served, settings):
    from commons.importing import harvest as harvest_module

    directory, base = served
    (directory / "gros.json").write_bytes(b"[" + b" " * 2000 + b"]")
    with pytest.raises(harvest_module.HarvestError, match="dépasse"):
        harvest_module.fetch(f"{base}/gros.json", max_bytes=1000)
    with pytest.raises(harvest_module.HarvestError, match="injoignable"):
        harvest_module.fetch("http://127.0.0.1:9/rien.json", timeout=2)


# --- Another Ker read through its API, served from fixture JSON -------------------------------


class RoutesHandler(BaseHTTPRequestHandler):
    """Answers each ``path?query`` with the bytes the test put in ``server.routes`` (else 404)."""

    def do_GET(self):
        body = self.server.routes.get(self.path)
        if body is None:
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def routes():
    """An HTTP server on the loopback answering fixed routes; yields (routes, base URL)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), RoutesHandler)
    server.routes = {}
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.routes, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture
def other_ker_api(client, published, declare, resident, facilitator, routes):
    """This site's read API (one record a page) as another territory's Ker would serve it:
    its links name that other site (``ailleurs.example``), the harvester follows them on the
    declared address. Yields (routes, declared API URL, page routes in order)."""
    from commons.indexing import schedule_removal
    from commons.services import commons_publish

    for name in ("Atelier vélo", "Grainothèque du bourg"):
        commons_publish(commons=declare(resident, name=name), user=facilitator)
    served, base = routes
    pages = []
    path = "/api/v1/commons/?limit=1"
    while path:
        page = client.get(path).json()
        for item in page["results"]:
            detail = urlsplit(item["api_url"]).path
            served[detail] = client.get(detail).content.replace(
                b"http://testserver/", b"https://ailleurs.example/"
            )
        served[path] = json.dumps(page).replace("http://testserver/", "https://ailleurs.example/")
        served[path] = served[path].encode()
        pages.append(path)
        path = page["next"] and page["next"].removeprefix("http://testserver")
    for pk in Commons.objects.values_list("pk", flat=True):
        schedule_removal(pk)  # queued when published: out of the search index too
    Commons.objects.all().delete()
    yield served, f"{base}/api/v1/commons/?limit=1", pages


def copies_of(source):
    return Commons.objects.filter(harvested__source=source)


def test_ker_source_follows_the_api_pages_and_withdraws_records_gone_from_it(other_ker_api):
    served, url, pages = other_ker_api
    assert len(pages) == 3
    source = HarvestSource.objects.create(name="Ailleurs", url=url)
    output = harvest_output()
    assert ": 3 page(s), 3 fiche(s)" in output and "3 créée(s)" in output
    # The API's links name the other site's public host: followed on the declared address.
    for copy in copies_of(source):
        assert copy.harvested.original_url == f"https://ailleurs.example/communs/{copy.slug}/"
    # A record whose detail is gone (unpublished between the list and its detail) is withdrawn.
    detail = next(key for key in served if "grainotheque" in key)
    del served[detail]
    assert "0 créée(s), 0 mise(s) à jour, 2 inchangée(s), 1 retirée(s)" in harvest_output()
    assert copies_of(source).get(name="Grainothèque du bourg").status == Status.UNPUBLISHED


@pytest.mark.parametrize(
    "broken, message",
    [
        (b"<html>Maintenance</html>", "la page 2 de l'API n'est pas du JSON"),
        (b'{"results": "rien", "next": null}', "la page 2 de l'API n'a pas la forme attendue"),
        (b'{"results": [{"nom": "x"}], "next": null}', "la page 2 de l'API n'a pas la forme"),
    ],
)
def test_a_malformed_api_page_keeps_the_last_good_records(other_ker_api, broken, message):
    served, url, pages = other_ker_api
    source = HarvestSource.objects.create(name="Ailleurs", url=url)
    assert "3 créée(s)" in harvest_output()
    good = {copy.pk: copy.updated_at for copy in copies_of(source)}
    served[pages[1]] = broken
    output = harvest_output()
    assert "1 en échec" in output
    source.refresh_from_db()
    assert source.last_status.startswith(f"Échec : {message}")
    assert source.last_status.endswith(". Les fiches déjà moissonnées sont gardées.")
    assert {copy.pk: copy.updated_at for copy in copies_of(source)} == good
    assert set(copies_of(source).values_list("status", flat=True)) == {Status.PUBLISHED}


def test_more_api_pages_than_the_limit_fail_and_keep_the_last_good_records(
    other_ker_api, monkeypatch
):
    from commons.importing import harvest as harvest_module

    served, url, pages = other_ker_api
    source = HarvestSource.objects.create(name="Ailleurs", url=url)
    assert ": 3 page(s), 3 fiche(s)" in harvest_output()
    monkeypatch.setattr(harvest_module, "API_MAX_PAGES", 2)
    output = harvest_output()
    assert "1 en échec" in output
    source.refresh_from_db()
    assert source.last_status == (
        "Échec : l'API de la source a plus de 2 pages : moissonnage arrêté. "
        "Les fiches déjà moissonnées sont gardées."
    )
    assert copies_of(source).filter(status=Status.PUBLISHED).count() == 3
    # The same for too many bytes in all, and for a loop of ``next`` links.
    monkeypatch.setattr(harvest_module, "API_MAX_PAGES", 100)
    monkeypatch.setattr(harvest_module, "API_MAX_BYTES", len(served[pages[0]]) + 10)
    assert "dépasse" in harvest_output()
    monkeypatch.setattr(harvest_module, "API_MAX_BYTES", 10**6)
    looping = json.loads(served[pages[1]])
    looping["next"] = "https://ailleurs.example" + pages[0]
    served[pages[1]] = json.dumps(looping).encode()
    assert "tournent en rond" in harvest_output()
    assert copies_of(source).filter(status=Status.PUBLISHED).count() == 3


@pytest.mark.parametrize(
    "declared, api",
    [
        ("https://autre.example/", "https://autre.example/api/v1/commons/?limit=100"),
        ("https://autre.example", "https://autre.example/api/v1/commons/?limit=100"),
        ("https://autre.example/communs/", "https://autre.example/api/v1/commons/?limit=100"),
        (
            "https://autre.example/api/v1/commons",
            "https://autre.example/api/v1/commons/?limit=100",
        ),
        (
            "https://autre.example/api/v1/commons/?tag=jardin&limit=20&cursor=abc",
            "https://autre.example/api/v1/commons/?tag=jardin&limit=20",
        ),
        ("https://autre.example/communs/export.json", None),
    ],
)
def test_a_ker_source_address_gives_its_api_url(declared, api):
    from commons.importing.harvest import ker_api_url

    assert ker_api_url(declared) == api


def test_a_record_withdrawn_then_back_at_its_source_follows_it_here_and_in_search(
    other_ker_api, facilitator, django_capture_on_commit_callbacks
):
    from commons.services import commons_unpublish
    from search.selectors import search_documents

    served, url, pages = other_ker_api
    source = HarvestSource.objects.create(name="Ailleurs", url=url)
    with django_capture_on_commit_callbacks(execute=True):
        assert "3 créée(s)" in harvest_output()
    assert search_documents(text="grainothèque").total == 1
    detail = next(key for key in served if "grainotheque" in key)
    record = served.pop(detail)
    with django_capture_on_commit_callbacks(execute=True):
        assert "1 retirée(s)" in harvest_output()
    copy = copies_of(source).get(name="Grainothèque du bourg")
    assert copy.status == Status.UNPUBLISHED
    assert search_documents(text="grainothèque").total == 0
    # Published again over there: published again here.
    served[detail] = record
    with django_capture_on_commit_callbacks(execute=True):
        assert "0 créée(s), 1 mise(s) à jour, 2 inchangée(s), 0 retirée(s)" in harvest_output()
    copy.refresh_from_db()
    assert copy.status == Status.PUBLISHED
    assert search_documents(text="grainothèque").total == 1
    # A copy a facilitator unpublished here stays unpublished.
    atelier = copies_of(source).get(name="Atelier vélo")
    commons_unpublish(commons=atelier, user=facilitator, reason="Hors du territoire.")
    assert "0 mise(s) à jour, 3 inchangée(s), 0 retirée(s)" in harvest_output()
    atelier.refresh_from_db()
    assert atelier.status == Status.UNPUBLISHED


def test_api_links_never_send_the_harvester_to_another_host(other_ker_api):
    """``next`` links are followed on the declared host, even one written ``//other.host/``."""
    served, url, pages = other_ker_api
    source = HarvestSource.objects.create(name="Ailleurs", url=url)
    first = json.loads(served[pages[0]])
    first["next"] = "https://ailleurs.example//127.0.0.2:9/api/v1/commons/"
    served[pages[0]] = json.dumps(first).encode()
    output = harvest_output()
    source.refresh_from_db()
    assert "1 en échec" in output
    assert source.last_status.startswith("Échec : la source répond 404"), source.last_status
