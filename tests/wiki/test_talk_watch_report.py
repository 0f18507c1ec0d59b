"""Talk pages, watchlists, notifications, reports and abuse limits."""

import pytest
from django.urls import reverse

from community.models import Notification, Report
from community.services import notify
from wiki.models import RevisionStatus, TalkMessage, Watch
from wiki.services import ArticleFields, article_save

pytestmark = pytest.mark.django_db


def test_talk_messages_are_threaded_and_sanitised(resident_client, create_article):
    page = create_article()
    url = reverse("wiki:talk", args=[page.slug])
    response = resident_client.post(url, {"body": "**Source ?** <script>alert(1)</script>"})
    assert response.status_code == 302
    first = TalkMessage.objects.get()
    resident_client.post(url, {"body": "Réponse", "parent_id": first.pk})
    reply = TalkMessage.objects.get(parent=first)
    html = resident_client.get(url).content.decode()
    assert "<strong>Source ?</strong>" in html and "<script>alert" not in html
    assert html.index("Source ?") < html.index("Réponse")
    assert reply.status == RevisionStatus.APPROVED


def test_talk_message_of_a_new_contributor_waits(client, create_article, newcomer, facilitator):
    page = create_article()
    client.force_login(newcomer)
    client.post(reverse("wiki:talk", args=[page.slug]), {"body": "Premier message"})
    message = TalkMessage.objects.get()
    assert message.status == RevisionStatus.PENDING
    client.logout()
    assert (
        "Premier message" not in client.get(reverse("wiki:talk", args=[page.slug])).content.decode()
    )
    client.force_login(facilitator)
    assert "Premier message" in client.get("/relecture/?type=discussion").content.decode()
    client.post(
        "/relecture/decision/",
        {"source": "discussion", "item_id": message.pk, "decision": "approve"},
    )
    client.logout()
    assert "Premier message" in client.get(reverse("wiki:talk", args=[page.slug])).content.decode()


def test_empty_talk_message_is_refused(resident_client, create_article):
    page = create_article()
    response = resident_client.post(reverse("wiki:talk", args=[page.slug]), {"body": "   "})
    assert response.status_code == 400
    assert not TalkMessage.objects.exists()


def test_visitor_cannot_post(client, create_article):
    page = create_article()
    response = client.post(reverse("wiki:talk", args=[page.slug]), {"body": "Bonjour"})
    assert response.status_code == 302
    assert not TalkMessage.objects.exists()


def test_watchlist_notifications_and_feed(client, create_article, resident, other_resident):
    page = create_article()
    client.force_login(resident)
    client.post(reverse("wiki:watch", args=[page.slug]), {"suivre": "1"})
    assert Watch.objects.filter(user=resident, page=page).exists()
    article_save(
        page=page,
        fields=ArticleFields(title=page.title, body="Nouveau texte."),
        user=other_resident,
        base_revision_id=None,
        edit_summary="ajout historique",
    )
    assert Notification.objects.filter(user=resident, message__contains="Le lavoir").exists()
    html = client.get("/suivi/").content.decode()
    assert "ajout historique" in html
    client.post(reverse("wiki:watchlist_feed_token"))
    resident.refresh_from_db()
    feed = client.get(f"/suivi/flux/{resident.feed_token}/")
    assert feed.status_code == 200 and "ajout historique" in feed.content.decode()
    assert client.get("/suivi/flux/mauvais-jeton/").status_code == 404
    html = client.get("/notifications/").content.decode()
    assert "Le lavoir" in html
    client.post(reverse("wiki:watch", args=[page.slug]), {"suivre": "0"})
    assert not Watch.objects.exists()


def test_any_visitor_can_report_and_reports_reach_the_queue(client, create_article, facilitator):
    page = create_article()
    response = client.post(
        "/signaler/",
        {
            "url": page.url,
            "titre": page.title,
            "cle": f"article:{page.pk}",
            "reason": "Propos injurieux",
        },
    )
    assert response.status_code == 302
    report = Report.objects.get()
    client.force_login(facilitator)
    html = client.get("/relecture/?type=signalements").content.decode()
    assert "Propos injurieux" in html
    client.post(
        "/relecture/decision/",
        {"source": "signalements", "item_id": report.pk, "decision": "approve"},
    )
    report.refresh_from_db()
    assert report.handled_by == facilitator


def test_report_without_reason_is_refused(client, create_article):
    page = create_article()
    response = client.post("/signaler/", {"url": page.url, "reason": ""})
    assert response.status_code == 400
    assert not Report.objects.exists()


def test_report_to_external_url_is_neutralised(client, db):
    client.post("/signaler/", {"url": "https://evil.example/", "reason": "x"})
    assert Report.objects.get().target_url == "/"


def test_edit_rate_limit_holds_and_saves_nothing(settings, resident_client, create_article):
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "edit_user": "2/h"}
    page = create_article()
    url = reverse("wiki:edit", args=[page.slug])
    statuses = []
    for number in range(3):
        page.refresh_from_db()
        response = resident_client.post(
            url,
            {
                "title": page.title,
                "body": f"Version {number}",
                "base_revision_id": page.latest_revision_id,
            },
        )
        statuses.append(response.status_code)
    assert statuses == [302, 302, 429]
    assert "attendez un peu" in response.content.decode()
    page.refresh_from_db()
    assert page.body == "Version 1"


def test_sign_up_rate_limit_and_honeypot(settings, client):
    from community.models import User

    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "signup_ip": "1/d"}
    data = {
        "email": "a@example.org",
        "password1": "un-mot-de-passe-long",
        "password2": "un-mot-de-passe-long",
        "accept_licence": "on",
    }
    robot = client.post(
        "/comptes/inscription/", {**data, "username": "robot", "site_web": "http://spam"}
    )
    assert robot.status_code == 400 and not User.objects.exists()
    assert client.post("/comptes/inscription/", {**data, "username": "un"}).status_code == 302
    client.logout()
    second = client.post(
        "/comptes/inscription/", {**data, "username": "deux", "email": "b@example.org"}
    )
    assert second.status_code == 400 and "attendez un peu" in second.content.decode()
    assert list(User.objects.values_list("username", flat=True)) == ["un"]


def test_post_rate_limit(settings, resident_client, create_article):
    settings.KER_RATE_LIMITS = {**settings.KER_RATE_LIMITS, "post_user": "1/h"}
    page = create_article()
    url = reverse("wiki:talk", args=[page.slug])
    assert resident_client.post(url, {"body": "un"}).status_code == 302
    assert resident_client.post(url, {"body": "deux"}).status_code == 429
    assert TalkMessage.objects.count() == 1


def test_reading_the_watchlist_writes_nothing_and_the_feed_address_is_made_by_post(
    client, resident
):
    client.force_login(resident)
    response = client.get(reverse("wiki:watchlist"))
    assert response.status_code == 200
    resident.refresh_from_db()
    assert resident.feed_token == ""
    assert reverse("wiki:watchlist_feed_token") in response.content.decode()
    response = client.post(reverse("wiki:watchlist_feed_token"))
    assert response.status_code == 302
    resident.refresh_from_db()
    assert resident.feed_token
    html = client.get(reverse("wiki:watchlist")).content.decode()
    assert reverse("wiki:watchlist_feed", args=[resident.feed_token]) in html
    assert client.get(reverse("wiki:watchlist_feed_token")).status_code == 405


def test_reading_notifications_marks_nothing_read_until_the_post(client, resident):
    notify(user=resident, message="Une réponse sur Le lavoir")
    client.force_login(resident)
    html = client.get(reverse("community:notifications")).content.decode()
    assert "Une réponse sur Le lavoir" in html and "Tout marquer comme lu" in html
    unread = Notification.objects.filter(user=resident, read_at__isnull=True)
    assert unread.count() == 1
    assert client.get(reverse("community:notifications_read")).status_code == 405
    assert unread.count() == 1
    response = client.post(reverse("community:notifications_read"))
    assert response.status_code == 302
    assert unread.count() == 0
    assert (
        "Tout marquer comme lu"
        not in client.get(reverse("community:notifications")).content.decode()
    )
