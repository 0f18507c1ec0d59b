"""Tag pages (/etiquettes/, /etiquettes/<slug>/): what a MediaWiki category page gives, for
the tags that articles, commons and portals share; only what visitors may see."""

import re

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from community.models import TagDescription
from community.tag_descriptions import description_history, tag_description_save
from portals import selectors as portal_selectors
from wiki.services.articles import ArticleFields, article_save

pytestmark = pytest.mark.django_db


def _tag(name):
    from taggit.models import Tag

    return Tag.objects.get(name=name)


def test_article_and_commons_tags_link_to_the_tag_page_which_lists_both(
    client, create_article, published_commons
):
    create_article(title="Le lavoir", body="Un lavoir.", tags=("Patrimoine",))
    published_commons("Les amis du lavoir", "Patrimoine, Eau")
    article = client.get("/wiki/le-lavoir/").content.decode()
    assert 'href="/etiquettes/patrimoine/"' in article
    record = client.get("/communs/les-amis-du-lavoir/").content.decode()
    assert 'href="/etiquettes/patrimoine/"' in record and 'href="/etiquettes/eau/"' in record

    response = client.get("/etiquettes/patrimoine/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Étiquette « Patrimoine »" in html
    assert 'href="/wiki/le-lavoir/"' in html
    assert 'href="/communs/les-amis-du-lavoir/"' in html
    assert "1 article" in html and "1 commun" in html


def test_tag_index_lists_every_tag_in_use_a_to_z_with_counts(
    client, create_article, published_commons
):
    create_article(title="Le vélo", body="Deux roues.", tags=("Vélo", "école"))
    create_article(title="Les arbres", body="Des chênes.", tags=("Arbres", "école"))
    published_commons("Atelier vélo", "Vélo")
    response = client.get("/etiquettes/")
    html = response.content.decode()
    assert response.status_code == 200
    names = re.findall(r'<a href="/etiquettes/[^"]+/">([^<]+)</a>', html)
    assert names == ["Arbres", "école", "Vélo"]
    assert "Vélo</a> <small>(1 article, 1 commun)" in html
    assert "école</a> <small>(2 articles, " in html


def test_tag_used_only_by_pending_content_is_hidden_from_visitors(
    client, create_article, newcomer, resident, facilitator, published_commons
):
    from commons.services import commons_declare, commons_update

    page = create_article(title="Le port", body="Des bateaux.", tags=("port",))
    create_article(title="Le brouillon", body="En attente.", user=newcomer, tags=("secret",))
    draft = commons_declare(
        user=newcomer, name="Commun en attente", summary="Pas encore publié.",
        duplicates_confirmed=True,
    )  # fmt: skip
    commons_update(commons=draft, user=newcomer, changes={"tags": "caché"}, comment="tags")
    # A live article whose pending edit adds a tag: the tag is not public either.
    article_save(
        page=page,
        fields=ArticleFields(title="Le port", body="Des bateaux.", tags=("port", "attente")),
        user=newcomer,
        base_revision_id=page.live_revision_id,
    )
    assert client.get("/etiquettes/port/").status_code == 200
    for slug in ("secret", "cache", "attente"):
        assert client.get(f"/etiquettes/{slug}/").status_code == 404, slug
    index = client.get("/etiquettes/").content.decode()
    assert "/etiquettes/port/" in index
    assert "secret" not in index and "attente" not in index and "caché" not in index
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/etiquettes/port/" in sitemap and "/etiquettes/secret/" not in sitemap

    client.force_login(facilitator)
    facilitator_view = client.get("/etiquettes/secret/")
    assert facilitator_view.status_code == 200
    html = facilitator_view.content.decode()
    assert "Le brouillon" not in html and "Aucun contenu publié" in html


def test_tag_page_lists_portals_whose_scope_is_the_tag(client, create_article, make_portal):
    create_article(title="La criée", body="Les poissons.", tags=("port",))
    make_portal(title="La mer et le port", tags=("port", "mer"))
    html = client.get("/etiquettes/port/").content.decode()
    assert 'href="/portails/la-mer-et-le-port/"' in html
    # A tag only in a live portal's scope has its page too.
    assert client.get("/etiquettes/mer/").status_code == 200


def test_tag_page_paginates_articles(client, create_article, monkeypatch):
    monkeypatch.setattr(portal_selectors, "PAGE_SIZE", 2)
    for title in ("Alpha", "Bravo", "Charlie"):
        create_article(title=title, body="Texte.", tags=("lot",))
    first = client.get("/etiquettes/lot/").content.decode()
    assert "/wiki/alpha/" in first and "/wiki/charlie/" not in first
    assert 'href="?articles=2"' in first
    second = client.get("/etiquettes/lot/?articles=2").content.decode()
    assert "/wiki/charlie/" in second and "/wiki/alpha/" not in second
    assert client.get("/etiquettes/lot/?articles=abc&communs=-1").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/etiquettes/inconnue/",
        "/etiquettes/%C3%A9t%C3%A9/",
        "/etiquettes/" + "x" * 500 + "/",
        "/etiquettes/%00/",
        "/etiquettes/%ff%fe/",
        "/etiquettes/a%20b/",
        "/etiquettes/inconnue/modifier/",
    ],
)
def test_any_slug_gives_a_404_never_a_500(client, facilitator, path):
    assert client.get(path).status_code in (302, 400, 404)
    client.force_login(facilitator)
    assert client.get(path).status_code in (400, 404)


def test_accented_tag_slug_reaches_its_page(client, create_article):
    create_article(title="La fête", body="Le bourg en fête.", tags=("Fête d'été",))
    tag = _tag("Fête d'été")
    html = client.get("/wiki/la-fete/").content.decode()
    href = re.search(r'href="(/etiquettes/[^"]+/)">Fête d&#x27;été', html).group(1)
    assert client.get(href).status_code == 200
    assert client.get(f"/etiquettes/{tag.slug}/").status_code == 200


def test_tag_pages_answer_head_and_carry_canonical_and_opengraph(client, create_article):
    create_article(title="Le lavoir", body="Un lavoir.", tags=("Patrimoine",))
    assert client.head("/etiquettes/").status_code == 200
    assert client.head("/etiquettes/patrimoine/").status_code == 200
    html = client.get("/etiquettes/patrimoine/?articles=1").content.decode()
    assert '<link rel="canonical" href="http://testserver/etiquettes/patrimoine/">' in html
    assert '<meta property="og:title" content="Étiquette « Patrimoine »">' in html
    assert 'property="og:description"' in html


def test_description_is_rendered_sanitised_with_wiki_links(client, create_article, facilitator):
    create_article(title="Le lavoir", body="Un lavoir.", tags=("Patrimoine",))
    tag_description_save(
        user=facilitator,
        tag=_tag("Patrimoine"),
        body="Le **patrimoine** bâti, dont [[Le lavoir]] et [[La chapelle]].\n\n"
        '<script>alert(1)</script><a href="javascript:alert(2)">x</a>',
    )
    html = client.get("/etiquettes/patrimoine/").content.decode()
    assert "<strong>patrimoine</strong>" in html
    assert 'href="/wiki/le-lavoir/"' in html
    assert "alert(1)</script>" not in html and "javascript:" not in html
    assert "Description mise à jour le" in html and "par animatrice" in html


def test_facilitator_edits_the_description_from_the_tag_page(client, create_article, facilitator):
    create_article(title="Le lavoir", body="Un lavoir.", tags=("Patrimoine",))
    client.force_login(facilitator)
    page = client.get("/etiquettes/patrimoine/").content.decode()
    assert 'href="/etiquettes/patrimoine/modifier/"' in page and "Modifier la description" in page
    assert client.get("/etiquettes/patrimoine/modifier/").status_code == 200
    response = client.post(
        "/etiquettes/patrimoine/modifier/",
        {"body": "Les lieux anciens du bourg.", "comment": "première version"},
    )
    assert response.status_code == 302 and response["Location"] == "/etiquettes/patrimoine/"
    description = TagDescription.objects.get(tag__name="Patrimoine")
    assert description.body == "Les lieux anciens du bourg.\n"
    assert description.updated_by == facilitator
    assert [v.revision.comment for v in description_history(description)] == ["première version"]
    assert ModelLogEntry.objects.filter(action="wagtail.create", user=facilitator).exists()
    client.post("/etiquettes/patrimoine/modifier/", {"body": "Les lieux anciens."})
    assert description_history(description).count() == 2
    assert "Les lieux anciens." in client.get("/etiquettes/patrimoine/").content.decode()
    too_long = client.post("/etiquettes/patrimoine/modifier/", {"body": "x" * 20_001})
    assert too_long.status_code == 200 and "errorlist" in too_long.content.decode()


def test_only_facilitators_edit_descriptions(client, create_article, resident):
    create_article(title="Le lavoir", body="Un lavoir.", tags=("Patrimoine",))
    assert "Modifier la description" not in client.get("/etiquettes/patrimoine/").content.decode()
    anonymous = client.post("/etiquettes/patrimoine/modifier/", {"body": "Vandale"})
    assert anonymous.status_code == 302 and "/comptes/connexion/" in anonymous["Location"]
    client.force_login(resident)
    assert "Modifier la description" not in client.get("/etiquettes/patrimoine/").content.decode()
    assert client.get("/etiquettes/patrimoine/modifier/").status_code == 403
    assert client.post("/etiquettes/patrimoine/modifier/", {"body": "Vandale"}).status_code == 403
    assert not TagDescription.objects.exists()


def test_description_form_needs_the_csrf_token(create_article, facilitator):
    create_article(title="Le lavoir", body="Un lavoir.", tags=("Patrimoine",))
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(facilitator)
    response = browser.post("/etiquettes/patrimoine/modifier/", {"body": "Sans jeton"})
    assert response.status_code == 403
    assert not TagDescription.objects.exists()
    assert (
        'name="csrfmiddlewaretoken"'
        in browser.get("/etiquettes/patrimoine/modifier/").content.decode()
    )


def test_described_tag_without_content_has_a_public_page(client, facilitator):
    from taggit.models import Tag

    tag = Tag.objects.create(name="Toponymie")
    assert client.get("/etiquettes/toponymie/").status_code == 404
    tag_description_save(user=facilitator, tag=tag, body="Les noms de lieux.")
    assert client.get("/etiquettes/toponymie/").status_code == 200
    assert "/etiquettes/toponymie/" in client.get("/etiquettes/").content.decode()
