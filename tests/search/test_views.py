"""The search pages through the Django test client: results, bad queries, JSON, OpenSearch."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BAD_QUERIES = [
    "",
    " ",
    "x" * 10_000,
    "mot " * 3_000,
    '"lavoir',
    '"',
    "title:",
    "title:phare",
    "body:phare OR",
    "field:",
    ":",
    "*",
    "phar*",
    "?",
    "AND OR NOT",
    "AND",
    "NOT",
    "(",
    ")))",
    "[a TO z]",
    "phare^5",
    "{}",
    "\x00\x01",
    "%",
    "<script>alert(1)</script>",
    "le la les",
    "lavoir~2",
    "'",
]


def test_search_page_lists_results_with_badges_and_facets(client, corpus):
    response = client.get(reverse("search:search"), {"q": "phare"})
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/article/phare/">Le <mark>phare</mark> de Kerlann</a>' in html
    assert 'class="search-hit__type badge">Article<' in html
    assert "Affiner" in html
    assert "?q=phare&amp;type=article" in html


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_bad_queries_never_fail(client, corpus, query):
    response = client.get(reverse("search:search"), {"q": query})
    # NUL characters are refused for the whole site (config.middleware): a 400, not a 500.
    assert response.status_code == (400 if "\x00" in query else 200)


def test_overlong_query_is_cut_with_a_french_notice(client, corpus):
    response = client.get(reverse("search:search"), {"q": "phare " * 200})
    assert "trop longue" in response.content.decode()


def test_active_facet_has_aria_current_and_removes_itself(client, corpus):
    response = client.get(reverse("search:search"), {"q": "mer", "type": "commons"})
    html = response.content.decode()
    assert 'aria-current="true"' in html
    assert 'href="/commons/voilier-partage/"' in html
    assert 'href="/article/phare/"' not in html


def test_sort_and_pagination_parameters_are_tolerant(client, corpus):
    for params in ({"tri": "date"}, {"tri": "x"}, {"page": "abc"}, {"page": "-3"}, {"page": "9e9"}):
        response = client.get(reverse("search:search"), {"q": "mer", **params})
        assert response.status_code == 200


def test_did_you_mean_link(client, corpus):
    html = client.get(reverse("search:search"), {"q": "goenon"}).content.decode()
    assert "Vouliez-vous dire" in html
    assert "?q=go%C3%A9mon" in html


def test_search_page_without_query_shows_the_form(client, search_index):
    response = client.get(reverse("search:search"))
    assert response.status_code == 200
    assert 'id="search-page-q"' in response.content.decode()


def test_broken_index_shows_a_message_not_an_error(
    client, whoosh_engine, search_index, settings, tmp_path
):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    settings.KER_SEARCH_INDEX_DIR = str(blocker / "index")
    response = client.get(reverse("search:search"), {"q": "phare"})
    assert response.status_code == 200
    assert "momentanément indisponible" in response.content.decode()


def test_suggestions_json(client, corpus):
    response = client.get(reverse("search:suggestions"), {"q": "chap"})
    assert response.status_code == 200
    data = response.json()
    assert data["query"] == "chap"
    assert data["results"][0]["title"] == "Chapelle Sainte-Anne"
    assert data["results"][0]["url"] == "/article/chapelle/"


@pytest.mark.parametrize("query", BAD_QUERIES)
def test_suggestions_never_fail(client, corpus, query):
    expected = 400 if "\x00" in query else 200
    assert client.get(reverse("search:suggestions"), {"q": query}).status_code == expected


def test_suggestions_in_opensearch_format(client, corpus):
    response = client.get(reverse("search:suggestions"), {"q": "phar", "format": "opensearch"})
    data = json.loads(response.content)
    assert data[0] == "phar"
    assert data[1] == ["Le phare de Kerlann"]
    assert data[3] == ["http://testserver/article/phare/"]


def test_opensearch_description(client, search_index):
    response = client.get(reverse("search:opensearch"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    body = response.content.decode()
    assert body.startswith("<?xml")
    assert 'template="http://testserver/recherche/?q={searchTerms}"' in body
    assert "<ShortName>Ker</ShortName>" in body


def test_search_urls_are_the_public_ones():
    assert reverse("search:search") == "/recherche/"
    assert reverse("search:suggestions") == "/recherche/suggestions/"
    assert reverse("search:opensearch") == "/recherche/opensearch.xml"
