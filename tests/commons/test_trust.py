"""Commons follow the same trust rules as articles (issue 9, section 2).

Images added by unconfirmed owners wait for review; co-owners are added by confirmed owners
or facilitators, a newcomer cannot push the declarant out, owner changes are in the history;
suggestions merge field by field against the current record, with conflicts for the reviewer.
"""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import PageLogEntry  # noqa: F401  (audit log lives in wagtail)

from commons.history import versions_for
from commons.models import CommonsImage, CommonsOwner, SuggestedChange, SuggestionStatus
from commons.services import (
    commons_declare,
    commons_owner_add,
    commons_owner_remove,
    commons_publish,
    commons_update,
)
from commons.services.suggestions import SuggestionConflict, suggestion_approve
from tests.conftest import image_bytes, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer_commons(newcomer, facilitator):
    """A published commons declared by a newcomer (unconfirmed) owner."""
    commons = commons_declare(
        user=newcomer,
        name="Atelier vélo du port",
        summary="On répare ensemble.",
        duplicates_confirmed=True,
    )
    return commons_publish(commons=commons, user=facilitator)


def _image_post(client, commons, caption):
    upload = SimpleUploadedFile("velo.png", image_bytes("PNG"), content_type="image/png")
    return client.post(
        f"/communs/{commons.slug}/images/",
        {
            "image_title": "Atelier",
            "image_author": "Nouveau",
            "image_licence": "CC BY-SA 4.0",
            "caption": caption,
            "image_file": upload,
        },
    )


# --- images -------------------------------------------------------------------------------


def test_image_by_an_unconfirmed_owner_waits_for_review(client, newcomer, newcomer_commons):
    client.force_login(newcomer)
    response = _image_post(client, newcomer_commons, "Légende EN-ATTENTE")
    assert response.status_code == 302
    link = CommonsImage.objects.get()
    assert link.status == SuggestionStatus.PENDING
    # Its author sees it waiting on the images page...
    assert "Légende EN-ATTENTE" in client.get(f"/communs/{newcomer_commons.slug}/images/").text
    client.logout()
    # ...visitors see neither the image nor its caption, anywhere.
    assert "Légende EN-ATTENTE" not in client.get(newcomer_commons.get_absolute_url()).text
    export = json.loads(client.get("/communs/export.json").content)
    assert "EN-ATTENTE" not in json.dumps(export)


def test_image_by_a_confirmed_owner_is_live_at_once(client, resident, published):
    client.force_login(resident)
    _image_post(client, published, "Légende CONFIRMEE")
    assert CommonsImage.objects.get().status == SuggestionStatus.APPROVED
    client.logout()
    assert "Légende CONFIRMEE" in client.get(published.get_absolute_url()).text


def test_pending_image_accepted_from_the_review_queue_goes_live(
    client, newcomer, facilitator, newcomer_commons
):
    client.force_login(newcomer)
    _image_post(client, newcomer_commons, "Légende A-RELIRE")
    link = CommonsImage.objects.get()
    client.force_login(facilitator)
    queue = client.get("/relecture/?type=commons").text
    assert "Légende A-RELIRE" in queue
    response = client.post(
        "/relecture/decision/",
        {"source": "commons", "item_id": f"image:{link.pk}", "decision": "approve"},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.status == SuggestionStatus.APPROVED
    client.logout()
    assert "Légende A-RELIRE" in client.get(newcomer_commons.get_absolute_url()).text


def test_pending_image_refused_never_shows(client, newcomer, facilitator, newcomer_commons):
    client.force_login(newcomer)
    _image_post(client, newcomer_commons, "Légende REFUSEE")
    link = CommonsImage.objects.get()
    client.force_login(facilitator)
    client.post(
        "/relecture/decision/",
        {
            "source": "commons",
            "item_id": f"image:{link.pk}",
            "decision": "reject",
            "reason": "Hors sujet.",
        },
    )
    link.refresh_from_db()
    assert link.status == SuggestionStatus.REJECTED
    client.logout()
    assert "Légende REFUSEE" not in client.get(newcomer_commons.get_absolute_url()).text


def test_unconfirmed_owner_cannot_take_down_a_published_image(
    client, newcomer, resident, published
):
    client.force_login(resident)
    _image_post(client, published, "Photo du jardin")
    link = CommonsImage.objects.get()
    commons_owner_add(commons=published, user=resident, username=newcomer.username)
    client.force_login(newcomer)
    response = client.post(f"/communs/{published.slug}/images/", {"remove": link.pk})
    assert response.status_code == 403
    assert CommonsImage.objects.filter(pk=link.pk).exists()


# --- owners -------------------------------------------------------------------------------


def test_unconfirmed_owner_cannot_add_a_co_owner(client, newcomer, newcomer_commons):
    accomplice = make_user("complice")
    client.force_login(newcomer)
    page = client.get(f"/communs/{newcomer_commons.slug}/porteurs/").text
    assert "porteurs confirmés" in page
    response = client.post(
        f"/communs/{newcomer_commons.slug}/porteurs/", {"username": accomplice.username}
    )
    assert response.status_code == 403
    assert not CommonsOwner.objects.filter(user=accomplice).exists()
    with pytest.raises(PermissionDenied):
        commons_owner_add(commons=newcomer_commons, user=newcomer, username="complice")


def test_confirmed_owner_and_facilitator_add_co_owners(
    client, resident, facilitator, newcomer, other_resident, published
):
    client.force_login(resident)
    response = client.post(f"/communs/{published.slug}/porteurs/", {"username": newcomer.username})
    assert response.status_code == 302
    commons_owner_add(commons=published, user=facilitator, username=other_resident.username)
    assert set(published.owners.values_list("username", flat=True)) == {
        resident.username,
        newcomer.username,
        other_resident.username,
    }


def test_newcomer_co_owner_cannot_remove_the_declarant(client, resident, newcomer, published):
    commons_owner_add(commons=published, user=resident, username=newcomer.username)
    client.force_login(newcomer)
    response = client.post(f"/communs/{published.slug}/porteurs/", {"remove": resident.pk})
    assert response.status_code == 403
    assert published.ownerships.filter(user=resident).exists()
    # The newcomer may still leave.
    client.post(f"/communs/{published.slug}/porteurs/", {"remove": newcomer.pk})
    assert not published.ownerships.filter(user=newcomer).exists()


def test_facilitator_may_remove_an_owner_but_one_always_stays(
    resident, facilitator, other_resident, published
):
    commons_owner_add(commons=published, user=facilitator, username=other_resident.username)
    commons_owner_remove(commons=published, user=facilitator, owner=resident)
    assert list(published.owners.values_list("username", flat=True)) == [other_resident.username]


def test_every_owner_change_is_in_the_record_history(
    client, resident, newcomer, facilitator, published
):
    before = versions_for(published).count()
    commons_owner_add(commons=published, user=resident, username=newcomer.username)
    commons_owner_remove(commons=published, user=facilitator, owner=newcomer)
    comments = [version.revision.comment for version in versions_for(published)]
    assert len(comments) == before + 2
    assert f"Porteur ajouté : {newcomer.username}" in comments
    assert f"Porteur retiré : {newcomer.username}" in comments
    assert newcomer.username in client.get(f"/communs/{published.slug}/historique/").text


# --- suggestions merge field by field -----------------------------------------------------


def _suggest(commons, user, changes):
    result = commons_update(commons=commons, user=user, changes=changes, comment="idée")
    assert result.suggestion is not None
    return result.suggestion


def test_old_suggestion_does_not_overwrite_later_edits_of_other_fields(
    newcomer, resident, facilitator, published
):
    suggestion = _suggest(published, newcomer, {"summary": "Résumé proposé."})
    commons_update(commons=published, user=resident, changes={"website": "https://jardin.example"})
    suggestion_approve(suggestion=suggestion, user=facilitator)
    published.refresh_from_db()
    assert published.summary == "Résumé proposé."
    assert published.website == "https://jardin.example"


def test_field_changed_since_the_suggestion_is_a_conflict_the_reviewer_settles(
    newcomer, resident, facilitator, published
):
    suggestion = _suggest(published, newcomer, {"summary": "Résumé proposé.", "commune": "Brest"})
    commons_update(commons=published, user=resident, changes={"summary": "Résumé du porteur."})
    with pytest.raises(SuggestionConflict) as raised:
        suggestion_approve(suggestion=suggestion, user=facilitator)
    assert raised.value.fields == ["summary"]
    published.refresh_from_db()
    assert published.summary == "Résumé du porteur." and published.commune == "Port-Kerlann"
    assert SuggestedChange.objects.get().status == SuggestionStatus.PENDING
    suggestion_approve(suggestion=suggestion, user=facilitator, choices={"summary": "actuel"})
    published.refresh_from_db()
    assert published.summary == "Résumé du porteur." and published.commune == "Brest"


def test_reviewer_may_choose_the_suggested_value_for_a_conflict(
    newcomer, resident, facilitator, published
):
    suggestion = _suggest(published, newcomer, {"summary": "Résumé proposé."})
    commons_update(commons=published, user=resident, changes={"summary": "Résumé du porteur."})
    suggestion_approve(suggestion=suggestion, user=facilitator, choices={"summary": "proposition"})
    published.refresh_from_db()
    assert published.summary == "Résumé proposé."


def test_conflict_on_the_record_suggestions_page(
    client, newcomer, resident, other_resident, published
):
    suggestion = _suggest(published, newcomer, {"summary": "Résumé proposé."})
    commons_update(commons=published, user=resident, changes={"summary": "Résumé du porteur."})
    commons_owner_add(commons=published, user=resident, username=other_resident.username)
    client.force_login(other_resident)
    url = f"/communs/{published.slug}/propositions/"
    page = client.get(url).text
    assert "Conflit" in page and "Résumé du porteur." in page and 'name="choix_summary"' in page
    client.post(url, {"suggestion": suggestion.pk, "decision": "accepter"})
    published.refresh_from_db()
    assert published.summary == "Résumé du porteur."
    assert SuggestedChange.objects.get().status == SuggestionStatus.PENDING
    client.post(
        url, {"suggestion": suggestion.pk, "decision": "accepter", "choix_summary": "proposition"}
    )
    published.refresh_from_db()
    assert published.summary == "Résumé proposé."
    assert SuggestedChange.objects.get().status == SuggestionStatus.APPROVED


def test_conflict_in_the_shared_review_queue(client, newcomer, resident, facilitator, published):
    suggestion = _suggest(published, newcomer, {"summary": "Résumé proposé.", "commune": "Brest"})
    commons_update(commons=published, user=resident, changes={"summary": "Résumé du porteur."})
    client.force_login(facilitator)
    queue = client.get("/relecture/?type=commons").text
    assert "Conflit" in queue and 'name="choix_summary"' in queue
    form_id = f"decision-commons-suggestion{suggestion.pk}"
    assert f'id="{form_id}"' in queue and f'form="{form_id}"' in queue
    item = {"source": "commons", "item_id": f"suggestion:{suggestion.pk}", "decision": "approve"}
    client.post("/relecture/decision/", item)
    published.refresh_from_db()
    assert published.summary == "Résumé du porteur." and published.commune == "Port-Kerlann"
    client.post("/relecture/decision/", {**item, "choix_summary": "actuel"})
    published.refresh_from_db()
    assert published.summary == "Résumé du porteur." and published.commune == "Brest"
    assert SuggestedChange.objects.get().status == SuggestionStatus.APPROVED
