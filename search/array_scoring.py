"""Whoosh's BM25F ranking of word queries, computed over whole posting lists with numpy.

Whoosh scores a query by walking a tree of matchers in Python: one call per matching
document, per word and per field. A query whose words are in most of 100,000 documents then
costs seconds (issue 10 §4: the broad queries). For the queries visitors type most (words,
with AND, OR, NOT and parentheses), the same score is computed here on arrays:

- each term's postings (document numbers and frequencies) and each field's lengths are read
  once per index *segment* and kept: a segment never changes once written (a commit adds
  segments, marks deletions, and sometimes merges small segments into a new one), so what is
  kept stays true across commits and a save does not empty it;
- the global statistics (idf, average field length, B and K1) are Whoosh's own: they come from
  the scorer Whoosh itself would use for the current generation;
- a term scores ``boost * bm25(idf, tf, length, average length, B, K1)``, ``And`` and ``Or``
  add their parts' scores (times their boost), ``AndNot`` keeps its positive part's score and
  ``Not`` (what "a NOT b" gives: ``And([a, Not(b)])``) scores 1 for every document without
  ``b``: what Whoosh's intersection, union, exclusion and inverse matchers do;
- documents are ranked by score, then by document number, as Whoosh's collector does;
- the "any word" pass (an ``Or`` with a coordination bonus, when nothing matches every word)
  adds Whoosh's CoordMatcher bonus, counting the query's terms present in the segment. Whoosh
  itself recounts them whenever a term's postings run out inside a segment, so its bonus for
  the documents after that point depends on where they sit in the index; here every document
  of a segment gets the same count. Only that pass's order can differ from Whoosh's.

The ranking is Whoosh's (tests/search/test_array_scoring.py compares both on random queries;
the relevance cases of tests/search/test_relevance.py go through it). Anything else (phrases,
typo tolerance, ``Every``, other weighting models) is searched by Whoosh itself:
:func:`supports` says which.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import LENGTHS_COLUMN
from whoosh.matching.wrappers import FilterMatcher
from whoosh.query import And, AndNot, Not, Or, Query, Term
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25FScorer
from whoosh.searching import Searcher
from whoosh.util.numeric import byte_to_length

from .backend import index_directory

# What broad queries keep per process: 32 MB of postings. A word in a small part of the
# documents keeps its postings (document number and frequency, 8 bytes each); a word in most of
# them keeps one frequency per document of the segment (2 bytes each, 0 where it is absent):
# at 100,000 articles, 200 KB instead of up to 800 KB, so the words of the broad queries stay.
MAX_KEPT_BYTES = 32 * 1024 * 1024
# Field length arrays kept per process (one per segment and field, 8 bytes per document).
MAX_KEPT_LENGTHS = 48

_lock = threading.Lock()
_postings: OrderedDict[tuple, _Kept] = OrderedDict()
_kept_bytes = 0
_lengths: OrderedDict[tuple, np.ndarray] = OrderedDict()


@dataclass(frozen=True)
class _Kept:
    """A term's postings in one segment: ``ids`` and ``weights`` (sparse), or ``dense``, the
    frequency of every document of the segment (0: the term is not in it)."""

    count: int
    ids: np.ndarray | None = None
    weights: np.ndarray | None = None
    dense: np.ndarray | None = None

    @property
    def nbytes(self) -> int:
        arrays = (self.ids, self.weights, self.dense)
        return sum(array.nbytes for array in arrays if array is not None)


def _kept(ids: np.ndarray, weights: np.ndarray, size: int) -> _Kept:
    """The smaller of the two forms. The dense one holds whole frequencies (what Whoosh's
    frequency formats write) from 1 to 65,535; anything else stays sparse."""
    count = len(ids)
    if count * 8 > size * 2 and count and weights.min() >= 1 and weights.max() <= 65535:
        whole = weights.astype(np.uint16)
        if np.array_equal(whole, weights):
            dense = np.zeros(size, dtype=np.uint16)
            dense[ids] = whole
            return _Kept(count=count, dense=dense)
    return _Kept(count=count, ids=ids, weights=weights)


def supports(query: Query, schema) -> bool:
    """True when the query is words joined by AND / OR / NOT, on scorable text fields."""
    kind = type(query)
    if kind is Term:
        field = schema[query.fieldname] if query.fieldname in schema else None
        return (
            field is not None
            and field.scorable
            and isinstance(query.text, str)
            and not query.minquality
        )
    if kind is AndNot:
        return supports(query.a, schema) and supports(query.b, schema)
    if kind is Not:
        return supports(query.query, schema)
    if kind is Or and query.scale and not all(type(sub) is Term for sub in query.subqueries):
        return False  # the coordination bonus is computed for words only ("any word" queries)
    if kind is And or (kind is Or and not query.minmatch):
        return bool(query.subqueries) and all(supports(sub, schema) for sub in query.subqueries)
    return False


@dataclass
class Hit:
    """What the results page reads from a Whoosh hit: its stored fields and its score."""

    searcher: Searcher
    docnum: int
    score: float

    def fields(self) -> dict[str, Any]:
        return self.searcher.stored_fields(self.docnum)


@dataclass
class Ranking:
    """Every matched document (ascending document numbers, for the total and the facets) and
    the requested page's hits."""

    matched: np.ndarray
    hits: list[Hit]
    page: int


def segment_key(leaf) -> tuple:
    """A segment by its index directory and its id (random, never reused)."""
    segment = leaf.segment()
    return (str(index_directory()), segment.segment_id() if segment else id(leaf))


def read_postings(leaf, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """Document numbers and frequencies of a term in one segment, deleted documents included
    (they are masked at query time: deletions change, postings do not)."""
    try:
        matcher = leaf.postings(fieldname, text)
    except TermNotFound:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    if all(hasattr(matcher, name) for name in ("_read_data", "_next_block", "_blocklength")):
        return _read_blocks(matcher)
    ids: list[int] = []
    weights: list[float] = []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int32), np.asarray(weights, dtype=np.float32)


def _read_blocks(matcher) -> tuple[np.ndarray, np.ndarray]:
    """Whoosh 3's on-disk postings, a block (up to 128 postings) at a time: each block holds
    its document numbers as differences from the previous one, and its frequencies (none when
    all are 1, one number when all are equal). Frequencies are 32-bit floats in Whoosh: 8 bytes
    per posting here."""
    ids: list[np.ndarray] = []
    weights: list[np.ndarray] = []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        deltas, block_weights = matcher._data[0], matcher._data[1]
        count = matcher._blocklength
        ids.append(np.cumsum(np.asarray(deltas, dtype=np.int64)).astype(np.int32))
        if block_weights is None:
            weights.append(np.ones(count, dtype=np.float32))
        elif isinstance(block_weights, float):
            weights.append(np.full(count, block_weights, dtype=np.float32))
        else:
            weights.append(np.asarray(block_weights, dtype=np.float32))
        matcher._next_block()
    if not ids:
        return np.empty(0, dtype=np.int32), np.empty(0, dtype=np.float32)
    return np.concatenate(ids), np.concatenate(weights)


def _term_postings(leaf, fieldname: str, text: str) -> _Kept:
    global _kept_bytes
    key = (*segment_key(leaf), fieldname, text)
    with _lock:
        kept = _postings.get(key)
        if kept is not None:
            _postings.move_to_end(key)
            return kept
    kept = _kept(*read_postings(leaf, fieldname, text), leaf.doc_count_all())
    with _lock:
        if key not in _postings:
            _postings[key] = kept
            _kept_bytes += kept.nbytes
            while _kept_bytes > MAX_KEPT_BYTES and len(_postings) > 1:
                _, old = _postings.popitem(last=False)
                _kept_bytes -= old.nbytes
    return kept


def _field_lengths(leaf, fieldname: str) -> np.ndarray:
    """The length of a field in every document of a segment, as Whoosh stores it (rounded)."""
    key = (*segment_key(leaf), fieldname)
    with _lock:
        kept = _lengths.get(key)
        if kept is not None:
            _lengths.move_to_end(key)
            return kept
    kept = _stored_lengths(leaf, fieldname)
    if kept is None:
        length_of = leaf.doc_field_length
        kept = np.asarray(
            [length_of(docnum, fieldname) or 0 for docnum in range(leaf.doc_count_all())],
            dtype=np.float64,
        )
    with _lock:
        _lengths[key] = kept
        while len(_lengths) > MAX_KEPT_LENGTHS:
            _lengths.popitem(last=False)
    return kept


# Whoosh stores each field length as one byte (a rounded length): the 256 lengths they stand for.
_LENGTH_OF_BYTE = np.array([byte_to_length(code) for code in range(256)], dtype=np.float64)


def _stored_lengths(leaf, fieldname: str) -> np.ndarray | None:
    """A segment's length column read at once (one byte per document), or None when this
    Whoosh does not store it that way (the caller then asks document by document)."""
    try:
        column = leaf._perdoc._cached_reader(f"_{fieldname}_len", LENGTHS_COLUMN)
        if column is None:
            return np.zeros(leaf.doc_count_all(), dtype=np.float64)
        raw = column._dbfile.get(column._basepos, column._count)
    except AttributeError:
        return None
    lengths = np.zeros(leaf.doc_count_all(), dtype=np.float64)
    codes = np.frombuffer(raw, dtype=np.uint8)[: len(lengths)]
    lengths[: len(codes)] = _LENGTH_OF_BYTE[codes]
    return lengths


class _Evaluator:
    """Masks and scores of a query's nodes over one segment's documents."""

    def __init__(self, searcher: Searcher, leaf, size: int, scorers: dict):
        self.searcher = searcher
        self.leaf = leaf
        self.size = size
        self.scorers = scorers  # shared by the segments: the statistics are the index's

    def scorer(self, fieldname: str, text: str):
        key = (fieldname, text)
        if key not in self.scorers:
            scorer = self.searcher.weighting.scorer(self.searcher, fieldname, text)
            self.scorers[key] = scorer
        return self.scorers[key]

    def evaluate(self, node: Query) -> tuple[np.ndarray, np.ndarray]:
        kind = type(node)
        if kind is Term:
            return self.term(node)
        if kind is AndNot:
            mask, score = self.evaluate(node.a)
            excluded, _ = self.evaluate(node.b)
            mask = mask & ~excluded
            return mask, np.where(mask, score, 0.0)
        if kind is Not:
            # Whoosh's InverseMatcher: every other document, each scoring 1.
            excluded, _ = self.evaluate(node.query)
            return ~excluded, (~excluded).astype(np.float64)
        parts = [self.evaluate(sub) for sub in node.subqueries]
        mask = parts[0][0].copy()
        score = parts[0][1].copy()
        for part_mask, part_score in parts[1:]:
            if kind is And:
                mask &= part_mask
            else:
                mask |= part_mask
            score += part_score
        if kind is And:
            score = np.where(mask, score, 0.0)
        if node.boost != 1.0:
            score *= node.boost
        if kind is Or and node.scale:
            score = self.coordinated(node, parts, mask, score)
        return mask, score

    def coordinated(self, node: Or, parts, mask, score):
        """Whoosh's CoordMatcher ("any word" queries): a bonus for each more word matched.

        Its term count is the number of the query's terms present in this segment.
        """
        present = [
            part_mask
            for sub, (part_mask, _) in zip(node.subqueries, parts, strict=True)
            if self.present(sub)
        ]
        termcount, scale = len(present), node.scale
        if termcount <= 1 or termcount == scale:
            return score
        matching = np.sum(present, axis=0)
        bonus = (score + (matching - 1) / (termcount - scale) ** 2) * ((termcount - 1) / termcount)
        return np.where(mask, bonus, 0.0)

    def present(self, node: Term) -> bool:
        field = self.searcher.schema[node.fieldname]
        try:
            return (node.fieldname, field.to_bytes(node.text)) in self.leaf
        except ValueError:
            return False

    def term(self, node: Term) -> tuple[np.ndarray, np.ndarray]:
        fieldname = node.fieldname
        field = self.searcher.schema[fieldname]
        try:
            text = field.to_bytes(node.text)
        except ValueError:
            return self.nothing()
        # A term missing from this segment reads as no postings (kept too, at no cost).
        kept = _term_postings(self.leaf, fieldname, text)
        if not kept.count:
            return self.nothing()
        scorer = self.scorer(fieldname, text)
        if not isinstance(scorer, BM25FScorer):
            raise NotSupported(type(scorer).__name__)
        lengths = _field_lengths(self.leaf, fieldname)
        if kept.dense is not None:
            # Every document at once: where the word is absent, its frequency 0 scores 0.
            weights = kept.dense.astype(np.float64)
        else:
            lengths = lengths[kept.ids]
            weights = kept.weights.astype(np.float64)  # Whoosh computes in double precision
        k1, b = scorer.K1, scorer.B
        values = scorer.idf * (
            (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / scorer.avgfl))
        )
        if node.boost != 1.0:
            values = values * node.boost
        if kept.dense is not None:
            mask = kept.dense > 0
            # With B = 1, an empty field divides 0 by 0.
            return mask, values if b < 1 else np.where(mask, values, 0.0)
        mask, score = self.nothing()
        mask[kept.ids] = True
        score[kept.ids] = values
        return mask, score

    def nothing(self) -> tuple[np.ndarray, np.ndarray]:
        return np.zeros(self.size, dtype=bool), np.zeros(self.size, dtype=np.float64)


def deleted_documents(leaf) -> np.ndarray:
    """The deleted document numbers of one segment (its own numbering)."""
    deleted = leaf.deleted_docs_set if leaf.has_deletions() else None
    if not deleted:
        return np.empty(0, dtype=np.int64)
    return np.fromiter(deleted, dtype=np.int64, count=len(deleted))


class NotSupported(Exception):
    """The searcher's weighting model is not BM25F: let Whoosh score the query."""


def rank(
    searcher: Searcher,
    query: Query,
    *,
    allowed: np.ndarray | None,
    page: int,
    per_page: int,
) -> Ranking:
    """The documents matching ``query`` (within ``allowed`` when given), best first.

    ``page`` counts from 1; past the last page, the last page is given (as Whoosh's path does).
    Only that page's hits are built.
    """
    numbers: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    scorers: dict[tuple[str, bytes], Any] = {}
    for leaf, offset in searcher.reader().leaf_readers():
        size = leaf.doc_count_all()
        if not size:
            continue
        mask, score = _Evaluator(searcher, leaf, size, scorers).evaluate(query)
        deleted = deleted_documents(leaf)
        if len(deleted):
            mask[deleted] = False
        local = np.flatnonzero(mask)
        numbers.append(local + offset)
        scores.append(score[local])
    docnums = np.concatenate(numbers) if numbers else np.empty(0, dtype=np.int64)
    values = np.concatenate(scores) if scores else np.empty(0, dtype=np.float64)
    if allowed is not None:
        keep = np.isin(docnums, allowed)
        docnums, values = docnums[keep], values[keep]
    # Kept as an array: 100,000 matches as a set of Python numbers cost 10 ms more.
    matched = docnums
    page = min(page, max(1, -(-len(matched) // per_page)))
    wanted = page * per_page
    if wanted < len(values):
        # Only the best `wanted` need sorting (with every tie of the last one).
        threshold = np.partition(values, len(values) - wanted)[len(values) - wanted]
        best = values >= threshold
        docnums, values = docnums[best], values[best]
    order = np.lexsort((docnums, -values))[(page - 1) * per_page : wanted]
    hits = [Hit(searcher, int(docnums[i]), float(values[i])) for i in order]
    return Ranking(matched=matched, hits=hits, page=page)


def kept() -> dict[str, int]:
    """What this process keeps: the number of terms kept in each form, and their bytes."""
    with _lock:
        dense = sum(1 for entry in _postings.values() if entry.dense is not None)
        return {"dense": dense, "sparse": len(_postings) - dense, "bytes": _kept_bytes}


def forget() -> None:
    """Drop what is kept (tests; an index recreated under the same name)."""
    global _kept_bytes
    with _lock:
        _postings.clear()
        _lengths.clear()
        _kept_bytes = 0


def preload(*, budget: int = MAX_KEPT_BYTES * 3 // 4) -> int:
    """Read what broad queries need before gunicorn forks its workers (``gunicorn.conf.py``).

    Every segment's field lengths, and the postings of the most frequent words until ``budget``
    bytes are kept: the workers then share those arrays (copy-on-write) instead of each
    reading them on its first searches. Returns the number of postings read.
    """
    from .backend import close_thread_searchers, index_searcher
    from .query import FIELD_BOOSTS

    read = kept = 0
    try:
        with index_searcher() as searcher:
            reader = searcher.reader()
            leaves = [leaf for leaf, _offset in reader.leaf_readers() if leaf.doc_count_all()]
            for leaf in leaves:
                for fieldname in FIELD_BOOSTS:
                    _field_lengths(leaf, fieldname)
            # The most frequent words of the largest segment (a lexicon scan of one segment:
            # across segments Whoosh looks every word up in each of them).
            largest = max(leaves, key=lambda leaf: leaf.doc_count_all(), default=None)
            frequent = sorted(
                (
                    (frequency, fieldname, text)
                    for fieldname in FIELD_BOOSTS
                    for frequency, text in (
                        largest.most_frequent_terms(fieldname, number=40) if largest else []
                    )
                ),
                reverse=True,
            )
            for _frequency, fieldname, text in frequent:
                if kept >= budget:
                    break
                for leaf in leaves:
                    postings = _term_postings(leaf, fieldname, text)
                    read += postings.count
                    kept += postings.nbytes
    finally:
        close_thread_searchers()
    return read
