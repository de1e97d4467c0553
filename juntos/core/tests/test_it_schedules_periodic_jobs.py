import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone

from juntos.core.models import AuditEntry, PendingAnonymousAuditEntry, PeriodicRun
from juntos.core.services import periodic_enqueue_due

pytestmark = pytest.mark.django_db


@pytest.fixture
def one_job(settings):
    settings.JUNTOS_PERIODIC_TASKS = {
        "seal": ("juntos.core.tasks.seal_anonymous_audit_entries", 3600)
    }


def test_a_due_job_is_enqueued_once_per_interval(one_job):
    now = timezone.now()
    assert periodic_enqueue_due(now=now) == ["seal"]
    assert periodic_enqueue_due(now=now + dt.timedelta(minutes=59)) == []
    assert periodic_enqueue_due(now=now + dt.timedelta(minutes=61)) == ["seal"]
    assert PeriodicRun.objects.get().last_enqueued_at == now + dt.timedelta(minutes=61)


def test_the_enqueued_task_runs(one_job):
    # Queued yesterday (the queue refuses updates, so it is written with that day).
    PendingAnonymousAuditEntry.objects.create(
        occurred_on=timezone.localdate() - dt.timedelta(days=1), action="test.anonymous"
    )
    call_command("schedule_periodic")
    assert AuditEntry.objects.filter(action="test.anonymous").exists()


def test_every_configured_job_names_a_real_task():
    from django.conf import settings
    from django.utils.module_loading import import_string

    for path, seconds in settings.JUNTOS_PERIODIC_TASKS.values():
        assert hasattr(import_string(path), "enqueue"), path
        assert seconds >= 60
