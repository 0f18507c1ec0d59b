"""Reads of the index: the results page and the title autocomplete.

``search_documents`` does the whole results page in one searcher: the visitor's query (every
word required), then, when that finds little, the same words with one typo allowed, then any
of the words; facets are counted on the matched documents only (list columns, see
``search.schema``), and snippets are highlighted for the page being shown only.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from whoosh.query import And, Every, NullQuery, Or, Query, Term
from whoosh.searching import Searcher
from whoosh.sorting import FieldFacet

from .analysis import PREFIX_MAX_CHARS, fold, french_analyzer, french_stop_words, query_words
from .backend import index_searcher
from .facets import facet_counts
from .highlight import highlight_all, highlight_passage, plain_snippet, query_stems
from .query import (
    MAX_FUZZY_CHARS,
    MAX_FUZZY_WORDS,
    clean_query_text,
    fuzzy_query,
    parse_query,
)
from .registry import facet_labels, source_label

PAGE_SIZE = 20
FACET_SIZE = 12
SORT_RELEVANCE = "pertinence"
SORT_DATE = "date"
SORTS = (SORT_RELEVANCE, SORT_DATE)
# Below this many exact results we also look for typos and propose a correction.
FEW_RESULTS = 3
SUGGESTION_LIMIT = 8
SUGGESTION_MAX_WORDS = 6

# URL parameter -> index field, in the order facets are shown.
FILTER_PARAMETERS: dict[str, str] = {
    "type": "type",
    "portail": "portals",
    "tag": "tags",
    "commune": "commune",
}
FACET_TITLES = {
    "type": _("Type"),
    "portals": _("Portail"),
    "tags": _("Mot-clé"),
    "commune": _("Commune"),
}
OPERATOR_WORDS = {"and", "or", "not"}


@dataclass(frozen=True, kw_only=True)
class SearchFilters:
    """Facet filters from the URL: one value per facet (``?type=&portail=&tag=&commune=``)."""

    type: str = ""
    portail: str = ""
    tag: str = ""
    commune: str = ""

    @classmethod
    def from_params(cls, params: Any) -> SearchFilters:
        return cls(
            **{name: str(params.get(name, "") or "").strip()[:200] for name in FILTER_PARAMETERS}
        )

    def active(self) -> dict[str, str]:
        """Index field -> value for the filters in use."""
        return {
            fieldname: getattr(self, parameter)
            for parameter, fieldname in FILTER_PARAMETERS.items()
            if getattr(self, parameter)
        }

    def active_parameters(self) -> list[tuple[str, str]]:
        """URL parameter and value of the filters in use (hidden fields of the search form)."""
        return [
            (parameter, getattr(self, parameter))
            for parameter in FILTER_PARAMETERS
            if getattr(self, parameter)
        ]

    def query(self) -> Query | None:
        terms = [Term(fieldname, value) for fieldname, value in self.active().items()]
        if not terms:
            return None
        return terms[0] if len(terms) == 1 else And(terms)


@dataclass(frozen=True, kw_only=True)
class SearchHit:
    type: str
    type_label: str
    title: str
    title_html: SafeString
    url: str
    snippet: SafeString
    commune: str
    tags: list[str]
    updated: datetime.datetime | None
    score: float | None


@dataclass(frozen=True, kw_only=True)
class FacetValue:
    value: str
    label: str
    count: int
    active: bool


@dataclass(frozen=True, kw_only=True)
class Facet:
    field: str
    parameter: str
    title: str
    values: list[FacetValue]


@dataclass(kw_only=True)
class SearchResults:
    """Everything the results page shows; ``searched`` is false for an empty form."""

    text: str = ""
    notice: str = ""
    searched: bool = False
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0
    page: int = 1
    page_count: int = 0
    per_page: int = PAGE_SIZE
    sort: str = SORT_RELEVANCE
    facets: list[Facet] = field(default_factory=list)
    suggestion: str = ""
    approximate: bool = False

    @property
    def has_previous(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.page_count

    @property
    def first_rank(self) -> int:
        return (self.page - 1) * self.per_page + 1 if self.total else 0

    @property
    def last_rank(self) -> int:
        return self.first_rank + len(self.hits) - 1 if self.hits else 0


def _aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    if moment is None:
        return None
    return timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment


@dataclass(kw_only=True)
class _Page:
    """One page of hits plus every matched document number (for facets)."""

    query: Query
    hits: list[Any]
    matched: frozenset[int]
    page: int
    page_count: int

    @property
    def total(self) -> int:
        return len(self.matched)


def _run(
    searcher: Searcher,
    query: Query,
    *,
    filters: SearchFilters,
    sort: str,
    page: int,
    per_page: int,
) -> _Page:
    """One pass over the matches: every matched document (total, facets) and the sorted page.

    Facets are not computed through ``groupedby`` (see ``search.facets``), and the matched set
    comes from the same collection as the scores instead of a second run of the query.
    """
    filter_query = filters.query()
    options: dict[str, Any] = {"filter": filter_query, "limit": None}
    if sort == SORT_DATE:
        options["sortedby"] = FieldFacet("updated", reverse=True)
    results = searcher.search(query, **options)
    matched = frozenset(results.docs())
    page_count = math.ceil(len(matched) / per_page)
    page = min(page, max(1, page_count))
    hits = list(results[(page - 1) * per_page : page * per_page]) if matched else []
    return _Page(
        query=query, hits=hits, matched=matched, page=page if matched else 1, page_count=page_count
    )


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


def _label_for(fieldname: str, value: str, labels: dict[str, str]) -> str:
    if fieldname == "type":
        return source_label(value)
    if fieldname == "portals":
        return labels.get(value) or value.replace("-", " ").capitalize()
    return value


def _facets(searcher: Searcher, matched: frozenset[int], filters: SearchFilters) -> list[Facet]:
    active = filters.active()
    all_counts = facet_counts(searcher, matched)
    facets: list[Facet] = []
    for parameter, fieldname in FILTER_PARAMETERS.items():
        counts = all_counts.get(fieldname, {})
        ranked = sorted(counts.items(), key=lambda item: (-item[1], fold(item[0])))
        shown = ranked[:FACET_SIZE]
        current = active.get(fieldname)
        if current and current not in dict(shown):
            shown.append((current, counts.get(current, 0)))
        labels = facet_labels(field=fieldname, values=[value for value, _ in shown])
        facets.append(
            Facet(
                field=fieldname,
                parameter=parameter,
                title=str(FACET_TITLES[fieldname]),
                values=[
                    FacetValue(
                        value=value,
                        label=_label_for(fieldname, value, labels),
                        count=count,
                        active=value == current,
                    )
                    for value, count in shown
                ],
            )
        )
    return facets


def _hits(page: _Page, *, stems: frozenset[str]) -> list[SearchHit]:
    hits: list[SearchHit] = []
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
                updated=_aware(stored.get("updated")),
                score=hit.score,
            )
        )
    return hits


def search_documents(
    *,
    text: str | None,
    filters: SearchFilters | None = None,
    sort: str = SORT_RELEVANCE,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> SearchResults:
    """One page of results with facets, snippets and, when few match, a spelling suggestion.

    Without words but with a filter (``/recherche/?portail=mer``) every document of the filter
    is listed, newest first.
    """
    filters = filters or SearchFilters()
    cleaned = clean_query_text(text)
    sort = sort if sort in SORTS else SORT_RELEVANCE
    page = max(1, page)
    outcome = SearchResults(text=cleaned.text, notice=cleaned.notice, sort=sort, per_page=per_page)
    if not cleaned.text and not filters.active():
        return outcome
    outcome.searched = True
    with index_searcher() as searcher:
        run_options = {"filters": filters, "page": page, "per_page": per_page}
        query = parse_query(searcher.schema, cleaned.text)
        if query is NullQuery and filters.active():
            # No words, or only stop words, inside a filter: list the filter, newest first.
            outcome.sort = SORT_DATE
            results = _run(searcher, Every(), sort=SORT_DATE, **run_options)
        else:
            results = _run(searcher, query, sort=sort, **run_options)
            exact_total = results.total
            if exact_total < FEW_RESULTS and query is not NullQuery:
                outcome.suggestion = spelling_suggestion(searcher, cleaned.text)
                # Exact matches keep the highest scores: they match several clauses.
                alternatives = [query]
                if outcome.suggestion:
                    # A known correction is far cheaper than fuzzy matching every word.
                    alternatives.append(parse_query(searcher.schema, outcome.suggestion))
                else:
                    loosened = fuzzy_query(query)
                    if loosened is not None:
                        alternatives.append(loosened)
                loose = _run(searcher, Or(alternatives), sort=sort, **run_options)
                if loose.total == 0 and len(query_words(cleaned.text)) > 1:
                    any_word = parse_query(searcher.schema, cleaned.text, any_word=True)
                    loose = _run(searcher, any_word, sort=sort, **run_options)
                if loose.total > exact_total:
                    results = loose
                    outcome.approximate = exact_total == 0
        outcome.total = results.total
        outcome.page = results.page
        outcome.page_count = results.page_count
        stems = query_stems(results.query, searcher.reader()) if cleaned.text else frozenset()
        outcome.hits = _hits(results, stems=stems)
        outcome.facets = _facets(searcher, results.matched, filters)
    return outcome


def title_suggestions(*, text: str | None, limit: int = SUGGESTION_LIMIT) -> list[dict[str, str]]:
    """Titles starting with the typed words (each word a prefix), for the header search box."""
    cleaned = clean_query_text(text).text
    words = [fold(word)[:PREFIX_MAX_CHARS] for word in query_words(cleaned)][:SUGGESTION_MAX_WORDS]
    if not words:
        return []
    query = And([Term("title_prefix", word) for word in dict.fromkeys(words)])
    with index_searcher() as searcher:
        results = searcher.search(query, limit=max(1, min(limit, 20)))
        return [
            {
                "title": hit["title"],
                "url": hit.get("url", ""),
                "type": hit.get("type", ""),
                "type_label": source_label(hit.get("type", "")),
            }
            for hit in results
        ]
