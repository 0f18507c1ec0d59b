"""Every ``next`` parameter goes through one helper: a path on this site, or the default."""

from __future__ import annotations

import pytest
from django.test import RequestFactory
from django.urls import reverse

from community.http import safe_next_url
from community.models import Block
from wiki.models import RevisionMeta

pytestmark = pytest.mark.django_db

HOSTILE_NEXT = [
    "1",
    "wiki",
    "community:review_queue",
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http:/evil.example",
    " https://evil.example/",
    "https://testserver.evil.example/",
]


@pytest.mark.parametrize("target", HOSTILE_NEXT)
def test_helper_refuses_anything_but_a_local_path(target):
    request = RequestFactory().post("/", {"next": target})
    assert safe_next_url(request, "/relecture/") == "/relecture/"


def test_helper_follows_a_local_path_and_resolves_url_names():
    request = RequestFactory().get("/", {"next": "/wiki/le-lavoir/?page=2"})
    assert safe_next_url(request, "/") == "/wiki/le-lavoir/?page=2"
    assert safe_next_url(RequestFactory().get("/"), "community:review_queue") == "/relecture/"


def _moderation_posts(page, revision_id):
    return [
        (reverse("wiki:watch", args=[page.slug]), {"suivre": "1"}, page.url),
        (reverse("wiki:patrol", args=[page.slug, revision_id]), {}, None),
        (reverse("wiki:rollback", args=[page.slug]), {}, None),
        ("/relecture/decision/", {"source": "x", "decision": "approve", "item_id": "1"}, None),
    ]


@pytest.mark.parametrize("target", ["1", "https://evil.example/", "//evil.example/"])
def test_next_on_moderation_forms_never_errs_nor_leaves_the_site(
    client, facilitator, create_article, target
):
    page = create_article()
    revision_id = RevisionMeta.objects.get(page=page).revision_id
    client.force_login(facilitator)
    for url, data, _default in _moderation_posts(page, revision_id):
        response = client.post(url, {**data, "next": target})
        assert response.status_code == 302, url
        location = response["Location"]
        assert location.startswith("/") and not location.startswith("//"), (url, location)
        assert "evil" not in location


def test_next_local_path_is_followed_after_a_review_decision(client, facilitator):
    client.force_login(facilitator)
    response = client.post(
        "/relecture/decision/",
        {"source": "x", "decision": "approve", "item_id": "1", "next": "/relecture/?type=wiki"},
    )
    assert response.status_code == 302 and response["Location"] == "/relecture/?type=wiki"


@pytest.mark.parametrize("target", ["/\\evil.example/", "//evil.example/", "https://evil.example"])
def test_report_form_never_sends_back_off_site(client, target):
    response = client.post("/signaler/", {"url": target, "reason": "spam"})
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.parametrize("days", ["3000000", "99999999999999999999", "-5", "abc"])
def test_block_with_an_absurd_duration_is_refused_with_a_message(
    client, facilitator, newcomer, days
):
    client.force_login(facilitator)
    response = client.post(
        f"/contributeurs/{newcomer.username}/bloquer/",
        {"reason": "spam", "duree": days},
        follow=True,
    )
    assert response.status_code == 200
    assert not Block.objects.filter(user=newcomer).exists()
    text = response.content.decode()
    assert "jours" in text or "durée" in text


def test_block_for_a_year_still_works(client, facilitator, newcomer):
    client.force_login(facilitator)
    client.post(f"/contributeurs/{newcomer.username}/bloquer/", {"reason": "spam", "duree": "365"})
    assert Block.objects.filter(user=newcomer, expires_at__isnull=False).exists()
