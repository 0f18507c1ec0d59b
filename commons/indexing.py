"""Keeps the search index in step with published commons, after the transaction commits.

The search app is optional for commons: without it (or without our source registered, as in
some tests), these calls do nothing. Search failures are logged by the search app, never raised.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging

from django.db import transaction

SOURCE_NAME = "commons"
logger = logging.getLogger(__name__)
# Above this many records, a batch is indexed in one index commit instead of one commit each.
BATCH_REPAIR_THRESHOLD = 50
_batch: contextvars.ContextVar[set[int] | None] = contextvars.ContextVar(
    "commons_batch", default=None
)


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
    commons_pk = commons.pk
    batch = _batch.get()
    if batch is not None:
        batch.add(commons_pk)
        return

    def run():
        from .models import Commons

        registry = _registry()
        if registry is None:
            return
        fresh = Commons.objects.filter(pk=commons_pk).first()
        if fresh is None:
            registry.remove_document(SOURCE_NAME, str(commons_pk))
        else:
            registry.index_document(SOURCE_NAME, fresh)

    transaction.on_commit(run)


def schedule_removal(commons_pk: int) -> None:
    def run():
        registry = _registry()
        if registry is not None:
            registry.remove_document(SOURCE_NAME, str(commons_pk))

    transaction.on_commit(run)


def _index_now(pks: set[int]) -> None:
    registry = _registry()
    if registry is None or not pks:
        return
    from .models import Commons

    found = {commons.pk: commons for commons in Commons.objects.filter(pk__in=pks)}
    if len(pks) > BATCH_REPAIR_THRESHOLD and _index_in_one_commit(registry, pks, found):
        return
    for pk in pks:
        if pk in found:
            registry.index_document(SOURCE_NAME, found[pk])
        else:
            registry.remove_document(SOURCE_NAME, str(pk))


def _index_in_one_commit(registry, pks: set[int], found: dict) -> bool:
    """One index writer for a whole import. search.registry has no batch call yet, so this uses
    search's writer and document builder; on any failure the caller indexes one by one."""
    try:
        from search.backend import index_writer
        from search.services import document_fields, document_id

        source = registry.get_source(SOURCE_NAME)
        with index_writer(timeout=600) as writer:
            for pk in pks:
                commons = found.get(pk)
                if commons is not None and source.is_indexable(commons):
                    document = source.to_document(commons)
                    writer.update_document(**document_fields(source=source, document=document))
                else:
                    writer.delete_by_term("id", document_id(source_name=SOURCE_NAME, key=str(pk)))
    except Exception:  # noqa: BLE001 - search must never break an import
        logger.exception("Batch indexing of commons failed; indexing one by one")
        return False
    return True


@contextlib.contextmanager
def batched_indexing():
    """Collect index updates (imports) and apply them once at the end: one index commit
    per record would dominate the time of a large import."""
    pks: set[int] = set()
    token = _batch.set(pks)
    try:
        yield
    finally:
        _batch.reset(token)
        transaction.on_commit(lambda: _index_now(pks))
