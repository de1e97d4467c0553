"""The task queue in the database: django-tasks' database backend, writing each task's row with
an INSERT compiled once per connection (core.compiled).

Every message sent queues one task, and the backend's `DBTaskResult.objects.create()` compiled
its fifteen-column INSERT anew each time, which cost more than the rest of queueing it. The row
is the same (the same fields, defaults and `pre_save` signal, in the caller's transaction), and
so is everything the backend's worker (`manage.py db_worker`) does with it.
"""

from __future__ import annotations

from typing import Any

from django_tasks.signals import task_enqueued
from django_tasks.utils import normalize_json
from django_tasks_db.backend import DatabaseBackend as TasksDatabaseBackend
from django_tasks_db.models import DBTaskResult

from juntos.core.compiled import CompiledInsert

_insert = CompiledInsert(DBTaskResult)


class DatabaseBackend(TasksDatabaseBackend):
    def _task_to_db_task(self, task: Any, args: Any, kwargs: Any) -> DBTaskResult[Any, Any]:
        row: DBTaskResult[Any, Any] = DBTaskResult(
            id=self._get_id(),
            args_kwargs=normalize_json({"args": args, "kwargs": kwargs}),
            priority=task.priority,
            task_path=task.module_path,
            queue_name=task.queue_name,
            run_after=task.run_after,
            backend_name=self.alias,
        )
        return _insert(row)

    def enqueue(self, task: Any, args: Any, kwargs: Any) -> Any:
        """As the backend's own, with the task's result made once for the signal and the
        caller (it made it twice)."""
        self.validate_task(task)
        result = self._task_to_db_task(task, args, kwargs).task_result
        task_enqueued.send(type(self), task_result=result)
        return result
