"""Articles in the search index follow their life: publish, pending, approve, rename,
unpublish, delete. Pending revisions are never indexed."""

import pytest

from search.services import index_check
from wiki.models import ArticlePage
from wiki.services import ArticleFields, article_save, revision_approve, unpublish_article

pytestmark = pytest.mark.django_db


def found(client, query):
    return client.get("/recherche/", {"q": query}).content.decode()


def test_published_article_is_found_with_french_matching(client, create_article):
    create_article(title="L'école du Stang", body="Les écoliers y apprenaient le breton.")
    html = found(client, "ecoles")
    assert 'href="/wiki/lecole-du-stang/"' in html


def test_pending_revision_is_not_indexed_until_approved(
    client, create_article, newcomer, facilitator
):
    page = create_article(title="La criée", body="Vente du poisson le matin.")
    article_save(
        page=page,
        fields=ArticleFields(title="La criée", body="Vente des homards le matin."),
        user=newcomer,
        base_revision_id=None,
    )
    assert "La criée" not in found(client, "homards")
    assert "La criée" in found(client, "poisson")
    revision_approve(page=ArticlePage.objects.get(pk=page.pk), user=facilitator)
    assert "La criée" in found(client, "homards")
    assert "La criée" not in found(client, "poisson")


def test_new_article_of_a_new_contributor_is_not_indexed(client, newcomer):
    from wiki.services import article_create

    article_create(fields=ArticleFields(title="Le moulin à marée", body="Meunier."), user=newcomer)
    assert "moulin" not in found(client, "meunier").lower().split("<main", 1)[1]


def test_rename_updates_the_index(client, create_article, other_resident):
    page = create_article(title="Le vieux quai", body="Pierres de taille.")
    article_save(
        page=page,
        fields=ArticleFields(title="Le quai Jacques-Cartier", body="Pierres de taille."),
        user=other_resident,
        base_revision_id=None,
    )
    html = found(client, "pierres")
    assert "Le quai Jacques-Cartier" in html and "Le vieux quai" not in html


def test_unpublish_and_delete_remove_the_document(client, create_article, facilitator):
    first = create_article(title="La digue", body="Enrochements de granit.")
    second = create_article(title="La jetée", body="Enrochements de granit rose.")
    unpublish_article(first, user=facilitator)
    html = found(client, "enrochements")
    assert "La digue" not in html and "La jetée" in html
    ArticlePage.objects.get(pk=second.pk).delete()
    assert "La jetée" not in found(client, "enrochements")
    report = index_check()
    assert not report.missing and not report.orphans
