"""The Whoosh schema of the Ker index.

One document per published object, whatever its source:

=================  =======================================================================
field              content
=================  =======================================================================
``id``             ``"<source>:<key>"``, unique: updates replace, removals target it
``source``         source name (the registry entry that produced the document)
``key``            key within the source (``get_key(obj)``)
``type``           document type (= source name); facet and type badge
``title``          title, French analysis, stored (results, autocomplete), boosted
``title_prefix``   edge n-grams of the folded title words (autocomplete only)
``context``        summary, tag names, commune and authors, French analysis (searchable)
``summary``        short description, stored only (snippet when the body has no match)
``body``           full text, French analysis, stored (highlighted snippets)
``tags``           tag names, facet (exact values) and stored
``portals``        portal slugs, facet and ``?portail=`` filter
``commune``        commune name, facet (exact value)
``latitude``       WGS84 latitude, stored (maps may reuse results)
``longitude``      WGS84 longitude, stored
``created``        creation date (UTC), stored, sortable
``updated``        last change (UTC), stored, sortable; ``search_check`` compares it
``url``            absolute path of the object, stored
``authors``        author display names, stored
``spelling``       title + summary + body, lowercase with accents: "did you mean" words
=================  =======================================================================

Visitors' words are looked for in three fields only (title, context, body): each searched
field multiplies the work of scoring, which Whoosh does in Python.

Facet values are exact terms (filters are ``Term`` queries) and are also kept in a list column
for ``groupedby`` users; the results page counts facets itself (see ``search.facets``).
Changing a field or an analyzer means bumping ``SCHEMA_VERSION``: ``search_rebuild`` then
recreates the index instead of writing new documents with the old schema.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from whoosh.analysis import RegexTokenizer
from whoosh.columns import VarBytesListColumn
from whoosh.fields import DATETIME, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from .analysis import french_analyzer, prefix_analyzer, spelling_analyzer

SCHEMA_VERSION = 3
FACET_FIELDS = ("type", "portals", "tags", "commune")
FACET_SEPARATOR = "\x1f"  # unit separator: never typed in a tag or a commune name


class FacetField(KEYWORD):
    """Exact multi-valued keywords with a list column for fast overlapping facets."""

    def __init__(self) -> None:
        super().__init__(
            stored=True,
            scorable=False,
            analyzer=RegexTokenizer(expression=f"[^{FACET_SEPARATOR}]+"),
        )
        self.column_type = VarBytesListColumn()

    def to_column_value(self, value: Any) -> list[bytes]:
        return [item.encode("utf-8") for item in facet_values(value)]

    def from_column_value(self, value: Any) -> list[str]:
        return [item.decode("utf-8") for item in value]


def facet_values(value: Any) -> list[str]:
    """Normalise a facet value (joined string or list) into a list of non-empty strings."""
    if value is None:
        return []
    if isinstance(value, str):
        items: Iterable[str] = value.split(FACET_SEPARATOR)
    else:
        items = value
    return [item.strip() for item in items if item and item.strip()]


def join_facet_values(values: Iterable[str]) -> str:
    return FACET_SEPARATOR.join(facet_values(list(values)))


def build_schema() -> Schema:
    """The schema documented above; bump ``SCHEMA_VERSION`` when it changes."""
    french = french_analyzer()
    return Schema(
        id=ID(unique=True, stored=True),
        source=ID(stored=True),
        key=ID(stored=True),
        type=FacetField(),
        title=TEXT(analyzer=french, stored=True, field_boost=1.0),
        title_prefix=TEXT(analyzer=prefix_analyzer(), phrase=False),
        context=TEXT(analyzer=french),
        summary=STORED(),
        body=TEXT(analyzer=french, stored=True),
        tags=FacetField(),
        portals=FacetField(),
        commune=FacetField(),
        latitude=NUMERIC(float, stored=True),
        longitude=NUMERIC(float, stored=True),
        created=DATETIME(stored=True, sortable=True),
        updated=DATETIME(stored=True, sortable=True),
        url=STORED(),
        authors=STORED(),
        spelling=TEXT(analyzer=spelling_analyzer(), phrase=False),
    )


def schema_signature(schema: Schema) -> tuple[tuple[str, str], ...]:
    """Field names and classes: enough to notice that an index predates the current schema."""
    return tuple(sorted((name, type(schema[name]).__name__) for name in schema.names()))
