"""Turning what a visitor typed into a safe Whoosh query.

Visitors never get Whoosh's field prefixes, wildcards, ranges or boosts: a search box that
accepts ``title:`` or ``*`` lets one request scan the whole index and makes a stray colon an
error. Quotes (phrases), parentheses and AND/OR/NOT stay, and anything the parser still
rejects falls back to plain words.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from whoosh import qparser
from whoosh.fields import Schema
from whoosh.query import And, FuzzyTerm, NullQuery, Or, Query, Term

from .analysis import french_analyzer

MAX_QUERY_CHARS = 500
# Where visitors' words are looked for, and how much a match in each field counts.
FIELD_BOOSTS: dict[str, float] = {
    "title": 5.0,
    "context": 2.0,
    "body": 1.0,
}
# Typo tolerance costs an automaton walk of the term dictionary per word: keep it for queries
# that look like words someone typed.
MIN_FUZZY_CHARS = 4
MAX_FUZZY_CHARS = 30
MAX_FUZZY_WORDS = 8
FUZZY_FIELDS = {"title", "context", "body"}
DISABLED_PLUGINS = (
    qparser.FieldsPlugin,
    qparser.WildcardPlugin,
    qparser.RangePlugin,
    qparser.BoostPlugin,
    qparser.EveryPlugin,
)


@dataclass(frozen=True)
class CleanedText:
    """The query text we will actually use, and a French notice when we had to shorten it."""

    text: str
    notice: str = ""


def clean_query_text(raw: str | None) -> CleanedText:
    """Strip control characters and cap the length (long pastes cost CPU, not relevance)."""
    text = "".join(char if char.isprintable() else " " for char in (raw or ""))
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_CHARS:
        cut = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0] or text[:MAX_QUERY_CHARS]
        notice = _(
            "Votre recherche était trop longue : seuls ses %(count)s premiers caractères "
            "ont été pris en compte."
        ) % {"count": MAX_QUERY_CHARS}
        return CleanedText(text=cut, notice=notice)
    return CleanedText(text=text)


def build_parser(schema: Schema, *, any_word: bool = False) -> qparser.QueryParser:
    """A parser over our text fields only; every word is required unless ``any_word``."""
    group = qparser.OrGroup.factory(0.9) if any_word else qparser.AndGroup
    parser = qparser.MultifieldParser(
        list(FIELD_BOOSTS), schema, fieldboosts=FIELD_BOOSTS, group=group
    )
    for plugin in DISABLED_PLUGINS:
        parser.remove_plugin_class(plugin)
    return parser


def plain_query(schema: Schema, text: str, *, any_word: bool = False) -> Query:
    """Every analysed word searched in every field, without any syntax."""
    words = [token.text for token in french_analyzer()(text)]
    per_word = [
        Or([Term(name, word, boost=boost) for name, boost in FIELD_BOOSTS.items()])
        for word in dict.fromkeys(words)
    ]
    if not per_word:
        return NullQuery
    return Or(per_word) if any_word else And(per_word)


def parse_query(schema: Schema, text: str, *, any_word: bool = False) -> Query:
    """The visitor's query, or plain words when the syntax cannot be parsed."""
    if not text.strip():
        return NullQuery
    try:
        query = build_parser(schema, any_word=any_word).parse(text)
    except Exception:
        return plain_query(schema, text, any_word=any_word)
    if query is NullQuery or not list(query.iter_all_terms()):
        # Operators alone ("AND OR NOT"), punctuation or stop words only.
        return plain_query(schema, text, any_word=any_word)
    return query.normalize()


def fuzzy_query(query: Query) -> Query | None:
    """The same query with each word allowed one typo (two for long words).

    ``None`` for queries with too many words to be worth it.
    """
    if len({term for _, term in query.iter_all_terms()}) > MAX_FUZZY_WORDS:
        return None

    def loosen(node: Query) -> Query:
        if isinstance(node, Term) and node.fieldname in FUZZY_FIELDS:
            text = node.text
            if not isinstance(text, str) or not MIN_FUZZY_CHARS <= len(text) <= MAX_FUZZY_CHARS:
                return node
            return FuzzyTerm(
                node.fieldname,
                text,
                boost=node.boost,
                maxdist=1 if len(text) < 8 else 2,
                prefixlength=1,
            )
        return node.apply(loosen)

    return loosen(query)
