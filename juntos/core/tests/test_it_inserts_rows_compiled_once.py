"""A `CompiledInsert` writes the row `save(force_insert=True)` writes, with the same signals and
defaults, in the caller's transaction; the database queue's tasks are rows the worker runs."""

from __future__ import annotations

import uuid

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models.signals import post_save, pre_save
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from juntos.accounts.models import User
from juntos.core.compiled import CompiledInsert
from juntos.core.models import PendingMessage
from juntos.core.services import notify
from juntos.core.tasks import deliver_message
from juntos.testing.outbox import outbox_last

pytestmark = pytest.mark.django_db(transaction=True)

QUEUE = {
    "default": {
        "BACKEND": "juntos.core.task_backend.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}


def _stored(model, pk):
    row = model.objects.filter(pk=pk).values().get()
    return {k: v for k, v in row.items() if k not in {"id", "enqueued_at"}}


def test_a_row_is_the_one_save_writes_with_its_signals():
    insert = CompiledInsert(PendingMessage)
    seen = []

    def record(sender, instance, **kwargs):
        seen.append((sender, kwargs.get("created"), kwargs["using"]))

    pre_save.connect(record, sender=PendingMessage)
    post_save.connect(record, sender=PendingMessage)
    try:
        for sealed in (b"first", b"second", b"\x00\xff"):
            mine = insert(PendingMessage(id=uuid.uuid4(), key_version=2, sealed=sealed))
            theirs = PendingMessage(id=uuid.uuid4(), key_version=2, sealed=sealed)
            theirs.save(force_insert=True)
            assert _stored(PendingMessage, mine.pk) == _stored(PendingMessage, theirs.pk)
            assert not mine._state.adding and mine._state.db == "default"
    finally:
        pre_save.disconnect(record, sender=PendingMessage)
        post_save.disconnect(record, sender=PendingMessage)
    # pre_save then post_save (created), for each insert as for each save
    assert seen == [(PendingMessage, None, "default"), (PendingMessage, True, "default")] * 6


def test_a_row_rolls_back_with_the_caller_s_transaction():
    insert = CompiledInsert(PendingMessage)
    with pytest.raises(RuntimeError), transaction.atomic():
        insert(PendingMessage(id=uuid.uuid4(), key_version=1, sealed=b"x"))
        raise RuntimeError
    assert not PendingMessage.objects.exists()


def test_the_same_primary_key_twice_is_refused_as_save_refuses_it():
    from django.db import IntegrityError

    insert = CompiledInsert(PendingMessage)
    key = uuid.uuid4()
    insert(PendingMessage(id=key, key_version=1, sealed=b"x"))
    with pytest.raises(IntegrityError), transaction.atomic():
        insert(PendingMessage(id=key, key_version=1, sealed=b"y"))
    assert PendingMessage.objects.get(pk=key).sealed == b"x"


def test_models_it_cannot_insert_as_save_would_are_refused():
    with pytest.raises(ValueError, match="simply inserted"):
        CompiledInsert(User)  # an auto-incremented key the database gives
    with pytest.raises(ValueError, match="primary key"):
        CompiledInsert(PendingMessage)(PendingMessage(id=None, key_version=1, sealed=b"x"))


@override_settings(TASKS=QUEUE)
def test_a_queued_task_is_the_row_the_backend_would_write_and_the_worker_runs_it():
    with CaptureQueriesContext(connection) as queries:
        result = deliver_message.enqueue(message_id=str(uuid.uuid4()))
    assert len(queries) == 1
    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == "READY" and row.queue_name == "notifications"
    assert row.task_path == "juntos.core.tasks.deliver_message" and row.run_after is not None
    assert row.args_kwargs == {"args": [], "kwargs": {"message_id": result.kwargs["message_id"]}}
    assert row.enqueued_at is not None and row.backend_name == "default"
    # A message queued through it is sent by the database queue's worker.
    notify(channel="sms", recipient="+12505550101", body="Hola", language="es")
    call_command("db_worker", batch=True, queue_name="*", no_startup_delay=True, verbosity=0)
    assert outbox_last("+12505550101").body == "Hola"
