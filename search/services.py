"""Writes to the index: one document, a removal, a full rebuild, a drift repair.

Every write goes through the engine of ``KER_SEARCH_BACKEND`` (``search.backends``), whose
writer serialises concurrent requests and commands instead of letting them corrupt the index.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from .backends import get_backend
from .documents import SearchDocument
from .registry import SearchSource, get_sources
from .schema import join_facet_values

logger = logging.getLogger(__name__)

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


def document_id(*, source_name: str, key: str) -> str:
    return f"{source_name}:{key}"


def to_utc_naive(moment: datetime.datetime | None) -> datetime.datetime | None:
    """Whoosh stores naive datetimes; we store UTC so that ordering is right across DST."""
    if moment is None:
        return None
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.UTC).replace(tzinfo=None)
    return moment


def with_type(*, source_name: str, document: SearchDocument) -> SearchDocument:
    """The document with its type filled in (the source name when the source left it empty)."""
    return document if document.type else replace(document, type=source_name)


def document_fields(*, source_name: str, document: SearchDocument) -> dict[str, Any]:
    """The Whoosh field values of a document (see ``search.schema`` for their meaning)."""
    document = with_type(source_name=source_name, document=document)
    tags = [tag for tag in document.tags if tag and tag.strip()]
    fields: dict[str, Any] = {
        "id": document_id(source_name=source_name, key=str(document.key)),
        "source": source_name,
        "key": str(document.key),
        "type": document.type,
        "title": document.title,
        "title_prefix": document.title,
        "summary": document.summary,
        "context": "\n".join(
            (document.summary, " ; ".join(tags), document.commune, *document.authors)
        ),
        "body": document.body,
        "tags": join_facet_values(tags),
        "_stored_tags": [tag.strip() for tag in tags],
        "portals": join_facet_values(document.portals),
        "_stored_portals": [portal.strip() for portal in document.portals if portal.strip()],
        "commune": document.commune.strip(),
        "url": document.url,
        "authors": list(document.authors),
        "spelling": "\n".join((document.title, document.summary, document.body)),
    }
    if document.latitude is not None and document.longitude is not None:
        fields["latitude"] = float(document.latitude)
        fields["longitude"] = float(document.longitude)
    created = to_utc_naive(document.created)
    updated = to_utc_naive(document.updated) or created
    if created is not None:
        fields["created"] = created
    if updated is not None:
        fields["updated"] = updated
    return fields


def document_index(*, source: SearchSource, obj: Any) -> bool:
    """Index ``obj``, or remove it when ``source.is_indexable(obj)`` is false.

    Failures are logged, not raised: publishing must not fail because of search, and
    ``search_check --repair`` restores whatever was missed.
    """
    key = str(source.get_key(obj))
    try:
        if not source.is_indexable(obj):
            get_backend().delete_documents([document_id(source_name=source.name, key=key)])
            return True
        get_backend().index_documents([(source.name, source.to_document(obj))])
        return True
    except Exception:
        logger.exception("Could not index %s %s", source.name, key)
        return False


def document_remove(*, source_name: str, key: str) -> bool:
    """Remove one document; removing a document that is not there is not an error."""
    try:
        get_backend().delete_documents([document_id(source_name=source_name, key=key)])
        return True
    except Exception:
        logger.exception("Could not remove %s %s from the index", source_name, key)
        return False


def _no_progress(iterable: Iterable[Any], total: int, description: str) -> Iterable[Any]:
    return iterable


def _source_total(source: SearchSource) -> int:
    counter = getattr(source, "count", None)
    return int(counter()) if counter is not None else 0


def _indexable(source: SearchSource) -> Iterator[Any]:
    for obj in source.iter_all():
        if source.is_indexable(obj):
            yield obj


def index_rebuild(*, progress: Progress = _no_progress) -> dict[str, int]:
    """Replace the whole index with the documents of every registered source.

    The engine swaps the documents in one go (one Whoosh commit with ``CLEAR``, one PostgreSQL
    transaction), so searches keep seeing the old index until the rebuild is complete.
    Returns the number of documents per source.
    """
    counts: dict[str, int] = {}

    def documents() -> Iterator[tuple[str, SearchDocument]]:
        for source in get_sources():
            counts[source.name] = 0
            objects = progress(_indexable(source), _source_total(source), str(source.label))
            for obj in objects:
                yield source.name, source.to_document(obj)
                counts[source.name] += 1

    get_backend().rebuild(documents())
    return counts


@dataclass
class DriftReport:
    """Differences between the sources and the index, as document ids."""

    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    indexed: int = 0
    expected: int = 0
    pending: int = 0
    repaired: bool = False

    @property
    def is_clean(self) -> bool:
        return not (self.missing or self.stale or self.orphans)


def index_check(*, repair: bool = False, progress: Progress = _no_progress) -> DriftReport:
    """Compare the index with the sources; optionally fix missing, stale and orphan documents.

    A document is stale when the source's ``updated`` differs from the indexed one. Orphans
    are indexed documents no registered source yields any more (deleted or unpublished behind
    the services' back, or a source that was removed). Changes still waiting in the search
    queue are counted in ``pending``; ``repair`` applies them first.
    """
    from .queue import index_queue_apply, pending_count, wagtail_tasks_run

    if repair:
        # After a crash, changes queued but never applied come first.
        index_queue_apply(include_waiting=True)
        wagtail_tasks_run(limit=None, include_waiting=True)
    backend = get_backend()
    indexed = backend.indexed_updates()
    report = DriftReport(indexed=len(indexed), pending=pending_count())
    to_write: dict[str, tuple[SearchSource, SearchDocument]] = {}
    expected_ids: set[str] = set()
    for source in get_sources():
        for obj in progress(_indexable(source), _source_total(source), str(source.label)):
            document = source.to_document(obj)
            doc_id = document_id(source_name=source.name, key=str(document.key))
            expected_ids.add(doc_id)
            if doc_id not in indexed:
                report.missing.append(doc_id)
                to_write[doc_id] = (source, document)
                continue
            wanted = to_utc_naive(document.updated) or to_utc_naive(document.created)
            if wanted != indexed[doc_id]:
                report.stale.append(doc_id)
                to_write[doc_id] = (source, document)
    report.expected = len(expected_ids)
    report.orphans = sorted(set(indexed) - expected_ids)
    report.missing.sort()
    report.stale.sort()
    if repair and not report.is_clean:
        with backend.writer() as writer:
            for doc_id in report.orphans:
                writer.delete(doc_id)
            for source, document in to_write.values():
                writer.upsert(source.name, document)
        report.repaired = True
    return report


def index_document_count() -> int:
    """Documents currently searchable."""
    return get_backend().count()
