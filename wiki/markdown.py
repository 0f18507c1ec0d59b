"""Markdown -> safe HTML for articles, with our wiki links and images.

Pure functions, no database: callers pass what needs a query (which images exist, which
articles exist) so one rendering can be cached per revision and links resolved afterwards.

Wiki links: ``[[Title]]`` and ``[[Title|shown text]]`` become
``<a href="/wiki/<slug>/" class="wikilink" data-wikilink="<slug>" data-title="<Title>">``;
:func:`resolve_wiki_links` turns those whose article does not exist into red links.

Images (placed by ``article_images.py``): ``[[Image:42]]`` or ``[[Image:42|légende]]``
(``Fichier:`` and ``File:`` too, any case). An image alone in its paragraph (one or several
images, one per line) becomes a block-level ``<figure class="article-image">`` that replaces
the paragraph, so no figure ever sits inside a ``<p>``. An image in running text, a list item,
a table cell or a heading becomes an inline
``<span class="article-image"><img …><span class="caption">…</span></span>``.
An unknown id becomes ``<span class="missing-image">[image 42 introuvable]</span>``.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import markdown
from django.urls import reverse
from django.utils.translation import gettext
from markdown.extensions import Extension
from markdown.extensions.footnotes import FootnoteExtension
from markdown.extensions.toc import TocExtension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from community import text as text_rendering
from community.rendering import bound_markdown
from community.text import Markup

from . import article_images
from .article_images import ImageResolver
from .titles import WIKI_PREFIX, normalise_title, slug_for

# Part of the cache keys of rendered HTML: bump the last digits whenever the output of this
# module changes (the shared renderer's version counts too).
RENDERER_VERSION = 1000 * text_rendering.RENDERER_VERSION + 3


# --- Syntax --------------------------------------------------------------------------------

_IMAGE_PREFIX = r"(?i:image|fichier|file)\s*:"
# A caption may hold wiki links and Markdown links, one level deep. Possessive: "(b)" after
# "[a]" could be read two ways, and backtracking over both took exponential time.
_CAPTION = r"(?:[^\[\]\n]|\[\[[^\[\]\n]*\]\]|\[[^\[\]\n]*\](?:\([^()\n]*\))?+)*+"
IMAGE_PATTERN = rf"\[\[\s*{_IMAGE_PREFIX}\s*(\d{{1,10}})\s*(?:\|({_CAPTION}))?\]\]"
WIKILINK_PATTERN = rf"\[\[(?!\s*{_IMAGE_PREFIX})([^\[\]|\n]+)(?:\|([^\[\]\n]*))?\]\]"

_WIKILINK_RE = re.compile(WIKILINK_PATTERN)
# What python-markdown would not parse as text: fenced blocks, then code spans.
_FENCED_CODE_RE = re.compile(
    r"^[ \t]{0,3}(?P<fence>`{3,}|~{3,})[^\n]*\n.*?^[ \t]{0,3}(?P=fence)[`~]*[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
_CODE_SPAN_RE = re.compile(r"(?<!\\)(`+)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_ESCAPED_BRACKETS_RE = re.compile(r"\\\[")
_LIST_ITEM_RE = re.compile(r"^[ ]{0,3}(?:[*+-]|\d+[.)])[ \t]")
_MARKDOWN_ESCAPE_RE = re.compile("\x02(\\d+)\x03")

_SLUG_RE = re.compile(r"[a-z0-9_-]+")

# --- Results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class TocEntry:
    """One heading (h2 to h4) of an article, for its table of contents."""

    level: int
    anchor: str
    title: str


@dataclass(frozen=True)
class RenderedBody:
    """What one rendering gives: cached per revision, so it holds no database object."""

    html: str
    toc: list[TocEntry] = field(default_factory=list)
    link_targets: list[str] = field(default_factory=list)
    image_ids: list[int] = field(default_factory=list)


# --- python-markdown extension -------------------------------------------------------------


def _plain_text(processor: InlineProcessor, text: str) -> str:
    """The text of a match once python-markdown's placeholders (code, escapes) are put back."""
    text = processor.unescape(text)
    return _MARKDOWN_ESCAPE_RE.sub(lambda match: chr(int(match.group(1))), text)


class _WikiLinkProcessor(InlineProcessor):
    """``[[Title]]`` and ``[[Title|shown text]]``; a title without a slug stays literal."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int | None, int | None]:
        title = normalise_title(_plain_text(self, m.group(1)))
        slug = slug_for(title)
        if not slug:
            return None, None, None
        link = etree.Element("a")
        link.set("href", f"{WIKI_PREFIX}{slug}/")
        link.set("class", "wikilink")
        link.set("data-wikilink", slug)
        link.set("data-title", title)
        label = (m.group(2) or "").strip()
        # A label may use inline Markdown; a bare title is shown exactly as written.
        link.text = label if label else markdown.util.AtomicString(title)
        return link, m.start(0), m.end(0)


class _ImageProcessor(InlineProcessor):
    """``[[Image:42|légende]]`` -> a placeholder, resolved once all ids of the page are known."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[Any, int | None, int | None]:
        element = article_images.placeholder(m.group(1), (m.group(2) or "").strip())
        return element, m.start(0), m.end(0)


class _CollectTreeprocessor(Treeprocessor):
    """Resolves image placeholders (one resolver call) and lists links and images in order."""

    def __init__(self, md: markdown.Markdown, extension: _KerExtension):
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        self.extension.image_ids = article_images.place_images(root, self.extension.image_resolver)
        targets: dict[str, str] = {}
        for link in root.iter("a"):
            slug = link.get("data-wikilink")
            if slug and slug not in targets:
                targets[slug] = link.get("data-title", "")
        self.extension.link_targets = list(targets.values())


class _KerExtension(Extension):
    """Our wiki links and images; holds what one rendering found."""

    def __init__(self, *, image_resolver: ImageResolver | None = None):
        super().__init__()
        self.image_resolver = image_resolver
        self.parser: markdown.Markdown | None = None
        self.link_targets: list[str] = []
        self.image_ids: list[int] = []

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.parser = md
        # Above links, references and footnotes (160-175), below escapes and code spans,
        # so `[[x]]` in code stays literal and a caption's own wiki links are parsed.
        md.inlinePatterns.register(_ImageProcessor(IMAGE_PATTERN, md), "ker_image", 178)
        md.inlinePatterns.register(_WikiLinkProcessor(WIKILINK_PATTERN, md), "ker_wikilink", 177)
        # After inline parsing (20) and footnotes (15), before the table of contents (5).
        md.treeprocessors.register(_CollectTreeprocessor(md, self), "ker_collect", 12)


def _heading_anchor(value: str, separator: str) -> str:
    """Heading ids follow the title rule, so ``#ecole`` works for « École »."""
    return slug_for(value) or "section"


def _flatten_toc(tokens: list[dict[str, Any]]) -> list[TocEntry]:
    entries = []
    for token in tokens:
        entries.append(
            TocEntry(
                level=int(token["level"]),
                anchor=str(token["id"]),
                title=" ".join(html.unescape(str(token["name"])).split()),
            )
        )
        entries.extend(_flatten_toc(token.get("children") or []))
    return entries


class _FootnoteExtension(FootnoteExtension):
    """python-markdown's footnotes, numbering repeated references in constant time.

    Upstream probes fnref2-1, fnref3-1… one by one, which makes a note cited a few thousand
    times take seconds; the ids produced here are the same.
    """

    def unique_ref(self, reference: str, found: bool = False) -> str:
        if not found:
            return reference
        count = self.found_refs.get(reference, 0) + 1
        self.found_refs[reference] = count
        if count == 1:
            unique = reference
        else:
            prefix, rest = reference.split(self.get_separator(), 1)
            unique = f"{prefix}{count}{self.get_separator()}{rest}"
        self.used_refs.add(unique)
        return unique


# --- What the sanitiser lets through (community.text's policy, extended) ---------------------

_ID_RE = re.compile(r"[A-Za-z0-9_:.-]{1,255}")
_DIMENSION_RE = re.compile(r"\d{1,5}")

# Registered from WikiConfig.ready(): the HTML that links, images, footnotes and anchors write.
WIKI_MARKUP = Markup(
    name="wiki",
    tags={"div", "figure", "figcaption", "img"},
    attributes={
        "a": {"data-wikilink", "data-title"},
        "img": {"src", "alt", "title", "loading", "width", "height"},
        **{heading: {"id"} for heading in ("h1", "h2", "h3", "h4", "h5", "h6")},
        "li": {"id"},
        "sup": {"id"},
    },
    # Classes the site's stylesheet gives a meaning to.
    classes={
        "a": {"wikilink", "footnote-ref", "footnote-backref"},
        "div": {"footnote"},
        "span": {"article-image", "caption", "credit", "missing-image"},
        "figure": {"article-image"},
    },
    values={
        # The red-link pass and anchors rely on these.
        "data-wikilink": _SLUG_RE,
        "id": _ID_RE,
        "width": _DIMENSION_RE,
        "height": _DIMENSION_RE,
        "loading": {"lazy", "eager"},
    },
)

# python-markdown writes attributes in lexical order; links are published in the documented
# order (href, class, data-wikilink, data-title), which resolve_wiki_links relies on.
_SORTED_WIKILINK_RE = re.compile(
    r'<a class="wikilink" data-title="([^"]*)" data-wikilink="([a-z0-9_-]+)" '
    rf'href="{re.escape(WIKI_PREFIX)}\2/">'
)


def _canonical_wikilinks(sanitised_html: str) -> str:
    return _SORTED_WIKILINK_RE.sub(
        rf'<a href="{WIKI_PREFIX}\2/" class="wikilink" data-wikilink="\2" data-title="\1">',
        sanitised_html,
    )


# --- Public API ----------------------------------------------------------------------------


def render_markdown(text: str, *, image_resolver: ImageResolver | None = None) -> RenderedBody:
    """An article body as sanitised HTML, with its table of contents, links and images.

    ``image_resolver`` receives the ids of the images used (once, in order of appearance)
    and returns ``{id: object with url, alt, credit}``; without it images show as missing.
    Sanitised by the site's one policy (community.text), which WIKI_MARKUP extends.
    """
    extension = _KerExtension(image_resolver=image_resolver)
    rendered_html = text_rendering.render_markdown(
        text,
        extensions=[
            _FootnoteExtension(
                SEPARATOR="-",
                BACKLINK_TITLE=gettext("Revenir à l'appel de note %d"),
            ),
            TocExtension(
                marker="",
                toc_depth="2-4",
                slugify=_heading_anchor,
                permalink=False,
            ),
            extension,
        ],
    )
    return RenderedBody(
        html=_canonical_wikilinks(rendered_html),
        toc=_flatten_toc(getattr(extension.parser, "toc_tokens", [])),
        link_targets=list(extension.link_targets),
        image_ids=list(extension.image_ids),
    )


# The exact shape render_markdown gives a wiki link, attribute order included.
_RENDERED_WIKILINK_RE = re.compile(
    rf'<a href="{re.escape(WIKI_PREFIX)}([a-z0-9_-]+)/" class="wikilink" data-wikilink="\1" '
    r'data-title="([^"]*)">'
)
_RENDERED_SLUG_RE = re.compile(r'<a [^>]*?data-wikilink="([a-z0-9_-]+)"')


def resolve_wiki_links(html_text: str, existing_slugs: set[str] | frozenset[str]) -> str:
    """Turns links to articles that do not exist (yet) into red links to the creation form."""

    create_url = reverse("wiki:create")

    def red_link(match: re.Match[str]) -> str:
        slug = match.group(1)
        if slug in existing_slugs:
            return match.group(0)
        title = html.unescape(match.group(2))
        href = f"{create_url}?{urlencode({'titre': title})}"
        hint = gettext("« %(title)s » n'existe pas encore : créer la page") % {"title": title}
        return (
            f'<a href="{html.escape(href)}" class="wikilink new" data-wikilink="{slug}"'
            f' data-title="{html.escape(title)}" title="{html.escape(hint)}">'
        )

    return _RENDERED_WIKILINK_RE.sub(red_link, html_text)


def extract_link_slugs(html_text: str) -> list[str]:
    """Slugs of the wiki links in rendered HTML, in order, once each (to query them at once)."""
    return list(dict.fromkeys(_RENDERED_SLUG_RE.findall(html_text)))


def _without_code(text: str) -> str:
    """Markdown source minus fenced blocks, indented blocks and code spans."""
    text = _FENCED_CODE_RE.sub("", text.replace("\r\n", "\n"))
    kept = []
    previous_blank = True
    in_code = False
    in_list = False
    for line in text.split("\n"):
        if not line.strip():
            previous_blank = True
            kept.append(line)
            continue
        indented = line.startswith(("    ", "\t"))
        # An indented line after a blank one is code, unless it continues a list item.
        if indented and (in_code or (previous_blank and not in_list)):
            in_code = True
        else:
            in_code = False
            if not indented:
                in_list = bool(_LIST_ITEM_RE.match(line))
            kept.append(line)
        previous_blank = False
    # Code spans never cross paragraphs; per paragraph, a run of backticks never closed
    # costs the regex the rest of that paragraph only.
    return "\n\n".join(_CODE_SPAN_RE.sub("", part) for part in "\n".join(kept).split("\n\n"))


def extract_link_targets(text: str) -> list[str]:
    """Titles of the wiki links in Markdown source, once per slug; cheap, for backlinks.

    Follows render_markdown's rules (no images, nothing in code, no empty slugs) closely
    enough for backlinks; render_markdown's ``link_targets`` is the exact list.
    """
    targets: dict[str, str] = {}
    # Links in paragraphs rendered as plain text (see community.rendering) are not links.
    source = _ESCAPED_BRACKETS_RE.sub("", _without_code(bound_markdown(text or "").text))
    for match in _WIKILINK_RE.finditer(source):
        title = normalise_title(match.group(1))
        slug = slug_for(title)
        if slug and slug not in targets:
            targets[slug] = title
    return list(targets.values())
