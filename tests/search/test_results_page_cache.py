"""The search results page in the anonymous page cache (``community.cache``, registered by
``portals.registrations``): served again to visitors until the index changes, whatever changed
it; never to signed-in people; a failure is never kept.

The PostgreSQL engine has no cheap, exact mark of its last change: its pages are never kept
(``search.selectors.results_version``), and these tests check that instead.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from community.cache import HEADER
from search.backends import POSTGRES, backend_name, get_backend
from wiki.models import ArticlePage
from wiki.services import ArticleFields, article_save

pytestmark = pytest.mark.django_db


def search(client, query):
    response = client.get(reverse("search:search"), {"q": query})
    assert response.status_code == 200
    return response


def kept() -> bool:
    return backend_name() != POSTGRES


def cache_state(response) -> str | None:
    return response.get(HEADER)


def without_token(response) -> str:
    """The page but for the form's CSRF token (each answer, kept or not, has its own)."""
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def test_a_visitors_search_is_served_again_until_an_edit_changes_the_index(
    create_article, resident
):
    page = create_article(title="Le lavoir", body="Le lavoir du bourg.")
    first = search(Client(), "goémon")
    assert page.url not in first.content.decode()
    second = search(Client(), "goémon")
    assert cache_state(first) == ("miss" if kept() else None)
    assert cache_state(second) == ("hit" if kept() else None)
    assert without_token(second) == without_token(first)

    page = ArticlePage.objects.get(pk=page.pk)
    article_save(
        page=page,
        fields=ArticleFields(title=page.title, body="Le lavoir du bourg, où sèche le goémon."),
        user=resident,
        base_revision_id=page.latest_revision_id,
        edit_summary="goémon",
    )
    fresh = search(Client(), "goémon")
    assert cache_state(fresh) == ("miss" if kept() else None)
    assert page.url in fresh.content.decode()
    assert cache_state(search(Client(), "goémon")) == ("hit" if kept() else None)


def test_a_change_of_the_index_alone_makes_the_next_search_fresh(create_article):
    """No publication, no database change: only the index's version says the page is stale."""
    page = create_article(title="Le phare", body="Le phare de la pointe.")
    assert page.url in search(Client(), "phare").content.decode()
    assert cache_state(search(Client(), "phare")) == ("hit" if kept() else None)

    backend = get_backend()
    (document_id,) = backend.indexed_updates()
    backend.delete_documents([document_id])
    fresh = search(Client(), "phare")
    assert cache_state(fresh) == ("miss" if kept() else None)
    assert page.url not in fresh.content.decode()


def test_signed_in_people_always_get_a_computed_page(create_article, resident_client):
    create_article(title="Le lavoir", body="Le lavoir du bourg.")
    search(Client(), "lavoir")
    assert cache_state(search(Client(), "lavoir")) == ("hit" if kept() else None)
    for _ in range(2):
        response = search(resident_client, "lavoir")
        assert cache_state(response) is None
        assert "maela" in response.content.decode()  # their own page, with their name


def test_a_failed_search_is_not_kept(create_article, whoosh_engine, settings, tmp_path):
    page = create_article(title="Le lavoir", body="Le lavoir du bourg.")
    assert page.url in search(Client(), "bourg").content.decode()
    working = settings.KER_SEARCH_INDEX_DIR
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.KER_SEARCH_INDEX_DIR = str(blocker / "index")
    for _ in range(2):
        failed = search(Client(), "lavoir")
        assert "momentanément indisponible" in failed.content.decode()
        assert cache_state(failed) is None
        assert "no-store" in failed["Cache-Control"]

    settings.KER_SEARCH_INDEX_DIR = working
    repaired = search(Client(), "lavoir")
    assert "momentanément indisponible" not in repaired.content.decode()
    assert page.url in repaired.content.decode()
    assert cache_state(repaired) == "miss"
    assert cache_state(search(Client(), "lavoir")) == "hit"


def test_a_kept_results_page_lasts_no_longer_than_the_results_cache(create_article, monkeypatch):
    """Anyone can ask for new searches: their pages must not fill the cache for long."""
    from django.core.cache import cache

    from search.selectors import RESULTS_CACHE_SECONDS

    create_article(title="Le lavoir", body="Le lavoir du bourg.")
    stored = []
    original = cache.set

    def recorded(key, value, timeout=None, **options):
        if isinstance(value, dict) and "content" in value:  # a whole page
            stored.append(timeout)
        return original(key, value, timeout, **options)

    monkeypatch.setattr(cache, "set", recorded)
    search(Client(), "lavoir")
    assert stored == ([RESULTS_CACHE_SECONDS] if kept() else [])
    # An article page is kept far longer (until it changes).
    stored.clear()
    Client().get("/wiki/le-lavoir/")
    assert stored and stored[0] > RESULTS_CACHE_SECONDS
