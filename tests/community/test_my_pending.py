"""Newcomers know where their contributions stand: "Mes contributions en attente" lists what
waits for review, the sign-up page says why first contributions are reviewed, and project
holders hear when their commons is published or refused."""

import pytest
from django.core import mail

from commons.services import commons_declare, commons_publish, commons_reject
from community.models import Notification
from tests.conftest import make_user
from wiki.services import ArticleFields, article_create, article_save, talk_post

pytestmark = pytest.mark.django_db

URL = "/contributions-en-attente/"


@pytest.fixture
def newcomer_contributions(newcomer, create_article):
    page = create_article(title="Le lavoir", body="Le lavoir du bourg.")
    article_save(
        page=page,
        fields=ArticleFields(title="Le lavoir", body="Le lavoir du bourg, couvert en 1902."),
        user=newcomer,
        base_revision_id=page.latest_revision_id,
        edit_summary="Une date",
    )
    article_create(
        fields=ArticleFields(title="La cabine du Stang", body="Une cabine téléphonique."),
        user=newcomer,
        edit_summary="Nouvel article",
    )
    talk_post(page=page, user=newcomer, body="Faut-il citer une source ?")
    commons_declare(
        user=newcomer,
        name="Grainothèque du quai",
        summary="Des graines à partager.",
        duplicates_confirmed=True,
    )
    return page


def test_my_pending_contributions_lists_each_kind_with_a_link(
    client, newcomer, newcomer_contributions
):
    client.force_login(newcomer)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    for expected in ("Le lavoir", "La cabine du Stang", "Grainothèque du quai"):
        assert expected in html
    assert html.count("<tr>") == 1 + 4  # header row + article edit, new article, talk, commons
    assert "/wiki/le-lavoir/historique/" in html
    assert "/communs/grainotheque-du-quai/" in html


def test_someone_else_sees_only_their_own(client, newcomer_contributions):
    other = make_user("autre-nouveau")
    client.force_login(other)

    html = client.get(URL).content.decode()

    assert "Le lavoir" not in html and "Grainothèque" not in html
    assert "Rien n'attend" in html


def test_an_approved_contribution_leaves_the_list(
    client, newcomer, facilitator, newcomer_contributions
):
    client.force_login(newcomer)
    assert "Le lavoir" in client.get(URL).content.decode()
    from wiki.services import revision_approve

    revision_approve(page=newcomer_contributions, user=facilitator)

    html = client.get(URL).content.decode()
    assert "La cabine du Stang" in html
    assert "/wiki/le-lavoir/historique/" not in html


def test_an_edit_is_listed_for_its_author_even_when_someone_else_edited_after(
    client, newcomer, create_article
):
    page = create_article(title="La criée", body="La criée ouvre à cinq heures.")
    for author, text in ((newcomer, "à cinq heures et demie"), (make_user("second"), "à six")):
        article_save(
            page=page,
            fields=ArticleFields(title="La criée", body=f"La criée ouvre {text}."),
            user=author,
            base_revision_id=page.latest_revision_id,
            edit_summary="Heure",
        )
    client.force_login(newcomer)

    assert "La criée" in client.get(URL).content.decode()


def test_visitors_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/comptes/connexion/")


def test_user_menu_links_to_my_pending_contributions(client, newcomer):
    assert URL not in client.get("/wiki/").content.decode()
    client.force_login(newcomer)
    assert f'href="{URL}"' in client.get("/wiki/").content.decode()


def test_sign_up_page_says_first_contributions_are_reviewed_and_why(client):
    html = client.get("/comptes/inscription/").content.decode()
    assert "relues par l'équipe d'animation" in html
    assert "vandalisme" in html


@pytest.mark.parametrize(
    ("decide", "expected"),
    [(commons_publish, "est publié dans l'annuaire"), (commons_reject, "a été refusée")],
)
def test_declarant_hears_when_the_commons_is_published_or_refused(
    settings, newcomer, facilitator, decide, expected, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_BASE_URL = "http://kerlann.example:8765"
    commons = commons_declare(
        user=newcomer,
        name="Repair café du port",
        summary="On répare ensemble.",
        duplicates_confirmed=True,
    )
    assert not Notification.objects.filter(user=newcomer).exists()

    with django_capture_on_commit_callbacks(execute=True):
        decide(commons=commons, user=facilitator, reason="Hors du territoire")

    notification = Notification.objects.get(user=newcomer)
    assert expected in notification.message
    assert notification.url == "/communs/repair-cafe-du-port/"
    (email,) = [message for message in mail.outbox if newcomer.email in message.to]
    assert "http://kerlann.example:8765/communs/repair-cafe-du-port/" in email.body
    if decide is commons_reject:
        assert "Hors du territoire" in notification.message
