"""The Atom format's own rules (RFC 4287), checked on the feed's XML without Ker's code.

The W3C feed validator (validator.w3.org/feed) is a web service with no PyPI, npm or Debian
package, so the suite cannot run it offline. These are the rules it applies from RFC 4287
(§4.1.1 feed, §4.1.2 entry, §3.2 person, §3.3 dates, §4.2.6 ids, §4.2.7 links, §3.1 text),
plus its warnings that concern Ker (a ``rel="self"`` link, unique entry ids). feedparser, which
the tests also use, is lenient by design; this is not.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit
from xml.etree import ElementTree

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def _count(element, name: str) -> int:
    return len(element.findall(ATOM + name))


def _exactly_one(element, names, where, problems):
    for name in names:
        if _count(element, name) != 1:
            problems.append(f"{where}: {_count(element, name)} <{name}> (exactly one required)")


def _at_most_one(element, names, where, problems):
    for name in names:
        if _count(element, name) > 1:
            problems.append(f"{where}: several <{name}>")


def _check_common(element, where, problems):
    for node in element.findall(ATOM + "id"):
        value = (node.text or "").strip()
        if not urlsplit(value).scheme or " " in value or value != node.text:
            problems.append(f"{where}: id {node.text!r} is not an absolute IRI")
    for name in ("updated", "published"):
        for node in element.findall(ATOM + name):
            if not RFC3339.match(node.text or ""):
                problems.append(f"{where}: <{name}> {node.text!r} is not an RFC 3339 date")
    for name in ("title", "subtitle", "summary", "rights"):
        for node in element.findall(ATOM + name):
            kind = node.get("type", "text")
            if kind not in ("text", "html", "xhtml"):
                problems.append(f"{where}: <{name}> of type {kind!r}")
            if kind == "xhtml" and node.find("{http://www.w3.org/1999/xhtml}div") is None:
                problems.append(f"{where}: xhtml <{name}> without its div")
    for person in element.findall(ATOM + "author") + element.findall(ATOM + "contributor"):
        _exactly_one(person, ["name"], f"{where} person", problems)
        _at_most_one(person, ["uri", "email"], f"{where} person", problems)
    alternates = set()
    for link in element.findall(ATOM + "link"):
        if not link.get("href"):
            problems.append(f"{where}: link without href")
        if link.get("rel", "alternate") == "alternate":
            key = (link.get("type"), link.get("hreflang"))
            if key in alternates:
                problems.append(f"{where}: two alternate links of the same type and language")
            alternates.add(key)
    for category in element.findall(ATOM + "category"):
        if not category.get("term"):
            problems.append(f"{where}: category without term")


def atom_problems(content: bytes) -> list[str]:
    """Every RFC 4287 rule the document breaks (empty when it conforms)."""
    root = ElementTree.fromstring(content)
    if root.tag != ATOM + "feed":
        return [f"root element {root.tag}, not atom:feed"]
    problems: list[str] = []
    _exactly_one(root, ["id", "title", "updated"], "feed", problems)
    _at_most_one(root, ["subtitle", "rights", "icon", "logo", "generator"], "feed", problems)
    _check_common(root, "feed", problems)
    if not any(link.get("rel") == "self" for link in root.findall(ATOM + "link")):
        problems.append("feed: no rel=self link")
    feed_has_author = _count(root, "author") > 0
    ids = []
    for number, entry in enumerate(root.findall(ATOM + "entry"), start=1):
        where = f"entry {number}"
        _exactly_one(entry, ["id", "title", "updated"], where, problems)
        _at_most_one(
            entry, ["summary", "content", "published", "rights", "source"], where, problems
        )
        _check_common(entry, where, problems)
        if not feed_has_author and _count(entry, "author") == 0:
            problems.append(f"{where}: no author (and none on the feed)")
        if _count(entry, "content") == 0 and not any(
            link.get("rel", "alternate") == "alternate" for link in entry.findall(ATOM + "link")
        ):
            problems.append(f"{where}: neither content nor an alternate link")
        ids.extend(node.text for node in entry.findall(ATOM + "id"))
    if len(ids) != len(set(ids)):
        problems.append("entries share an id")
    return problems
