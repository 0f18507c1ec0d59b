"""The grid is data: versions, frozen published grids, profiles and the level filter."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from commons.models import Answer, Grid
from commons.profile import build_profile
from commons.services import assessment_save, grid_new_version, grid_publish

pytestmark = pytest.mark.django_db


def test_seed_grid_is_loaded_as_published_version_one(grid):
    assert grid.version == 1 and grid.is_published
    assert [c.key for c in grid.criteria.all()] == [
        "sharing", "governance", "partners", "legal", "funding", "contribution"
    ]  # fmt: skip
    assert grid.levels.get(key="not_applicable").counts is False


def test_published_grid_is_frozen(grid):
    grid.title = "Autre titre"
    with pytest.raises(ValidationError):
        grid.full_clean()


def test_new_version_never_alters_existing_assessments(
    grid, published, resident, facilitator, assess
):
    assessment = assess(published, resident, {"sharing": "achieved"}, {"sharing": "On essaime."})
    draft = grid_new_version(grid=grid, user=facilitator)
    assert draft.version == 2 and not draft.is_published
    criterion = draft.criteria.get(key="sharing")
    criterion.label = "Essaimage"
    criterion.save()
    draft.criteria.get(key="funding").delete()
    grid_publish(grid=draft, user=facilitator)
    assert Grid.objects.current() == draft

    assessment.refresh_from_db()
    assert assessment.grid == grid
    answer = assessment.answers.get()
    assert answer.criterion.label == "Partage" and answer.level.key == "achieved"

    newer = assess(published, resident, {"sharing": "started"})
    assert newer.grid == draft and newer.is_latest
    assessment.refresh_from_db()
    assert not assessment.is_latest
    assert Answer.objects.filter(assessment=assessment).get().level.key == "achieved"


def test_only_facilitators_manage_grid_versions(grid, resident):
    with pytest.raises(PermissionDenied):
        grid_new_version(grid=grid, user=resident)


def test_profile_leaves_not_applicable_out_of_the_average(grid, published, resident, assess):
    assessment = assess(
        published,
        resident,
        {"sharing": "achieved", "governance": "started", "legal": "not_applicable"},
    )
    profile = build_profile(assessment=assessment, grid=grid)
    assert profile.average == 3.0  # (4 + 2) / 2, "Sans objet" excluded
    assert [c.key for c in profile.remaining] == ["partners", "funding", "contribution"]


def test_record_shows_chart_table_disclaimer_and_remaining(
    client, grid, published, resident, assess
):
    assess(published, resident, {"sharing": "achieved"}, {"sharing": "<script>x</script>"})
    html = client.get(published.get_absolute_url()).content.decode()
    assert '<div class="profile-chart"' in html
    assert '<table class="commons-profile__table">' in html
    assert "pas une certification" in html
    assert "Reste à remplir" in html
    assert "<script>x</script>" not in html


def test_assessment_form_saves_answers(resident_client, published, grid):
    data = {f"level_{c.key}": "" for c in grid.criteria.all()}
    data.update({"level_governance": "in_progress", "text_governance": "Assemblée mensuelle."})
    response = resident_client.post(reverse("commons:assessment", args=[published.slug]), data)
    assert response.status_code == 302
    answer = Answer.objects.get(criterion__key="governance")
    assert (answer.level.key, answer.text) == ("in_progress", "Assemblée mensuelle.")


def test_unknown_level_is_a_form_error(resident_client, published):
    response = resident_client.post(
        reverse("commons:assessment", args=[published.slug]), {"level_governance": "super"}
    )
    assert response.status_code == 200
    assert not Answer.objects.exists()


def test_only_owners_assess(other_resident, published):
    with pytest.raises(PermissionDenied):
        assessment_save(commons=published, user=other_resident, answers={})


def test_directory_filters_on_level_reached(
    client, declare, facilitator, assess, published, resident
):
    low = declare(facilitator, name="Atelier vélo")
    assess(published, resident, {"governance": "achieved"})
    assess(low, facilitator, {"governance": "wished"})
    response = client.get(
        reverse("commons:directory"), {"critere": "governance", "niveau": "in_progress"}
    )
    names = [commons.name for commons in response.context["page_obj"]]
    assert names == [published.name]
    response = client.get(
        reverse("commons:directory"), {"critere": "governance", "niveau": "wished"}
    )
    assert len(response.context["page_obj"]) == 2


def test_admin_grid_listing_and_new_version_for_facilitators(client, administrator, grid):
    client.force_login(administrator)
    listing = client.get(reverse("wagtailsnippets_commons_grid:list"))
    assert listing.status_code == 200
    response = client.post(reverse("commons_grid_new_version", args=[grid.pk]))
    assert response.status_code == 302
    assert Grid.objects.filter(version=2, published_at__isnull=True).exists()
    edit = client.get(reverse("wagtailsnippets_commons_grid:edit", args=[grid.pk]))
    assert edit.status_code == 200
