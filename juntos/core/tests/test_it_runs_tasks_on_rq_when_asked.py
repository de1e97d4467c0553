"""At scale the tasks can run through Redis and RQ's workers (django-tasks-rq): the same
tasks, the same sealed messages, and the queue in Redis holds only a message's id."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import override_settings

from juntos.core.services import notify
from juntos.testing.outbox import outbox_messages
from juntos.testing.redis import redis_server

pytestmark = pytest.mark.django_db


@pytest.fixture
def rq_backend() -> Iterator[str]:
    with redis_server() as url:
        queues = {name: {"URL": url} for name in ("default", "notifications")}
        tasks = {
            "default": {
                "BACKEND": "django_tasks_rq.RQBackend",
                "QUEUES": ["default", "notifications"],
            }
        }
        with override_settings(TASKS=tasks, RQ_QUEUES=queues):
            yield url


def test_a_message_goes_through_redis_and_an_rq_worker(
    rq_backend, django_capture_on_commit_callbacks
):
    import django_rq
    from django_tasks_rq import Job

    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="sms", recipient="+12505550101", body="Hola Rosa, tu clase es mañana")
    assert outbox_messages("+12505550101") == []  # waiting in Redis, not yet sent
    queue = django_rq.get_queue("notifications")
    [job] = [Job.fetch(job_id, connection=queue.connection) for job_id in queue.job_ids]
    assert job.args == [] or job.args == ()
    assert list(job.kwargs) == ["message_id"]  # the sealed row's id, never the address or text
    assert "+12505550101" not in str(job.kwargs) and "Rosa" not in str(job.kwargs)
    # In this process (the test's database is this process's), as a forking worker would.
    worker = django_rq.get_worker(
        "notifications", job_class=Job, worker_class="rq.worker.SimpleWorker"
    )
    assert worker.work(burst=True)
    [sent] = outbox_messages("+12505550101")
    assert sent.body == "Hola Rosa, tu clase es mañana"


def test_the_setting_names_rq_and_its_redis(monkeypatch):
    import runpy
    from pathlib import Path

    import juntos

    settings_file = str(Path(juntos.__file__).parent / "settings.py")
    monkeypatch.setenv("DJANGO_DEBUG", "1")
    monkeypatch.setenv("JUNTOS_TASKS_BACKEND", "django_tasks_rq.RQBackend")
    monkeypatch.setenv("REDIS_URL", "redis://127.0.0.1:6391/0")
    loaded = runpy.run_path(settings_file)
    assert {"django_rq", "django_tasks_rq"} <= set(loaded["INSTALLED_APPS"])
    assert loaded["RQ_QUEUES"]["notifications"] == {"URL": "redis://127.0.0.1:6391/0"}
    monkeypatch.setenv("JUNTOS_RQ_URL", "redis://127.0.0.1:6392/3")
    assert runpy.run_path(settings_file)["RQ_QUEUES"]["default"]["URL"].endswith(":6392/3")
    monkeypatch.delenv("JUNTOS_TASKS_BACKEND")
    assert "django_rq" not in runpy.run_path(settings_file)["INSTALLED_APPS"]
