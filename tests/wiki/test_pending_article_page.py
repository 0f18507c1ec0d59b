"""A newcomer looking at their own pending new article: one banner that tells the truth (no
"visitors still see the published version" when there is none), no empty sidebar lines."""

import pytest

from wiki.services import ArticleFields, article_create, article_save

pytestmark = pytest.mark.django_db


def test_newcomer_sees_their_pending_new_article_with_one_truthful_banner(client, newcomer):
    article_create(
        fields=ArticleFields(title="Le four banal", body="Le four du village."),
        user=newcomer,
        edit_summary="création",
    )
    client.force_login(newcomer)

    html = client.get("/wiki/le-four-banal/").content.decode()

    assert "Le four du village." in html
    assert "votre nouvel article" in html
    assert "Les visiteurs voient encore la version publiée" not in html
    assert html.count('class="banner"') == 1
    sidebar = html.split('class="article-meta"')[1]
    assert "Dernière modification le ." not in sidebar
    assert "Dernière modification le" not in sidebar  # never published: no date to give
    assert ">—<" not in sidebar


def test_pending_edit_of_a_published_article_still_says_visitors_see_the_published_version(
    client, newcomer, create_article
):
    page = create_article(title="La criée", body="La criée ouvre à cinq heures.")
    article_save(
        page=page,
        fields=ArticleFields(title="La criée", body="La criée ouvre à six heures."),
        user=newcomer,
        base_revision_id=page.latest_revision_id,
        edit_summary="Heure",
    )
    client.force_login(newcomer)

    html = client.get("/wiki/la-criee/").content.decode()

    assert "Les visiteurs voient encore la version publiée" in html
    assert html.count('class="banner"') == 1
    sidebar = html.split('class="article-meta"')[1]
    assert "Auteurs" in sidebar and "Dernière modification le" in sidebar


def test_facilitator_sees_one_banner_with_the_review_link(
    client, newcomer, facilitator, create_article
):
    page = create_article(title="La criée", body="La criée ouvre à cinq heures.")
    article_save(
        page=page,
        fields=ArticleFields(title="La criée", body="La criée ouvre à six heures."),
        user=newcomer,
        base_revision_id=page.latest_revision_id,
        edit_summary="Heure",
    )
    client.force_login(facilitator)

    html = client.get("/wiki/la-criee/").content.decode()

    assert html.count('class="banner"') == 1
    assert "/relecture/?type=wiki" in html
