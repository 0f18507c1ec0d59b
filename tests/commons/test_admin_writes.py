"""Facilitators edit the needs vocabulary in the Wagtail admin; the commons that use a need keep
their history (django-reversion) and their search document in step, as the services do."""

import pytest
from django.urls import reverse
from reversion.models import Version
from wagtail.snippets.models import get_snippet_models

from commons.models import Commons, Grid, Need
from commons.services import commons_update, grid_new_version
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def _search(client, query):
    return client.get("/recherche/", {"q": query}).content.decode()


@pytest.fixture
def composting(published, resident):
    """The published record, answering the need "Lombricompostage"."""
    commons_update(
        commons=published, user=resident, changes={"needs": ["Lombricompostage"]}, comment="usage"
    )
    return published


def test_need_renamed_in_the_admin_reindexes_the_commons_using_it(client, composting, facilitator):
    need = Need.objects.get(name="Lombricompostage")
    assert composting.get_absolute_url() in _search(client, "lombricompostage")
    client.force_login(facilitator)
    edit_url = reverse("wagtailsnippets_commons_need:edit", args=[need.pk])
    data = admin_form_data(client, edit_url)
    data["name"] = ["Vermicompostage"]
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()

    assert Need.objects.get(pk=need.pk).name == "Vermicompostage"
    assert composting.get_absolute_url() in _search(client, "vermicompostage")
    assert composting.get_absolute_url() not in _search(client, "lombricompostage")


def test_need_deleted_in_the_admin_is_a_new_version_of_each_commons_using_it(
    client, composting, facilitator
):
    need = Need.objects.get(name="Lombricompostage")
    versions = Version.objects.get_for_object(composting).count()
    assert composting.get_absolute_url() in _search(client, "lombricompostage")
    client.force_login(facilitator)
    response = client.post(reverse("wagtailsnippets_commons_need:delete", args=[need.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]

    assert not Need.objects.filter(pk=need.pk).exists()
    assert not Commons.objects.get(pk=composting.pk).needs.exists()
    latest = Version.objects.get_for_object(composting).select_related("revision").first()
    assert Version.objects.get_for_object(composting).count() == versions + 1
    assert latest.revision.user == facilitator
    assert "Lombricompostage" in latest.revision.comment
    history = client.get(f"{composting.get_absolute_url()}historique/").content.decode()
    assert "Lombricompostage" in history
    client.logout()
    assert composting.get_absolute_url() not in _search(client, "lombricompostage")


def test_needs_bulk_deleted_in_the_admin_are_new_versions_too(client, composting, facilitator):
    need = Need.objects.get(name="Lombricompostage")
    versions = Version.objects.get_for_object(composting).count()
    client.force_login(facilitator)
    url = reverse("wagtail_bulk_action", args=["commons", "need", "delete"])
    response = client.post(f"{url}?id={need.pk}")
    assert response.status_code == 302, response.content.decode()[:2000]

    assert not Need.objects.filter(pk=need.pk).exists()
    assert Version.objects.get_for_object(composting).count() == versions + 1
    client.logout()
    assert composting.get_absolute_url() not in _search(client, "lombricompostage")


def test_commons_records_have_no_admin_editor_beside_the_services(composting):
    """Records are edited only through the front-end forms (services, reversion history):
    the admin holds the vocabulary and the grid, never the records themselves."""
    snippets = set(get_snippet_models())
    assert Need in snippets
    assert Commons not in snippets


def test_answered_grid_cannot_be_deleted_in_the_admin(
    client, facilitator, published, resident, assess
):
    grid = Grid.objects.current()
    assess(published, resident, {grid.criteria.first().key: grid.levels.first().key})
    client.force_login(facilitator)
    response = client.post(reverse("wagtailsnippets_commons_grid:delete", args=[grid.pk]))
    assert response.status_code == 302
    assert Grid.objects.filter(pk=grid.pk).exists() and grid.assessments.exists()
    listing = client.get(response["Location"]).content.decode()
    assert "ne se supprime pas" in listing
    url = reverse("wagtail_bulk_action", args=["commons", "grid", "delete"])
    assert client.post(f"{url}?id={grid.pk}").status_code == 302
    assert Grid.objects.filter(pk=grid.pk).exists()


def test_draft_grid_is_deleted_in_the_admin(client, facilitator):
    draft = grid_new_version(grid=Grid.objects.current(), user=facilitator)
    client.force_login(facilitator)
    response = client.post(reverse("wagtailsnippets_commons_grid:delete", args=[draft.pk]))
    assert response.status_code == 302
    assert not Grid.objects.filter(pk=draft.pk).exists()
