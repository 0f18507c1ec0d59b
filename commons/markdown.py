"""Markdown -> safe HTML for commons descriptions.

Rendered and sanitised by the site's one renderer and policy (``community.text``), the same
as articles: same tags, same URL schemes, same rel on external links, no raw HTML survives
that an article would not keep. No wiki links or image syntax here (related articles are a
separate field); headings start at h3.
"""

from __future__ import annotations

import hashlib
import html
import re

from django.core.cache import cache

from community import text as text_rendering

# Part of the cache keys of rendered descriptions: bump the last digits whenever the output of
# this module changes (the shared renderer's version counts too).
RENDERER_VERSION = 1000 * text_rendering.RENDERER_VERSION + 2
HTML_CACHE_SECONDS = 60 * 60 * 24 * 7

_HEADING_RE = re.compile(r"<(/?)h([1-6])\b")


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
    # Sanitised HTML: every "<h" left is a heading tag (text and attribute "<" are escaped).
    return _HEADING_RE.sub(_shift_heading, text_rendering.render_markdown(text))


# Tags of sanitised HTML (attribute values are always double-quoted there).
_TAG_RE = re.compile(r'<(?:"[^"]*"|[^">])*>')


def plain_text(text: str) -> str:
    """The description without markup, for exports, search and JSON-LD."""
    return " ".join(html.unescape(_TAG_RE.sub(" ", render_description(text))).split())
