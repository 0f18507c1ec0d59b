"""The search engines behind the registry and the query layer: Whoosh or PostgreSQL.

``KER_SEARCH_BACKEND`` chooses one: ``whoosh`` (default: an index on local disk, one machine)
or ``postgres`` (a documents table with ``tsvector`` columns in the site's PostgreSQL database,
shared by several app servers). Every writer (the queue, ``search_rebuild``, ``search_check``)
and every reader (results page, suggestions, autocomplete) goes through :func:`get_backend`, so
both engines see the same documents (``search.documents.SearchDocument``) and give the same
``search.selectors.SearchResults``. Switching engines means rebuilding the index.

A backend provides:

- ``writer(timeout=…)``: a context manager yielding an object with ``upsert(source_name,
  document)`` and ``delete(document_id)``; it commits on success, and raises :class:`IndexBusy`
  when another writer holds the index longer than ``timeout`` seconds;
- ``index_documents(pairs)`` / ``delete_documents(ids)``: one write each;
- ``rebuild(pairs)``: replace every document at once (readers see the old set until the end);
- ``indexed_updates()``: document id -> indexed ``updated`` (naive UTC), for ``search_check``;
- ``count()``, ``clear()``, ``location()`` (for messages);
- ``generation()``: a text that changes with every write the searches can see, or ``None``;
  results pages are cached under it (``search.selectors.search_documents``);
- ``search(outcome, text=…, filters=…, sort=…, page=…, per_page=…)``: fill the results page;
- ``suggest(text)``: "did you mean" text or ``""``; ``autocomplete(text, limit)``: titles.
"""

from __future__ import annotations

import threading
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connections

WHOOSH = "whoosh"
POSTGRES = "postgres"
BACKENDS = (WHOOSH, POSTGRES)

_instances: dict[str, Any] = {}
_instances_lock = threading.Lock()


class IndexBusy(Exception):
    """Another writer holds the index: the changes stay queued for the next one."""


class WriteShortcuts:
    """``index_documents`` and ``delete_documents``: one ``writer()`` of the backend each."""

    def index_documents(self, pairs) -> None:
        with self.writer() as writer:
            for source_name, document in pairs:
                writer.upsert(source_name, document)

    def delete_documents(self, document_ids) -> None:
        with self.writer() as writer:
            for document_id in document_ids:
                writer.delete(document_id)


def backend_name() -> str:
    """The configured engine name; an unknown name is a configuration error."""
    name = str(getattr(settings, "KER_SEARCH_BACKEND", WHOOSH) or WHOOSH).strip().lower()
    if name not in BACKENDS:
        raise ImproperlyConfigured(
            f"KER_SEARCH_BACKEND={name!r} is unknown: use one of {', '.join(BACKENDS)}."
        )
    return name


def configuration_error() -> str:
    """Why the configured engine cannot work here, or ``""`` (also a system check)."""
    try:
        name = backend_name()
    except ImproperlyConfigured as error:
        return str(error)
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    if name == POSTGRES and vendor != "postgresql":
        return (
            "KER_SEARCH_BACKEND=postgres needs a PostgreSQL database "
            f"(DATABASE_URL=postgres://…); the database in use is {vendor}. "
            "Use KER_SEARCH_BACKEND=whoosh, or move the site to PostgreSQL."
        )
    return ""


def get_backend():
    """The engine of ``KER_SEARCH_BACKEND`` (one shared instance per engine and process)."""
    from search.queue import catch_up_test_transaction

    catch_up_test_transaction()
    problem = configuration_error()
    if problem:
        raise ImproperlyConfigured(problem)
    name = backend_name()
    instance = _instances.get(name)
    if instance is None:
        with _instances_lock:
            instance = _instances.get(name)
            if instance is None:
                if name == POSTGRES:
                    from .postgres import PostgresBackend

                    instance = PostgresBackend()
                else:
                    from .whoosh import WhooshBackend

                    instance = WhooshBackend()
                _instances[name] = instance
    return instance
