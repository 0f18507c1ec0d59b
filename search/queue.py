"""Index updates out of the request: queued with the change, applied in batches by one writer.

A service that publishes, unpublishes or deletes something calls ``search.registry.queue_index``
(or ``queue_removal``) inside its transaction. That only writes an :class:`~search.models.IndexTask`
row (one statement, coalesced by document), so the database transaction stays short and the
task commits or rolls back with the change. The index (Whoosh, or the PostgreSQL documents table
of ``search.backends.postgres``) is written later, outside the request's transaction:

- ``worker`` mode: ``manage.py search_worker`` polls the queue and applies it in batches (the
  index catches up within a second or two); requests never touch the index.
- ``on_commit`` mode: the request applies the queue right after its transaction commits (tests,
  or a site run without a worker).
- ``auto`` (default): ``worker`` while a worker's heartbeat is fresh, ``on_commit`` otherwise.

Applying takes the index write lock once per batch; a busy index (``IndexBusy``) leaves the
tasks queued for the next writer, and ``search_check --repair`` applies whatever is left.
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools
import json
import logging
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .backend import index_directory
from .backends import IndexBusy, get_backend
from .documents import SearchDocument
from .models import IndexTask
from .registry import SearchSource, get_source

logger = logging.getLogger(__name__)

MODE_AUTO = "auto"
MODE_WORKER = "worker"
MODE_ON_COMMIT = "on_commit"
MODES = (MODE_AUTO, MODE_WORKER, MODE_ON_COMMIT)
BATCH_SIZE = 200
# A task whose document cannot be built this many times is dropped (search_check reports it).
# After the n-th failure it waits RETRY_BASE_SECONDS * 2**(n-1) seconds: a document that fails
# for a passing reason gets about half a minute, not five attempts in a second.
MAX_ATTEMPTS = 5
RETRY_BASE_SECONDS = 2.0
HEARTBEAT_FILE = "search-worker.heartbeat"
# A worker that has not touched its heartbeat for this long is considered gone.
HEARTBEAT_FRESH_SECONDS = 30.0
# How long a request waits for the index lock after commit before leaving the work queued.
ON_COMMIT_LOCK_TIMEOUT = 10.0

# Wagtail's own background tasks (its admin page search and its reference index, run as
# django-tasks: config/tasks.py) travel in the same durable queue under this source name, so that
# when a worker runs they too leave the request. The key holds the task and its JSON arguments.
WAGTAIL_TASKS_SOURCE = "wagtail.task"

_deferred: contextvars.ContextVar[bool] = contextvars.ContextVar("search_deferred", default=False)


def queue_mode() -> str:
    """The configured mode (``KER_SEARCH_QUEUE_MODE``): auto, worker or on_commit."""
    mode = getattr(settings, "KER_SEARCH_QUEUE_MODE", MODE_AUTO)
    return mode if mode in MODES else MODE_AUTO


def heartbeat_path():
    return index_directory() / HEARTBEAT_FILE


def worker_heartbeat() -> None:
    """Tell the web processes a worker is applying the queue (``auto`` mode leaves it to us)."""
    path = heartbeat_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch()


def worker_alive() -> bool:
    try:
        age = time.time() - heartbeat_path().stat().st_mtime
    except OSError:
        return False
    return age < HEARTBEAT_FRESH_SECONDS


def applies_on_commit() -> bool:
    """Whether requests apply the queue themselves after commit (no worker to do it)."""
    mode = queue_mode()
    if mode == MODE_AUTO:
        return not worker_alive()
    return mode == MODE_ON_COMMIT


def index_tasks_enqueue(*, source_name: str, keys: Iterable[Any], kind: str) -> int:
    """Queue documents of ``source_name`` for update or removal; returns how many.

    One ``INSERT … ON CONFLICT DO UPDATE`` per 500 keys: a document queued twice before the
    writer runs is applied once, with its latest kind. Keys are sorted so that two
    transactions queueing the same documents lock them in the same order (PostgreSQL).
    """
    unique_keys = sorted({str(key) for key in keys})
    if not unique_keys:
        return 0
    now = timezone.now()
    for start in range(0, len(unique_keys), 500):
        IndexTask.objects.bulk_create(
            [
                IndexTask(source=source_name, key=key, kind=kind, created=now)
                for key in unique_keys[start : start + 500]
            ],
            update_conflicts=True,
            unique_fields=["source", "key"],
            update_fields=["kind", "created", "attempts", "retry_after"],
        )
    _schedule_apply()
    return len(unique_keys)


def wagtail_task_defer(*, module_path: str, args: Any, kwargs: dict) -> bool:
    """Queue one of Wagtail's tasks for the worker, coalesced with the same task already queued.

    Returns False when the task must run here after commit instead: no worker is running, or
    its arguments do not fit in a queue key.
    """
    if applies_on_commit():
        return False
    try:
        key = json.dumps([module_path, list(args), kwargs], sort_keys=True, separators=(",", ":"))
    except (TypeError, ValueError):
        return False
    if len(key) > IndexTask._meta.get_field("key").max_length:
        return False
    if _queued_in_this_transaction(key):
        return True
    IndexTask.objects.bulk_create(
        [IndexTask(source=WAGTAIL_TASKS_SOURCE, key=key, created=timezone.now())],
        update_conflicts=True,
        unique_fields=["source", "key"],
        update_fields=["created", "attempts", "retry_after"],
    )
    _remember_queued(key)
    return True


def _in_test_case_transaction(connection) -> bool:
    """Inside the transaction a test case wraps each test in, which is never committed."""
    blocks = connection.atomic_blocks
    return bool(
        connection.in_atomic_block and blocks and getattr(blocks[0], "_from_testcase", False)
    )


def catch_up_test_transaction() -> None:
    """Apply what was queued inside a test case's transaction (``_schedule_apply``); called by
    every use of the index (``get_backend``) and by ``pending_count``. Outside tests, a no-op."""
    connection = transaction.get_connection()
    if getattr(connection, "ker_search_catch_up", False) and not _deferred.get():
        connection.ker_search_catch_up = False
        _apply_after_commit()


def _marks_transaction(connection) -> bool:
    """Whether queued Wagtail tasks can be remembered until the current transaction ends.

    Not inside a test case's transaction, which never ends: there, every task is written.
    """
    return connection.in_atomic_block and not _in_test_case_transaction(connection)


# How far back in the transaction's commit callbacks a queued Wagtail task is looked for: the
# repeats come from one save (a few callbacks apart); a long import's thousands are not scanned.
RECENT_CALLBACKS = 32


def _queued_in_this_transaction(key: str) -> bool:
    """The same Wagtail task was queued a moment ago in this transaction (Wagtail saves an
    edited page twice, for the revision then for the publication, and queues its tasks each
    time)."""
    connection = transaction.get_connection()
    return _marks_transaction(connection) and any(
        getattr(callback, "ker_wagtail_task", None) == key
        for _, callback, _ in connection.run_on_commit[-RECENT_CALLBACKS:]
    )


def _remember_queued(key: str) -> None:
    """A no-op run on commit that carries the key: it goes with the transaction, and with a
    savepoint rolled back, exactly as the queue row does."""
    connection = transaction.get_connection()
    if _marks_transaction(connection):
        marker = functools.partial(_queued_marker)
        marker.ker_wagtail_task = key
        transaction.on_commit(marker)


def _queued_marker() -> None:
    return None


def _due(queryset, *, include_waiting: bool):
    """Tasks not waiting after a failure (all of them with ``include_waiting``)."""
    if include_waiting:
        return queryset
    return queryset.filter(Q(retry_after__isnull=True) | Q(retry_after__lte=timezone.now()))


def wagtail_tasks_run(
    *,
    limit: int | None = BATCH_SIZE,
    include_waiting: bool = False,
    time_budget: float | None = None,
) -> int:
    """Run Wagtail's queued tasks (search worker, ``search_check --repair``); returns how many.

    Each task runs in autocommit, then its queue row is deleted: its reads take no lock and each
    of its writes holds SQLite's write lock for that statement only. A task wrapped in one
    transaction held the lock for its whole run (7-40 ms), and a save arriving meanwhile slept
    in SQLite's busy handler, whose waits grow by steps (18, 33, 53, 78 ms...): that was most
    of the saves' p95 beside the worker (bench/README.md). A task that fails halfway is run
    again (Wagtail's index updates are idempotent). With ``time_budget`` (seconds) no new task
    starts once it is spent, so that the worker goes back to the search index queue, which
    people see, between Wagtail's own indexes, which only the admin uses.
    """
    queued = _due(
        IndexTask.objects.filter(source=WAGTAIL_TASKS_SOURCE), include_waiting=include_waiting
    ).order_by("created", "pk")
    tasks = list(queued[:limit] if limit else queued)
    started = time.monotonic()
    done = 0
    failed: list[IndexTask] = []
    for task in tasks:
        if time_budget is not None and done and time.monotonic() - started > time_budget:
            break
        try:
            module_path, args, kwargs = json.loads(task.key)
            import_string(module_path).call(*args, **kwargs)
            _delete_unchanged([task])
        except Exception:  # one broken task must not stop the others; retried, then dropped
            logger.exception("Wagtail task %s failed", task.key)
            failed.append(task)
        else:
            done += 1
    _record_failures(failed)
    return done


def _apply_after_commit() -> None:
    if _deferred.get():
        return
    try:
        index_queue_apply(lock_timeout=ON_COMMIT_LOCK_TIMEOUT)
    except Exception:  # search must never turn a saved edit into an error page
        logger.exception("Applying the search queue after commit failed; it stays queued")


def _schedule_apply() -> None:
    """In ``on_commit`` mode, apply the queue once the current transaction commits."""
    if _deferred.get() or not applies_on_commit():
        return
    connection = transaction.get_connection()
    apply = _apply_after_commit
    if _in_test_case_transaction(connection):
        # Inside a test case's transaction, which never commits: apply before the index is next
        # used (catch_up_test_transaction), as a commit followed by a search would; or when a
        # test runs the commit callbacks. Most tests never search: applying at each save took
        # a third of the suite's time.
        connection.ker_search_catch_up = True
        apply = catch_up_test_transaction
    if connection.in_atomic_block and any(
        callback is apply for _, callback, _ in connection.run_on_commit
    ):
        return
    transaction.on_commit(apply, robust=True)


@contextlib.contextmanager
def deferred_apply() -> Iterator[None]:
    """Queue as usual but apply once at the end (imports: one index batch, not one per row)."""
    token = _deferred.set(True)
    try:
        yield
    finally:
        _deferred.reset(token)
        _schedule_apply()


def pending_count() -> int:
    """Queued changes of the index not applied yet (``search_check`` reports them)."""
    catch_up_test_transaction()
    return IndexTask.objects.exclude(source=WAGTAIL_TASKS_SOURCE).count()


@dataclass
class _Planned:
    task: IndexTask
    document_id: str
    source_name: str
    document: SearchDocument | None  # None: remove the document


class _NothingLeft(Exception):
    """Another writer applied this batch while we waited for the lock."""


def _objects_by_key(source: SearchSource, keys: list[str]) -> dict[str, Any]:
    loader = getattr(source, "get_objects", None)
    if loader is not None:
        return dict(loader(keys))
    wanted = set(keys)
    found = {}
    for obj in source.iter_all():
        key = str(source.get_key(obj))
        if key in wanted:
            found[key] = obj
    return found


def _plan(tasks: list[IndexTask]) -> tuple[list[_Planned], list[IndexTask]]:
    """Build the documents of a batch (database reads, rendering) before taking the lock.

    Returns the planned writes and the tasks that failed to build.
    """
    from .services import document_id

    planned: list[_Planned] = []
    failed: list[IndexTask] = []
    upserts: dict[str, list[IndexTask]] = defaultdict(list)
    for task in tasks:
        doc_id = document_id(source_name=task.source, key=task.key)
        if task.kind == IndexTask.Kind.DELETE:
            planned.append(_Planned(task, doc_id, task.source, None))
        else:
            upserts[task.source].append(task)
    for source_name, source_tasks in upserts.items():
        try:
            source = get_source(source_name)
        except KeyError:
            logger.warning("Search queue: no source %r; removing its documents", source_name)
            planned.extend(
                _Planned(
                    task, document_id(source_name=source_name, key=task.key), source_name, None
                )
                for task in source_tasks
            )
            continue
        try:
            objects = _objects_by_key(source, [task.key for task in source_tasks])
        except DatabaseError:
            raise  # the database, not these documents: the whole batch waits for the next run
        except Exception:
            logger.exception("Search queue: could not load %s documents", source_name)
            failed.extend(source_tasks)
            continue
        for task in source_tasks:
            doc_id = document_id(source_name=source_name, key=task.key)
            obj = objects.get(task.key)
            try:
                if obj is None or not source.is_indexable(obj):
                    planned.append(_Planned(task, doc_id, source_name, None))
                else:
                    planned.append(_Planned(task, doc_id, source_name, source.to_document(obj)))
            except DatabaseError:
                raise
            except Exception:
                logger.exception("Search queue: could not build %s", doc_id)
                failed.append(task)
    return planned, failed


def _still_queued(tasks: Iterable[IndexTask]) -> set[tuple[int, Any]]:
    pks = [task.pk for task in tasks]
    return set(IndexTask.objects.filter(pk__in=pks).values_list("pk", "created"))


def _delete_unchanged(tasks: Iterable[IndexTask]) -> int:
    """Delete these tasks unless they were queued again since we read them (newer ``created``).

    One ``DELETE … WHERE (id, created) …`` statement, so that the database checks ``created``
    and deletes in the same step. ``QuerySet.delete()`` does not guarantee that: as soon as any
    delete signal listens to every model (Wagtail's do), it reads the matching rows, then
    deletes them by primary key, and a save that queued the document again in between lost its
    index update (seen with eight editors at once on SQLite). One statement for the whole batch
    also means one turn of SQLite's write lock, not one per task.
    """
    condition = Q()
    for task in tasks:
        condition |= Q(pk=task.pk, created=task.created)
    if not condition:
        return 0
    queryset = IndexTask.objects.filter(condition)
    return queryset._raw_delete(queryset.db)


def _record_failures(tasks: list[IndexTask]) -> None:
    now = timezone.now()
    for task in tasks:
        if task.attempts + 1 >= MAX_ATTEMPTS:
            logger.error("Search queue: giving up on %s after %s attempts", task, MAX_ATTEMPTS)
            _delete_unchanged([task])
        else:
            delay = datetime.timedelta(seconds=RETRY_BASE_SECONDS * 2**task.attempts)
            IndexTask.objects.filter(pk=task.pk, created=task.created).update(
                attempts=task.attempts + 1, retry_after=now + delay
            )


def _apply_batch(tasks: list[IndexTask], *, lock_timeout: float) -> int:
    planned, failed = _plan(tasks)
    if failed:
        _record_failures(failed)
    if not planned:
        return 0
    try:
        with get_backend().writer(timeout=lock_timeout) as writer:
            queued = _still_queued(item.task for item in planned)
            planned = [item for item in planned if (item.task.pk, item.task.created) in queued]
            if not planned:
                raise _NothingLeft
            for item in planned:
                if item.document is None:
                    writer.delete(item.document_id)
                else:
                    writer.upsert(item.source_name, item.document)
    except _NothingLeft:
        return 0
    _delete_unchanged(item.task for item in planned)
    return len(planned)


def index_queue_apply(
    *,
    batch_size: int = BATCH_SIZE,
    lock_timeout: float = 30.0,
    max_batches: int | None = None,
    include_waiting: bool = False,
) -> int:
    """Apply queued changes, oldest first, one index commit per batch; returns how many.

    Documents are built before the index lock is taken; tasks applied meanwhile by another
    writer are skipped. When the index stays locked longer than ``lock_timeout``, the
    remaining tasks stay queued (logged, never raised) for the next writer. Tasks waiting
    after a failure are left for later, unless ``include_waiting`` (``search_check --repair``).
    A database error stops the run (raised) and counts against no document.
    """
    applied = 0
    batches = 0
    seen_failures: set[int] = set()
    while max_batches is None or batches < max_batches:
        tasks = list(
            _due(
                IndexTask.objects.exclude(source=WAGTAIL_TASKS_SOURCE),
                include_waiting=include_waiting,
            )
            .exclude(pk__in=seen_failures)
            .order_by("created", "pk")[:batch_size]
        )
        if not tasks:
            break
        batches += 1
        try:
            count = _apply_batch(tasks, lock_timeout=lock_timeout)
        except IndexBusy:
            logger.warning("Search index busy: %s queued changes left for later", len(tasks))
            break
        applied += count
        # Tasks that failed to build stay queued with one more attempt: not again in this run.
        remaining = IndexTask.objects.filter(pk__in=[task.pk for task in tasks])
        seen_failures.update(remaining.filter(attempts__gt=0).values_list("pk", flat=True))
    return applied
