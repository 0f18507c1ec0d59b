"""Tag descriptions: written by facilitators only, through one service (version + audit log),
whether from the tag page or the Wagtail admin snippet."""

import dataclasses

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import ModelLogEntry

from community.models import TagDescription, TagOrigin
from community.tag_descriptions import (
    ImportedDescription,
    description_history,
    tag_description_delete,
    tag_description_import,
    tag_description_save,
)
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="Patrimoine")


def test_facilitator_saves_a_description_as_a_version_with_an_audit_entry(tag, facilitator):
    description = tag_description_save(user=facilitator, tag=tag, body="Les vieilles pierres.")
    assert description.body == "Les vieilles pierres.\n"
    assert description.updated_by == facilitator and description.origin == TagOrigin.KER
    tag_description_save(user=facilitator, tag=tag, body="Les vieilles pierres du bourg.")
    tag_description_save(user=facilitator, tag=tag, body="Les vieilles pierres du bourg.")
    versions = list(description_history(description))
    assert len(versions) == 2  # an unchanged text adds no version
    assert versions[-1].field_dict["body"] == "Les vieilles pierres.\n"
    assert versions[0].revision.user == facilitator
    actions = ModelLogEntry.objects.filter(object_id=str(description.pk)).values_list(
        "action", flat=True
    )
    assert sorted(actions) == ["wagtail.create", "wagtail.edit"]


def test_residents_and_visitors_cannot_write_descriptions(tag, resident, facilitator):
    from django.contrib.auth.models import AnonymousUser

    for user in (resident, AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            tag_description_save(user=user, tag=tag, body="Vandale")
    assert not TagDescription.objects.exists()
    description = tag_description_save(user=facilitator, tag=tag, body="Texte.")
    with pytest.raises(PermissionDenied):
        tag_description_delete(user=resident, description=description)
    assert TagDescription.objects.filter(pk=description.pk).exists()


def test_too_long_description_is_refused(tag, facilitator):
    with pytest.raises(ValidationError):
        tag_description_save(user=facilitator, tag=tag, body="x" * 20_001)


def test_import_creates_the_tag_and_never_overwrites_a_description_written_in_ker(facilitator):
    imported = ImportedDescription(
        tag_name="Toponymie",
        markdown="Les noms de lieux.",
        source_wiki="kerlannwiki",
        source_revision_id=10,
        author_name="Gwen",
    )
    assert tag_description_import(imported=imported) == "created"
    assert tag_description_import(imported=imported) == "unchanged"
    description = TagDescription.objects.get(tag__name="Toponymie")
    assert description.editor_name == "Gwen" and description.origin == TagOrigin.IMPORTED
    newer = dataclasses.replace(imported, markdown="Noms.", source_revision_id=11)
    assert tag_description_import(imported=newer) == "updated"
    tag_description_save(user=facilitator, tag=description.tag, body="Réécrit dans Ker.")
    newest = dataclasses.replace(newer, markdown="Autre.", source_revision_id=12)
    assert tag_description_import(imported=newest) == "kept"
    assert TagDescription.objects.get(pk=description.pk).body == "Réécrit dans Ker.\n"
    assert description_history(description).count() == 3


def test_facilitator_creates_edits_and_deletes_in_the_admin_through_the_service(
    client, tag, facilitator
):
    client.force_login(facilitator)
    add_url = reverse("wagtailsnippets_community_tagdescription:add")
    assert client.get(add_url).status_code == 200
    response = client.post(add_url, {"tag": tag.pk, "body": "Depuis l'administration."})
    assert response.status_code == 302, response.content.decode()[:3000]
    description = TagDescription.objects.get(tag=tag)
    assert description.updated_by == facilitator
    assert description_history(description).count() == 1

    edit_url = reverse("wagtailsnippets_community_tagdescription:edit", args=[description.pk])
    data = admin_form_data(client, edit_url)
    data["body"] = ["Corrigé dans l'administration."]
    other = Tag.objects.create(name="Autre")
    data["tag"] = [str(other.pk)]  # the tag of a description does not change
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    description.refresh_from_db()
    assert description.body == "Corrigé dans l'administration.\n" and description.tag == tag
    assert description_history(description).count() == 2

    delete_url = reverse("wagtailsnippets_community_tagdescription:delete", args=[description.pk])
    assert client.post(delete_url).status_code == 302
    assert not TagDescription.objects.exists()
    assert ModelLogEntry.objects.filter(action="wagtail.delete", user=facilitator).exists()


def test_resident_cannot_reach_the_admin_snippet(client, tag, resident):
    client.force_login(resident)
    add_url = reverse("wagtailsnippets_community_tagdescription:add")
    response = client.post(add_url, {"tag": tag.pk, "body": "Vandale"})
    assert response.status_code in (302, 403)
    assert not TagDescription.objects.exists()
