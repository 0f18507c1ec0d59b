"""Wagtail's own background work (its page search index and reference index, run as
django-tasks) waits for the saving transaction to commit.

Django-tasks' immediate backend runs a task at once, inside the caller's transaction, and
swallows its exception. On PostgreSQL a failed statement there (two saves updating Wagtail's
search index at once) left the transaction broken, and the edit failed with
``TransactionManagementError``. After the commit, a failure no longer touches the edit, and the
save does not wait for indexes that Ker's own search does not use.
"""

from __future__ import annotations

from django.db import transaction
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class OnCommitImmediateBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
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
        transaction.on_commit(lambda: self._execute_task(result), robust=True)
        return result
