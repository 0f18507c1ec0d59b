"""The embedded engine: one Whoosh index on local disk (``KER_SEARCH_INDEX_DIR``).

Writers go through :func:`search.backend.index_writer` (file lock plus thread lock); readers
use this thread's searcher on the latest commit. Queries are parsed by ``search.query``,
facets counted from per-commit document sets (``search.facets``) and snippets highlighted in
Python (``search.highlight``).
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
from whoosh.index import LockError
from whoosh.query import And, Every, FuzzyTerm, NullQuery, Or, Query, Term
from whoosh.searching import Searcher
from whoosh.sorting import FieldFacet
from whoosh.writing import CLEAR

from .. import array_scoring
from ..analysis import PREFIX_MAX_CHARS, fold, french_analyzer, french_stop_words, query_words
from ..backend import (
    index_directory,
    index_generation,
    index_searcher,
    index_writer,
    recreate_index,
    schema_is_current,
)
from ..documents import SearchDocument
from ..facets import facet_counts, facet_sets
from ..highlight import highlight_all, highlight_passage, plain_snippet, query_stems
from ..query import MAX_FUZZY_CHARS, MAX_FUZZY_WORDS, fuzzy_query, parse_query
from ..registry import source_label
from . import IndexBusy, WriteShortcuts

OPERATOR_WORDS = {"and", "or", "not"}
DocumentPair = tuple[str, SearchDocument]


class _Writer:
    def __init__(self, writer) -> None:
        self._writer = writer

    def upsert(self, source_name: str, document: SearchDocument) -> None:
        from ..services import document_fields

        self._writer.update_document(**document_fields(source_name=source_name, document=document))

    def delete(self, document_id: str) -> None:
        self._writer.delete_by_term("id", document_id)


@dataclass(kw_only=True)
class _Page:
    """One page of hits plus every matched document number (ascending, for facets)."""

    query: Query
    hits: list[Any]
    matched: np.ndarray
    page: int
    page_count: int

    @property
    def total(self) -> int:
        return len(self.matched)


def filter_query(filters) -> Query | None:
    terms = [Term(fieldname, value) for fieldname, value in filters.active().items()]
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else And(terms)


def _allowed(searcher: Searcher, filters) -> np.ndarray | None:
    """The documents the active filters let through (facet arrays kept per generation)."""
    active = filters.active()
    if not active:
        return None
    sets = facet_sets(searcher)
    allowed = None
    for fieldname, value in active.items():
        postings = sets.get(fieldname)
        documents = postings.documents_of(value) if postings else np.empty(0, dtype=np.int64)
        allowed = documents if allowed is None else np.intersect1d(allowed, documents)
    return allowed


def _run(searcher: Searcher, query: Query, *, filters, sort: str, page: int, per_page: int):
    """One pass over the matches: every matched document (total, facets) and the sorted page.

    Word queries ranked by relevance are scored on arrays (``search.array_scoring``: the same
    BM25F ranking, without one Python call per match); the others go through Whoosh's
    collector. Facets are not computed through ``groupedby`` (see ``search.facets``), and the
    matched set comes from the same pass as the scores instead of a second run of the query.
    """
    from ..selectors import SORT_DATE

    if sort != SORT_DATE and array_scoring.supports(query, searcher.schema):
        try:
            ranking = array_scoring.rank(
                searcher,
                query,
                allowed=_allowed(searcher, filters),
                page=page,
                per_page=per_page,
            )
        except array_scoring.NotSupported:
            pass
        else:
            return _Page(
                query=query,
                hits=ranking.hits,
                matched=ranking.matched,
                page=ranking.page,
                page_count=math.ceil(len(ranking.matched) / per_page),
            )
    options: dict[str, Any] = {"filter": filter_query(filters), "limit": None}
    if sort == SORT_DATE:
        options["sortedby"] = FieldFacet("updated", reverse=True)
    results = searcher.search(query, **options)
    matched = np.sort(np.fromiter(results.docs(), dtype=np.int64))
    page_count = math.ceil(len(matched) / per_page)
    page = min(page, max(1, page_count))
    hits = list(results[(page - 1) * per_page : page * per_page]) if len(matched) else []
    return _Page(
        query=query,
        hits=hits,
        matched=matched,
        page=page if len(matched) else 1,
        page_count=page_count,
    )


def resolve_fuzzy(query: Query, reader) -> Query:
    """The typo-tolerant query with each fuzzy word looked up in the index once.

    A word within reach of no indexed word matches nothing (``NullQuery``: an ``And`` holding
    it matches nothing, an ``Or`` goes on without it); one within reach of exactly one indexed
    word becomes that word (a ``Term``: how Whoosh scores a ``FuzzyTerm`` with one expansion);
    one within reach of several stays fuzzy (Whoosh scores those alike). Only words joined by
    ``And`` and ``Or`` are resolved; anything else (``NOT``) is left to Whoosh as it is. Same
    matches and scores as Whoosh's own, but each word is expanded once per segment (Whoosh
    expands it again each time it sizes the query), and what it becomes is ranked on arrays.
    """

    def resolve(node: Query) -> Query:
        if isinstance(node, FuzzyTerm):
            found: set[str | bytes] = set()
            for leaf, _offset in reader.leaf_readers():
                found.update(
                    leaf.terms_within(
                        node.fieldname, node.text, node.maxdist, prefix=node.prefixlength
                    )
                )
                if len(found) > 1:
                    return node
            if not found:
                return NullQuery
            (text,) = found
            if isinstance(text, bytes):
                text = reader.schema[node.fieldname].from_bytes(text)
            return Term(node.fieldname, text, boost=node.boost)
        if type(node) not in (And, Or):
            return node
        parts = [resolve(sub) for sub in node.subqueries]
        kept = [part for part in parts if part is not NullQuery]
        if not kept or (type(node) is And and len(kept) < len(parts)):
            return NullQuery
        resolved = copy.copy(node)
        resolved.subqueries = kept
        return resolved

    return resolve(query)


def _stem_is_known(searcher: Searcher, word: str) -> bool:
    """True when the word's stem is indexed: "lavoirs" or "ecoles" are not typos."""
    stems = [token.text for token in french_analyzer()(word)]
    return bool(stems) and all(
        searcher.doc_frequency("title", stem) or searcher.doc_frequency("body", stem)
        for stem in stems
    )


def spelling_suggestion(searcher: Searcher, text: str) -> str:
    """The query with unknown words replaced by the closest indexed word, or ``""``."""
    corrector = None
    corrected: list[str] = []
    changed = False
    stop_words = french_stop_words()
    for position, word in enumerate(query_words(text)):
        if (
            position >= MAX_FUZZY_WORDS
            or not 3 <= len(word) <= MAX_FUZZY_CHARS
            or word in OPERATOR_WORDS
            or fold(word) in stop_words
            or word.isdigit()
            or searcher.doc_frequency("spelling", word)
            or _stem_is_known(searcher, word)
        ):
            corrected.append(word)
            continue
        if corrector is None:
            corrector = searcher.corrector("spelling")
        candidates = [
            candidate
            for candidate in corrector.suggest(word, limit=5, maxdist=2, prefix=1)
            if fold(candidate) not in stop_words and fold(candidate) != fold(word)
        ]
        if candidates:
            corrected.append(candidates[0])
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else ""


def _hits(page: _Page, *, stems: frozenset[str]) -> list:
    from ..selectors import SearchHit, aware

    hits = []
    for hit in page.hits:
        stored = hit.fields()
        title = stored.get("title", "")
        summary = stored.get("summary", "")
        snippet = highlight_passage(stored.get("body", ""), stems) or highlight_passage(
            summary, stems
        )
        hits.append(
            SearchHit(
                type=stored.get("type", ""),
                type_label=source_label(stored.get("type", "")),
                title=title,
                title_html=highlight_all(title, stems) or plain_snippet(title),
                url=stored.get("url", ""),
                snippet=snippet or plain_snippet(summary or stored.get("body", "")),
                commune=stored.get("commune", ""),
                tags=list(stored.get("tags") or []),
                updated=aware(stored.get("updated")),
                score=hit.score,
            )
        )
    return hits


class WhooshBackend(WriteShortcuts):
    """Whoosh on local disk: the one-machine default."""

    name = "whoosh"

    def location(self) -> str:
        return str(index_directory())

    def generation(self) -> str:
        """Changes with every commit of the index (search results are cached under it)."""
        return index_generation()

    @contextlib.contextmanager
    def writer(self, *, timeout: float = 30.0) -> Iterator[_Writer]:
        try:
            with index_writer(timeout=timeout) as writer:
                yield _Writer(writer)
        except LockError as error:
            raise IndexBusy(str(error)) from error

    def rebuild(self, pairs: Iterable[DocumentPair]) -> None:
        """One commit with ``CLEAR``: searches see the old index until the rebuild is done.

        An index built with an older schema is recreated first.
        """
        from ..services import document_fields

        if not schema_is_current():
            recreate_index()
        with index_writer(timeout=600, mergetype=CLEAR) as writer:
            for source_name, document in pairs:
                writer.add_document(**document_fields(source_name=source_name, document=document))

    def clear(self) -> None:
        recreate_index()

    def indexed_updates(self) -> dict[str, datetime.datetime | None]:
        with index_searcher() as searcher:
            return {stored["id"]: stored.get("updated") for stored in searcher.all_stored_fields()}

    def count(self) -> int:
        with index_searcher() as searcher:
            return searcher.doc_count()

    def suggest(self, text: str) -> str:
        with index_searcher() as searcher:
            return spelling_suggestion(searcher, text)

    def search(self, outcome, *, text: str, filters, sort: str, page: int, per_page: int):
        from ..selectors import FEW_RESULTS, SORT_DATE, facets_from_counts

        with index_searcher() as searcher:
            run_options = {"filters": filters, "page": page, "per_page": per_page}
            query = parse_query(searcher.schema, text)
            if query is NullQuery and filters.active():
                # No words, or only stop words, inside a filter: list the filter, newest first.
                outcome.sort = SORT_DATE
                results = _run(searcher, Every(), sort=SORT_DATE, **run_options)
            else:
                results = _run(searcher, query, sort=sort, **run_options)
                exact_total = results.total
                if exact_total < FEW_RESULTS and query is not NullQuery:
                    outcome.suggestion = spelling_suggestion(searcher, text)
                    # Exact matches keep the highest scores: they match several clauses.
                    alternatives = [query]
                    if outcome.suggestion:
                        # A known correction is far cheaper than fuzzy matching every word.
                        alternatives.append(parse_query(searcher.schema, outcome.suggestion))
                    else:
                        loosened = fuzzy_query(query)
                        if loosened is not None:
                            loosened = resolve_fuzzy(loosened, searcher.reader())
                        if loosened not in (None, NullQuery, query):
                            alternatives.append(loosened)
                    loose = (
                        _run(searcher, Or(alternatives), sort=sort, **run_options)
                        if len(alternatives) > 1
                        else results
                    )
                    if loose.total == 0 and len(query_words(text)) > 1:
                        any_word = parse_query(searcher.schema, text, any_word=True)
                        loose = _run(searcher, any_word, sort=sort, **run_options)
                    if loose.total > exact_total:
                        results = loose
                        outcome.approximate = exact_total == 0
            outcome.total = results.total
            outcome.page = results.page
            outcome.page_count = results.page_count
            stems = query_stems(results.query, searcher.reader()) if text else frozenset()
            outcome.hits = _hits(results, stems=stems)
            outcome.facets = facets_from_counts(facet_counts(searcher, results.matched), filters)
        return outcome

    def autocomplete(self, text: str, *, limit: int) -> list[dict[str, str]]:
        words = [fold(word)[:PREFIX_MAX_CHARS] for word in query_words(text)]
        if not words:
            return []
        query = And([Term("title_prefix", word) for word in dict.fromkeys(words)])
        with index_searcher() as searcher:
            results = searcher.search(query, limit=limit)
            return [
                {
                    "title": hit["title"],
                    "url": hit.get("url", ""),
                    "type": hit.get("type", ""),
                    "type_label": source_label(hit.get("type", "")),
                }
                for hit in results
            ]
