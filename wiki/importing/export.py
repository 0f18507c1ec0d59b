"""Ker's articles with their public history as a MediaWiki XML export (schema 0.11).

The text stays Markdown and says so (``<model>markdown</model>``,
``<format>text/markdown</format>``),
so wiki tools and archives (WikiTeam practice) can read Ker's history, and mediawiki_import
can read it back. Only the public history is written: approved revisions; a revision hidden by
facilitators keeps its place with ``<text deleted="deleted" />``.
"""

from __future__ import annotations

import datetime
import hashlib
from collections.abc import Callable
from xml.sax.saxutils import XMLGenerator

from django.conf import settings
from wagtail.models import Site

from ..models import ArticlePage, RevisionMeta, RevisionStatus

SCHEMA_VERSION = "0.11"
NAMESPACE = f"http://www.mediawiki.org/xml/export-{SCHEMA_VERSION}/"


def _sha1_base36(text: str) -> str:
    number = int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while number:
        number, remainder = divmod(number, 36)
        out = digits[remainder] + out
    return out.rjust(31, "0")


def _timestamp(moment) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class _Writer:
    def __init__(self, stream):
        self.xml = XMLGenerator(stream, encoding="utf-8", short_empty_elements=True)

    def element(self, name: str, text: str | None = None, attributes: dict | None = None) -> None:
        self.xml.startElement(name, attributes or {})
        if text:
            self.xml.characters(text)
        self.xml.endElement(name)

    def start(self, name: str, attributes: dict | None = None) -> None:
        self.xml.startElement(name, attributes or {})

    def end(self, name: str) -> None:
        self.xml.endElement(name)

    def newline(self) -> None:
        self.xml.ignorableWhitespace("\n")


def wiki_id() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    return f"ker-{site.hostname}" if site else "ker"


def export_articles(stream, *, progress: Callable | None = None) -> tuple[int, int]:
    """Write every live article with its approved revisions; returns (pages, revisions)."""
    from ..services.articles import ArticleFields

    site = Site.objects.filter(is_default_site=True).first()
    base = f"https://{site.hostname}/wiki/" if site else "/wiki/"
    writer = _Writer(stream)
    writer.xml.startDocument()
    writer.start(
        "mediawiki",
        {
            "xmlns": NAMESPACE,
            "xmlns:xsi": "http://www.w3.org/2001/XMLSchema-instance",
            "xsi:schemaLocation": f"{NAMESPACE} {NAMESPACE[:-1]}.xsd",
            "version": SCHEMA_VERSION,
            "xml:lang": settings.LANGUAGE_CODE.split("-")[0],
        },
    )
    writer.newline()
    writer.start("siteinfo")
    writer.element("sitename", getattr(settings, "WAGTAIL_SITE_NAME", "Ker"))
    writer.element("dbname", wiki_id())
    writer.element("base", base)
    writer.element("generator", "Ker")
    writer.element("case", "case-sensitive")
    writer.start("namespaces")
    writer.element("namespace", None, {"key": "0", "case": "case-sensitive"})
    writer.element("namespace", "Discussion", {"key": "1", "case": "case-sensitive"})
    writer.end("namespaces")
    writer.end("siteinfo")
    writer.newline()
    pages = ArticlePage.objects.live().order_by("pk")
    total_pages = total_revisions = 0
    iterator = pages.iterator(chunk_size=200)
    if progress is not None:
        iterator = progress(iterator, pages.count())
    for page in iterator:
        metas = (
            RevisionMeta.objects.filter(page=page, status=RevisionStatus.APPROVED)
            .select_related("revision")
            .order_by("created_at", "revision_id")
        )
        writer.start("page")
        writer.element("title", page.title)
        writer.element("ns", "0")
        writer.element("id", str(page.pk))
        previous_id = None
        for meta in metas.iterator(chunk_size=200):
            fields = ArticleFields.from_revision(meta.revision)
            writer.start("revision")
            writer.element("id", str(meta.revision_id))
            if previous_id:
                writer.element("parentid", str(previous_id))
            writer.element("timestamp", _timestamp(meta.created_at))
            if meta.author_name:
                writer.start("contributor")
                writer.element("username", meta.author_name)
                if meta.user_id:
                    writer.element("id", str(meta.user_id))
                writer.end("contributor")
            else:
                writer.element("contributor", None, {"deleted": "deleted"})
            if meta.minor:
                writer.element("minor")
            if meta.edit_summary and not meta.hidden:
                writer.element("comment", meta.edit_summary)
            writer.element("model", "markdown")
            writer.element("format", "text/markdown")
            if meta.hidden:
                writer.element("text", None, {"deleted": "deleted"})
            else:
                body = fields.body
                writer.element(
                    "text",
                    body,
                    {"bytes": str(len(body.encode("utf-8"))), "xml:space": "preserve"},
                )
                writer.element("sha1", _sha1_base36(body))
            writer.end("revision")
            previous_id = meta.revision_id
            total_revisions += 1
        writer.end("page")
        writer.newline()
        total_pages += 1
    writer.end("mediawiki")
    writer.newline()
    writer.xml.endDocument()
    return total_pages, total_revisions
