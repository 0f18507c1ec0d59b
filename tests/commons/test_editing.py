"""Completing the record, owners, suggestions, private contact, escaping."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from commons.models import SuggestedChange, SuggestionStatus
from commons.services import (
    commons_owner_add,
    commons_owner_remove,
    commons_update,
    suggestion_approve,
    suggestion_reject,
)

pytestmark = pytest.mark.django_db


def edit_url(commons, section):
    return reverse("commons:edit", args=[commons.slug, section])


def test_confirmed_owner_edit_applies_at_once(resident_client, published):
    response = resident_client.post(
        edit_url(published, "etiquettes"), {"tags": "jardin, Alimentation, jardin"}
    )
    assert response.status_code == 302
    published.refresh_from_db()
    assert published.tag_names() == ["jardin", "Alimentation"]
    assert sorted(tag.name for tag in published.tags.all()) == ["Alimentation", "jardin"]


def test_owner_completes_pending_record_section_by_section(client, newcomer, declare):
    commons = declare(newcomer)
    client.force_login(newcomer)
    response = client.post(
        edit_url(commons, "lieu"),
        {
            "street_address": "1 rue du Port",
            "commune": "Lanvenec",
            "latitude": "48,39",
            "longitude": "-4.5",
        },
    )
    assert response.status_code == 302
    commons.refresh_from_db()
    assert (commons.commune, commons.latitude, commons.longitude) == ("Lanvenec", 48.39, -4.5)
    assert not SuggestedChange.objects.exists()


def test_newcomer_owner_edit_of_published_record_waits(declare, newcomer, facilitator):
    from commons.services import commons_publish

    commons = commons_publish(commons=declare(newcomer), user=facilitator)
    result = commons_update(commons=commons, user=newcomer, changes={"summary": "Nouveau résumé."})
    assert result.suggestion is not None and not result.applied
    commons.refresh_from_db()
    assert commons.summary == "Un potager cultivé ensemble."


def test_other_resident_suggests_and_owner_approves(client, other_resident, resident, published):
    client.force_login(other_resident)
    response = client.post(
        edit_url(published, "description"),
        {"description": "Ouvert le mercredi.", "comment": "horaires"},
    )
    assert response.status_code == 302
    suggestion = SuggestedChange.objects.get()
    assert suggestion.previous == {"description": ""}
    published.refresh_from_db()
    assert published.description == ""

    client.force_login(resident)
    page = client.get(reverse("commons:suggestions", args=[published.slug]))
    assert "<ins>Ouvert le mercredi.</ins>" in page.content.decode()
    client.post(
        reverse("commons:suggestions", args=[published.slug]),
        {"suggestion": suggestion.pk, "decision": "accepter"},
    )
    published.refresh_from_db()
    suggestion.refresh_from_db()
    assert published.description == "Ouvert le mercredi."
    assert suggestion.status == SuggestionStatus.APPROVED


def test_author_cannot_approve_own_suggestion_nor_can_a_stranger(
    other_resident, newcomer, published
):
    suggestion = commons_update(
        commons=published, user=other_resident, changes={"website": "https://jardin.example.org"}
    ).suggestion
    for user in (other_resident, newcomer):
        with pytest.raises(PermissionDenied):
            suggestion_approve(suggestion=suggestion, user=user)


def test_facilitator_rejects_a_suggestion_and_nothing_changes(
    other_resident, facilitator, published
):
    suggestion = commons_update(
        commons=published, user=other_resident, changes={"name": "Autre nom"}
    ).suggestion
    suggestion_reject(suggestion=suggestion, user=facilitator, reason="Nom officiel")
    published.refresh_from_db()
    assert published.name == "Jardin partagé du Moulin"
    with pytest.raises(ValidationError):
        suggestion_approve(suggestion=suggestion, user=facilitator)


def test_visitor_cannot_edit(client, published):
    response = client.get(edit_url(published, "description"))
    assert response.status_code == 302


def test_unknown_section_is_404(resident_client, published):
    assert resident_client.get(edit_url(published, "inconnue")).status_code == 404


def test_contact_is_private_by_default(client, resident, other_resident, facilitator, published):
    commons_update(
        commons=published,
        user=resident,
        changes={"contact_name": "Maëla", "contact_email": "maela@example.org"},
    )
    assert "maela@example.org" not in client.get(published.get_absolute_url()).content.decode()
    client.force_login(other_resident)
    assert "maela@example.org" not in client.get(published.get_absolute_url()).content.decode()
    assert client.get(edit_url(published, "contact")).status_code == 403
    client.force_login(facilitator)
    assert "maela@example.org" in client.get(published.get_absolute_url()).content.decode()
    commons_update(commons=published, user=resident, changes={"contact_public": True})
    client.logout()
    assert "maela@example.org" in client.get(published.get_absolute_url()).content.decode()


def test_non_owner_cannot_change_contact_even_as_suggestion(other_resident, published):
    with pytest.raises(PermissionDenied):
        commons_update(commons=published, user=other_resident, changes={"contact_email": "x@y.org"})


def test_owner_adds_and_removes_a_co_owner(resident_client, resident, other_resident, published):
    response = resident_client.post(
        reverse("commons:owners", args=[published.slug]), {"username": other_resident.username}
    )
    assert response.status_code == 302
    assert set(published.owners.all()) == {resident, other_resident}
    # The co-owner is confirmed: their edits now apply directly.
    result = commons_update(commons=published, user=other_resident, changes={"licence": "GPL-3.0"})
    assert result.applied
    commons_owner_remove(commons=published, user=other_resident, owner=resident)
    with pytest.raises(ValidationError):
        commons_owner_remove(commons=published, user=other_resident, owner=other_resident)


def test_unknown_co_owner_is_a_form_error(resident_client, published):
    response = resident_client.post(
        reverse("commons:owners", args=[published.slug]), {"username": "personne"}
    )
    assert response.status_code == 200
    assert "Aucun compte" in response.content.decode()


def test_non_owner_cannot_add_owners(other_resident, published):
    with pytest.raises(PermissionDenied):
        commons_owner_add(commons=published, user=other_resident, username=other_resident.username)


def test_images_are_verified_and_credited(resident_client, published, png_upload):
    response = resident_client.post(
        reverse("commons:images", args=[published.slug]),
        {
            "image_file": png_upload,
            "image_title": "Le potager",
            "image_author": "Maëla",
            "image_licence": "CC BY-SA 4.0",
            "caption": "Au printemps",
        },
    )
    assert response.status_code == 302
    page = resident_client.get(published.get_absolute_url()).content.decode()
    assert "Maëla — CC BY-SA 4.0" in page


def test_fake_image_is_refused(resident_client, published):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("x.png", b"<script>alert(1)</script>", content_type="image/png")
    response = resident_client.post(
        reverse("commons:images", args=[published.slug]),
        {
            "image_file": fake,
            "image_title": "x",
            "image_author": "y",
            "image_licence": "CC BY-SA 4.0",
        },
    )
    assert response.status_code == 200
    assert published.images.count() == 0


def test_xss_in_fields_is_escaped_or_sanitised(resident, client, published):
    commons_update(
        commons=published,
        user=resident,
        changes={
            "name": '<script>alert("nom")</script>',
            "description": (
                "<script>alert(1)</script><img src=x onerror=alert(2)> [x](javascript:alert(3))"
            ),
            "shared_resources": "<b onclick=alert(4)>outils</b>",
            "related_articles_text": '"><script>alert(5)</script>',
            "tags": "<i>tag</i>",
        },
    )
    html = client.get(published.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html
    assert "<b onclick" not in html
    assert "&lt;script&gt;alert(&quot;nom&quot;)&lt;/script&gt;" in html
    jsonld = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "</script" not in jsonld.lower()
    assert json.loads(jsonld)["name"] == '<script>alert("nom")</script>'


def test_related_articles_link_to_the_wiki_and_back(resident, published):
    from commons.selectors import commons_for_article_slug

    commons_update(
        commons=published,
        user=resident,
        changes={"related_articles_text": "Le Lavoir\nÉcole du bourg"},
    )
    assert list(commons_for_article_slug("ecole-du-bourg")) == [published]
    assert list(commons_for_article_slug("le-lavoir")) == [published]
    assert not commons_for_article_slug("autre").exists()


def test_needs_are_shared_between_commons(resident, facilitator, published, declare):
    from commons.models import Need

    other = declare(facilitator, name="Grainothèque")
    commons_update(commons=published, user=resident, changes={"needs": ["Se nourrir localement"]})
    commons_update(commons=other, user=facilitator, changes={"needs": ["se nourrir localement"]})
    assert Need.objects.count() == 1


def test_related_article_links_back_to_the_commons(client, published, resident, create_article):
    from commons.services import commons_update

    article = create_article(title="Le moulin à marée", body="Un moulin.")
    commons_update(
        commons=published,
        user=resident,
        changes={"related_articles_text": "Le moulin à marée"},
        comment="lien",
    )
    html = client.get(published.get_absolute_url()).content.decode()
    assert "/wiki/le-moulin-a-maree/" in html
    article_html = client.get(article.url).content.decode()
    assert published.get_absolute_url() in article_html and "Communs liés" in article_html


def test_description_text_after_a_stray_style_tag_is_kept():
    from commons.markdown import render_description

    html = render_description("Avant.\n\n<style>\n\nSuite.")
    assert "Suite." in html and "<style" not in html
