"""Typed tags are never dropped: ticking a portal may add its tag, unticking may remove only
what the form showed, never what the person typed (articles and commons, through the forms as
they are rendered)."""

import re

import pytest
from django.urls import reverse

from wiki.models import ArticlePage

pytestmark = pytest.mark.django_db


def hidden_value(html: str, name: str) -> str:
    match = re.search(rf'<input type="hidden" name="{name}" value="([^"]*)"', html)
    if match is None:
        match = re.search(rf'<input type="hidden" name="{name}"[^>]*>', html)
        assert match is not None, f"no hidden field {name} in the form"
        return ""
    return match.group(1).replace("&#x27;", "'")


def tag_names(page) -> list[str]:
    return sorted(tag.name for tag in ArticlePage.objects.get(pk=page.pk).tags.all())


def test_new_article_keeps_every_typed_tag_even_those_of_an_unticked_portal(
    resident_client, make_portal
):
    make_portal(title="La mer et le port", tags=("port", "pêche"))
    form = resident_client.get("/wiki/creer/", {"titre": "La sardinerie"}).content.decode()
    assert "La mer et le port" in form  # the portal is offered, and left unticked

    response = resident_client.post(
        "/wiki/creer/",
        {
            "title": "La sardinerie",
            "body": "La sardinerie du quai.",
            "tags": "port, pêche, années 1950",
            "tags_shown": hidden_value(form, "tags_shown"),
        },
    )

    assert response.status_code == 302
    page = ArticlePage.objects.get(slug="la-sardinerie")
    assert tag_names(page) == ["années 1950", "port", "pêche"]


def test_commons_keeps_every_typed_tag_even_those_of_unticked_portals(
    resident_client, make_portal, published_commons
):
    from commons.models import Commons

    make_portal(title="Réparer ensemble", tags=("réparation",))
    make_portal(title="Solidarités", tags=("entraide",))
    commons = published_commons("Atelier du quai", "")
    url = reverse("commons:edit", args=[commons.slug, "etiquettes"])
    form = resident_client.get(url).content.decode()
    assert "Réparer ensemble" in form and "Solidarités" in form

    response = resident_client.post(
        url,
        {"tags": "réparation, réemploi, entraide", "tags_shown": hidden_value(form, "tags_shown")},
    )

    assert response.status_code == 302
    assert sorted(Commons.objects.get(pk=commons.pk).tag_names()) == [
        "entraide",
        "réemploi",
        "réparation",
    ]


def test_unticking_a_portal_removes_only_the_tags_the_form_showed(
    resident_client, make_portal, create_article
):
    portal = make_portal(title="La mer et le port", tags=("port", "mer"))
    page = create_article(title="La cale", body="La cale du Passage.", tags=("histoire", "port"))
    url = reverse("wiki:edit", args=[page.slug])
    form = resident_client.get(url).content.decode()
    assert f'value="{portal.slug}"' in form and "checked" in form
    assert hidden_value(form, "tags_shown") == "histoire, port"

    # The person unticks the portal but types "mer" in this very form: "port" (shown, from the
    # portal) goes, "mer" (typed now) stays.
    response = resident_client.post(
        url,
        {
            "title": page.title,
            "body": page.body,
            "tags": "histoire, port, mer",
            "tags_shown": hidden_value(form, "tags_shown"),
            "base_revision_id": page.latest_revision_id,
        },
    )

    assert response.status_code == 302
    assert tag_names(page) == ["histoire", "mer"]


def test_ticking_a_portal_adds_its_tag_to_what_was_typed(
    resident_client, make_portal, create_article
):
    portal = make_portal(title="La mer et le port", tags=("port", "mer"))
    page = create_article(title="Le lavoir", body="Le lavoir.", tags=("eau",))
    url = reverse("wiki:edit", args=[page.slug])
    form = resident_client.get(url).content.decode()

    resident_client.post(
        url,
        {
            "title": page.title,
            "body": page.body,
            "tags": "eau, patrimoine",
            "tags_shown": hidden_value(form, "tags_shown"),
            "portals": [portal.slug],
            "base_revision_id": page.latest_revision_id,
        },
    )

    assert tag_names(page) == ["eau", "patrimoine", "port"]
