"""Facilitators edit the grid in the Wagtail admin: new draft version, edit, publish; earlier
assessments keep pointing at the version they answered."""

import pytest
from django.urls import reverse

from commons.models import Grid
from tests.admin_forms import AdminFormFields

pytestmark = pytest.mark.django_db


def test_facilitator_versions_edits_and_publishes_the_grid_in_the_admin(
    client, facilitator, resident, published, assess
):
    grid = Grid.objects.current()
    criterion = grid.criteria.first()
    level = grid.levels.first()
    old_assessment = assess(published, resident, {criterion.key: level.key})
    client.force_login(facilitator)

    listing = client.get(reverse("wagtailsnippets_commons_grid:list"))
    assert listing.status_code == 200 and "Nouvelle version" in listing.content.decode()
    response = client.post(reverse("commons_grid_new_version", args=[grid.pk]))
    assert response.status_code == 302
    draft = Grid.objects.exclude(pk=grid.pk).get()
    assert draft.version == grid.version + 1 and draft.published_at is None

    edit_url = reverse("wagtailsnippets_commons_grid:edit", args=[draft.pk])
    form = AdminFormFields()
    form.feed(client.get(edit_url).content.decode())
    label_fields = [
        name for name in form.data if name.startswith("criteria-") and name.endswith("-label")
    ]
    assert label_fields
    form.data[label_fields[0]] = ["Partage des ressources (révisé)"]
    response = client.post(edit_url, {key: values for key, values in form.data.items()})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert draft.criteria.filter(label="Partage des ressources (révisé)").exists()

    response = client.post(reverse("commons_grid_publish", args=[draft.pk]))
    assert response.status_code == 302
    assert Grid.objects.current().pk == draft.pk
    old_assessment.refresh_from_db()
    assert old_assessment.grid_id == grid.pk
    assert not grid.criteria.filter(label="Partage des ressources (révisé)").exists()


def test_residents_cannot_reach_the_grid_admin(client, resident):
    client.force_login(resident)
    grid = Grid.objects.current()
    assert client.post(reverse("commons_grid_new_version", args=[grid.pk])).status_code in (
        302,
        403,
    )
    assert Grid.objects.count() == 1
