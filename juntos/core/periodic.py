"""Periodic jobs: enqueue each configured task once per interval, from any number of processes.

django-tasks runs tasks but does not schedule them. `manage.py schedule_periodic --loop` (or the
same command without --loop from cron) enqueues the tasks named in settings.JUNTOS_PERIODIC_TASKS
when they are due. A row lock on each job's last run makes two schedulers enqueue a job once.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from juntos.core.models import PeriodicRun

logger = logging.getLogger(__name__)


def periodic_jobs() -> dict[str, tuple[str, dt.timedelta]]:
    """The configured jobs: name -> (task path, interval)."""
    return {
        name: (path, dt.timedelta(seconds=seconds))
        for name, (path, seconds) in settings.JUNTOS_PERIODIC_TASKS.items()
    }


def periodic_enqueue_due(*, now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose interval has passed; return the names enqueued."""
    now = now or timezone.now()
    enqueued = []
    for name, (path, every) in periodic_jobs().items():
        with transaction.atomic():
            PeriodicRun.objects.get_or_create(name=name)
            run = PeriodicRun.objects.select_for_update().get(name=name)
            if run.last_enqueued_at and run.last_enqueued_at + every > now:
                continue
            task: Any = import_string(path)
            task.enqueue()
            run.last_enqueued_at = now
            run.save(update_fields=["last_enqueued_at"])
        enqueued.append(name)
        logger.info("enqueued periodic job %s", name)
    return enqueued
