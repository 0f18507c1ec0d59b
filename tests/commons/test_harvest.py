"""commons_harvest gathers another site's commons through a real HTTP server on 127.0.0.1:
provenance shown, copies read-only, re-harvest idempotent, withdrawals, failures keep records,
local look-alikes flagged and never merged."""

from __future__ import annotations

import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

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
