"""Portals edited in the Wagtail admin keep the search index in step: the portal's own
document and the portal facet of the articles and commons it gathers."""

import pytest
from django.urls import reverse

from portals.models import PortalPage
from tests.admin_forms import admin_form_data

pytestmark = pytest.mark.django_db


def _search(client, query, **params):
    return client.get("/recherche/", {"q": query, **params}).content.decode()


def test_portal_edited_and_published_in_the_admin_is_reindexed(
    client, make_portal, create_article, administrator
):
    create_article(title="La criée", body="Les poissons du matin.", tags=("port",))
    create_article(title="Le bocage", body="Les poissons des rivières.", tags=("haie",))
    portal = make_portal(tags=("port",))
    assert "/wiki/le-bocage/" not in _search(client, "poissons", portail=portal.slug)
    client.force_login(administrator)
    edit_url = reverse("wagtailadmin_pages:edit", args=[portal.pk])
    data = admin_form_data(client, edit_url)
    data["title"] = ["Les rives et le port"]
    data["tags"] = ["port, haie"]
    data["action-publish"] = ["action-publish"]
    response = client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    assert PortalPage.objects.get(pk=portal.pk).title == "Les rives et le port"
    client.logout()
    assert "Les rives et le port" in _search(client, "rives")
    faceted = _search(client, "poissons", portail=portal.slug)
    assert "/wiki/la-criee/" in faceted and "/wiki/le-bocage/" in faceted


def test_portal_unpublished_in_the_admin_leaves_the_index(
    client, make_portal, create_article, administrator
):
    create_article(title="La criée", body="Les poissons du matin.", tags=("port",))
    portal = make_portal(tags=("port",))
    assert "/wiki/la-criee/" in _search(client, "poissons", portail=portal.slug)
    assert "La mer et le port" in _search(client, "mer port")
    client.force_login(administrator)
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=[portal.pk]))
    assert response.status_code == 302
    client.logout()

    assert "La mer et le port" not in _search(client, "mer port")
    assert "/wiki/la-criee/" not in _search(client, "poissons", portail=portal.slug)
    assert "/wiki/la-criee/" in _search(client, "poissons")


def test_portal_deleted_in_the_admin_leaves_the_index_and_the_portal_facet(
    client, make_portal, create_article, administrator
):
    create_article(title="La criée", body="Les poissons du matin.", tags=("port",))
    portal = make_portal(tags=("port",))
    assert "/wiki/la-criee/" in _search(client, "poissons", portail=portal.slug)
    assert "La mer et le port" in _search(client, "mer port")
    client.force_login(administrator)
    response = client.post(reverse("wagtailadmin_pages:delete", args=[portal.pk]))
    assert response.status_code == 302
    assert not PortalPage.objects.filter(pk=portal.pk).exists()
    client.logout()

    assert "La mer et le port" not in _search(client, "mer port")
    assert "/wiki/la-criee/" not in _search(client, "poissons", portail=portal.slug)
    assert "/wiki/la-criee/" in _search(client, "poissons")
