"""Pending changes (FlaggedRevs): held edits never reach visitors; the queue decides."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry

from community.models import Notification
from tests.conftest import make_user
from wiki.models import ArticlePage, RevisionMeta, RevisionStatus
from wiki.services import ArticleFields, article_create, article_save

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending_edit(create_article, newcomer):
    page = create_article(title="La criée", body="La criée ouvre à 6 heures.\n")
    result = article_save(
        page=page,
        fields=ArticleFields(title="La criée", body="La criée ouvre à 5 heures, le mardi.\n"),
        user=newcomer,
        base_revision_id=page.latest_revision_id,
        edit_summary="horaires",
    )
    assert not result.published
    page.refresh_from_db()
    return page


def test_new_contributor_edit_waits_and_visitors_see_the_live_version(client, pending_edit):
    html = client.get(pending_edit.url).content.decode()
    assert "6 heures" in html and "5 heures" not in html


def test_author_sees_their_pending_version_with_a_banner(client, pending_edit, newcomer):
    client.force_login(newcomer)
    html = client.get(pending_edit.url).content.decode()
    assert "5 heures" in html and "attend la relecture" in html


def test_pending_revision_never_reaches_public_lists_feeds_or_history(client, pending_edit):
    for url in [
        "/modifications-recentes/",
        "/modifications-recentes/flux/",
        f"/wiki/{pending_edit.slug}/historique/",
        "/contributeurs/nouveau/",
    ]:
        body = client.get(url).content.decode()
        assert "horaires" not in body, url
    pending = RevisionMeta.objects.get(page=pending_edit, status=RevisionStatus.PENDING)
    assert (
        client.get(f"/wiki/{pending_edit.slug}/historique/{pending.revision_id}/").status_code
        == 404
    )
    live = pending_edit.live_revision_id
    diff = f"/wiki/{pending_edit.slug}/diff/{live}/{pending.revision_id}/"
    assert client.get(diff).status_code == 404


def test_facilitator_sees_pending_in_recent_changes(client, pending_edit, facilitator):
    client.force_login(facilitator)
    assert "horaires" in client.get("/modifications-recentes/").content.decode()


def test_new_article_by_new_contributor_stays_unpublished(client, newcomer):
    result = article_create(
        fields=ArticleFields(title="Le moulin", body="Un moulin à marée."), user=newcomer
    )
    assert not result.published
    assert client.get("/wiki/le-moulin/").status_code == 404
    assert "Le moulin" not in client.get("/wiki/").content.decode()
    client.force_login(newcomer)
    response = client.get("/wiki/le-moulin/")
    assert response.status_code == 200 and "attend la relecture" in response.content.decode()


def test_review_queue_shows_diff_author_and_buttons(client, pending_edit, facilitator):
    client.force_login(facilitator)
    html = client.get("/relecture/").content.decode()
    assert "La criée" in html
    assert "<del>6</del>" in html or "<del>" in html
    assert "nouveau" in html and "contributions" in html
    assert 'value="approve"' in html and 'value="reject"' in html


@pytest.mark.parametrize("who", ["visitor", "newcomer", "resident"])
def test_review_queue_is_for_facilitators_only(client, pending_edit, who, request):
    if who != "visitor":
        client.force_login(request.getfixturevalue(who))
    response = client.get("/relecture/")
    assert response.status_code in (302, 403)
    response = client.post(
        "/relecture/decision/",
        {"source": "wiki", "item_id": pending_edit.pk, "decision": "approve"},
    )
    assert response.status_code in (302, 403)
    pending_edit.refresh_from_db()
    assert "6 heures" in pending_edit.body


def test_approve_publishes_notifies_and_logs(client, pending_edit, facilitator, newcomer):
    client.force_login(facilitator)
    response = client.post(
        "/relecture/decision/",
        {"source": "wiki", "item_id": pending_edit.pk, "decision": "approve", "reason": "merci"},
    )
    assert response.status_code == 302
    pending_edit.refresh_from_db()
    assert "5 heures" in pending_edit.body
    assert "5 heures" in client.get(pending_edit.url).content.decode()
    assert Notification.objects.filter(user=newcomer, message__contains="acceptée").exists()
    assert any(
        "acceptée" in message.body or "acceptée" in message.subject for message in mail.outbox
    )
    entry = PageLogEntry.objects.get(action="wiki.approve")
    assert entry.user == facilitator and entry.data["reason"] == "merci"
    assert not RevisionMeta.objects.filter(status=RevisionStatus.PENDING).exists()


def test_reject_keeps_revision_in_history_marked(client, pending_edit, facilitator, newcomer):
    client.force_login(facilitator)
    client.post(
        "/relecture/decision/",
        {"source": "wiki", "item_id": pending_edit.pk, "decision": "reject", "reason": "source ?"},
    )
    pending_edit.refresh_from_db()
    assert "6 heures" in pending_edit.body
    meta = RevisionMeta.objects.get(page=pending_edit, edit_summary="horaires")
    assert meta.status == RevisionStatus.REJECTED and meta.review_reason == "source ?"
    history = client.get(f"/wiki/{pending_edit.slug}/historique/").content.decode()
    assert "refusée" in history
    assert Notification.objects.filter(user=newcomer, message__contains="source ?").exists()
    assert PageLogEntry.objects.filter(action="wiki.reject", user=facilitator).exists()
    # The next edit starts again from the live version.
    client.force_login(newcomer)
    form = client.get(f"/wiki/{pending_edit.slug}/modifier/").content.decode()
    assert "6 heures" in form and "5 heures" not in form


def test_edit_to_article_under_review_waits_even_for_confirmed(
    create_article, resident, facilitator
):
    from wiki.services import article_protect

    page = create_article()
    article_protect(page=page, user=facilitator, level="", under_review=True)
    page = ArticlePage.objects.get(pk=page.pk)
    result = article_save(
        page=page,
        fields=ArticleFields(title=page.title, body="Changé."),
        user=resident,
        base_revision_id=page.latest_revision_id,
    )
    assert not result.published


def test_confirmed_status_comes_after_enough_approved_edits_and_days(
    settings, create_article, facilitator
):
    from datetime import timedelta

    from django.utils import timezone

    from wiki.services import revision_approve

    settings.KER_CONFIRM_MIN_EDITS = 2
    settings.KER_CONFIRM_MIN_DAYS = 3
    author = make_user("patient")
    author.date_joined = timezone.now() - timedelta(days=5)
    author.save()
    page = create_article(body="v1")
    for body in ("v2", "v3"):
        page = ArticlePage.objects.get(pk=page.pk)
        article_save(
            page=page,
            fields=ArticleFields(title=page.title, body=body),
            user=author,
            base_revision_id=None,
        )
        revision_approve(page=page, user=facilitator)
    author.refresh_from_db()
    assert author.is_confirmed


def test_anonymous_edit_when_enabled_is_pending_with_hashed_ip(settings, client, create_article):
    settings.KER_ANONYMOUS_EDITING = True
    page = create_article()
    response = client.post(
        reverse("wiki:edit", args=[page.slug]),
        {
            "title": page.title,
            "body": "Modifié sans compte.",
            "base_revision_id": page.latest_revision_id,
            "action": "enregistrer",
        },
        REMOTE_ADDR="203.0.113.9",
    )
    assert response.status_code == 302
    meta = RevisionMeta.objects.filter(page=page).latest("created_at")
    assert meta.status == RevisionStatus.PENDING and meta.user is None
    assert meta.ip_hash and "203.0.113.9" not in meta.ip_hash and len(meta.ip_hash) == 64
    page.refresh_from_db()
    assert page.body == "Le lavoir du bourg."


def test_anonymous_editing_off_sends_to_login(client, create_article):
    page = create_article()
    response = client.post(
        reverse("wiki:edit", args=[page.slug]),
        {"title": page.title, "body": "x", "base_revision_id": page.latest_revision_id},
    )
    assert response.status_code == 302 and "/comptes/connexion/" in response["Location"]
