"""Who sees what: pending, refused and hidden revisions on every surface of the wiki.

For each state of a revision and each surface, the test asks every kind of viewer (visitor,
another new account, another confirmed resident, the revision's author, a facilitator)
whether the revision's text or edit summary shows, and compares the set of viewers who saw it
with the rule (README, "Rôles et modération"):

- a pending revision: its author and facilitators only;
- a refused revision: its author and facilitators only (in history, old revision, diff);
- a hidden revision: facilitators only; its summary leaves every list and feed;
- feeds, the contributor page, search, the Markdown source and the read API show approved,
  unhidden content only, to everyone;
- nobody but a facilitator, explicitly, brings such a revision back with "restaurer".

Each state's scenario is built once for the module, not once per test: building it through the
services cost about as much as the checks of a surface. It lives in a transaction opened for the
state's tests and rolled back after them (as ``tests/wiki/test_demo.py`` and Django's
``TestCase.setUpTestData`` do): ``parametrize(..., scope="module")`` runs the tests of one state
together, and each test's own transaction is a savepoint inside it, so a restore or a login is
undone before the next test. The states never share a transaction: each one's secret must be
alone on the lists (recent changes, feeds) it is checked against.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import pytest
from django.db import connection

from community.models import User
from tests.conftest import make_user, module_transaction
from wiki.models import ArticlePage, RevisionMeta, RevisionStatus, Watch
from wiki.services import (
    ArticleFields,
    article_create,
    article_save,
    revision_hide,
    revision_reject,
)

pytestmark = pytest.mark.django_db

LIVE_BODY = "Le quai Kernevel accueille les goélettes.\n"
SECRET_BODY = "Zorglubette"
SECRET_SUMMARY = "Brouzoufinette"
STATES = ("pending", "refused", "hidden")
VIEWERS = ("visitor", "other_newcomer", "other_confirmed", "author", "facilitator")
EVERYONE = frozenset(VIEWERS)
NOBODY: frozenset[str] = frozenset()
AUTHOR_AND_FACILITATOR = frozenset({"author", "facilitator"})
FACILITATOR = frozenset({"facilitator"})

# state -> surface -> viewers who see the secret text or summary.
EXPECTED = {
    "pending": {
        "article": frozenset({"author"}),
        "edit_form": frozenset({"author"}),
        "history": AUTHOR_AND_FACILITATOR,
        "old_revision": AUTHOR_AND_FACILITATOR,
        "diff": AUTHOR_AND_FACILITATOR,
        "recent_changes": FACILITATOR,
    },
    "refused": {
        "history": AUTHOR_AND_FACILITATOR,
        "old_revision": AUTHOR_AND_FACILITATOR,
        "diff": AUTHOR_AND_FACILITATOR,
        "recent_changes": FACILITATOR,
    },
    "hidden": {
        "history": FACILITATOR,
        "old_revision": FACILITATOR,
        "diff": FACILITATOR,
    },
}
SURFACES = (
    "article",
    "edit_form",
    "history",
    "old_revision",
    "diff",
    "restore",
    "recent_changes",
    "recent_changes_feed",
    "watchlist_feed",
    "contributor_page",
    "history_feed",
    "markdown_source",
    "api_article",
    "api_revisions",
    "api_revision",
    "api_diff",
    "api_recent_changes",
)


@dataclass
class Scenario:
    page: ArticlePage
    revision_id: int
    previous_id: int
    author: object
    people: dict


def build(state: str, resident, facilitator) -> Scenario:
    page = article_create(
        fields=ArticleFields(title="Le quai Kernevel", body=LIVE_BODY),
        user=resident,
        edit_summary="création",
    ).page
    live_id = page.live_revision_id
    author = make_user("autrice", is_confirmed=state == "hidden")
    result = article_save(
        page=page,
        fields=ArticleFields(title="Le quai Kernevel", body=LIVE_BODY + SECRET_BODY + "\n"),
        user=author,
        base_revision_id=live_id,
        edit_summary=SECRET_SUMMARY,
    )
    assert result.published is (state == "hidden")
    if state == "refused":
        revision_reject(page=page, user=facilitator, reason="hors sujet")
    if state == "hidden":
        page = ArticlePage.objects.get(pk=page.pk)
        article_save(
            page=page,
            fields=ArticleFields(title="Le quai Kernevel", body=LIVE_BODY),
            user=resident,
            base_revision_id=page.live_revision_id,
            edit_summary="retour",
        )
        revision_hide(revision_id=result.revision.pk, user=facilitator, reason="injure")
    people = {
        "visitor": None,
        "other_newcomer": make_user("autre-nouveau"),
        "other_confirmed": make_user("autre-confirme", is_confirmed=True),
        "author": author,
        "facilitator": facilitator,
    }
    page = ArticlePage.objects.get(pk=page.pk)
    for name, person in people.items():
        if person is not None:
            Watch.objects.create(user=person, page=page)
            person.feed_token = f"jeton-{name}"
            person.save(update_fields=["feed_token"])
    return Scenario(
        page=page,
        revision_id=result.revision.pk,
        previous_id=live_id,
        author=author,
        people=people,
    )


@pytest.fixture(scope="module")
def built_scenario(state, django_db_setup, django_db_blocker):
    """The state's scenario, built once for the tests of that state and rolled back after them.

    Its people are made here as the ``resident`` and ``facilitator`` fixtures make them: those
    fixtures are per test."""
    from django.contrib.auth.models import Group

    from community.policy import FACILITATOR_GROUP

    with module_transaction(django_db_blocker):
        resident = make_user("maela", is_confirmed=True)
        facilitator = make_user("animatrice")
        group, _ = Group.objects.get_or_create(name=FACILITATOR_GROUP)
        facilitator.groups.add(group)
        yield build(state, resident, facilitator)


@pytest.fixture
def scenario(db, built_scenario):
    """The state's scenario with its page and people fetched afresh for this test (a login or a
    restore changes them). Search tasks queued by the build are applied to this test's own index
    if it searches, as when each test built its scenario (``catch_up_test_transaction``)."""
    connection.ker_search_catch_up = True
    users = User.objects.in_bulk(
        [person.pk for person in built_scenario.people.values() if person is not None]
    )
    people = {
        name: None if person is None else users[person.pk]
        for name, person in built_scenario.people.items()
    }
    return dataclasses.replace(
        built_scenario,
        page=ArticlePage.objects.get(pk=built_scenario.page.pk),
        author=people["author"],
        people=people,
    )


def fetch(client, scenario: Scenario, surface: str, viewer: str) -> str | None:
    """The HTML or XML a viewer gets on a surface (None: the surface does not apply)."""
    person = scenario.people[viewer]
    client.logout()
    if person is not None:
        client.force_login(person)
    slug = scenario.page.slug
    urls = {
        "article": f"/wiki/{slug}/",
        "edit_form": f"/wiki/{slug}/modifier/",
        "history": f"/wiki/{slug}/historique/",
        "old_revision": f"/wiki/{slug}/historique/{scenario.revision_id}/",
        "diff": f"/wiki/{slug}/diff/{scenario.previous_id}/{scenario.revision_id}/",
        "recent_changes": "/modifications-recentes/",
        "recent_changes_feed": "/modifications-recentes/flux/",
        "contributor_page": f"/contributeurs/{scenario.author.username}/",
        "history_feed": f"/wiki/{slug}/historique/flux/",
        "markdown_source": f"/wiki/{slug}/source/?revision={scenario.revision_id}",
        "api_article": f"/api/v1/articles/{slug}/",
        "api_revisions": f"/api/v1/articles/{slug}/revisions/",
        "api_revision": f"/api/v1/articles/{slug}/revisions/{scenario.revision_id}/",
        "api_diff": f"/api/v1/articles/{slug}/diff/{scenario.previous_id}/{scenario.revision_id}/",
        "api_recent_changes": "/api/v1/recent-changes/",
    }
    if surface == "watchlist_feed":
        if person is None:
            return None
        return client.get(f"/suivi/flux/{person.feed_token}/").content.decode()
    if surface == "restore":
        live_before = ArticlePage.objects.get(pk=scenario.page.pk).live_revision_id
        response = client.post(f"/wiki/{slug}/historique/{scenario.revision_id}/restaurer/")
        client.logout()
        assert ArticlePage.objects.get(pk=scenario.page.pk).live_revision_id == live_before
        return response.content.decode() + client.get(f"/wiki/{slug}/").content.decode()
    response = client.get(urls[surface])
    assert response.status_code in (200, 302, 403, 404), (surface, viewer)
    return response.content.decode()


def shows_secret(html: str) -> bool:
    return SECRET_BODY in html or SECRET_SUMMARY in html


@pytest.mark.parametrize("state", ["pending"], scope="module")
def test_search_finds_the_live_text_but_never_the_secret(client, scenario, state):
    # The build's index changes are applied to this test's own index at its first search
    # (``scenario``): the live text is found, the pending secret never.
    for viewer in VIEWERS:
        assert "Le quai Kernevel" in fetch_search(client, scenario, viewer, "goélettes")
        assert "Le quai Kernevel" not in fetch_search(client, scenario, viewer, SECRET_BODY)


def fetch_search(client, scenario, viewer, query) -> str:
    client.logout()
    if scenario.people[viewer] is not None:
        client.force_login(scenario.people[viewer])
    return client.get("/recherche/", {"q": query}).content.decode()


@pytest.mark.parametrize("surface", SURFACES)
@pytest.mark.parametrize("state", STATES, scope="module")
def test_who_sees_what(client, scenario, state, surface):
    # The secret exists and is readable somewhere: a facilitator's view of the revision.
    client.force_login(scenario.people["facilitator"])
    old = client.get(f"/wiki/{scenario.page.slug}/historique/{scenario.revision_id}/")
    assert SECRET_BODY in old.content.decode()
    seen_by = set()
    for viewer in VIEWERS:
        html = fetch(client, scenario, surface, viewer)
        if html is None:
            continue
        # Every surface answered with the article (or its list) itself, not an empty page.
        if surface in {
            "article",
            "history",
            "recent_changes",
            "recent_changes_feed",
            "history_feed",
            "api_article",
            "api_recent_changes",
        }:
            assert "Le quai Kernevel" in html, (surface, viewer)
        if shows_secret(html):
            seen_by.add(viewer)
    assert seen_by == EXPECTED[state].get(surface, NOBODY)


@pytest.mark.parametrize("state", STATES, scope="module")
def test_only_a_facilitator_restores_explicitly(client, scenario, state):
    client.force_login(scenario.people["facilitator"])
    url = f"/wiki/{scenario.page.slug}/historique/{scenario.revision_id}/restaurer/"
    client.post(url, {"confirmer": "1"})
    client.logout()
    assert SECRET_BODY in client.get(f"/wiki/{scenario.page.slug}/").content.decode()
    meta = RevisionMeta.objects.filter(page=scenario.page).latest("created_at")
    assert meta.reverted_to_id == scenario.revision_id and meta.status == RevisionStatus.APPROVED
