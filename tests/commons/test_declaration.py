"""Declaring a commons: minimal form, landing on the record, duplicates, bad input."""

import pytest
from django.urls import reverse

from commons.models import Commons, Status
from commons.services import DuplicatesFound, commons_declare
from community.models import Block

pytestmark = pytest.mark.django_db


def test_visitor_is_sent_to_log_in(client):
    response = client.get(reverse("commons:declare"))
    assert response.status_code == 302
    assert reverse("community:login") in response["Location"]


def test_name_and_summary_are_enough_and_declarant_lands_on_pending_record(
    resident_client, resident
):
    response = resident_client.post(
        reverse("commons:declare"),
        {"name": "Repair café de Kerlann", "summary": "On répare ensemble, un samedi par mois."},
    )
    commons = Commons.objects.get()
    assert response.status_code == 302
    assert response["Location"] == commons.get_absolute_url()
    assert commons.status == Status.PENDING
    assert list(commons.owners.all()) == [resident]
    page = resident_client.get(commons.get_absolute_url())
    assert "attend la relecture" in page.content.decode()
    assert "à remplir" in page.content.decode()


def test_missing_summary_is_refused_with_a_french_message(resident_client):
    response = resident_client.post(reverse("commons:declare"), {"name": "Sans résumé"})
    assert response.status_code == 200
    assert "id_summary_error" in response.content.decode()
    assert not Commons.objects.exists()


def test_pending_record_is_hidden_from_visitors_and_other_residents(
    client, other_resident, declare, resident
):
    commons = declare(resident)
    assert client.get(commons.get_absolute_url()).status_code == 404
    client.force_login(other_resident)
    assert client.get(commons.get_absolute_url()).status_code == 404


def test_facilitator_declaration_is_published_at_once(declare, facilitator):
    assert declare(facilitator).status == Status.PUBLISHED


def test_blocked_user_cannot_declare(resident, resident_client):
    Block.objects.create(user=resident, reason="spam")
    response = resident_client.get(reverse("commons:declare"))
    assert response.status_code == 403
    assert "bloqué" in response.content.decode()


def test_similar_name_is_shown_before_saving_then_declare_anyway(resident_client, published):
    data = {"name": "Le jardin partagé du moulin", "summary": "Encore un jardin."}
    response = resident_client.post(reverse("commons:declare"), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "existe peut-être déjà" in html
    assert published.get_absolute_url() in html
    assert Commons.objects.count() == 1
    response = resident_client.post(
        reverse("commons:declare"), {**data, "duplicates_confirmed": "on"}
    )
    assert response.status_code == 302
    assert Commons.objects.count() == 2


def test_same_website_is_a_possible_duplicate(declare, facilitator, other_resident):
    declare(facilitator, name="Outilthèque", website="https://outils.example.org/")
    with pytest.raises(DuplicatesFound) as found:
        commons_declare(
            user=other_resident,
            name="Bibliothèque d'outils",
            summary="Prêt d'outils.",
            website="http://www.outils.example.org",
        )
    assert "même site web" in found.value.duplicates[0].reasons


def test_nearby_record_with_a_close_name_is_a_possible_duplicate(
    declare, facilitator, other_resident
):
    declare(facilitator, name="Jardin du Moulin", latitude=48.3832, longitude=-4.4951)
    with pytest.raises(DuplicatesFound) as found:
        commons_declare(
            user=other_resident,
            name="Jardins du vieux Moulin",
            summary="Potager.",
            latitude=48.3850,
            longitude=-4.4960,
        )
    assert any("kilomètre" in reason for reason in found.value.duplicates[0].reasons)


def test_far_record_with_a_close_name_is_not_a_duplicate(declare, facilitator, other_resident):
    declare(facilitator, name="Jardin du Moulin", latitude=48.3832, longitude=-4.4951)
    commons = commons_declare(
        user=other_resident,
        name="Jardins du vieux Moulin",
        summary="Potager.",
        latitude=47.0,
        longitude=-2.0,
    )
    assert commons.pk


def test_pending_records_are_not_revealed_as_duplicates_to_residents(
    declare, newcomer, other_resident
):
    declare(newcomer, name="Fablab de la Pointe")
    commons = commons_declare(user=other_resident, name="Fablab de la Pointe", summary="Machines.")
    assert commons.pk


@pytest.mark.parametrize(
    "data",
    [
        {"name": "x" * 500, "summary": "ok"},
        {"name": "Lieu", "summary": "ok", "latitude": "abc", "longitude": "2"},
        {"name": "Lieu", "summary": "ok", "latitude": "95", "longitude": "2"},
        {"name": "Lieu", "summary": "ok", "latitude": "48.3"},
        {"name": "Lieu", "summary": "ok", "website": "javascript:alert(1)"},
    ],
)
def test_bad_input_gives_a_form_error_not_a_500(resident_client, data):
    response = resident_client.post(reverse("commons:declare"), data)
    assert response.status_code == 200
    assert (
        "rien n&#x27;a été enregistré" in response.content.decode()
        or "erreurs" in response.content.decode()
    )
    assert not Commons.objects.exists()


def test_reserved_words_and_taken_names_get_distinct_slugs(declare, facilitator):
    first = declare(facilitator, name="Carte")
    second = declare(facilitator, name="Carte")
    assert first.slug == "carte-commun"
    assert second.slug == "carte-commun-2"


def test_nul_characters_are_refused_with_a_clear_400(resident_client):
    response = resident_client.post(reverse("commons:declare"), {"name": "\x00", "summary": "\x00"})
    assert response.status_code == 400
    assert "caractère nul refusé" in response.content.decode()
    assert not Commons.objects.exists()
