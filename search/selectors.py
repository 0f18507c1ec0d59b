"""Reads of the index: the results page and the title autocomplete, on either engine.

``search_documents`` cleans the visitor's text and hands the whole results page to the engine
of ``KER_SEARCH_BACKEND`` (``search.backends``): the query (every word required), then, when
that finds little, the same words with typos corrected, then any of the words; facets counted
on the matched documents only, and snippets highlighted for the page being shown only. The
shapes returned here (``SearchResults``, ``SearchHit``, ``Facet``) are the same for every engine.
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.utils import timezone, translation
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .analysis import fold, query_words
from .backends import get_backend
from .query import clean_query_text
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
# A results page is kept this long under the index generation it was computed from: the same
# search is answered from the cache until the index changes (any save that touches it).
RESULTS_CACHE_SECONDS = 600

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


def aware(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Engines store naive UTC datetimes; pages show aware ones."""
    if moment is None:
        return None
    return timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment


def _label_for(fieldname: str, value: str, labels: dict[str, str]) -> str:
    if fieldname == "type":
        return source_label(value)
    if fieldname == "portals":
        return labels.get(value) or value.replace("-", " ").capitalize()
    return value


def facets_from_counts(
    all_counts: dict[str, dict[str, int]], filters: SearchFilters
) -> list[Facet]:
    """Facets to show from field -> value -> count on the matched documents (any engine)."""
    active = filters.active()
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


def results_version() -> str | None:
    """What results pages are computed from: the engine, its index and the index generation,
    which changes with every write searches can see; None when the engine has no cheap, exact
    mark of its last change (PostgreSQL). Results pages are kept under it: here, and as whole
    pages for anonymous visitors (``portals.registrations``)."""
    backend = get_backend()
    generation = backend.generation()
    if generation is None:
        return None
    return f"{backend.name}:{backend.location()}:{generation}"


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
    version = results_version()
    key = None
    if version is not None:
        parts = (
            version,
            translation.get_language() or "",
            cleaned.text,
            str(cleaned.notice or ""),
            sorted(filters.active().items()),
            sort,
            page,
            per_page,
        )
        key = "ker-search:" + hashlib.sha256(repr(parts).encode()).hexdigest()
        cached = cache.get(key)
        if cached is not None:
            return cached
    outcome = get_backend().search(
        outcome, text=cleaned.text, filters=filters, sort=sort, page=page, per_page=per_page
    )
    if key is not None:
        cache.set(key, outcome, RESULTS_CACHE_SECONDS)
    return outcome


def title_suggestions(*, text: str | None, limit: int = SUGGESTION_LIMIT) -> list[dict[str, str]]:
    """Titles starting with the typed words (each word a prefix), for the header search box."""
    cleaned = clean_query_text(text).text
    words = query_words(cleaned)[:SUGGESTION_MAX_WORDS]
    if not words:
        return []
    return get_backend().autocomplete(" ".join(words), limit=max(1, min(limit, 20)))
