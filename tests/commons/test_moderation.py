"""Commons in the review queue: pending declarations and suggestions, by role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import RequestFactory

from commons.models import Status, SuggestionStatus
from commons.services import commons_update
from community.moderation import get_source

pytestmark = pytest.mark.django_db


@pytest.fixture
def source():
    return get_source("commons")


def test_pending_declaration_and_suggestion_are_in_the_queue(
    source, declare, newcomer, other_resident, published
):
    pending = declare(newcomer, name="Laverie associative")
    commons_update(commons=published, user=other_resident, changes={"summary": "Mieux dit."})
    items = source.pending_items()
    assert [item.title for item in items] == ["Laverie associative", published.name]
    assert items[0].item_id == f"declaration:{pending.pk}"
    assert items[1].author == other_resident


def test_detail_shows_the_declaration_and_the_diff(
    source, declare, newcomer, other_resident, published, facilitator
):
    declare(newcomer, name="Laverie <b>associative</b>")
    commons_update(commons=published, user=other_resident, changes={"summary": "Mieux dit."})
    request = RequestFactory().get("/relecture/")
    request.user = facilitator
    declaration, suggestion = source.pending_items()
    assert "Laverie &lt;b&gt;associative&lt;/b&gt;" in source.render_detail(declaration, request)
    assert "<ins>" in source.render_detail(suggestion, request)


def test_facilitator_approves_a_declaration(source, declare, newcomer, facilitator, client):
    commons = declare(newcomer)
    source.approve(f"declaration:{commons.pk}", user=facilitator, reason="Bienvenue")
    commons.refresh_from_db()
    assert commons.status == Status.PUBLISHED and commons.published_at
    assert client.get(commons.get_absolute_url()).status_code == 200
    assert source.pending_items() == []


def test_facilitator_rejects_a_declaration_with_a_reason(
    source, declare, newcomer, facilitator, client
):
    commons = declare(newcomer)
    source.reject(f"declaration:{commons.pk}", user=facilitator, reason="Hors territoire")
    commons.refresh_from_db()
    assert commons.status == Status.REJECTED
    client.force_login(newcomer)
    assert "Hors territoire" in client.get(commons.get_absolute_url()).content.decode()


def test_administrator_may_approve_a_suggestion(source, other_resident, administrator, published):
    suggestion = commons_update(
        commons=published, user=other_resident, changes={"licence": "CC0"}
    ).suggestion
    source.approve(f"suggestion:{suggestion.pk}", user=administrator)
    suggestion.refresh_from_db()
    published.refresh_from_db()
    assert suggestion.status == SuggestionStatus.APPROVED and published.licence == "CC0"


@pytest.mark.parametrize("role", ["newcomer", "resident", "other_resident"])
def test_non_facilitators_cannot_decide_declarations(source, declare, facilitator, request, role):
    commons = declare(request.getfixturevalue("newcomer") if role != "newcomer" else facilitator)
    commons.status = Status.PENDING
    commons.save()
    user = request.getfixturevalue(role)
    with pytest.raises(PermissionDenied):
        source.approve(f"declaration:{commons.pk}", user=user)
    with pytest.raises(PermissionDenied):
        source.reject(f"declaration:{commons.pk}", user=user)
    commons.refresh_from_db()
    assert commons.status == Status.PENDING


def test_unknown_item_is_a_clear_error(source, facilitator):
    for item_id in ("declaration:999", "nimporte", "suggestion:abc"):
        with pytest.raises(ValidationError):
            source.approve(item_id, user=facilitator)


def test_an_item_is_decided_only_once(source, declare, newcomer, facilitator):
    commons = declare(newcomer)
    source.approve(f"declaration:{commons.pk}", user=facilitator)
    with pytest.raises(ValidationError):
        source.approve(f"declaration:{commons.pk}", user=facilitator)


def test_facilitator_moderates_from_the_record(client, declare, newcomer, facilitator, resident):
    commons = declare(newcomer)
    client.force_login(resident)
    response = client.post(f"/communs/{commons.slug}/moderer/", {"action": "publier"})
    assert response.status_code == 404  # a pending record stays hidden from residents
    client.force_login(facilitator)
    client.post(f"/communs/{commons.slug}/moderer/", {"action": "publier"})
    commons.refresh_from_db()
    assert commons.status == Status.PUBLISHED
    client.force_login(resident)
    assert (
        client.post(f"/communs/{commons.slug}/moderer/", {"action": "depublier"}).status_code == 403
    )
