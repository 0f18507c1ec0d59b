"""Ids read from a query string, a form or an address: only ASCII digits are an id.

``"³".isdigit()`` is true but ``int("³")`` raises: the API answered 500 for
``/api/v1/articles/%C2%B3/`` (found by the schemathesis test). Every place that reads an id
typed by someone answers as for any unknown id, and a number beyond any id changes nothing.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from commons.services import commons_declare, commons_publish

NOT_IDS = ["³", "٣", "1²", "99999999999999999999999999"]


@pytest.fixture
def commons(resident, facilitator):
    record = commons_declare(
        user=resident, name="Jardin du Moulin", summary="Un potager.", duplicates_confirmed=True
    )
    return commons_publish(commons=record, user=facilitator)


@pytest.mark.parametrize("value", NOT_IDS)
def test_the_api_answers_404_for_a_key_that_is_no_id(client, create_article, commons, value):
    create_article("Lavoir de Kerlann", "Le lavoir.")
    for name in ("api:article-detail", "api:commons-detail", "api:revision-list"):
        response = client.get(reverse(name, args=[value]))
        assert response.status_code == 404, (name, response.status_code)
        assert response.json()["detail"]
    # The key that is an id still answers (the 404 above is not a broken route).
    assert client.get(reverse("api:commons-detail", args=[str(commons.pk)])).status_code == 200


@pytest.mark.parametrize("value", NOT_IDS)
def test_article_pages_ignore_a_revision_number_that_is_no_id(client, create_article, value):
    page = create_article("Lavoir de Kerlann", "Le lavoir.")
    source = client.get(reverse("api:article-source", args=[page.slug]), {"revision": value})
    assert source.status_code == 404
    assert client.get(reverse("api:article-source", args=[page.slug])).status_code == 200
    history = client.get(reverse("wiki:history", args=[page.slug]), {"de": value, "a": "1"})
    assert history.status_code == 200
    assert "Lavoir de Kerlann" in history.content.decode()


@pytest.mark.parametrize("value", NOT_IDS)
def test_facilitator_forms_ignore_an_id_that_is_no_id(
    client, facilitator, create_article, commons, value
):
    page = create_article("Lavoir de Kerlann", "Le lavoir.")
    client.force_login(facilitator)
    edit = client.get(reverse("wiki:edit", args=[page.slug]), {"resoudre": value})
    assert edit.status_code == 200
    assert 'name="body"' in edit.content.decode()
    history = client.get(reverse("commons:history", args=[commons.slug]), {"de": value, "a": "1"})
    assert history.status_code == 200
    owners_before = list(commons.owners.values_list("pk", flat=True))
    removal = client.post(reverse("commons:owners", args=[commons.slug]), {"remove": value})
    assert removal.status_code == 302, removal.status_code
    assert list(commons.owners.values_list("pk", flat=True)) == owners_before
    images = client.post(reverse("commons:images", args=[commons.slug]), {"remove": value})
    assert images.status_code == 302, images.status_code
    suggestion = client.post(
        reverse("commons:suggestions", args=[commons.slug]), {"suggestion": value}, follow=True
    )
    assert suggestion.status_code == 200
    assert "Proposition introuvable." in suggestion.content.decode()
