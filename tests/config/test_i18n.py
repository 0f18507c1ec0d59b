"""Languages: French by default, English when chosen (language form or browser setting)."""

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _back_to_french():
    """LocaleMiddleware leaves the last language active: do not leak English to other tests."""
    yield
    translation.deactivate()


def choose_english(client):
    response = client.post("/langue/", {"language": "en", "next": "/"})
    assert response.status_code == 302


def sign_up_without_licence(client, **headers):
    return client.post(
        "/comptes/inscription/",
        {
            "username": "soazig",
            "email": "soazig@example.org",
            "password1": "un-mot-de-passe-long",
            "password2": "un-mot-de-passe-long",
        },
        headers=headers,
    )


def test_english_chosen_in_the_language_form_translates_the_article_page(client, create_article):
    article = create_article()
    choose_english(client)

    html = client.get(article.url).content.decode()

    assert '<html lang="en">' in html
    for tab in ("Read", "Edit", "Talk", "History"):
        assert f">{tab}</a>" in html
    assert ">Recent changes</a>" in html
    assert ">Lire</a>" not in html
    assert "Modifications récentes" not in html


def test_french_is_the_default(client, create_article):
    article = create_article()

    html = client.get(article.url).content.decode()

    assert '<html lang="fr">' in html
    for tab in ("Lire", "Modifier", "Discussion", "Historique"):
        assert f">{tab}</a>" in html
    assert ">Modifications récentes</a>" in html
    assert "Recent changes" not in html


def test_sign_up_errors_are_in_english_when_english_is_chosen(client):
    choose_english(client)

    response = sign_up_without_licence(client)

    html = response.content.decode()
    assert response.status_code == 400
    assert "You must accept the CC BY-SA 4.0 licence to contribute." in html
    assert "Vous devez accepter la licence" not in html


def test_sign_up_errors_are_in_french_by_default(client):
    response = sign_up_without_licence(client)

    html = response.content.decode()
    assert response.status_code == 400
    assert "Vous devez accepter la licence CC BY-SA 4.0 pour contribuer." in html


def test_browser_accept_language_alone_gives_english(client, create_article):
    article = create_article()

    html = client.get(article.url, headers={"accept-language": "en"}).content.decode()

    assert ">Read</a>" in html
    assert ">Edit</a>" in html
    assert ">Recent changes</a>" in html

    response = sign_up_without_licence(client, **{"accept-language": "en-GB,en;q=0.9"})
    assert "You must accept the CC BY-SA 4.0 licence to contribute." in response.content.decode()
