"""Accounts: sign up with the licence, log in and out, password reset, contributor page."""

import re

import pytest
from django.core import mail

from community.models import User

pytestmark = pytest.mark.django_db


def sign_up_data(**overrides):
    data = {
        "username": "soazig",
        "email": "soazig@example.org",
        "password1": "un-mot-de-passe-long",
        "password2": "un-mot-de-passe-long",
        "accept_licence": "on",
    }
    data.update(overrides)
    return data


def test_sign_up_creates_the_account_and_logs_in(client):
    response = client.post("/comptes/inscription/", sign_up_data())
    assert response.status_code == 302
    user = User.objects.get(username="soazig")
    assert user.licence_accepted_at is not None
    assert client.get("/").context["user"] == user


def test_sign_up_requires_the_licence(client):
    response = client.post("/comptes/inscription/", sign_up_data(accept_licence=""))
    assert response.status_code == 400
    assert "accepter la licence CC BY-SA 4.0" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password2": "autre-chose-encore"}, "ne sont pas identiques"),
        ({"password1": "123", "password2": "123"}, "trop court"),
        ({"email": "pas-un-email"}, "adresse e-mail valide"),
        ({"username": "x y"}, "nom d’utilisateur valide"),
    ],
)
def test_sign_up_bad_input_is_explained(client, overrides, message):
    response = client.post("/comptes/inscription/", sign_up_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not User.objects.exists()


def test_duplicate_username_is_refused(client, resident):
    response = client.post("/comptes/inscription/", sign_up_data(username="MAELA"))
    assert response.status_code == 400
    assert "déjà pris" in response.content.decode()


def test_log_in_and_out(client, resident):
    response = client.post(
        "/comptes/connexion/", {"username": "maela", "password": "mot-de-passe-solide"}
    )
    assert response.status_code == 302
    assert client.get("/").context["user"] == resident
    response = client.post("/comptes/deconnexion/")
    assert response.status_code == 302
    assert not client.get("/").context["user"].is_authenticated


def test_wrong_password_is_explained(client, resident):
    response = client.post("/comptes/connexion/", {"username": "maela", "password": "faux"})
    assert response.status_code == 200
    assert "incorrect" in response.content.decode()


def test_password_reset_by_email(client, resident):
    response = client.post("/comptes/mot-de-passe/oubli/", {"email": "maela@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/comptes/mot-de-passe/\S+/)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "nouveau-mot-de-passe", "new_password2": "nouveau-mot-de-passe"}
    )
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.check_password("nouveau-mot-de-passe")


def test_contributor_page_lists_contributions(client, create_article):
    create_article(title="La criée", body="Texte.")
    html = client.get("/contributeurs/maela/").content.decode()
    assert "Contributions de maela" in html and "La criée" in html


def test_unknown_contributor_is_404(client, db):
    assert client.get("/contributeurs/personne/").status_code == 404


def test_english_is_offered(client, db):
    response = client.post("/langue/", {"language": "en", "next": "/wiki/"})
    assert response.status_code == 302
    html = client.get("/wiki/").content.decode()
    assert 'lang="en"' in html
