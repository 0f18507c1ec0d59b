"""Registry of document sources: how other apps feed the index without search importing them.

An app registers a source from its ``AppConfig.ready()``::

    from search.registry import register
    register(ArticleSearchSource())

and calls :func:`queue_index` / :func:`queue_removal` from its services (inside their
transaction) on publish, unpublish, delete and rename: the change is queued durably and applied
to the index after commit by one writer (see ``search.queue``). :func:`index_document` and
:func:`remove_document` write the index at once (commands, tests). A source is any object with:

- ``name`` (``"article"``): stable identifier, stored in the index as the document type;
- ``label`` (``"Article"``): French label shown as the type badge and facet;
- ``iter_all()``: yields every indexable object (used by ``search_rebuild`` and ``search_check``);
- ``count()``: how many objects ``iter_all()`` would yield (progress bars, drift report);
- ``to_document(obj) -> SearchDocument``;
- ``is_indexable(obj) -> bool``: ``False`` for drafts, pending or unpublished objects;
- ``get_key(obj) -> str``: the document key, unique within the source.

Optionally ``get_objects(keys) -> dict[str, obj]`` loads the objects of queued keys in one
query (without it, the queue scans ``iter_all()``), and
``facet_labels(field, values) -> dict[str, str]`` turns facet values into labels (the portals
source uses it to show portal titles instead of slugs for ``field == "portals"``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable, Iterator
from typing import Any, Protocol, runtime_checkable

from .documents import SearchDocument

logger = logging.getLogger(__name__)


@runtime_checkable
class SearchSource(Protocol):
    """What a registered source must provide (see the module docstring)."""

    name: str
    label: str

    def iter_all(self) -> Iterator[Any]: ...

    def count(self) -> int: ...

    def to_document(self, obj: Any) -> SearchDocument: ...

    def is_indexable(self, obj: Any) -> bool: ...

    def get_key(self, obj: Any) -> str: ...


_sources: dict[str, SearchSource] = {}
_sources_lock = threading.Lock()


def register(source: SearchSource) -> SearchSource:
    """Add a source; registering the same name again replaces it (autoreload, tests)."""
    missing = [
        attribute
        for attribute in ("name", "label", "iter_all", "to_document", "is_indexable", "get_key")
        if not hasattr(source, attribute)
    ]
    if missing:
        raise TypeError(f"Search source {source!r} lacks: {', '.join(missing)}")
    if ":" in source.name:
        raise ValueError("A search source name cannot contain ':'")
    with _sources_lock:
        _sources[source.name] = source
    return source


def unregister(name: str) -> None:
    """Remove a source (tests); its documents stay in the index until the next check."""
    with _sources_lock:
        _sources.pop(name, None)


def get_source(name: str) -> SearchSource:
    """The source registered under ``name``; ``KeyError`` names the unknown source."""
    try:
        return _sources[name]
    except KeyError:
        raise KeyError(f"No search source registered under {name!r}") from None


def get_sources() -> list[SearchSource]:
    """Every registered source, in registration order."""
    return list(_sources.values())


def source_label(name: str) -> str:
    """French label of a document type, falling back to the raw name for stale documents."""
    source = _sources.get(name)
    return str(source.label) if source is not None else name


def facet_labels(*, field: str, values: Iterable[str]) -> dict[str, str]:
    """Labels for facet values, asked of every source that knows how to name them."""
    values = list(values)
    labels: dict[str, str] = {}
    for source in get_sources():
        labeller = getattr(source, "facet_labels", None)
        if labeller is None:
            continue
        try:
            labels.update(labeller(field, values) or {})
        except Exception:  # a labelling bug must not break the results page
            logger.exception("facet_labels failed for source %s", source.name)
    return labels


def queue_index(source_name: str, keys: str | Iterable[Any]) -> int:
    """Queue documents for re-indexing after commit (removed when no longer indexable).

    Call it inside the transaction that publishes, unpublishes or renames: the queue row
    commits or rolls back with the change. Returns how many documents were queued.
    """
    from .models import IndexTask
    from .queue import index_tasks_enqueue

    keys = [keys] if isinstance(keys, str | int) else list(keys)
    if keys:
        get_source(source_name)  # an unknown source is a programming error: fail in the service
    return index_tasks_enqueue(source_name=source_name, keys=keys, kind=IndexTask.Kind.UPSERT)


def queue_removal(source_name: str, keys: str | Iterable[Any]) -> int:
    """Queue documents for removal after commit (the object was deleted)."""
    from .models import IndexTask
    from .queue import index_tasks_enqueue

    keys = [keys] if isinstance(keys, str | int) else keys
    return index_tasks_enqueue(source_name=source_name, keys=keys, kind=IndexTask.Kind.DELETE)


def index_document(source_name: str, obj: Any) -> bool:
    """Put ``obj`` in the index, or take it out when its source says it is not indexable.

    Call it after publish, unpublish and rename. Returns ``True`` when the index was updated;
    a failure (index locked too long, disk error) is logged rather than raised so that a
    publication never fails because of search, and ``search_check --repair`` catches up.
    """
    from .services import document_index

    return document_index(source=get_source(source_name), obj=obj)


def remove_document(source_name: str, key: str) -> bool:
    """Take the document ``key`` of ``source_name`` out of the index (delete, key change)."""
    from .services import document_remove

    return document_remove(source_name=source_name, key=str(key))
