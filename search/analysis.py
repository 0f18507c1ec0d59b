"""French text analysis for the index.

Accents are folded *before* stemming so that "ecoles", "écoles" and "École" always produce
the same term ("ecol"): residents type without accents on phones, articles are written with
them, and the snowball stemmer otherwise stems some unaccented forms differently ("criee" vs
"criée"). Stop words are folded the same way, except the forms of "été", which is also the
season and matters in event titles ("fête de l'été").
"""

from __future__ import annotations

import unicodedata
from functools import cache

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    NgramFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.lang import stopwords_for_language
from whoosh.support.charset import accent_map

KEPT_STOP_WORDS = {"été", "étée", "étées", "étés"}
# Frequent words missing from Whoosh's French list ("les" would otherwise stem to "le").
EXTRA_STOP_WORDS = {
    "les",
    "cet",
    "cette",
    "ceux",
    "celle",
    "celles",
    "celui",
    "dont",
    "où",
    "ainsi",
    "aussi",
    "comme",
    "donc",
    "car",
    "ni",
    "leurs",
    "tout",
    "tous",
    "toute",
    "toutes",
    "très",
    "chez",
}
# Words, including digits; apostrophes and hyphens split ("l'école" -> "l", "école").
WORD_PATTERN = r"\w+(?:\.?\w+)*"
PREFIX_MAX_CHARS = 20


def fold(text: str) -> str:
    """Lowercase and strip accents, the way the analyzers do (for keys and comparisons)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def french_stop_words() -> frozenset[str]:
    words = (stopwords_for_language("fr") | EXTRA_STOP_WORDS) - KEPT_STOP_WORDS
    return frozenset(fold(word) for word in words)


@cache
def french_analyzer() -> Analyzer:
    """Full-text analyzer: words, lowercase, accent folding, French stop words, stemming."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=french_stop_words(), minsize=2)
        | StemFilter(lang="fr", cachesize=50_000)
    )


@cache
def spelling_analyzer() -> Analyzer:
    """Lowercase words with their accents, so that "did you mean" proposes real words."""
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | StopFilter(minsize=3, stoplist=[])


@cache
def prefix_analyzer() -> Analyzer:
    """Edge n-grams of folded title words, so that typing "bibl" finds "Bibliothèque"."""
    return (
        RegexTokenizer(WORD_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | NgramFilter(minsize=1, maxsize=PREFIX_MAX_CHARS, at="start")
    )


def query_words(text: str) -> list[str]:
    """The user's words as typed (lowercased, accents kept), for corrections and prefixes."""
    return [token.text for token in (RegexTokenizer(WORD_PATTERN) | LowercaseFilter())(text)]
