"""Pending suggestions on a commons are seen by its owners, facilitators and their author only
(issue 9, section 1)."""

import pytest
from django.urls import reverse

from commons.services import commons_update
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

SECRET = "Suggestion SECRETE du mercredi"


@pytest.fixture
def suggested(published, other_resident):
    result = commons_update(commons=published, user=other_resident, changes={"description": SECRET})
    assert result.suggestion is not None and not result.applied
    return published


@pytest.mark.parametrize(
    ("who", "sees"),
    [
        ("resident", True),  # owner
        ("facilitator", True),
        ("other_resident", True),  # the suggestion's author
        ("stranger", False),
        ("newcomer", False),
    ],
)
def test_pending_suggestions_only_for_owners_facilitators_and_author(
    client, suggested, request, who, sees
):
    person = make_user("inconnu", is_confirmed=True) if who == "stranger" else None
    client.force_login(person or request.getfixturevalue(who))
    response = client.get(reverse("commons:suggestions", args=[suggested.slug]))
    assert response.status_code == 200
    assert (SECRET in response.content.decode()) is sees


def test_visitor_is_asked_to_log_in_for_suggestions(client, suggested):
    response = client.get(reverse("commons:suggestions", args=[suggested.slug]))
    assert SECRET not in response.content.decode()
