"""Results pages cached under the index generation (issue 10 §4): the same search is computed once
until the index changes, and a change (new article, edit, withdrawal) is seen at once.

Whoosh (the default) caches; the PostgreSQL engine has no cheap mark of its table's last
change, so it computes every search (``search.backends.postgres.PostgresBackend.generation``).
"""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from search.backends import POSTGRES, backend_name, get_backend
from wiki.services import ArticleFields, article_save, unpublish_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def searches(monkeypatch):
    """How many times the engine computed a results page."""
    engine = type(get_backend())
    computed = []
    search = engine.search

    def counted(self, *args, **kwargs):
        computed.append(kwargs.get("text"))
        return search(self, *args, **kwargs)

    monkeypatch.setattr(engine, "search", counted)
    return computed


def results(client, query, **parameters):
    response = client.get(reverse("search:search"), {"q": query, **parameters})
    assert response.status_code == 200
    return response.content.decode()


def without_token(html):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def test_the_same_search_is_computed_once_until_the_index_changes(client, create_article, searches):
    create_article(title="Le lavoir", body="Le lavoir du bourg.")
    first = results(client, "lavoir")
    assert ">Le <mark>lavoir</mark></a>" in first
    # The same page (but for the form's CSRF token, new in each response).
    assert without_token(results(client, "lavoir")) == without_token(first)
    cached = backend_name() != POSTGRES
    assert len(searches) == (1 if cached else 2)

    # Another query, another sort or another page is another entry.
    results(client, "bourg")
    results(client, "lavoir", tri="date")
    assert len(searches) == (3 if cached else 4)

    create_article(title="Le lavoir neuf", body="Un autre lavoir, au port.")
    after = results(client, "lavoir")
    assert ">Le <mark>lavoir</mark> neuf</a>" in after
    assert ">Le <mark>lavoir</mark></a>" in after
    assert len(searches) == (4 if cached else 5)


def test_an_edit_and_a_withdrawal_show_at_once(client, create_article, resident, facilitator):
    page = create_article(title="La cale", body="Une cale de granit.")
    assert "La <mark>cale</mark>" in results(client, "granit cale")

    article_save(
        page=page,
        fields=ArticleFields(title="La cale du port", body="Une cale de granit rose."),
        user=resident,
        base_revision_id=None,
    )
    edited = results(client, "granit cale")
    assert "La <mark>cale</mark> du port" in edited

    unpublish_article(page, user=facilitator)
    assert "La <mark>cale</mark>" not in results(client, "granit cale")


def test_each_language_gets_its_own_page(client, create_article):
    create_article(title="Le lavoir", body="Le lavoir du bourg.", tags=("patrimoine",))
    assert "Mot-clé" in results(client, "lavoir")
    assert client.post("/langue/", {"language": "en", "next": "/"}).status_code == 302
    english = results(client, "lavoir")
    assert ">Tag<" in english or "Tag</" in english
    assert "Mot-clé" not in english


def test_an_index_recreated_from_scratch_is_not_answered_from_the_cache(client, create_article):
    create_article(title="Le lavoir", body="Le lavoir du bourg.")
    assert ">Le <mark>lavoir</mark></a>" in results(client, "lavoir")
    # Whoosh numbers the commits of a recreated index from 0 again: the next commit has the
    # same number as the one the cached page came from.
    get_backend().clear()
    create_article(title="Le lavoir neuf", body="Un autre lavoir.")
    again = results(client, "lavoir")
    assert ">Le <mark>lavoir</mark> neuf</a>" in again
    assert ">Le <mark>lavoir</mark></a>" not in again
    call_command("search_rebuild", stdout=StringIO())
    assert ">Le <mark>lavoir</mark></a>" in results(client, "lavoir")
