"""Markdown -> safe HTML for commons descriptions.

A deliberate, small duplicate of the article policy in ``wiki.markdown``: commons may not
import the wiki (see DESIGN.md, dependency rule). Same tags, same URL schemes, no raw HTML
survives; no wiki links or image syntax here (related articles are a separate field).
"""

from __future__ import annotations

import html
import re

import markdown
import nh3

from community.text import neutralise_raw_text_tags

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
    """A description as sanitised HTML; its headings start at h3 (it sits under an h2)."""
    parser = markdown.Markdown(
        output_format="html", extensions=["tables", "sane_lists", "fenced_code"]
    )
    raw_html = parser.convert(neutralise_raw_text_tags(text or ""))
    raw_html = _HEADING_RE.sub(_shift_heading, raw_html)
    cleaned = _CLEANER.clean(raw_html)
    return _EXTERNAL_ANCHOR_RE.sub(r'<a href="\1" rel="nofollow noopener"', cleaned)


def plain_text(text: str) -> str:
    """The description without markup, for exports, search and JSON-LD."""
    return " ".join(html.unescape(nh3.clean(render_description(text), tags=set())).split())
