"""HTML-safe snippets: escape the stored text, then wrap matched words in ``<mark>``.

Whoosh's highlighter analyses the whole stored text of every hit and scores fragments, which
costs more than the search itself on a page of twenty long articles. We only need the first
passage that contains a query word: the analysis stops once that passage is complete. Stored
text comes from residents, so every character outside ``<mark>`` goes through ``escape``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from whoosh.query import Query
from whoosh.reading import IndexReader

from .analysis import french_analyzer

SNIPPET_CHARS = 220
SNIPPET_LEAD_CHARS = 60
# Beyond this, a match is not worth the analysis time; the summary is shown instead.
HIGHLIGHT_MAX_CHARS = 20_000
HIGHLIGHTED_FIELDS = ("title", "context", "body")


def query_stems(query: Query, reader: IndexReader) -> frozenset[str]:
    """Indexed terms the query matches in the text fields (fuzzy terms expanded)."""
    stems: set[str] = set()
    for fieldname, text in query.existing_terms(reader, phrases=True, expand=True):
        if fieldname in HIGHLIGHTED_FIELDS:
            stems.add(text.decode("utf-8") if isinstance(text, bytes) else str(text))
    return frozenset(stems)


def _render(text: str, spans: Iterable[tuple[int, int]], start: int, end: int) -> str:
    output: list[str] = []
    position = start
    for span_start, span_end in spans:
        output.append(escape(text[position:span_start]))
        output.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        position = span_end
    output.append(escape(text[position:end]))
    return "".join(output)


def highlight_all(text: str, stems: frozenset[str]) -> SafeString | None:
    """Every matching word of a short text (titles), or ``None`` when nothing matches."""
    if not text or not stems:
        return None
    spans = [
        (token.startchar, token.endchar)
        for token in french_analyzer()(text, chars=True)
        if token.text in stems
    ]
    if not spans:
        return None
    return mark_safe(_render(text, spans, 0, len(text)))  # noqa: S308 - escaped in _render


def highlight_passage(text: str, stems: frozenset[str]) -> SafeString | None:
    """The first passage of ``text`` around a matching word, or ``None`` when none matches."""
    if not text or not stems:
        return None
    text = text[:HIGHLIGHT_MAX_CHARS]
    spans: list[tuple[int, int]] = []
    start = end = 0
    for token in french_analyzer()(text, chars=True):
        if spans and token.startchar >= end:
            break
        if token.text not in stems:
            continue
        if not spans:
            start = max(0, token.startchar - SNIPPET_LEAD_CHARS)
            if start:
                # Begin on a word boundary rather than in the middle of a word.
                space = text.find(" ", start, token.startchar)
                start = space + 1 if space != -1 else start
            end = min(len(text), start + SNIPPET_CHARS)
        if token.endchar <= end:
            spans.append((token.startchar, token.endchar))
    if not spans:
        return None
    if end < len(text):
        space = text.rfind(" ", spans[-1][1], end)
        end = space if space != -1 else end
    passage = " ".join(_render(text, spans, start, end).split())
    prefix = "… " if start > 0 else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(f"{prefix}{passage}{suffix}")  # noqa: S308 - escaped in _render


def plain_snippet(text: str) -> SafeString:
    """The start of ``text``, escaped and cut on a word boundary."""
    text = " ".join(text.split())
    if len(text) > SNIPPET_CHARS:
        text = text[:SNIPPET_CHARS].rsplit(" ", 1)[0] + " …"
    return mark_safe(escape(text))  # noqa: S308
