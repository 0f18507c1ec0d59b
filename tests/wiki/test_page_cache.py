"""The anonymous page cache (community/cache.py): served again without the database, fresh
after every change a visitor could see, never for people with a session."""

import pytest
from django.test import Client
from django.urls import reverse

from community.cache import HEADER
from wiki.models import ArticlePage
from wiki.services import ArticleFields, article_protect, article_save, unpublish_article

pytestmark = pytest.mark.django_db


def view(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response


def warm(url):
    """Two anonymous views: the second one comes from the cache."""
    assert view(Client(), url)[HEADER] == "miss"
    response = view(Client(), url)
    assert response[HEADER] == "hit"
    return response


def edit(page, user, *, body=None, title=None):
    page = ArticlePage.objects.get(pk=page.pk)
    return article_save(
        page=page,
        fields=ArticleFields(
            title=title or page.title, body=body if body is not None else page.body
        ),
        user=user,
        base_revision_id=page.latest_revision_id,
        edit_summary="test",
    ).page


def test_second_anonymous_view_comes_from_the_cache_without_queries(
    create_article, django_assert_num_queries
):
    page = create_article(body="Le lavoir du bourg, bâti en 1850.")
    first = view(Client(), page.url)
    assert first[HEADER] == "miss" and "bâti en 1850" in first.content.decode()
    with django_assert_num_queries(0):
        second = view(Client(), page.url)
    assert second[HEADER] == "hit"
    assert second.content.decode().count("bâti en 1850") == first.content.decode().count(
        "bâti en 1850"
    )


def test_publishing_an_edit_makes_the_next_anonymous_view_fresh(create_article, resident):
    page = create_article(body="Première version.")
    warm(page.url)
    edit(page, resident, body="Deuxième version.")
    response = view(Client(), page.url)
    assert response[HEADER] == "miss"
    assert "Deuxième version." in response.content.decode()


def test_other_articles_stay_cached_when_one_is_edited(create_article, resident):
    lavoir = create_article(title="Le lavoir", body="Le lavoir.")
    phare = create_article(title="Le phare", body="Le phare.")
    warm(phare.url)
    edit(lavoir, resident, body="Le lavoir restauré.")
    assert view(Client(), phare.url)[HEADER] == "hit"


def test_unpublished_article_is_no_longer_served_and_links_to_it_turn_red(
    create_article, facilitator
):
    target = create_article(title="Le phare", body="Le phare.")
    source = create_article(title="Le port", body="Voir [[Le phare]].")
    warm(target.url)
    assert 'class="wikilink new"' not in warm(source.url).content.decode()
    unpublish_article(ArticlePage.objects.get(pk=target.pk), user=facilitator)
    assert Client().get(target.url).status_code == 404
    response = view(Client(), source.url)
    assert response[HEADER] == "miss" and 'class="wikilink new"' in response.content.decode()


def test_red_link_turns_blue_when_its_article_is_created(create_article):
    source = create_article(title="Le port", body="Voir [[Le phare]].")
    assert 'class="wikilink new"' in warm(source.url).content.decode()
    create_article(title="Le phare", body="Le phare.")
    response = view(Client(), source.url)
    assert response[HEADER] == "miss" and 'class="wikilink new"' not in response.content.decode()


def test_rename_refreshes_the_old_url_the_new_one_and_links_to_the_new_title(
    create_article, resident, django_capture_on_commit_callbacks
):
    page = create_article(title="Le phare", body="Le phare.")
    source = create_article(title="Le port", body="Voir [[Le grand phare]].")
    old_url = page.url
    warm(old_url)
    assert 'class="wikilink new"' in warm(source.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail renames at commit
        edit(page, resident, title="Le grand phare")
    assert Client().get(old_url).status_code == 301
    assert "Le grand phare" in view(Client(), "/wiki/le-grand-phare/").content.decode()
    response = view(Client(), source.url)
    assert response[HEADER] == "miss" and 'class="wikilink new"' not in response.content.decode()


def test_protection_change_shows_at_once(create_article, facilitator):
    page = create_article()
    assert "Cet article est protégé" not in warm(page.url).content.decode()
    article_protect(page=page, user=facilitator, level="facilitators", reason="vandalisme")
    response = view(Client(), page.url)
    assert response[HEADER] == "miss" and "Cet article est protégé" in response.content.decode()


def test_image_change_refreshes_the_pages_showing_it(create_article, resident, png_upload):
    from community.services import image_upload

    image = image_upload(
        file=png_upload,
        title="Phare au couchant",
        author="Maëla",
        licence="CC BY 4.0",
        user=resident,
    )
    page = create_article(body=f"[[Image:{image.pk}|Le phare]]")
    assert "Maëla" in warm(page.url).content.decode()
    image.author = "Yannick"
    image.save()
    response = view(Client(), page.url)
    assert response[HEADER] == "miss" and "Yannick" in response.content.decode()


def test_portal_edit_refreshes_the_portal_and_the_home_page(db, administrator):
    from portals.models import PortalIndexPage, PortalPage

    portal = PortalPage(title="La mer", slug="la-mer")
    PortalIndexPage.objects.get().add_child(instance=portal)
    portal.save_revision(user=administrator).publish(
        user=administrator, skip_permission_checks=True
    )
    warm(portal.url)
    warm("/")
    portal = PortalPage.objects.get(pk=portal.pk)
    portal.title = "La mer et les îles"
    portal.save_revision(user=administrator).publish(
        user=administrator, skip_permission_checks=True
    )
    for url in (portal.url, "/"):
        response = view(Client(), url)
        assert response[HEADER] == "miss" and "La mer et les îles" in response.content.decode()


def test_if_none_match_gets_304(create_article):
    page = create_article()
    etag = view(Client(), page.url)["ETag"]
    assert etag
    response = Client().get(page.url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response[HEADER] == "hit"
    assert Client().get(page.url, HTTP_IF_NONE_MATCH='"autre"').status_code == 200


def test_signed_in_people_never_get_the_cached_page(create_article, client, other_resident):
    page = create_article()
    warm(page.url)
    client.force_login(other_resident)
    response = view(client, page.url)
    assert HEADER not in response
    assert "Se déconnecter" in response.content.decode()
    # and what they saw is not served to visitors
    assert "Se déconnecter" not in view(Client(), page.url).content.decode()


def test_visitor_with_a_session_gets_a_fresh_page(create_article):
    page = create_article()
    warm(page.url)
    visitor = Client()
    session = visitor.session
    session["seen"] = True
    session.save()
    assert HEADER not in view(visitor, page.url)


def test_anonymous_author_of_a_pending_edit_sees_a_fresh_page(settings, create_article):
    settings.KER_ANONYMOUS_EDITING = True
    page = create_article(body="Le lavoir du bourg.")
    warm(page.url)
    author = Client()
    response = author.post(
        reverse("wiki:edit", args=[page.slug]),
        {
            "title": page.title,
            "body": "Modifié sans compte.",
            "base_revision_id": page.latest_revision_id,
            "action": "enregistrer",
        },
    )
    assert response.status_code == 302
    assert HEADER not in view(author, page.url)
    # visitors still get the published version, from the cache
    response = view(Client(), page.url)
    assert response[HEADER] == "hit" and "Modifié sans compte." not in response.content.decode()


def test_cached_page_gives_each_visitor_a_working_language_form(create_article):
    page = create_article()
    warm(page.url)
    visitor = Client(enforce_csrf_checks=True)
    response = view(visitor, page.url)
    assert response[HEADER] == "hit"
    html = response.content.decode()
    token = html.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    switched = visitor.post(
        "/langue/", {"language": "en", "next": page.url, "csrfmiddlewaretoken": token}
    )
    assert switched.status_code == 302
    english = view(visitor, page.url)
    assert english.content.decode() != html
    assert '<html lang="en">' in english.content.decode()


def test_pages_of_people_are_not_kept_when_they_carry_a_message(create_article, client):
    page = create_article()
    response = client.get(reverse("wiki:edit", args=[page.slug]))
    assert response.status_code == 302  # to the log-in page, with a message
    assert HEADER not in client.get(response["Location"])
