"""The MediaWiki import: check every dump, then stream its pages into the wiki's services.

Main namespace -> articles (every revision), ``#REDIRECT`` -> redirects, talk namespace -> the
article's talk page (last text, one message), category pages -> the description of the tag
of the same name (its last text; listed in the report), other namespaces -> skipped with a
count unless mapped to articles. Redirects, talk pages and categories are applied after all
articles, whatever their order in the dump.
"""

from __future__ import annotations

import datetime
import ipaddress
import multiprocessing
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from community.tag_descriptions import ImportedDescription, tag_description_import

from ..models import ArticlePage, RevisionMeta, RevisionOrigin
from ..services.articles import article_index, refresh_links
from ..services.importing import (
    ImportedRevision,
    ImportRefused,
    article_import_history,
    article_import_redirect,
    article_reconvert,
    talk_import,
    usable_title,
)
from .convert import Conversion, Converter, TemplateMapping
from .dumps import DumpCheck, DumpError, check_dump, open_dump, read_dump

TEXT_MODELS = {"wikitext", "", None}
LINKS_BATCH = 200


@dataclass
class ImportReport:
    """What an import did (printed at the end and written as JSON with --report)."""

    dumps: list[str] = field(default_factory=list)
    dry_run: bool = False
    pages_seen: int = 0
    articles_created: int = 0
    articles_updated: int = 0
    articles_unchanged: int = 0
    revisions_imported: int = 0
    revisions_already_there: int = 0
    authors: set[str] = field(default_factory=set)
    ip_revisions: int = 0
    redirects_created: int = 0
    redirects_already_there: int = 0
    talk_pages: int = 0
    categories: list[str] = field(default_factory=list)
    # Category pages -> tag descriptions: created, updated (newer revision), unchanged
    # (already imported), empty (no text: the tag only), and those kept because they were
    # written in Ker since (never overwritten silently).
    tag_descriptions: Counter = field(default_factory=Counter)
    tag_descriptions_kept: list[dict] = field(default_factory=list)
    skipped_by_namespace: Counter = field(default_factory=Counter)
    templates: Counter = field(default_factory=Counter)
    approximations: Counter = field(default_factory=Counter)
    clashes: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def revisions_per_second(self) -> float:
        return self.revisions_imported / self.seconds if self.seconds else 0.0

    def as_json(self) -> dict:
        data = asdict(self)
        data["authors"] = len(self.authors)
        data["author_names"] = sorted(self.authors)
        data["templates"] = dict(self.templates.most_common())
        data["approximations"] = dict(self.approximations.most_common())
        data["skipped_by_namespace"] = dict(self.skipped_by_namespace)
        data["tag_descriptions"] = dict(self.tag_descriptions)
        data["revisions_per_second"] = round(self.revisions_per_second, 1)
        return data


@dataclass
class ImportOptions:
    dry_run: bool = False
    article_namespaces: tuple[str, ...] = ()
    template_mapping: str | None = None
    user: object = None
    processes: int = 1


def parse_author(contributor) -> tuple[str, str]:
    """(author name, IP address): an IP stays an IP; 'imported>Name' becomes 'Name'."""
    if contributor is None:
        return "", ""
    name = (getattr(contributor, "text", None) or "").strip()
    if ">" in name:
        name = name.rsplit(">", 1)[1].strip()
    if contributor.id is None or contributor.id == 0:
        try:
            ipaddress.ip_address(name)
            return "", name
        except ValueError:
            pass
    return name, ""


def _timestamp(revision) -> datetime.datetime:
    if revision.timestamp is None:
        return timezone.now()
    return datetime.datetime.fromtimestamp(revision.timestamp.unix(), tz=datetime.UTC)


class Importer:
    def __init__(self, options: ImportOptions, *, progress: Callable | None = None):
        self.options = options
        self.report = ImportReport(dry_run=options.dry_run)
        self.progress = progress
        self.mapping = TemplateMapping.load(options.template_mapping)
        self.touched_page_ids: set[int] = set()
        # The wiki's index page, read once: treebeard keeps its child count in memory, so it
        # is read again after a page fails (its rolled-back child must not be counted).
        self._parent = None

    # --- whole run -----------------------------------------------------------------------

    def check(self, paths: Iterable[str | Path]) -> list[DumpCheck]:
        """Refuse the whole run before writing anything if one dump is bad."""
        return [check_dump(path) for path in paths]

    def run(self, paths: list[str | Path]) -> ImportReport:
        started = time.monotonic()
        checks = self.check(paths)
        total = sum(check.revisions for check in checks)
        bar = self.progress(total) if self.progress else None
        # Wagtail's reference index (admin "usage") is updated once per page at the end
        # rather than on each of the page's saves.
        with disable_reference_index_auto_update():
            for check in checks:
                self.report.dumps.append(check.path)
                self._import_dump(check, bar)
        if bar is not None:
            bar.close()
        if not self.options.dry_run:
            pages = ArticlePage.objects.filter(pk__in=self.touched_page_ids).order_by("pk")
            batch = []
            for page in pages.iterator(chunk_size=LINKS_BATCH):
                batch.append(page)
                if len(batch) == LINKS_BATCH:
                    self._refresh_links(batch)
                    batch = []
            self._refresh_links(batch)
        self.report.seconds = time.monotonic() - started
        return self.report

    def _refresh_links(self, pages: list[ArticlePage]) -> None:
        """Backlinks and Wagtail's reference index of imported pages, one transaction a batch."""
        if not pages:
            return
        with transaction.atomic():
            for page in pages:
                refresh_links(page)
                ReferenceIndex.create_or_update_for_object(page)

    def _mapped_namespaces(self, namespaces: dict[int, str]) -> set[int]:
        mapped = set()
        for wanted in self.options.article_namespaces:
            for key, name in namespaces.items():
                if wanted.strip() == str(key) or wanted.strip().lower() == name.lower():
                    mapped.add(key)
        return mapped

    def _import_dump(self, check: DumpCheck, bar) -> None:
        namespaces = check.namespaces
        mapped = self._mapped_namespaces(namespaces)
        article_prefixes = {namespaces[key].lower() for key in mapped}
        converter = Converter(mapping=self.mapping, namespaces=namespaces)
        converter.article_prefixes = article_prefixes
        self._redirects: list[tuple[str, str]] = []
        self._talks: list[tuple[str, _RawRevision]] = []
        self._categories: list[tuple[str, _RawRevision]] = []
        source_wiki = check.wiki_id
        known = set(
            RevisionMeta.objects.filter(source_wiki=source_wiki)
            .exclude(source_revision_id=None)
            .values_list("source_revision_id", flat=True)
        )
        jobs = self._article_jobs(check, mapped, known, bar)
        setup = (self.mapping, namespaces, article_prefixes)
        if self.options.processes > 0:
            # Conversion (pure Python, CPU-bound) runs in another process while this one
            # writes to the database.
            context = multiprocessing.get_context("fork")
            with context.Pool(self.options.processes, _init_worker, setup) as pool:
                for result in pool.imap(_convert_job, jobs, chunksize=2):
                    self._write_page(result, source_wiki, bar)
        else:
            _init_worker(*setup)
            for result in map(_convert_job, jobs):
                self._write_page(result, source_wiki, bar)
        for title, target in self._redirects:
            self._import_redirect(title, target)
        for title, revision in self._talks:
            self._import_talk(title, revision, source_wiki, converter)
        for title, revision in self._categories:
            self._import_category(title, revision, source_wiki, converter, namespaces)

    def _article_jobs(self, check: DumpCheck, mapped: set[int], known: set[int], bar):
        """(title, revisions to convert, revisions already imported) for each article page."""
        namespaces = check.namespaces
        path = Path(check.path)
        with open_dump(path) as handle:
            dump = read_dump(handle, path)
            for page in dump:
                self.report.pages_seen += 1
                namespace = int(page.namespace or 0)
                if namespace == 0 or namespace in mapped:
                    title = page.title
                    if namespace != 0:
                        title = f"{namespaces.get(namespace, '')}:{page.title}"
                    revisions = [_RawRevision.of(revision) for revision in page]
                    if page.redirect:
                        self._redirects.append((title, page.redirect))
                        self._advance(bar, len(revisions))
                        continue
                    new = [revision for revision in revisions if revision.id not in known]
                    yield title, new, len(revisions) - len(new)
                elif namespace == 1:
                    revisions = [_RawRevision.of(revision) for revision in page]
                    self._talks.append((page.title, revisions[-1]))
                    self._advance(bar, len(revisions))
                elif namespace == 14:
                    self.report.categories.append(page.title)
                    revisions = [_RawRevision.of(revision) for revision in page]
                    if page.redirect:
                        self.report.tag_descriptions["redirections"] += 1
                    elif revisions:
                        self._categories.append((page.title, revisions[-1]))
                    self._advance(bar, len(revisions))
                else:
                    label = namespaces.get(namespace) or str(namespace)
                    self.report.skipped_by_namespace[label] += 1
                    self._advance(bar, sum(1 for _ in page))

    def _advance(self, bar, count: int) -> None:
        if bar is not None:
            bar.update(count)

    # --- one page ------------------------------------------------------------------------

    def _write_page(self, result, source_wiki: str, bar) -> None:
        title, revisions, already_there, conversions, failure = result
        if failure:
            self.report.errors.append(failure)
            self._advance(bar, len(revisions) + already_there)
            return
        imported = []
        try:
            usable_title(title)
            for revision, conversion in zip(revisions, conversions, strict=True):
                self.report.templates.update(conversion.templates)
                self.report.approximations.update(conversion.approximations)
                imported.append(
                    ImportedRevision(
                        source_revision_id=revision.id,
                        timestamp=revision.timestamp,
                        author_name=revision.author,
                        ip_address=revision.ip_address,
                        edit_summary=revision.comment,
                        minor=revision.minor,
                        markdown=conversion.markdown,
                        wikitext=revision.text,
                        categories=tuple(dict.fromkeys(conversion.categories)),
                    )
                )
            if self.options.dry_run:
                self._count_dry_run(imported)
            elif not imported:
                self.report.articles_unchanged += 1
                self.report.revisions_already_there += already_there
            else:
                if self._parent is None:
                    self._parent = article_index()
                outcome = article_import_history(
                    title=title,
                    revisions=imported,
                    source_wiki=source_wiki,
                    user=self.options.user,
                    parent=self._parent,
                )
                outcome.already_there += already_there
                self._count(outcome, imported)
        except ImportRefused as refusal:
            self._parent = None
            self.report.clashes.append({"title": title, "reason": str(refusal)})
        except Exception as error:  # one broken page is reported; the others go in
            self._parent = None
            self.report.errors.append(
                {
                    "title": title,
                    "revision_id": revisions[-1].id if revisions else None,
                    "reason": f"{type(error).__name__}: {error}",
                }
            )
        self._advance(bar, len(revisions) + already_there)

    def _count_dry_run(self, imported: list[ImportedRevision]) -> None:
        self.report.articles_created += 1
        self.report.revisions_imported += len(imported)
        for revision in imported:
            if revision.author_name:
                self.report.authors.add(revision.author_name)
            elif revision.ip_address:
                self.report.ip_revisions += 1

    def _count(self, outcome, imported: list[ImportedRevision]) -> None:
        self.touched_page_ids.add(outcome.page.pk)
        if outcome.created:
            self.report.articles_created += 1
        elif outcome.added:
            self.report.articles_updated += 1
        else:
            self.report.articles_unchanged += 1
        self.report.revisions_imported += outcome.added
        self.report.revisions_already_there += outcome.already_there
        for revision in imported:
            if revision.author_name:
                self.report.authors.add(revision.author_name)
            elif revision.ip_address:
                self.report.ip_revisions += 1
        if outcome.tags_cut:
            self.report.approximations["catégories au-delà de 30 ignorées"] += outcome.tags_cut

    def _import_redirect(self, title: str, target: str) -> None:
        if self.options.dry_run:
            self.report.redirects_created += 1
            return
        try:
            status = article_import_redirect(
                title=title, target_title=target, user=self.options.user
            )
        except ImportRefused as refusal:
            self.report.clashes.append({"title": title, "reason": str(refusal)})
            return
        if status == "created":
            self.report.redirects_created += 1
        else:
            self.report.redirects_already_there += 1

    def _import_talk(self, title: str, revision: _RawRevision, source_wiki: str, converter):
        try:
            _title, slug = usable_title(title)
        except ImportRefused as refusal:
            self.report.clashes.append({"title": title, "reason": str(refusal)})
            return
        page = ArticlePage.objects.filter(slug=slug).first()
        if page is None:
            self.report.skipped_by_namespace["discussion sans article"] += 1
            return
        conversion = _convert_revision(converter, revision, title)
        if self.options.dry_run:
            self.report.talk_pages += 1
            return
        try:
            added = talk_import(
                page=page,
                markdown=conversion.markdown,
                author_name=revision.author or ("IP" if revision.ip_address else ""),
                created_at=revision.timestamp,
                source_wiki=source_wiki,
                source_revision_id=revision.id,
                user=self.options.user,
            )
        except Exception as error:
            self.report.errors.append(
                {"title": title, "revision_id": revision.id, "reason": str(error)}
            )
            return
        if added:
            self.report.talk_pages += 1

    def _import_category(
        self, title: str, revision: _RawRevision, source_wiki: str, converter, namespaces
    ) -> None:
        """A category page becomes the description of the tag of the same name."""
        prefix = namespaces.get(14) or "Catégorie"
        conversion = _convert_revision(converter, revision, f"{prefix}:{title}")
        self.report.templates.update(conversion.templates)
        self.report.approximations.update(conversion.approximations)
        if self.options.dry_run:
            self.report.tag_descriptions["created" if conversion.markdown.strip() else "empty"] += 1
            return
        try:
            outcome = tag_description_import(
                imported=ImportedDescription(
                    tag_name=title,
                    markdown=conversion.markdown,
                    source_wiki=source_wiki,
                    source_revision_id=revision.id,
                    author_name=revision.author,
                    timestamp=revision.timestamp,
                ),
                user=self.options.user,
            )
        except Exception as error:  # one broken page is reported; the others go in
            self.report.errors.append(
                {
                    "title": f"{prefix}:{title}",
                    "revision_id": revision.id,
                    "reason": f"{type(error).__name__}: {error}",
                }
            )
            return
        self.report.tag_descriptions[outcome] += 1
        if outcome == "kept":
            self.report.tag_descriptions_kept.append(
                {
                    "title": f"{prefix}:{title}",
                    "revision_id": revision.id,
                    "reason": "description modifiée dans Ker depuis l'import : gardée telle quelle",
                }
            )


@dataclass(frozen=True)
class _RawRevision:
    """What the import needs of a dump revision (plain data: it crosses to the converter)."""

    id: int
    timestamp: datetime.datetime
    author: str
    ip_address: str
    comment: str
    minor: bool
    text: str
    model: str | None

    @classmethod
    def of(cls, revision) -> _RawRevision:
        author, ip_address = parse_author(revision.user)
        return cls(
            id=int(revision.id),
            timestamp=_timestamp(revision),
            author=author,
            ip_address=ip_address,
            comment=revision.comment or "",
            minor=bool(revision.minor),
            text=revision.text or "",
            model=getattr(revision, "model", None),
        )


_worker_converter: Converter | None = None


def _init_worker(mapping, namespaces, article_prefixes) -> None:
    global _worker_converter
    _worker_converter = Converter(mapping=mapping, namespaces=namespaces)
    _worker_converter.article_prefixes = article_prefixes


def _convert_revision(converter: Converter, revision: _RawRevision, title: str) -> Conversion:
    if revision.model not in TEXT_MODELS:
        # Ker's own export declares markdown: its text is kept as it is.
        text = revision.text
        return Conversion(markdown=text if text.endswith("\n") or not text else text + "\n")
    return converter.convert(revision.text, title=title)


def _convert_job(job):
    title, revisions, already_there = job
    conversions = []
    for revision in revisions:
        try:
            conversions.append(_convert_revision(_worker_converter, revision, title))
        except Exception as error:  # the converter guards itself; this is a last resort
            failure = {
                "title": title,
                "revision_id": revision.id,
                "reason": f"{type(error).__name__}: {error}",
            }
            return title, revisions, already_there, None, failure
    return title, revisions, already_there, conversions, None


def reconvert_imported(*, template_mapping: str | None = None, user=None) -> tuple[int, int]:
    """Convert again the wikitext kept beside every imported revision: (pages, revisions)."""
    converter = Converter(mapping=TemplateMapping.load(template_mapping))
    page_ids = (
        RevisionMeta.objects.filter(origin=RevisionOrigin.IMPORTED)
        .values_list("page_id", flat=True)
        .distinct()
    )
    pages = revisions = 0
    for page in ArticlePage.objects.filter(pk__in=list(page_ids)).iterator():
        changed = article_reconvert(page=page, convert=converter.convert, user=user)
        pages += 1 if changed else 0
        revisions += changed
        if changed:
            with transaction.atomic():
                page.refresh_from_db()
                refresh_links(page)
    return pages, revisions


__all__ = ["DumpError", "ImportOptions", "ImportReport", "Importer", "reconvert_imported"]
