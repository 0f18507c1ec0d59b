"""[[Links]] to wiki articles in commons descriptions, shaped as the wiki renders them.

Commons may not import the wiki (DESIGN.md): the description is rendered and sanitised by
``commons.markdown``; this module then turns the ``[[Title]]`` and ``[[Title|text]]`` left in
its text (never inside code, links or preformatted blocks; never ``[[Image:…]]``) into links of
the wiki's shape, and ``community.registry.resolve_wiki_links`` lets the wiki make those that
lead nowhere red links to the creation form, as in articles.
"""

from __future__ import annotations

import html
import re

from django.utils.text import slugify

from community.registry import resolve_wiki_links

WIKI_URL_PREFIX = "/wiki/"
# Sanitised HTML: tags (attribute values are double-quoted) and the text between them.
_TAG_RE = re.compile(r'(<(?:"[^"]*"|[^">])*>)')
_WIKILINK_RE = re.compile(r"\[\[([^\[\]|]+)(?:\|([^\[\]]+))?\]\]")
# Text inside these elements stays as written.
_LITERAL_ELEMENTS = ("a", "code", "pre")


def _link(match: re.Match[str]) -> str:
    title = " ".join(html.unescape(match.group(1)).split())
    slug = slugify(title)[:255]
    if not slug or title.lower().startswith("image:"):
        return match.group(0)
    label = (match.group(2) or "").strip() or html.escape(title, quote=False)
    return (
        f'<a href="{WIKI_URL_PREFIX}{slug}/" class="wikilink" data-wikilink="{slug}"'
        f' data-title="{html.escape(title)}">{label}</a>'
    )


def link_wiki_titles(sanitised_html: str) -> str:
    """``[[…]]`` in the text of sanitised HTML as wiki links (not yet resolved)."""
    if "[[" not in sanitised_html:
        return sanitised_html
    parts = _TAG_RE.split(sanitised_html)
    depth = dict.fromkeys(_LITERAL_ELEMENTS, 0)
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part[1:].lstrip("/").split(None, 1)[0].rstrip(">/").lower()
            if name in depth:
                depth[name] += -1 if part.startswith("</") else 1
        elif "[[" in part and not any(depth.values()):
            parts[index] = _WIKILINK_RE.sub(_link, part)
    return "".join(parts)


def description_with_wiki_links(sanitised_html: str) -> str:
    """The description's links to articles, blue or red as in articles (one query)."""
    linked = link_wiki_titles(sanitised_html)
    return resolve_wiki_links(linked) if linked is not sanitised_html else linked
