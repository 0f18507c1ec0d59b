"""Facet counts on the matched documents, from per-commit arrays of documents per facet value.

Counting through Whoosh's ``groupedby`` reads four columns for every matched document in
Python, which costs more than the search itself once a query matches thousands of documents.
Instead, each process keeps, for the index generation it is reading, the document numbers of
every facet value (read from the postings as ``search.array_scoring`` reads them, once per
index segment: a commit reads only the segments it wrote), and counting is one pass over those
arrays: the matched documents marked in a boolean array, each facet's postings looked up in
it, the hits counted per value (``numpy.bincount``). A query matching 100,000 documents is
counted without one Python object per document.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import numpy as np
from whoosh.searching import Searcher

from .array_scoring import deleted_documents, read_postings, segment_key
from .backend import index_directory
from .schema import FACET_FIELDS


@dataclass(frozen=True)
class FacetPostings:
    """One facet field: its values, and the documents of each, one value after the other."""

    values: list[str]
    documents: np.ndarray  # document numbers, value by value
    value_of: np.ndarray  # for each entry of ``documents``, its value's position in ``values``
    bounds: dict[str, tuple[int, int]] = field(default_factory=dict)

    def documents_of(self, value: str) -> np.ndarray:
        """The (ascending) documents having ``value``; empty for an unknown value."""
        start, end = self.bounds.get(value, (0, 0))
        return self.documents[start:end]


FacetSets = dict[str, FacetPostings]

_cache: dict[tuple[str, int], FacetSets] = {}
_cache_lock = threading.Lock()
# Per index segment (which never changes once written): field -> value -> its documents in the
# segment, deleted ones included (they are left out per generation). A commit then reads only
# the segments it wrote.
_segments: dict[tuple, dict[str, dict[str, np.ndarray]]] = {}


def _segment_values(leaf) -> dict[str, dict[str, np.ndarray]]:
    key = segment_key(leaf)
    kept = _segments.get(key)
    if kept is None:
        kept = {}
        for fieldname in FACET_FIELDS:
            values: dict[str, np.ndarray] = {}
            for term in leaf.lexicon(fieldname):
                value = term.decode("utf-8") if isinstance(term, bytes) else str(term)
                values[value] = read_postings(leaf, fieldname, term)[0].astype(np.int64)
            kept[fieldname] = values
        _segments[key] = kept
    return kept


def _live(leaf) -> np.ndarray | None:
    """Which documents of a segment are not deleted (None: all of them)."""
    deleted = deleted_documents(leaf)
    if not len(deleted):
        return None
    live = np.ones(leaf.doc_count_all(), dtype=bool)
    live[deleted] = False
    return live


def _build(searcher: Searcher) -> FacetSets:
    leaves = [
        (_segment_values(leaf), _live(leaf), offset)
        for leaf, offset in searcher.reader().leaf_readers()
        if leaf.doc_count_all()
    ]
    sets: FacetSets = {}
    for fieldname in FACET_FIELDS:
        parts: dict[str, list[np.ndarray]] = {}
        for segment, live, offset in leaves:
            for value, documents in segment[fieldname].items():
                if live is not None:
                    documents = documents[live[documents]]
                if len(documents):
                    parts.setdefault(value, []).append(documents + offset)
        values = sorted(parts)
        arrays = [np.concatenate(parts[value]) for value in values]
        bounds: dict[str, tuple[int, int]] = {}
        start = 0
        for value, documents in zip(values, arrays, strict=True):
            bounds[value] = (start, start + len(documents))
            start += len(documents)
        sets[fieldname] = FacetPostings(
            values=values,
            documents=np.concatenate(arrays) if arrays else np.empty(0, dtype=np.int64),
            value_of=np.repeat(
                np.arange(len(values), dtype=np.int64), [len(array) for array in arrays]
            ),
            bounds=bounds,
        )
    return sets


def facet_sets(searcher: Searcher) -> FacetSets:
    """The facet arrays of the searcher's generation, built on first use after a commit."""
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
            # Keep the latest generation of each index only, and the segments it reads.
            for stale in [other for other in _cache if other[0] == key[0]]:
                del _cache[stale]
            _cache[key] = cached
            current = {segment_key(leaf) for leaf, _ in searcher.reader().leaf_readers()}
            for stale in [other for other in _segments if other[0] == key[0]]:
                if stale not in current:
                    del _segments[stale]
        return cached


def preload() -> int:
    """Build the facet arrays of the index as it is before gunicorn forks its workers
    (``gunicorn.conf.py``), for them to share: the workers then read only the segments that
    later commits write. Returns the number of documents."""
    from .backend import close_thread_searchers, index_searcher

    try:
        with index_searcher() as searcher:
            facet_sets(searcher)
            return searcher.doc_count_all()
    finally:
        close_thread_searchers()


def facet_counts(searcher: Searcher, matched: np.ndarray) -> dict[str, dict[str, int]]:
    """Field -> value -> number of matched documents having that value (zeros left out).

    ``matched``: the matched document numbers (an array, as the engine's pass gives them).
    """
    sets = facet_sets(searcher)
    is_matched = np.zeros(searcher.reader().doc_count_all(), dtype=bool)
    is_matched[np.asarray(matched, dtype=np.int64)] = True
    counts: dict[str, dict[str, int]] = {}
    for fieldname, postings in sets.items():
        if not len(postings.documents):
            counts[fieldname] = {}
            continue
        per_value = np.bincount(
            postings.value_of[is_matched[postings.documents]], minlength=len(postings.values)
        )
        counts[fieldname] = {
            postings.values[position]: int(per_value[position])
            for position in np.flatnonzero(per_value)
        }
    return counts
