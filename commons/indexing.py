"""Keeps the search index in step with published commons, through the search queue.

The services call these inside their transaction: the change is queued with the record and the
index is written after commit by the search app's single writer (``search.queue``). The search
app is optional for commons: without it (or without our source registered, as in some tests),
these calls do nothing.
"""

from __future__ import annotations

import contextlib

SOURCE_NAME = "commons"


def _registry():
    try:
        from search import registry
    except ImportError:  # the search app is not installed
        return None
    try:
        registry.get_source(SOURCE_NAME)
    except KeyError:
        return None
    return registry


def schedule_index(commons) -> None:
    """Index (or unindex, when not published) this record once the change is committed."""
    registry = _registry()
    if registry is not None:
        registry.queue_index(SOURCE_NAME, commons.pk)


def schedule_removal(commons_pk: int) -> None:
    registry = _registry()
    if registry is not None:
        registry.queue_removal(SOURCE_NAME, commons_pk)


@contextlib.contextmanager
def batched_indexing():
    """Imports: every record is still queued with its own transaction (nothing is lost if the
    import stops), but the queue is applied once at the end, in batches, instead of once per
    record."""
    if _registry() is None:
        yield
        return
    from search.queue import deferred_apply

    with deferred_apply():
        yield
