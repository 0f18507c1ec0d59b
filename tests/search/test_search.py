"""Searching: ranking, facets, filters, sorting, pagination, suggestions and typos."""

import datetime

from search import registry
from search.selectors import (
    SORT_DATE,
    SearchFilters,
    search_documents,
    title_suggestions,
)
from search.services import index_rebuild

from .corpus import FakeSource, Item


def keys(results) -> list[str]:
    return [hit.url.strip("/").split("/")[-1] for hit in results.hits]


def facet(results, field: str) -> dict[str, int]:
    for candidate in results.facets:
        if candidate.field == field:
            return {value.value: value.count for value in candidate.values}
    raise AssertionError(field)


def test_title_match_ranks_above_body_mention(corpus):
    results = search_documents(text="chapelle")
    assert keys(results)[0] == "chapelle"
    assert "pardon" in keys(results)


def test_results_mix_types_with_their_label(corpus):
    results = search_documents(text="voile")
    labels = {hit.type_label for hit in results.hits}
    assert {"Article", "Commun"} <= labels


def test_snippets_are_highlighted_and_escaped(search_index):
    body = "<script>alert(1)</script> lavoirs & fontaines, 2 < 3"
    registry.register(FakeSource("article", "Article", [Item("x", "Lavoir", body)]))
    index_rebuild()
    hit = search_documents(text="lavoir").hits[0]
    assert "<mark>lavoirs</mark> &amp; fontaines" in hit.snippet
    assert "2 &lt; 3" in hit.snippet
    assert "<script>" not in hit.snippet
    assert hit.title_html == "<mark>Lavoir</mark>"


def test_facets_count_matched_documents_only(corpus):
    results = search_documents(text="patrimoine")
    types = facet(results, "type")
    assert sum(types.values()) == results.total
    tags = facet(results, "tags")
    assert tags["patrimoine"] >= 5
    communes = facet(results, "commune")
    assert communes["Trémeur"] >= 1


def test_facet_filter_restricts_results(corpus):
    everything = search_documents(text="mer")
    filtered = search_documents(text="mer", filters=SearchFilters(type="commons"))
    assert 0 < filtered.total < everything.total
    assert {hit.type for hit in filtered.hits} == {"commons"}
    active = [value for f in filtered.facets for value in f.values if value.active]
    assert [(value.value, value.count) for value in active] == [("commons", filtered.total)]


def test_tag_and_commune_filters_combine(corpus):
    results = search_documents(
        text="patrimoine", filters=SearchFilters(tag="religion", commune="Plouzan")
    )
    assert keys(results) == ["eglise"]


def test_portal_restricted_search(corpus):
    results = search_documents(text="mer", filters=SearchFilters(portail="patrimoine-maritime"))
    assert results.total > 0
    assert "plage" not in keys(results)
    assert "phare" in keys(results)


def test_portal_facet_shows_portal_titles(corpus):
    portals = next(f for f in search_documents(text="mer").facets if f.field == "portals")
    labels = {value.value: value.label for value in portals.values}
    assert labels["patrimoine-maritime"] == "Patrimoine maritime"


def test_filter_without_words_lists_the_portal_newest_first(corpus):
    results = search_documents(text="", filters=SearchFilters(portail="nature"))
    assert results.sort == SORT_DATE
    assert keys(results)[:2] == ["nature", "sentier"]


def test_sort_by_date_puts_the_latest_update_first(corpus):
    results = search_documents(text="mer", sort=SORT_DATE)
    dates = [hit.updated for hit in results.hits]
    assert dates == sorted(dates, reverse=True)
    assert all(isinstance(moment, datetime.datetime) and moment.tzinfo for moment in dates)


def test_unknown_sort_falls_back_to_relevance(corpus):
    assert search_documents(text="phare", sort="n'importe").sort == "pertinence"


def test_pagination_twenty_per_page(search_index):
    items = [Item(f"l{number}", f"Lavoir {number}", "lavoir", day=number) for number in range(45)]
    registry.register(FakeSource("article", "Article", items))
    index_rebuild()
    first = search_documents(text="lavoir", page=1)
    third = search_documents(text="lavoir", page=3)
    beyond = search_documents(text="lavoir", page=99)
    assert (first.total, first.page_count, len(first.hits)) == (45, 3, 20)
    assert (first.first_rank, first.last_rank, first.has_next, first.has_previous) == (
        1,
        20,
        True,
        False,
    )
    assert (third.page, len(third.hits), third.first_rank) == (3, 5, 41)
    assert beyond.page == 3
    assert not set(keys(first)) & set(keys(third))


def test_unpublished_content_is_not_found(corpus):
    assert "brouillon" not in keys(search_documents(text="attente relecture"))


def test_typo_finds_the_word_with_fuzzy_matching(corpus):
    assert keys(search_documents(text="chapele"))[0] == "chapelle"
    assert "lavoir" in keys(search_documents(text="lavoire"))
    results = search_documents(text="ostreiculteur")
    assert "huitres" in keys(results)


def test_did_you_mean_suggests_indexed_words(corpus):
    results = search_documents(text="goenon")
    assert results.suggestion == "goémon"
    assert "goemon" in keys(results)
    assert search_documents(text="goémonn").suggestion == ""  # same stem: not a typo
    assert search_documents(text="phare").suggestion == ""


def test_title_suggestions_complete_prefixes_without_accents(corpus):
    titles = [item["title"] for item in title_suggestions(text="eco")]
    assert "École Jules-Ferry" in titles
    assert "École de voile de Port-Kerlann" in titles
    assert [item["title"] for item in title_suggestions(text="ecole voi")] == [
        "École de voile de Port-Kerlann"
    ]
    assert title_suggestions(text="") == []
    first = title_suggestions(text="phar")[0]
    assert first == {
        "title": "Le phare de Kerlann",
        "url": "/article/phare/",
        "type": "article",
        "type_label": "Article",
    }


def test_stop_words_in_a_multi_word_query_are_not_required(corpus):
    results = search_documents(text="port de pêche")
    assert not results.approximate
    assert keys(results)[0] == "port-de-peche"


def test_rebuild_recreates_an_index_with_an_older_schema(whoosh_engine, corpus, search_index):
    from search.backend import SCHEMA_VERSION_FILE, schema_is_current

    (search_index / SCHEMA_VERSION_FILE).write_text("0")
    assert not schema_is_current()
    index_rebuild()
    assert schema_is_current()
    assert keys(search_documents(text="phare"))[0] == "phare"
