"""Sign-up details: username errors on the first submit, a limit message that says how long to
wait, and a workshop address (KER_SIGNUP_ALLOWED_IPS) exempt from the sign-up limit."""

import pytest

from community.models import User

pytestmark = pytest.mark.django_db


def sign_up(client, username, *, password2="un-mot-de-passe-long", address="192.0.2.50"):
    return client.post(
        "/comptes/inscription/",
        {
            "username": username,
            "email": f"{username.replace(' ', '')}@example.org",
            "password1": "un-mot-de-passe-long",
            "password2": password2,
            "accept_licence": "on",
        },
        REMOTE_ADDR=address,
    )


def test_username_error_is_shown_on_the_first_submit_with_the_other_errors(client):
    response = sign_up(client, "jean dupont", password2="pas-le-meme-mot-de-passe")

    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "username" in errors and "password2" in errors
    assert not User.objects.exists()


def test_limit_message_says_how_long_to_wait(client, settings):
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "signup_ip": "2/h"}
    for number in range(2):
        assert sign_up(client.__class__(), f"habitant{number}").status_code == 302

    response = sign_up(client, "habitant9")

    assert response.status_code == 400
    html = response.content.decode()
    assert "rien n'a été enregistré" in html
    assert "Vous pourrez réessayer dans" in html and "minute" in html
    assert not User.objects.filter(username="habitant9").exists()


def test_workshop_address_is_exempt_from_the_sign_up_limit(client, settings):
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "signup_ip": "2/h"}
    settings.KER_SIGNUP_ALLOWED_IPS = ["198.51.100.0/24"]
    for number in range(5):
        response = sign_up(client.__class__(), f"atelier{number}", address="198.51.100.7")
        assert response.status_code == 302

    assert User.objects.filter(username__startswith="atelier").count() == 5
    # Other addresses keep their limit.
    for number in range(2):
        sign_up(client.__class__(), f"ailleurs{number}", address="192.0.2.9")
    assert sign_up(client, "ailleurs9", address="192.0.2.9").status_code == 400
