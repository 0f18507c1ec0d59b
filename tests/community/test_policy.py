"""Every permission rule, allowed and refused, for each role (community.policy)."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from community import policy
from community.models import Block
from tests.conftest import make_user
from wiki.models import ArticleProtection

pytestmark = pytest.mark.django_db

ROLES = ["visitor", "new", "confirmed", "facilitator", "administrator", "blocked"]


@pytest.fixture
def people(newcomer, resident, facilitator, administrator):
    blocked = make_user("bloque", is_confirmed=True)
    Block.objects.create(user=blocked, reason="spam")
    return {
        "visitor": AnonymousUser(),
        "new": newcomer,
        "confirmed": resident,
        "facilitator": facilitator,
        "administrator": administrator,
        "blocked": blocked,
    }


EXPECTED = {
    # action: roles allowed
    "edit": {"new", "confirmed", "facilitator", "administrator"},
    "post": {"new", "confirmed", "facilitator", "administrator"},
    "declare": {"new", "confirmed", "facilitator", "administrator"},
    "upload": {"new", "confirmed", "facilitator", "administrator"},
    "moderate": {"facilitator", "administrator"},
    "see_pending": {"facilitator", "administrator"},
    "publishes_directly": {"confirmed", "facilitator", "administrator"},
}


def decide(action, user, obj=None):
    return {
        "edit": lambda: bool(policy.can_edit(user, obj)),
        "post": lambda: bool(policy.can_post(user)),
        "declare": lambda: bool(policy.can_declare(user)),
        "upload": lambda: bool(policy.can_upload(user)),
        "moderate": lambda: bool(policy.can_moderate(user)),
        "see_pending": lambda: policy.can_see_pending(user),
        "publishes_directly": lambda: policy.save_publishes(user, obj),
    }[action]()


@pytest.mark.parametrize("action", sorted(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_permission_matrix(people, action, role):
    assert decide(action, people[role]) is (role in EXPECTED[action])


def test_refusals_explain_why_in_french(people):
    assert "Connectez-vous" in policy.can_edit(people["visitor"]).reason
    assert "bloqué" in policy.can_edit(people["blocked"]).reason
    assert "spam" in policy.can_post(people["blocked"]).reason
    assert "animateurs" in policy.can_moderate(people["confirmed"]).reason


@pytest.mark.parametrize(
    ("level", "allowed_roles"),
    [
        ("confirmed", {"confirmed", "facilitator", "administrator"}),
        ("facilitators", {"facilitator", "administrator"}),
    ],
)
def test_protection_restricts_editing(people, create_article, level, allowed_roles):
    page = create_article()
    ArticleProtection.objects.create(page=page, level=level, reason="guerre d'édition")
    for role in ROLES:
        fresh = type(page).objects.get(pk=page.pk)
        decision = policy.can_edit(people[role], fresh)
        assert bool(decision) is (role in allowed_roles), role
        if role in {"new", "confirmed"} and role not in allowed_roles:
            assert "protégé" in decision.reason and "guerre d'édition" in decision.reason


def test_expired_protection_no_longer_applies(people, create_article):
    page = create_article()
    protection = ArticleProtection.objects.create(page=page, level="facilitators")
    ArticleProtection.objects.filter(pk=protection.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    assert policy.can_edit(people["new"], type(page).objects.get(pk=page.pk))


def test_article_under_review_makes_confirmed_edits_wait(people, create_article):
    page = create_article()
    ArticleProtection.objects.create(page=page, under_review=True)
    fresh = type(page).objects.get(pk=page.pk)
    assert not policy.save_publishes(people["confirmed"], fresh)
    assert policy.save_publishes(people["facilitator"], fresh)


def test_expired_block_no_longer_applies(newcomer):
    block = Block.objects.create(user=newcomer, reason="x")
    Block.objects.filter(pk=block.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert policy.can_edit(newcomer)


def test_anonymous_editing_is_off_by_default_and_waits_when_on(settings, people):
    assert not policy.can_edit(people["visitor"])
    settings.KER_ANONYMOUS_EDITING = True
    assert policy.can_edit(people["visitor"])
    assert not policy.save_publishes(people["visitor"])


def test_roles_are_named(people):
    assert {role: policy.role_of(people[role]) for role in ROLES if role != "blocked"} == {
        "visitor": "visitor",
        "new": "new",
        "confirmed": "confirmed",
        "facilitator": "facilitator",
        "administrator": "administrator",
    }


# --- Blocked facilitators cannot moderate (issue 9 §4) -------------------------------------


@pytest.fixture
def moderation_scene(facilitator, newcomer, other_resident, create_article):
    """An article with a newcomer's pending edit, and a confirmed resident to act upon."""
    from wiki.services import ArticleFields, article_save

    page = create_article(body="Le lavoir du bourg.\n\n[[La fontaine]]")
    pending = article_save(
        page=page,
        fields=ArticleFields(title=page.title, body="Le lavoir du bourg, restauré."),
        user=newcomer,
        base_revision_id=None,
    ).revision
    return {"page": page, "pending": pending, "target": other_resident}


def _moderation_actions():
    """Each moderation action: how to ask for it over HTTP, and whether it happened."""
    from wiki.models import RevisionMeta

    def queue(client, scene):
        response = client.get("/relecture/")
        return response, response.status_code == 200

    def protect(client, scene):
        response = client.post(
            f"/wiki/{scene['page'].slug}/proteger/", {"level": "facilitators", "reason": "x"}
        )
        return response, ArticleProtection.objects.filter(page=scene["page"]).exists()

    def block(client, scene):
        response = client.post(
            f"/contributeurs/{scene['target'].username}/bloquer/", {"reason": "x"}
        )
        return response, Block.objects.filter(user=scene["target"]).exists()

    def confirm(client, scene):
        response = client.post(f"/contributeurs/{scene['newcomer'].username}/confirmer/")
        scene["newcomer"].refresh_from_db()
        return response, scene["newcomer"].is_confirmed

    def approve(client, scene):
        response = client.post(
            "/relecture/decision/",
            {"source": "wiki", "decision": "approve", "item_id": scene["page"].pk},
        )
        meta = RevisionMeta.objects.get(revision=scene["pending"])
        return response, meta.status == "approved"

    def patrol(client, scene):
        revision_id = scene["page"].live_revision_id
        response = client.post(f"/wiki/{scene['page'].slug}/historique/{revision_id}/verifier/")
        return response, RevisionMeta.objects.get(revision_id=revision_id).patrolled_by_id

    def hide(client, scene):
        response = client.post(
            f"/wiki/{scene['page'].slug}/historique/{scene['pending'].pk}/masquer/",
            {"reason": "x"},
        )
        return response, RevisionMeta.objects.get(revision=scene["pending"]).hidden

    return {
        "review_queue": queue,
        "protect": protect,
        "block": block,
        "confirm": confirm,
        "approve": approve,
        "patrol": patrol,
        "hide": hide,
    }


@pytest.mark.parametrize("action", sorted(_moderation_actions()))
@pytest.mark.parametrize("blocked", [False, True], ids=["allowed", "blocked"])
def test_blocked_facilitator_cannot_moderate(
    client, moderation_scene, facilitator, newcomer, action, blocked
):
    scene = {**moderation_scene, "newcomer": newcomer}
    if blocked:
        Block.objects.create(user=facilitator, reason="abus des outils")
    client.force_login(facilitator)
    response, happened = _moderation_actions()[action](client, scene)
    if blocked:
        assert response.status_code == 403
        assert "abus des outils" in response.content.decode()
        assert not happened
    else:
        assert response.status_code in (200, 302)
        assert happened


def test_blocked_facilitator_is_refused_by_the_policy_with_the_block_reason(facilitator):
    assert policy.can_moderate(facilitator)
    Block.objects.create(user=facilitator, reason="abus des outils")
    decision = policy.can_moderate(facilitator)
    assert not decision
    assert "abus des outils" in decision.reason
