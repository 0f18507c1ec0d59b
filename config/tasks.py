"""Wagtail's own background work (its page search index and reference index, run as
django-tasks): after the saving transaction commits, once per transaction, or in the search
worker when one runs.

Django-tasks' immediate backend runs a task at once, inside the caller's transaction, and
swallows its exception. On PostgreSQL a failed statement there (two saves updating Wagtail's
search index at once) left the transaction broken, and the edit failed with
``TransactionManagementError``. After the commit, a failure no longer touches the edit, and the
save does not wait for indexes that Ker's own search does not use.

A save enqueues each of these tasks twice (once for the new revision, once for the publication):
the same task with the same arguments runs once per transaction. When ``manage.py search_worker``
runs (``search.queue.applies_on_commit()`` is false), the tasks go into the durable search queue
with the change and the worker runs them: the request does none of that work.
"""

from __future__ import annotations

import functools
import json

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class OnCommitImmediateBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        from search.queue import wagtail_task_defer

        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        if not task.takes_context and wagtail_task_defer(
            module_path=task.module_path, args=args, kwargs=kwargs
        ):
            return result
        key = (task.module_path, json.dumps([args, kwargs], sort_keys=True, default=repr))
        connection = transaction.get_connection()
        if connection.in_atomic_block and any(
            getattr(callback, "ker_task_key", None) == key
            for _, callback, _ in connection.run_on_commit
        ):
            return result  # the same task already runs when this transaction commits
        run = functools.partial(self._execute_task, result)
        run.ker_task_key = key
        transaction.on_commit(run, robust=True)
        return result
