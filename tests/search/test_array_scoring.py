"""Word queries ranked on arrays give Whoosh's own ranking (search.array_scoring).

Random queries (words, AND, OR, NOT, parentheses) over a random corpus written in several
commits, with documents updated and removed between them: every matched document, every score
and the order (score, then document number) must be what Whoosh's collector gives.
"""

from __future__ import annotations

import dataclasses
import datetime
import random

import numpy as np
import pytest
from whoosh.writing import CLEAR

from search import array_scoring
from search.backend import index_searcher, index_writer
from search.backends.whoosh import filter_query
from search.documents import SearchDocument
from search.query import parse_query
from search.services import document_fields

pytestmark = pytest.mark.usefixtures("whoosh_engine", "search_index")

WORDS = (
    "lavoir port phare sardine conserverie chapelle quai marée goémon criée bateau moulin "
    "lande dune anse grève halle digue école fête pêcheur bourg cale marché"
).split()
COMMUNES = ["Port-Kerlann", "Lanvénec", "Kerbriant"]


def _document(rng: random.Random, number: int) -> SearchDocument:
    def words(low: int, high: int) -> str:
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(low, high)))

    moment = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC) + datetime.timedelta(hours=number)
    return SearchDocument(
        key=str(number),
        type="article",
        title=f"{words(1, 3)} {number}",
        url=f"/wiki/{number}/",
        summary=words(0, 8),
        body=words(0, 120),
        tags=[rng.choice(WORDS)],
        commune=rng.choice(COMMUNES),
        updated=moment,
        created=moment,
    )


def _write(documents, *, clear: bool = False, delete: tuple[str, ...] = ()) -> None:
    options = {"mergetype": CLEAR} if clear else {"merge": False}
    with index_writer(**options) as writer:
        for document in documents:
            writer.update_document(**document_fields(source_name="article", document=document))
        for key in delete:
            writer.delete_by_term("id", f"article:{key}")


def _queries(rng: random.Random) -> list[str]:
    queries = ["lavoir", "port phare", "inconnu", "le port", "lavoir OR phare", "port NOT quai"]
    for _ in range(40):
        a, b, c = rng.sample(WORDS, 3)
        queries.append(
            rng.choice(
                [f"{a} {b}", f"{a} OR {b}", f"{a} NOT {b}", f"({a} OR {b}) {c}", f"{a} {b} {c}"]
            )
        )
    return queries


def _whoosh_ranking(searcher, query, filters=None):
    results = searcher.search(query, limit=None, filter=filters)
    return [(hit.docnum, hit.score) for hit in results]


def _coordinated_ranking(searcher, query):
    """Whoosh's scores of the "any word" query without its coordination bonus, then the bonus
    (CoordMatcher's formula) over the query's terms present in each segment.

    Whoosh's own CoordMatcher recounts its terms when a term's postings run out inside a
    segment, so its bonus for the documents after that point depends on where they sit in the
    index; the array ranking counts the terms of the segment, for every document alike.
    """
    from whoosh.query import Or

    plain = Or(query.subqueries, boost=query.boost)
    scale = query.scale
    documents = {term: set(searcher.docs_for_query(term)) for term in query.subqueries}
    ranked = []
    for docnum, score in _whoosh_ranking(searcher, plain):
        leaf, offset = next(
            (leaf, offset)
            for leaf, offset in reversed(searcher.reader().leaf_readers())
            if docnum >= offset
        )
        present = [
            term
            for term in query.subqueries
            if (term.fieldname, searcher.schema[term.fieldname].to_bytes(term.text)) in leaf
        ]
        matching = sum(docnum in documents[term] for term in present)
        count = len(present)
        if count > 1 and count != scale:
            score = (score + (matching - 1) / (count - scale) ** 2) * ((count - 1) / count)
        ranked.append((docnum, score))
    return sorted(ranked, key=lambda pair: (-pair[1], pair[0]))


def _array_ranking(searcher, query, allowed=None):
    ranking = array_scoring.rank(searcher, query, allowed=allowed, page=1, per_page=10**6)
    return [(hit.docnum, hit.score) for hit in ranking.hits], ranking.matched


def _assert_same(text: str, expected, got, matched) -> None:
    assert sorted(matched.tolist()) == matched.tolist(), text
    assert set(matched.tolist()) == {docnum for docnum, _ in expected}, text
    assert len(got) == len(expected), text
    for (expected_doc, expected_score), (doc, score) in zip(expected, got, strict=True):
        assert score == pytest.approx(expected_score, rel=1e-9), text
        if doc != expected_doc:
            # Only documents whose scores differ in the last bits may swap places.
            assert dict(expected)[doc] == pytest.approx(expected_score, rel=1e-9), text


def _compare_all(rng: random.Random) -> int:
    """Each query as typed, and as the "any word" query the page falls back to when nothing
    matches every word (an Or with Whoosh's coordination bonus)."""
    compared = any_word = 0
    with index_searcher() as searcher:
        for text in _queries(rng):
            query = parse_query(searcher.schema, text)
            assert array_scoring.supports(query, searcher.schema), text
            expected = _whoosh_ranking(searcher, query)
            got, matched = _array_ranking(searcher, query)
            _assert_same(text, expected, got, matched)
            compared += len(expected)
            loose = parse_query(searcher.schema, text, any_word=True)
            if any(operator in text for operator in (" OR ", " NOT ", "(")):
                continue  # operators inside an "any word" query: left to Whoosh
            assert array_scoring.supports(loose, searcher.schema), text
            expected = _coordinated_ranking(searcher, loose)
            got, matched = _array_ranking(searcher, loose)
            _assert_same(f"{text} (any word)", expected, got, matched)
            any_word += len(expected)
    assert any_word > 500
    return compared


def test_the_ranking_is_whooshs_across_segments_updates_and_removals():
    rng = random.Random(5)
    documents = [_document(rng, number) for number in range(400)]
    _write(documents[:250], clear=True)
    _write(documents[250:330])
    _write(documents[330:])
    assert _compare_all(random.Random(1)) > 1000
    # Both forms of kept postings were compared: the frequent words' dense frequencies, the
    # others' document numbers.
    forms = array_scoring.kept()
    assert forms["dense"] > 10 and forms["sparse"] > 10, forms
    with index_searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 3  # the case of several segments

    # Updates and removals: postings kept from the segments above must not bring back a
    # deleted or replaced document, and the new versions must be found.
    changed = [
        dataclasses.replace(document, title=f"chapelle {document.title}")
        for document in documents[::7]
    ]
    removed = {str(number) for number in range(3, 400, 11) if number % 7}
    _write(changed, delete=tuple(removed))
    assert _compare_all(random.Random(2)) > 1000
    with index_searcher() as searcher:
        query = parse_query(searcher.schema, "chapelle")
        _, matched = _array_ranking(searcher, query)
        keys = {searcher.stored_fields(docnum)["key"] for docnum in matched}
    assert {document.key for document in changed} <= keys
    assert not keys & removed


def test_facet_counts_are_those_of_the_matched_documents_stored_fields():
    """Counted on arrays (search.facets) across segments, updates and removals, they are what
    the matched documents' own stored values add up to."""
    from search.facets import facet_counts, facet_sets

    rng = random.Random(8)
    documents = [_document(rng, number) for number in range(300)]
    _write(documents[:200], clear=True)
    _write(documents[200:])
    removed = {str(number) for number in range(1, 300, 13) if number % 9}
    _write(
        [dataclasses.replace(document, commune="Kerbriant") for document in documents[::9]],
        delete=tuple(removed),
    )
    compared = 0
    with index_searcher() as searcher:
        assert len(searcher.reader().leaf_readers()) == 3
        for text in ("port", "lavoir OR phare", "quai NOT marée", "chapelle dune"):
            _, matched = _array_ranking(searcher, parse_query(searcher.schema, text))
            expected: dict[str, dict[str, int]] = {"type": {}, "tags": {}, "commune": {}}
            for docnum in matched.tolist():
                stored = searcher.stored_fields(docnum)
                for fieldname in expected:
                    values = stored[fieldname]
                    for value in [values] if isinstance(values, str) else values:
                        counts = expected[fieldname]
                        counts[value] = counts.get(value, 0) + 1
            counts = facet_counts(searcher, matched)
            assert {name: counts[name] for name in expected} == expected, text
            assert counts["portals"] == {}
            compared += len(matched)
        # A value's documents are its live ones: the removed and replaced ones are gone.
        kerbriant = facet_sets(searcher)["commune"].documents_of("Kerbriant")
        keys = {searcher.stored_fields(docnum)["key"] for docnum in kerbriant.tolist()}
    assert compared > 300
    assert not keys & removed
    assert {document.key for document in documents[::9]} <= keys


def test_a_commit_reads_the_facets_of_the_segments_it_wrote_only(monkeypatch):
    """Facet arrays are kept per index segment (search.facets): after a commit, counting reads
    the new segment and reuses what the others gave."""
    from search import facets

    rng = random.Random(4)
    _write([_document(rng, number) for number in range(120)], clear=True)
    with index_searcher() as searcher:
        facets.facet_sets(searcher)
    read = []
    original = facets.read_postings

    def counted(leaf, fieldname, text):
        read.append(array_scoring.segment_key(leaf))
        return original(leaf, fieldname, text)

    monkeypatch.setattr(facets, "read_postings", counted)
    _write([dataclasses.replace(_document(rng, 500), commune="Plouzané")])
    with index_searcher() as searcher:
        leaves = [leaf for leaf, _offset in searcher.reader().leaf_readers()]
        sets = facets.facet_sets(searcher)
        plouzane = sets["commune"].documents_of("Plouzané").tolist()
        keys = {searcher.stored_fields(docnum)["key"] for docnum in plouzane}
        total = sum(len(sets["commune"].documents_of(value)) for value in sets["commune"].values)
    assert len(leaves) == 2
    assert keys == {"500"}
    assert total == 121
    assert read and set(read) == {array_scoring.segment_key(leaves[-1])}


def test_facets_preloaded_before_the_workers_fork_are_not_read_again(monkeypatch):
    from search import facets

    rng = random.Random(14)
    _write([_document(rng, number) for number in range(80)], clear=True)
    assert facets.preload() == 80
    monkeypatch.setattr(facets, "read_postings", None)  # any reading would fail
    with index_searcher() as searcher:
        counts = facets.facet_counts(searcher, np.arange(80))
    assert sum(counts["commune"].values()) == 80


def test_filters_restrict_the_ranking_as_whooshs_filter_does():
    rng = random.Random(9)
    _write([_document(rng, number) for number in range(300)], clear=True)

    class Filters:
        def __init__(self, active):
            self._active = active

        def active(self):
            return self._active

    with index_searcher() as searcher:
        from search.facets import facet_sets

        for active in ({"commune": "Lanvénec"}, {"commune": "Kerbriant", "tags": "port"}):
            whoosh_filter = filter_query(Filters(active))
            allowed = None
            for fieldname, value in active.items():
                documents = facet_sets(searcher)[fieldname].documents_of(value)
                allowed = documents if allowed is None else np.intersect1d(allowed, documents)
            for text in ("port", "lavoir OR phare", "quai NOT inconnu"):
                query = parse_query(searcher.schema, text)
                expected = _whoosh_ranking(searcher, query, whoosh_filter)
                got, matched = _array_ranking(searcher, query, allowed)
                assert expected, (text, active)
                _assert_same(text, expected, got, matched)


def test_typo_tolerant_words_looked_up_once_match_and_score_as_whooshs_fuzzy_query():
    """The results page's typo pass (``search.backends.whoosh.resolve_fuzzy``): each fuzzy
    word is looked up in the index once, and the query it becomes matches and scores as
    Whoosh's own fuzzy query does, across segments; what is left of it is ranked on arrays."""
    from whoosh.query import FuzzyTerm, NullQuery, Or

    from search.backends.whoosh import resolve_fuzzy
    from search.query import fuzzy_query

    rng = random.Random(12)
    documents = [_document(rng, number) for number in range(250)]
    # Words one typo away from each other: "calo" is within reach of all three.
    extra = [
        dataclasses.replace(_document(rng, 300 + number), body=f"calme calot calé {word}")
        for number, word in enumerate(WORDS[:6])
    ]
    _write(documents[:150], clear=True)
    _write(documents[150:] + extra)
    texts = [
        "chapele",
        "calle port",
        "marée basse",
        "sardinne quai",
        "xyzw lavoir",
        "mouline OR phaar",
        "calo",
        "calo quai",
        "lavoire NOT quai",
    ]
    resolved_kinds: set[str] = set()
    with index_searcher() as searcher:
        for text in texts:
            query = parse_query(searcher.schema, text)
            fuzzy = fuzzy_query(query)
            resolved = resolve_fuzzy(fuzzy, searcher.reader())
            if resolved is NullQuery:
                resolved_kinds.add("nothing")
                loose = query
            else:
                resolved_kinds.update(
                    "fuzzy" if isinstance(node, FuzzyTerm) else "word" for node in resolved.leaves()
                )
                loose = Or([query, resolved])
            expected = _whoosh_ranking(searcher, Or([query, fuzzy]))
            got = _whoosh_ranking(searcher, loose)
            _assert_same(text, expected, got, np.array(sorted(doc for doc, _ in got)))
            if array_scoring.supports(loose, searcher.schema):
                resolved_kinds.add("arrays")
                got, matched = _array_ranking(searcher, loose)
                _assert_same(text, expected, got, matched)
    # Every case met: a word dropped, a word found, a word left fuzzy, a query ranked on arrays.
    assert resolved_kinds == {"nothing", "word", "fuzzy", "arrays"}


def test_phrases_and_typo_tolerance_are_left_to_whoosh():
    _write([_document(random.Random(3), number) for number in range(20)], clear=True)
    with index_searcher() as searcher:
        schema = searcher.schema
        assert not array_scoring.supports(parse_query(schema, '"port phare"'), schema)
        from search.query import fuzzy_query

        assert not array_scoring.supports(fuzzy_query(parse_query(schema, "lavoire")), schema)
        assert array_scoring.supports(parse_query(schema, "lavoir (port OR quai)"), schema)


def test_pages_past_the_last_give_the_last_page():
    _write([_document(random.Random(4), number) for number in range(60)], clear=True)
    with index_searcher() as searcher:
        query = parse_query(searcher.schema, "port")
        everything = _whoosh_ranking(searcher, query)
        last_page = -(-len(everything) // 10)
        ranking = array_scoring.rank(searcher, query, allowed=None, page=999, per_page=10)
    assert ranking.page == last_page > 1
    assert [hit.docnum for hit in ranking.hits] == [
        docnum for docnum, _ in everything[(last_page - 1) * 10 :]
    ]


def test_the_results_page_ranks_word_queries_on_arrays_and_phrases_with_whoosh(
    client, corpus, monkeypatch, settings
):
    """The search page goes through the array ranking for words (and Whoosh for a phrase)."""
    settings.KER_SEARCH_BACKEND = "whoosh"
    calls = []
    original = array_scoring.rank

    def counted(*arguments, **options):
        calls.append(arguments[1])
        return original(*arguments, **options)

    monkeypatch.setattr(array_scoring, "rank", counted)
    words = client.get("/recherche/", {"q": "lavoir moulin"})
    assert words.status_code == 200
    assert "/article/lavoir/" in words.content.decode()
    # The words, then (few results) the same words with typos allowed, resolved against the
    # index (search.backends.whoosh.resolve_fuzzy): both on arrays.
    assert len(calls) == 2
    phrase = client.get("/recherche/", {"q": '"lavoir du moulin"'})
    assert "/article/lavoir/" in phrase.content.decode()
    assert len(calls) == 2


def test_preloading_before_the_workers_fork_reads_the_frequent_words_and_ranks_the_same():
    rng = random.Random(6)
    _write([_document(rng, number) for number in range(200)], clear=True)
    _write([_document(rng, number) for number in range(200, 260)])
    array_scoring.forget()
    read = array_scoring.preload()
    # The 24 words are in nearly every body: their postings are most of what was read.
    assert read > 200 * 10
    assert array_scoring.kept()["bytes"] <= array_scoring.MAX_KEPT_BYTES
    assert _compare_all(random.Random(3)) > 1000
    array_scoring.forget()
