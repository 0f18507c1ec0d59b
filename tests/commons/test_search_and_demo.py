"""Search registration and index updates; the demo loader; robustness of odd requests."""

import io

import pytest
from django.core.management import call_command

from commons.models import Commons, Status
from commons.services import commons_publish, commons_unpublish, commons_update

pytestmark = pytest.mark.django_db


def test_commons_source_is_registered_in_search():
    from search.registry import get_source

    source = get_source("commons")
    assert str(source.label) == "Commun"


def test_publish_update_unpublish_keep_the_index_in_step(
    declare, newcomer, facilitator, django_capture_on_commit_callbacks
):
    from search.selectors import search_documents

    with django_capture_on_commit_callbacks(execute=True):
        commons = declare(newcomer, name="Grainothèque de Plouzévet")
    assert search_documents(text="grainothèque").total == 0  # pending: not indexed
    with django_capture_on_commit_callbacks(execute=True):
        commons_publish(commons=commons, user=facilitator)
    assert search_documents(text="grainothèque").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        commons_update(
            commons=commons, user=facilitator, changes={"description": "Semences paysannes."}
        )
    assert search_documents(text="semences").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        commons_unpublish(commons=commons, user=facilitator, reason="doublon")
    assert search_documents(text="grainothèque").total == 0


def test_demo_is_idempotent_with_pending_records(grid):
    out = io.StringIO()
    call_command("commons_demo", stdout=out)
    assert "15 créé(s)" in out.getvalue()
    call_command("commons_demo", stdout=io.StringIO())
    assert Commons.objects.count() == 15
    assert Commons.objects.filter(status=Status.PENDING).count() == 3
    assert Commons.objects.filter(assessments__isnull=False).distinct().count() == 12
    assert set(Commons.objects.values_list("commune", flat=True)) == {
        "Port-Kerlann",
        "Lanvenec",
        "Plouzévet",
    }


@pytest.mark.parametrize(
    "url",
    [
        "/communs/?q=%00%27%22<script>",
        "/communs/?critere=governance&niveau=not_applicable",
        "/communs/?page=-1",
        "/communs/carte/geojson/?etape=%ff",
        "/communs/inconnu/",
        "/communs/inconnu/historique/",
        "/communs/inconnu/historique/99/restaurer/",
    ],
)
def test_odd_requests_never_fail(client, url):
    assert client.get(url).status_code in (200, 400, 404, 405)


def test_bad_posts_never_fail(resident_client, published):
    base = f"/communs/{published.slug}/"
    assert resident_client.post(base + "propositions/", {"suggestion": "x"}).status_code == 302
    assert resident_client.post(base + "images/", {"remove": "x"}).status_code == 302
    assert resident_client.post(base + "porteurs/", {"remove": "x"}).status_code == 302
    assert (
        resident_client.post(
            base + "modifier/etat/", {"start_date": "2024-13-45", "stage": "zz"}
        ).status_code
        == 200
    )


def test_large_import_is_indexed_in_one_batch(tmp_path, django_capture_on_commit_callbacks):
    from search.selectors import search_documents

    rows = "".join(f"Phare numéro {number},Un phare.\n" for number in range(60))
    path = tmp_path / "phares.csv"
    path.write_text("name,summary\n" + rows, encoding="utf-8")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("commons_import", str(path), stdout=io.StringIO())
    assert search_documents(text="phare").total == 60
