"""Not found: a French page inside the site's layout (with DEBUG on too), with search, and for a
wiki address the offer to create the article; a pending new article says it awaits review."""

import pytest

from wiki.services import ArticleFields, article_create

pytestmark = pytest.mark.django_db


@pytest.fixture(params=[False, True], ids=["production", "make-run-debug"])
def debug(request, settings):
    settings.DEBUG = request.param
    return request.param


def test_missing_article_offers_to_create_it(client, debug):
    response = client.get("/wiki/moulin-de-kerhuel/")

    assert response.status_code == 404
    html = response.content.decode()
    assert 'class="site-header"' in html
    assert "Cet article n'existe pas encore." in html
    assert 'href="/wiki/creer/?titre=Moulin%20de%20kerhuel"' in html
    assert 'value="Moulin de kerhuel"' in html  # the search box is filled in
    assert "Page not found" not in html and "Traceback" not in html


def test_any_other_missing_page_offers_search(client, debug):
    response = client.get("/ceci/nexiste/pas/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page introuvable" in html
    assert 'action="/recherche/"' in html
    assert "Cet article n'existe pas encore." not in html
    assert "Page not found" not in html


def test_pending_new_article_tells_visitors_it_awaits_review_without_its_title(
    client, newcomer, debug
):
    article_create(
        fields=ArticleFields(title="Le four banal", body="Le four du village, à relire."),
        user=newcomer,
        edit_summary="création",
    )
    # The author sees their own pending article; a visitor does not.
    author = client.__class__()
    author.force_login(newcomer)
    assert "Le four du village" in author.get("/wiki/le-four-banal/modifier/").content.decode()

    response = client.get("/wiki/le-four-banal/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "attend la relecture" in html
    assert "Le four du village" not in html
    assert "Cet article n'existe pas encore." not in html


def test_not_found_page_is_translated_when_english_is_chosen(client, debug):
    client.post("/langue/", {"language": "en", "next": "/"})

    html = client.get("/ceci/nexiste/pas/").content.decode()

    assert '<html lang="en">' in html
