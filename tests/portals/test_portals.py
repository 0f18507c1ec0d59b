"""Home page and portals: aggregation by tags, curated picks, sections, map, search scope."""

import json

import pytest
from django.urls import reverse

from wiki.models import ArticlePage
from wiki.services import ArticleFields, article_save

pytestmark = pytest.mark.django_db


def test_portal_gathers_published_articles_and_commons_by_tags(
    client, make_portal, create_article, published_commons, newcomer
):
    create_article(title="La criée", body="x", tags=("port",))
    create_article(title="Le bateau-feu", body="x", tags=("Mer", "phare"))
    create_article(title="Le lavoir", body="x", tags=("patrimoine",))
    from wiki.services import article_create

    article_create(
        fields=ArticleFields(title="Brouillon marin", body="x", tags=("port",)), user=newcomer
    )
    published_commons("Cale partagée", "mer, navigation")
    published_commons("Jardin du Moulin", "jardin")
    portal = make_portal()
    html = client.get(portal.url).content.decode()
    assert "La criée" in html and "Le bateau-feu" in html and "Cale partagée" in html
    assert "Le lavoir" not in html and "Jardin du Moulin" not in html
    assert "Brouillon marin" not in html  # pending new article of a new contributor
    assert "2 articles" in html and "1 commun" in html


def test_curated_picks_come_first_in_order(client, make_portal, create_article, published_commons):
    first = create_article(title="Zéphyr", body="x")
    second = create_article(title="Alizé", body="x")
    commons = published_commons("Voilerie partagée", "voile")
    portal = make_portal(tags=("rien",), articles=[first, second], commons=[commons])
    html = client.get(portal.url).content.decode()
    featured = html.split('id="featured-title"', 1)[1].split("</section>", 1)[0]
    assert featured.index("Zéphyr") < featured.index("Alizé")
    assert "Voilerie partagée" in featured


def test_unpublished_pick_is_not_shown(client, make_portal, create_article, facilitator):
    from wiki.services import unpublish_article

    article = create_article(title="Retiré", body="x")
    portal = make_portal(articles=[article])
    unpublish_article(article, user=facilitator)
    assert "Retiré" not in client.get(portal.url).content.decode()


def test_sub_themes_with_counts_filter_the_lists(client, make_portal, create_article):
    create_article(title="La criée", body="x", tags=("port", "pêche"))
    create_article(title="La cale", body="x", tags=("port", "pêche"))
    create_article(title="Le phare", body="x", tags=("port", "phare"))
    portal = make_portal()
    html = client.get(portal.url).content.decode()
    assert "pêche (2)" in html and "phare (1)" in html
    filtered = client.get(portal.url, {"theme": "phare"}).content.decode()
    listing = filtered.split('id="portal-articles-title"', 1)[1]
    assert "Le phare" in listing and "La criée" not in listing


def test_portal_lists_are_paginated(client, make_portal, create_article):
    for number in range(23):
        create_article(title=f"Bateau {number:02d}", body="x", tags=("port",))
    portal = make_portal()
    first = client.get(portal.url).content.decode()
    assert "Bateau 00" in first and "Bateau 22" not in first.split('id="portal-articles-title"')[1]
    second = client.get(portal.url, {"articles": 2}).content.decode()
    assert "Bateau 22" in second.split('id="portal-articles-title"')[1]


def test_recently_changed_articles_of_the_portal(
    client, make_portal, create_article, other_resident
):
    page = create_article(title="La criée", body="x", tags=("port",))
    create_article(title="Hors sujet", body="x", tags=("jardin",))
    article_save(
        page=page,
        fields=ArticleFields(title="La criée", body="y", tags=("port",)),
        user=other_resident,
        base_revision_id=None,
    )
    html = client.get(make_portal().url).content.decode()
    recent = html.split('id="portal-changes-title"', 1)[1].split("</section>", 1)[0]
    assert "La criée" in recent and "yannick" in recent and "Hors sujet" not in recent


def test_map_geojson_of_a_portal_and_of_everything(
    client, make_portal, create_article, published_commons
):
    create_article(title="Le phare", body="x", tags=("mer",), latitude=48.38, longitude=-4.49)
    create_article(
        title="Le lavoir", body="x", tags=("patrimoine",), latitude=48.39, longitude=-4.48
    )
    published_commons("Cale partagée", "mer", latitude=48.37, longitude=-4.5)
    portal = make_portal()
    everything = json.loads(client.get("/carte.geojson").content)
    assert {f["properties"]["title"] for f in everything["features"]} == {
        "Le phare",
        "Le lavoir",
        "Cale partagée",
    }
    scoped = json.loads(client.get("/carte.geojson", {"portail": portal.slug}).content)
    assert {f["properties"]["title"] for f in scoped["features"]} == {"Le phare", "Cale partagée"}
    assert scoped["features"][0]["geometry"]["coordinates"] == [-4.49, 48.38]
    assert client.get("/carte.geojson", {"portail": "inconnu"}).status_code == 404


def test_home_page_shows_portals_latest_figures_map_and_search(
    client, make_portal, create_article, published_commons
):
    create_article(title="La criée", body="x", tags=("port",))
    published_commons("Cale partagée", "mer")
    make_portal()
    html = client.get("/").content.decode()
    assert "La mer et le port" in html and "La criée" in html and "Cale partagée" in html
    assert 'id="territory-map"' in html and 'action="/recherche/"' in html
    figures = html.split('class="figures"', 1)[1].split("</ul>", 1)[0]
    assert "<strong>1</strong> articles" in figures and "<strong>1</strong> communs" in figures
    assert "contributeurs cette année" in figures


def test_portal_search_box_restricts_search_to_the_portal(client, make_portal, create_article):
    create_article(title="La criée aux poissons", body="Les poissons du matin.", tags=("port",))
    create_article(title="Les poissons du lavoir", body="Les poissons rouges.", tags=("jardin",))
    portal = make_portal()
    html = client.get(portal.url).content.decode()
    assert f'name="portail" value="{portal.slug}"' in html
    results = client.get("/recherche/", {"q": "poissons", "portail": portal.slug}).content.decode()
    assert (
        "/wiki/la-criee-aux-poissons/" in results and "/wiki/les-poissons-du-lavoir/" not in results
    )


def test_resident_attaches_an_article_to_a_portal_by_name(
    resident_client, make_portal, create_article
):
    portal = make_portal(tags=("port", "mer"))
    page = create_article(title="La cale", body="x", tags=("histoire",))
    form = resident_client.get(reverse("wiki:edit", args=[page.slug])).content.decode()
    assert "La mer et le port" in form
    response = resident_client.post(
        reverse("wiki:edit", args=[page.slug]),
        {
            "title": page.title,
            "body": page.body,
            "tags": "histoire",
            "portals": [portal.slug],
            "base_revision_id": page.latest_revision_id,
        },
    )
    assert response.status_code == 302
    page = ArticlePage.objects.get(pk=page.pk)
    assert sorted(tag.name for tag in page.tags.all()) == ["histoire", "port"]
    # Unticking the portal (shown ticked) removes its tags.
    resident_client.post(
        reverse("wiki:edit", args=[page.slug]),
        {
            "title": page.title,
            "body": page.body,
            "tags": "histoire, port",
            "tags_shown": "histoire, port",
            "base_revision_id": page.latest_revision_id,
        },
    )
    page = ArticlePage.objects.get(pk=page.pk)
    assert [tag.name for tag in page.tags.all()] == ["histoire"]


def test_portal_publication_reindexes_its_items(client, make_portal, create_article, administrator):
    create_article(title="La criée", body="Les poissons du matin.", tags=("port",))
    portal = make_portal(tags=("port",))
    results = client.get("/recherche/", {"q": "poissons", "portail": portal.slug}).content.decode()
    assert "/wiki/la-criee/" in results
    portal.tags.set(["mer"])
    portal.save_revision(user=administrator).publish(
        user=administrator, skip_permission_checks=True
    )
    results = client.get("/recherche/", {"q": "poissons", "portail": portal.slug}).content.decode()
    assert "/wiki/la-criee/" not in results
    assert "La mer et le port" in client.get("/recherche/", {"q": "mer port"}).content.decode()


def test_unknown_portal_pages_are_404(client, db):
    assert client.get("/portails/inconnu/").status_code == 404
    assert client.get("/portails/inconnu/sante/").status_code == 404


def test_portal_index_lists_portals(client, make_portal):
    make_portal()
    make_portal(title="Les quartiers", tags=("quartier",))
    html = client.get("/portails/").content.decode()
    assert "La mer et le port" in html and "Les quartiers" in html


def test_colour_must_be_a_hex_colour(make_portal):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        make_portal(colour="red; background:url(x)")


def test_project_holder_attaches_a_commons_to_a_portal_by_name(
    resident_client, make_portal, published_commons
):
    from commons.models import Commons

    portal = make_portal(tags=("mer", "port"))
    commons = published_commons("Cale partagée", "bateaux")
    url = f"{commons.get_absolute_url()}modifier/etiquettes/"
    form = resident_client.get(url).content.decode()
    assert "La mer et le port" in form
    response = resident_client.post(url, {"tags": "bateaux", "portals": [portal.slug]})
    assert response.status_code == 302
    assert sorted(Commons.objects.get(pk=commons.pk).tag_names()) == ["bateaux", "mer"]
    html = resident_client.get(portal.url).content.decode()
    assert "Cale partagée" in html
