"""One write path (issue 9 §3): articles are written through the wiki's services only.

The Wagtail page editor would save and publish an article with no revision metadata, no
backlinks and no review; it now sends to the front-end editor, and the admin's bulk publish and
copy refuse articles. What a facilitator then writes shows everywhere, and later saves keep it.
"""

from __future__ import annotations

import pytest
from wagtail.models import PageLogEntry, Revision

from wiki.models import ArticleIndexPage, ArticlePage, RevisionMeta

pytestmark = pytest.mark.django_db


def _revisions(page) -> int:
    return Revision.page_revisions.filter(object_id=str(page.pk)).count()


def test_admin_page_editor_sends_articles_to_the_wiki_editor(client, administrator, create_article):
    page = create_article(body="Le lavoir du bourg.")
    client.force_login(administrator)
    before = _revisions(page)

    response = client.get(f"/admin/pages/{page.pk}/edit/")
    assert response.status_code == 302 and response["Location"] == f"/wiki/{page.slug}/modifier/"

    response = client.post(
        f"/admin/pages/{page.pk}/edit/",
        {"title": page.title, "slug": page.slug, "body": "Texte passé par l'admin.",
         "action-publish": "action-publish"},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == f"/wiki/{page.slug}/modifier/"
    page.refresh_from_db()
    assert page.body == "Le lavoir du bourg." and _revisions(page) == before

    # Other pages still use the admin editor.
    index = ArticleIndexPage.objects.get()
    assert client.get(f"/admin/pages/{index.pk}/edit/").status_code == 200


def test_admin_creation_of_an_article_goes_to_the_wiki(client, administrator):
    index = ArticleIndexPage.objects.get()
    client.force_login(administrator)
    response = client.get(f"/admin/pages/add/wiki/articlepage/{index.pk}/")
    assert response.status_code == 302 and response["Location"] == "/wiki/creer/"
    count = ArticlePage.objects.count()
    client.post(
        f"/admin/pages/add/wiki/articlepage/{index.pk}/",
        {"title": "Par l'admin", "slug": "par-l-admin", "body": "x", "action-publish": "1"},
    )
    assert ArticlePage.objects.count() == count


def test_admin_bulk_publish_cannot_publish_a_pending_edit(
    client, administrator, newcomer, create_article
):
    from wiki.services import ArticleFields, article_save

    page = create_article(body="Le lavoir du bourg.")
    article_save(
        page=page,
        fields=ArticleFields(title=page.title, body="VANDALE"),
        user=newcomer,
        base_revision_id=None,
    )
    client.force_login(administrator)
    client.post(f"/admin/bulk/wagtailcore/page/publish/?id={page.pk}", {"include_descendants": ""})
    page.refresh_from_db()
    assert page.body == "Le lavoir du bourg."
    assert RevisionMeta.objects.filter(page=page, status="pending").exists()


def test_newcomer_cannot_use_the_admin_to_bypass_review(client, newcomer, create_article):
    page = create_article(body="Le lavoir du bourg.")
    client.force_login(newcomer)
    before = _revisions(page)
    for response in (
        client.get(f"/admin/pages/{page.pk}/edit/"),
        client.post(
            f"/admin/pages/{page.pk}/edit/",
            {"title": page.title, "slug": page.slug, "body": "VANDALE", "action-publish": "1"},
        ),
    ):
        assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert page.body == "Le lavoir du bourg." and _revisions(page) == before


def test_a_facilitators_edit_shows_everywhere_and_later_saves_keep_it(
    client, administrator, resident, create_article
):
    create_article(title="La fontaine", body="La fontaine Saint-Jean.")
    page = create_article(body="Le lavoir du bourg.\n\nIl sert encore.")
    client.force_login(administrator)
    editor = client.get(f"/admin/pages/{page.pk}/edit/", follow=True)
    assert editor.redirect_chain[-1][0] == f"/wiki/{page.slug}/modifier/"
    base = editor.context["form"].initial["base_revision_id"]
    response = client.post(
        f"/wiki/{page.slug}/modifier/",
        {
            "title": page.title,
            "body": "Le lavoir du bourg, près de [[La fontaine]].\n\nIl sert encore.",
            "edit_summary": "lien vers la fontaine (animation)",
            "base_revision_id": base,
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    meta = RevisionMeta.objects.filter(page=page).order_by("-created_at", "-pk").first()
    assert meta.user == administrator and meta.status == "approved"

    assert (
        "lien vers la fontaine (animation)"
        in client.get(f"/wiki/{page.slug}/historique/").content.decode()
    )
    assert page.title in client.get("/wiki/la-fontaine/liens/").content.decode()
    assert (
        "lien vers la fontaine (animation)"
        in client.get("/modifications-recentes/").content.decode()
    )
    assert page.title in client.get("/recherche/?q=fontaine").content.decode()
    assert PageLogEntry.objects.filter(
        page=page, action="wagtail.publish", user=administrator
    ).exists()

    # A resident who opened the form before keeps the facilitator's text when saving.
    client.force_login(resident)
    response = client.post(
        f"/wiki/{page.slug}/modifier/",
        {
            "title": page.title,
            "body": "Le lavoir du bourg.\n\nIl sert encore aux lessives.",
            "edit_summary": "précision",
            "base_revision_id": base,
        },
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert "[[La fontaine]]" in page.body and "aux lessives" in page.body
