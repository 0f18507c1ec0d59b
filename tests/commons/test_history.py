"""django-reversion history: one version per save, tags and answers included, diff, restore."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from commons.history import record_values, versions_for
from commons.models import Answer
from commons.services import commons_restore, commons_update
from community.registry import contributions_for

pytestmark = pytest.mark.django_db


def test_each_save_is_one_version_with_user_comment_and_tags(resident, published):
    commons_update(
        commons=published, user=resident, changes={"tags": "jardin, potager"}, comment="tags"
    )
    commons_update(commons=published, user=resident, changes={"tags": "jardin"})
    versions = list(versions_for(published))
    assert len(versions) == 3  # declaration + two edits (publishing is not an edit)
    assert versions[1].revision.user == resident
    assert versions[1].revision.comment == "tags"
    assert record_values(versions[1])["tags"] == ["jardin", "potager"]
    assert record_values(versions[0])["tags"] == ["jardin"]


def test_unchanged_save_makes_no_version(resident, published):
    result = commons_update(commons=published, user=resident, changes={"name": published.name})
    assert result.unchanged
    assert versions_for(published).count() == 1


def test_assessment_is_saved_in_the_record_history(resident, published, assess):
    assess(published, resident, {"sharing": "started"})
    version = versions_for(published).first()
    answers = [v for v in version.revision.version_set.all() if v.content_type.model == "answer"]
    assert len(answers) == 1


def test_history_page_lists_versions_and_diffs_any_two(client, resident, published):
    commons_update(
        commons=published, user=resident, changes={"summary": "Un potager partagé, ouvert."}
    )
    commons_update(commons=published, user=resident, changes={"tags": "jardin"})
    oldest, newest = versions_for(published).last(), versions_for(published).first()
    url = reverse("commons:history", args=[published.slug])
    page = client.get(url)
    assert page.status_code == 200 and "maela" in page.content.decode()
    diff = client.get(url, {"de": newest.pk, "a": oldest.pk}).content.decode()
    assert "<del>cultivé ensemble</del>" in diff or "<del>cultivé" in diff
    assert "<ins>jardin</ins>" in diff


def test_bad_diff_parameters_do_not_fail(client, published, declare, facilitator):
    other = declare(facilitator, name="Autre")
    foreign = versions_for(other).first()
    url = reverse("commons:history", args=[published.slug])
    assert client.get(url, {"de": "x", "a": "1"}).status_code == 200
    assert client.get(url, {"de": foreign.pk, "a": foreign.pk}).status_code == 200


def test_owner_restores_an_old_version_as_a_new_version(
    resident_client, resident, published, assess
):
    commons_update(
        commons=published, user=resident, changes={"tags": "jardin", "summary": "Ancien."}
    )
    assess(published, resident, {"sharing": "started"}, {"sharing": "Au début."})
    old = versions_for(published).first()
    commons_update(commons=published, user=resident, changes={"tags": "", "summary": "Nouveau."})
    assess(published, resident, {"sharing": "achieved"}, {"sharing": "Fait."})
    count = versions_for(published).count()

    response = resident_client.post(reverse("commons:restore", args=[published.slug, old.pk]))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.summary == "Ancien."
    assert [tag.name for tag in published.tags.all()] == ["jardin"]
    answer = Answer.objects.get(criterion__key="sharing")
    assert (answer.level.key, answer.text) == ("started", "Au début.")
    assert versions_for(published).count() == count + 1
    assert "Restauration" in versions_for(published).first().revision.comment


def test_other_residents_cannot_restore(client, other_resident, published):
    version = versions_for(published).first()
    with pytest.raises(PermissionDenied):
        commons_restore(commons=published, user=other_resident, version_id=version.pk)
    client.force_login(other_resident)
    assert (
        client.post(reverse("commons:restore", args=[published.slug, version.pk])).status_code
        == 403
    )


def test_restoring_another_commons_version_is_refused(
    resident_client, published, declare, facilitator
):
    other = declare(facilitator, name="Autre")
    foreign = versions_for(other).first()
    response = resident_client.post(reverse("commons:restore", args=[published.slug, foreign.pk]))
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.name == "Jardin partagé du Moulin"


def test_contributions_of_published_commons_appear_on_contributor_pages(
    resident, published, declare, newcomer
):
    declare(newcomer, name="En attente")
    titles = [item.title for item in contributions_for(resident)]
    assert published.name in titles
    assert not [item for item in contributions_for(newcomer) if item.kind == "commons"]
