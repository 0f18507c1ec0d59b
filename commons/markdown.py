"""Markdown -> safe HTML for commons descriptions.

A deliberate, small duplicate of the article policy in ``wiki.markdown``: commons may not
import the wiki (see DESIGN.md, dependency rule). Same tags, same URL schemes, no raw HTML
survives; no wiki links or image syntax here (related articles are a separate field).
"""

from __future__ import annotations

import hashlib
import html
import re

import markdown
import nh3
from django.core.cache import cache

from community.rendering import bound_markdown
from community.text import neutralise_raw_text_tags

# Part of the cache keys of rendered descriptions: bump it whenever the output changes.
RENDERER_VERSION = 1
HTML_CACHE_SECONDS = 60 * 60 * 24 * 7

_ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "em", "strong", "b", "i", "s", "code", "kbd", "pre", "blockquote", "sup", "sub", "del",
    "ins", "mark", "abbr", "span", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
_ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"align", "colspan", "rowspan"},
    "td": {"align", "colspan", "rowspan"},
}
_CLEANER = nh3.Cleaner(
    tags=_ALLOWED_TAGS,
    clean_content_tags={"script", "style"},
    attributes=_ALLOWED_ATTRIBUTES,
    link_rel=None,
    url_schemes={"http", "https", "mailto"},
    strip_comments=True,
)
_HEADING_RE = re.compile(r"<(/?)h([1-6])\b")
_EXTERNAL_ANCHOR_RE = re.compile(r'<a href="((?:https?:|mailto:|//)[^"]*)"', re.IGNORECASE)


def _shift_heading(match: re.Match[str]) -> str:
    return f"<{match.group(1)}h{min(6, int(match.group(2)) + 2)}"


def render_description(text: str) -> str:
    """A description as sanitised HTML; its headings start at h3 (it sits under an h2).

    Cached by content (the record page, the directory and the exports render it again and
    again); bump RENDERER_VERSION when the output changes.
    """
    text = text or ""
    digest = hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
    key = f"commons:description:{RENDERER_VERSION}:{digest}"
    rendered = cache.get(key)
    if rendered is None:
        rendered = _render(text)
        cache.set(key, rendered, HTML_CACHE_SECONDS)
    return rendered


def _render(text: str) -> str:
    parser = markdown.Markdown(
        output_format="html", extensions=["tables", "sane_lists", "fenced_code"]
    )
    bounded = bound_markdown(text)
    raw_html = parser.convert(neutralise_raw_text_tags(bounded.text))
    raw_html = _HEADING_RE.sub(_shift_heading, raw_html)
    cleaned = _CLEANER.clean(raw_html)
    return bounded.restore(
        _EXTERNAL_ANCHOR_RE.sub(r'<a href="\1" rel="nofollow noopener"', cleaned)
    )


# Tags of sanitised HTML (attribute values are always double-quoted there).
_TAG_RE = re.compile(r'<(?:"[^"]*"|[^">])*>')


def plain_text(text: str) -> str:
    """The description without markup, for exports, search and JSON-LD."""
    return " ".join(html.unescape(_TAG_RE.sub(" ", render_description(text))).split())
