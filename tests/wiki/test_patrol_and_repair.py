"""Patrol, rollback, spam clean-up, hiding, protection and blocks, through HTTP."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry

from community.models import Block
from tests.conftest import make_user
from wiki.models import ArticlePage, RevisionMeta
from wiki.services import ArticleFields, article_create, article_save

pytestmark = pytest.mark.django_db


def edit(page, user, body, **extra):
    page = ArticlePage.objects.get(pk=page.pk)
    return article_save(
        page=page,
        fields=ArticleFields(title=page.title, body=body),
        user=user,
        base_revision_id=None,
        **extra,
    )


@pytest.fixture
def vandal(db):
    return make_user("vandale", is_confirmed=True)


def test_unpatrolled_edits_are_marked_and_can_be_patrolled(
    client, create_article, facilitator, other_resident
):
    page = create_article()
    edit(page, other_resident, "Texte modifié.")
    meta = RevisionMeta.objects.filter(page=page).latest("created_at")
    client.force_login(facilitator)
    html = client.get("/modifications-recentes/?non_verifiees=on").content.decode()
    assert 'class="unpatrolled"' in html
    response = client.post(
        reverse("wiki:patrol", args=[page.slug, meta.revision_id]),
        {"next": "/modifications-recentes/"},
    )
    assert response.status_code == 302
    meta.refresh_from_db()
    assert meta.patrolled and meta.patrolled_by == facilitator
    assert PageLogEntry.objects.filter(action="wiki.patrol").exists()


def test_patrol_button_on_the_diff_page(client, create_article, facilitator, other_resident):
    page = create_article()
    edit(page, other_resident, "Texte modifié.")
    meta = RevisionMeta.objects.filter(page=page).latest("created_at")
    client.force_login(facilitator)
    html = client.get(
        reverse("wiki:diff", args=[page.slug, meta.previous_revision_id, meta.revision_id])
    ).content.decode()
    assert reverse("wiki:patrol", args=[page.slug, meta.revision_id]) in html


def test_residents_cannot_patrol(client, create_article, other_resident):
    page = create_article()
    meta = RevisionMeta.objects.get(page=page)
    client.force_login(other_resident)
    response = client.post(reverse("wiki:patrol", args=[page.slug, meta.revision_id]))
    assert response.status_code == 403
    meta.refresh_from_db()
    assert not meta.patrolled


def test_rollback_reverts_all_consecutive_edits_of_the_last_author(
    client, create_article, vandal, facilitator
):
    page = create_article(body="Texte d'origine.")
    edit(page, vandal, "SPAM 1")
    edit(page, vandal, "SPAM 2")
    edit(page, vandal, "SPAM 3")
    client.force_login(facilitator)
    response = client.post(reverse("wiki:rollback", args=[page.slug]))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.body == "Texte d'origine."
    latest = RevisionMeta.objects.filter(page=page).latest("created_at")
    assert "vandale" in latest.edit_summary and latest.user == facilitator
    assert PageLogEntry.objects.get(action="wiki.rollback").data["edits"] == 3
    assert not RevisionMeta.objects.filter(page=page, user=vandal, patrolled=False).exists()


def test_rollback_refused_to_residents(client, create_article, vandal, other_resident):
    page = create_article(body="Texte d'origine.")
    edit(page, vandal, "SPAM")
    client.force_login(other_resident)
    assert client.post(reverse("wiki:rollback", args=[page.slug])).status_code == 403
    page.refresh_from_db()
    assert page.body == "SPAM"


def test_spam_wave_cleanup_since_a_date(
    client, create_article, vandal, facilitator, other_resident
):
    before = timezone.now() - timedelta(days=1)
    clean = create_article(title="Propre", body="Bon texte.")
    edit(clean, vandal, "SPAM")
    later_fixed = create_article(title="Corrigé", body="Bon texte.")
    edit(later_fixed, vandal, "SPAM")
    edit(later_fixed, other_resident, "SPAM corrigé par quelqu'un")
    spam_page = article_create(fields=ArticleFields(title="Pub", body="Achetez"), user=vandal).page
    client.force_login(facilitator)
    response = client.post(
        reverse("wiki:cleanup", args=["vandale"]),
        {"depuis": before.date().isoformat(), "reason": "vague de spam"},
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get(pk=clean.pk).body == "Bon texte."
    assert ArticlePage.objects.get(pk=later_fixed.pk).body == "SPAM corrigé par quelqu'un"
    assert not ArticlePage.objects.get(pk=spam_page.pk).live
    entry = PageLogEntry.objects.filter(action="wiki.mass_revert").first() or None
    from wagtail.models import ModelLogEntry

    entry = ModelLogEntry.objects.get(action="wiki.mass_revert")
    assert entry.user == facilitator and entry.data["reason"] == "vague de spam"


def test_hidden_revision_is_hidden_from_public_but_kept_for_facilitators(
    client, create_article, vandal, facilitator
):
    page = create_article(body="Texte d'origine.")
    edit(page, vandal, "Insulte et numéro de téléphone 0600000000")
    bad = RevisionMeta.objects.filter(page=page).latest("created_at")
    client.force_login(facilitator)
    client.post(reverse("wiki:rollback", args=[page.slug]))
    response = client.post(
        reverse("wiki:hide", args=[page.slug, bad.revision_id]), {"reason": "données personnelles"}
    )
    assert response.status_code == 302
    bad.refresh_from_db()
    assert bad.hidden
    assert (
        "0600000000"
        in client.get(reverse("wiki:revision", args=[page.slug, bad.revision_id])).content.decode()
    )
    client.logout()
    html = client.get(reverse("wiki:revision", args=[page.slug, bad.revision_id])).content.decode()
    assert "0600000000" not in html and "masqué" in html
    diff = client.get(
        reverse("wiki:diff", args=[page.slug, bad.previous_revision_id, bad.revision_id])
    ).content.decode()
    assert "0600000000" not in diff
    assert PageLogEntry.objects.filter(action="wiki.hide", user=facilitator).exists()


def test_live_revision_cannot_be_hidden(client, create_article, facilitator):
    page = create_article()
    client.force_login(facilitator)
    client.post(reverse("wiki:hide", args=[page.slug, page.live_revision_id]), {"reason": "x"})
    assert not RevisionMeta.objects.get(revision_id=page.live_revision_id).hidden


def test_protect_article_and_show_why_on_the_edit_tab(
    client, create_article, facilitator, newcomer
):
    page = create_article()
    client.force_login(facilitator)
    response = client.post(
        reverse("wiki:protect", args=[page.slug]),
        {"level": "confirmed", "reason": "guerre d'édition", "expires_at": ""},
    )
    assert response.status_code == 302
    assert PageLogEntry.objects.get(action="wiki.protect").data["reason"] == "guerre d'édition"
    client.force_login(newcomer)
    response = client.get(reverse("wiki:edit", args=[page.slug]))
    assert response.status_code == 403
    assert (
        "guerre d&#x27;édition" in response.content.decode()
        or "guerre d'édition" in response.content.decode()
    )
    response = client.post(
        reverse("wiki:edit", args=[page.slug]),
        {"title": page.title, "body": "x", "base_revision_id": page.latest_revision_id},
    )
    assert response.status_code == 403
    page.refresh_from_db()
    assert page.body == "Le lavoir du bourg."


def test_protection_with_past_expiry_is_refused(client, create_article, facilitator):
    page = create_article()
    client.force_login(facilitator)
    response = client.post(
        reverse("wiki:protect", args=[page.slug]),
        {"level": "confirmed", "expires_at": "2001-01-01T10:00"},
    )
    assert response.status_code == 400
    assert "dans le futur" in response.content.decode()


def test_residents_cannot_protect(client, create_article, resident):
    page = create_article()
    client.force_login(resident)
    assert (
        client.post(
            reverse("wiki:protect", args=[page.slug]), {"level": "facilitators"}
        ).status_code
        == 403
    )


def test_block_stops_editing_posting_and_says_why(
    client, create_article, facilitator, other_resident
):
    page = create_article()
    client.force_login(facilitator)
    response = client.post(
        "/contributeurs/yannick/bloquer/", {"reason": "insultes répétées", "duree": "7"}
    )
    assert response.status_code == 302
    block = Block.objects.get(user=other_resident)
    assert block.expires_at > timezone.now() + timedelta(days=6)
    client.force_login(other_resident)
    response = client.get(reverse("wiki:edit", args=[page.slug]))
    assert response.status_code == 403 and "insultes répétées" in response.content.decode()
    response = client.post(reverse("wiki:talk", args=[page.slug]), {"body": "Bonjour"})
    assert response.status_code == 403
    assert "insultes répétées" in client.get("/contributeurs/yannick/").content.decode()


def test_block_requires_a_reason_and_a_facilitator(client, facilitator, other_resident, resident):
    client.force_login(facilitator)
    client.post("/contributeurs/yannick/bloquer/", {"reason": ""})
    assert not Block.objects.exists()
    client.force_login(resident)
    assert client.post("/contributeurs/yannick/bloquer/", {"reason": "x"}).status_code == 403
    assert not Block.objects.exists()


def test_unblock_and_confirm(client, facilitator, newcomer):
    client.force_login(facilitator)
    client.post("/contributeurs/nouveau/bloquer/", {"reason": "test"})
    client.post("/contributeurs/nouveau/debloquer/")
    assert Block.active_for(newcomer) is None
    client.post("/contributeurs/nouveau/confirmer/")
    newcomer.refresh_from_db()
    assert newcomer.is_confirmed
