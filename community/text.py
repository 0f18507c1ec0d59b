"""Markdown -> safe HTML: the one renderer and the one sanitising policy of the site.

Every app that shows what people type renders it with :func:`render_markdown` (or sanitises
its own HTML with :func:`sanitise_html`), so a hostile text is treated the same everywhere:
python-markdown, then ``nh3`` with one allowlist, then ``rel="nofollow noopener"`` on links
that leave the site. Raw HTML is parsed by python-markdown and filtered like the rest.

The allowlist is :data:`BASE_MARKUP` plus what apps register, as django-wiki's plugins do:
an app whose Markdown extensions write more HTML (the wiki's links, images, footnotes and
anchors) registers a :class:`Markup` from its ``AppConfig.ready()``::

    register_markup(Markup(name="wiki", tags={"img"}, attributes={"img": {"src", "alt"}},
                           classes={"a": {"wikilink"}}, values={"id": ID_RE}))

The policy is global (one ``nh3.Cleaner`` built from every registered markup), so raw HTML
typed in an article and in a commons description comes out the same; the Markdown *syntax*
an app reads is chosen per call (``render_markdown(text, extensions=[...])``).

Bump :data:`RENDERER_VERSION` when the output changes: the apps' cache keys include it.
"""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import markdown
import nh3
from markdown.extensions import Extension
from markdown.extensions.tables import TableExtension

from .rendering import bound_markdown

# Part of every cache key of rendered text (wiki.markdown and commons.markdown add theirs).
RENDERER_VERSION = 1

# A set of accepted values, or a pattern a value must match whole.
Allowed = Collection[str] | re.Pattern[str]

_NUMBER_RE = re.compile(r"\d{1,5}")


@dataclass(frozen=True)
class Markup:
    """What one app's Markdown writes and the sanitiser must let through.

    ``tags``: elements; ``attributes``: per element, the attributes kept; ``classes``: per
    element, the class names kept (others are dropped so raw HTML cannot dress up as the
    interface); ``values``: per attribute name, the values kept (a set or a pattern).
    """

    name: str
    tags: Collection[str] = frozenset()
    attributes: Mapping[str, Collection[str]] = field(default_factory=dict)
    classes: Mapping[str, Allowed] = field(default_factory=dict)
    values: Mapping[str, Allowed] = field(default_factory=dict)


_BASE_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd",
    "a", "em", "strong", "b", "i", "s", "code", "kbd", "pre", "blockquote", "sup", "sub", "del",
    "ins", "mark", "abbr", "span", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
}  # fmt: skip
BASE_MARKUP = Markup(
    name="base",
    tags=_BASE_TAGS,
    attributes={
        "a": {"href", "title"},
        "abbr": {"title"},
        "ol": {"start"},
        "th": {"align", "colspan", "rowspan"},
        "td": {"align", "colspan", "rowspan"},
    },
    # Fenced code blocks name their language.
    classes={"code": re.compile(r"language-[A-Za-z0-9_+#.-]{1,40}")},
    values={
        "start": _NUMBER_RE,
        "colspan": _NUMBER_RE,
        "rowspan": _NUMBER_RE,
        "align": {"left", "center", "right"},
    },
)

_registry: dict[str, Markup] = {}


def register_markup(markup: Markup) -> None:
    """Adds an app's markup to the policy (call it from ``AppConfig.ready()``; once per name)."""
    _registry[markup.name] = markup
    _cleaner.cache_clear()


def registered_markups() -> list[Markup]:
    """The base markup, then the registered ones in order of registration."""
    return [BASE_MARKUP, *_registry.values()]


def _accepts(allowed: Allowed, value: str) -> bool:
    if isinstance(allowed, re.Pattern):
        return allowed.fullmatch(value) is not None
    return value in allowed


@dataclass
class _Policy:
    tags: set[str] = field(default_factory=set)
    attributes: dict[str, set[str]] = field(default_factory=dict)
    classes: dict[str, list[Allowed]] = field(default_factory=dict)
    values: dict[str, list[Allowed]] = field(default_factory=dict)

    def filter_attribute(self, element: str, attribute: str, value: str) -> str | None:
        """Keeps known classes and the values that the stylesheet and links rely on."""
        if attribute == "class":
            allowed = self.classes.get(element, [])
            kept = [name for name in value.split() if any(_accepts(a, name) for a in allowed)]
            return " ".join(kept) or None
        checks = self.values.get(attribute)
        if checks is None or any(_accepts(check, value) for check in checks):
            return value
        return None


@functools.cache
def _cleaner() -> nh3.Cleaner:
    policy = _Policy()
    for markup in registered_markups():
        policy.tags.update(markup.tags)
        for element, names in markup.attributes.items():
            policy.attributes.setdefault(element, set()).update(names)
        for element, allowed in markup.classes.items():
            policy.classes.setdefault(element, []).append(allowed)
            policy.attributes.setdefault(element, set()).add("class")
        for attribute, allowed in markup.values.items():
            policy.values.setdefault(attribute, []).append(allowed)
    return nh3.Cleaner(
        tags=policy.tags,
        clean_content_tags={"script", "style"},
        attributes=policy.attributes,
        attribute_filter=policy.filter_attribute,
        # ammonia would add rel to every link, internal ones included; see mark_external_links.
        link_rel=None,
        url_schemes={"http", "https", "mailto"},
        strip_comments=True,
    )


EXTERNAL_LINK_REL = "nofollow noopener"
# nh3's output is normalised: attribute values always double-quoted, `"` written &quot;.
_ANCHOR_TAG_RE = re.compile(r'<a((?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*)\s*>')
_HREF_RE = re.compile(r'\shref="([^"]*)"')
_EXTERNAL_URL_RE = re.compile(r"(?:https?:|mailto:|//)", re.IGNORECASE)


def _mark_external(match: re.Match[str]) -> str:
    href = _HREF_RE.search(match.group(1))
    if href is None or not _EXTERNAL_URL_RE.match(html.unescape(href.group(1)).lstrip()):
        return match.group(0)
    return f'<a{match.group(1)} rel="{EXTERNAL_LINK_REL}">'


def mark_external_links(sanitised_html: str) -> str:
    """Adds rel="nofollow noopener" to links leaving the site, and only to them."""
    return _ANCHOR_TAG_RE.sub(_mark_external, sanitised_html)


def sanitise_html(raw_html: str) -> str:
    """Only allowed tags, checked attributes and http(s)/mailto/relative URLs survive."""
    return mark_external_links(_cleaner().clean(raw_html))


# Tags whose content a sanitiser drops whole: left open, they would swallow the rest of a text.
_RAW_TEXT_TAG_RE = re.compile(
    r"<(/?)(script|style|template|textarea|title|xmp|noscript|noembed|noframes|plaintext|iframe)\b",
    re.IGNORECASE,
)


def neutralise_raw_text_tags(text: str) -> str:
    """Show `<style>`, `<script>`… as text instead of letting them hide what follows."""
    return _RAW_TEXT_TAG_RE.sub(r"&lt;\1\2", text or "")


def render_markdown(text: str, *, extensions: Iterable[Extension | str] = ()) -> str:
    """Markdown (tables, fenced code, sane lists, plus ``extensions``) as sanitised HTML.

    Within the budget of :mod:`community.rendering`: paragraphs python-markdown would parse
    slowly come back as escaped plain text.
    """
    parser = markdown.Markdown(
        output_format="html",
        extensions=[
            TableExtension(use_align_attribute=True),
            "fenced_code",
            "sane_lists",
            *extensions,
        ],
    )
    bounded = bound_markdown(text or "")
    raw_html = parser.convert(neutralise_raw_text_tags(bounded.text))
    return bounded.restore(sanitise_html(raw_html))
