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


def test_french_counts_use_the_singular_for_zero_and_one(client, create_article):
    """French says "0 commun", "1 article", "2 articles" (plural only above one)."""
    create_article(title="Le lavoir", body="Le lavoir.", tags=("patrimoine",))
    page = client.get("/etiquettes/patrimoine/").content.decode()
    assert "1 article ·" in page
    assert "0 commun<" in page and "0 communs" not in page
    create_article(title="La chapelle", body="La chapelle.", tags=("patrimoine",))
    assert "2 articles ·" in client.get("/etiquettes/patrimoine/").content.decode()


def test_every_counted_message_has_its_french_plural_rule():
    """scripts/french-plurals.py copies each counted message into the French catalogue."""
    from pathlib import Path

    import polib
    from django.conf import settings

    locale = Path(settings.BASE_DIR) / "locale"
    english = polib.pofile(str(locale / "en" / "LC_MESSAGES" / "django.po"))
    french = polib.pofile(str(locale / "fr" / "LC_MESSAGES" / "django.po"))
    counted = {(e.msgctxt, e.msgid) for e in english if e.msgid_plural and not e.obsolete}
    assert counted, "the English catalogue has counted messages"
    assert counted <= {(e.msgctxt, e.msgid) for e in french}
    assert french.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    compiled = polib.mofile(str(locale / "fr" / "LC_MESSAGES" / "django.mo"))
    assert {(e.msgctxt, e.msgid) for e in compiled} >= counted
