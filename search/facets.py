"""Facet counts on the matched documents, from per-commit sets of documents per facet value.

Counting through Whoosh's ``groupedby`` reads four columns for every matched document in
Python, which costs more than the search itself once a query matches thousands of documents.
Instead, each process keeps, for the index generation it is reading, the set of document
numbers of every facet value (built once per commit from the postings), and a count is the
size of an intersection with the matched documents.
"""

from __future__ import annotations

import threading
from collections.abc import Collection

from whoosh.searching import Searcher

from .backend import index_directory
from .schema import FACET_FIELDS

FacetSets = dict[str, dict[str, frozenset[int]]]

_cache: dict[tuple[str, int], FacetSets] = {}
_cache_lock = threading.Lock()


def _build(searcher: Searcher) -> FacetSets:
    reader = searcher.reader()
    sets: FacetSets = {}
    for fieldname in FACET_FIELDS:
        values: dict[str, frozenset[int]] = {}
        for term in reader.lexicon(fieldname):
            value = term.decode("utf-8") if isinstance(term, bytes) else str(term)
            values[value] = frozenset(reader.postings(fieldname, term).all_ids())
        sets[fieldname] = values
    return sets


def facet_sets(searcher: Searcher) -> FacetSets:
    """The document sets of the searcher's generation, built on first use after a commit."""
    generation = searcher.reader().generation()
    if generation is None:
        return _build(searcher)
    key = (str(index_directory()), generation)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    with _cache_lock:
        cached = _cache.get(key)
        if cached is None:
            cached = _build(searcher)
            # Keep the latest generation of each index only.
            for stale in [other for other in _cache if other[0] == key[0]]:
                del _cache[stale]
            _cache[key] = cached
        return cached


def facet_counts(searcher: Searcher, matched: Collection[int]) -> dict[str, dict[str, int]]:
    """Field -> value -> number of matched documents having that value (zeros left out)."""
    matched_set = matched if isinstance(matched, (set, frozenset)) else frozenset(matched)
    counts: dict[str, dict[str, int]] = {}
    for fieldname, values in facet_sets(searcher).items():
        field_counts: dict[str, int] = {}
        for value, documents in values.items():
            count = len(documents & matched_set)
            if count:
                field_counts[value] = count
        counts[fieldname] = field_counts
    return counts
