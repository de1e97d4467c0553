"""Messages wait sealed, tasks carry only an id, and what was delivered is forgotten."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from juntos.core import tasks
from juntos.core.delivery import delivered_purge, pending_deliver
from juntos.core.models import OutboxMessage, PendingMessage
from juntos.core.services import notify
from juntos.core.transports.base import TransportError
from juntos.testing.outbox import outbox_add, outbox_messages, outbox_one

pytestmark = pytest.mark.django_db

PHONE = "+12505550177"
TEXT = "Juntos: noticias-canario-3141"
DATABASE_TASKS = {
    "default": {
        "BACKEND": "juntos.core.task_backend.DatabaseBackend",
        "QUEUES": ["default", "notifications"],
    }
}


def stored(row) -> bytes:
    return bytes(row.sealed)


@override_settings(TASKS=DATABASE_TASKS)
def test_the_task_carries_only_the_id_of_a_sealed_message(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="sms", recipient=PHONE, body=TEXT, subject="Asunto")
    queued = DBTaskResult.objects.get()
    pending = PendingMessage.objects.get()
    assert queued.args_kwargs == {"args": [], "kwargs": {"message_id": str(pending.pk)}}
    for secret in (PHONE, PHONE[1:], TEXT, "Asunto"):
        assert secret.encode() not in stored(pending)
    assert not outbox_messages()


def test_delivery_decrypts_sends_and_forgets(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="sms", recipient=PHONE, body=TEXT)
    message = outbox_one(PHONE)
    assert message.body == TEXT and message.channel == "sms"
    assert not PendingMessage.objects.exists()
    assert PHONE.encode() not in stored(OutboxMessage.objects.get())
    assert TEXT.encode() not in stored(OutboxMessage.objects.get())


@override_settings(TASKS=DATABASE_TASKS)
def test_a_message_in_rounds_has_no_task_and_waits_for_the_next_round(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="sms", recipient=PHONE, body=TEXT, in_rounds=True)
        notify(channel="whatsapp", recipient="+12505550178", body="otro", in_rounds=True)
    assert not DBTaskResult.objects.exists()
    assert not outbox_messages()
    assert tasks.deliver_waiting_messages.call() == 2
    assert [m.body for m in outbox_messages(PHONE)] == [TEXT]
    assert not PendingMessage.objects.exists()


def test_a_message_is_delivered_once_however_many_try():
    notify(channel="sms", recipient=PHONE, body=TEXT, in_rounds=True)
    message_id = PendingMessage.objects.get().pk
    assert pending_deliver(message_id) is True
    assert pending_deliver(message_id) is False
    assert len(outbox_messages(PHONE)) == 1


def test_a_failed_delivery_waits_for_the_next_round_then_is_dropped(settings):
    settings.JUNTOS_SMS_BACKEND = "http"
    settings.JUNTOS_SMS_HTTP_URL = "http://127.0.0.1:9/unreachable"
    settings.JUNTOS_TRANSPORT_TIMEOUT = 1
    settings.JUNTOS_MESSAGE_ATTEMPTS = 2
    notify(channel="sms", recipient=PHONE, body=TEXT, in_rounds=True)
    message_id = PendingMessage.objects.get().pk
    with pytest.raises(TransportError):
        pending_deliver(message_id)
    assert PendingMessage.objects.get().failed_attempts == 1
    assert tasks.deliver_waiting_messages.call() == 0  # the second failure drops it
    assert not PendingMessage.objects.exists()


def _result(status: str, finished_days_ago: float) -> DBTaskResult:
    finished = timezone.now() - dt.timedelta(days=finished_days_ago)
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {}},
        task_path="juntos.core.tasks.deliver_message",
        queue_name="notifications",
        backend_name="default",
        run_after=finished,
        finished_at=finished,
    )


def test_the_hourly_purge_forgets_finished_tasks_and_old_outbox_messages(settings):
    settings.JUNTOS_OUTBOX_KEEP_DAYS = 7
    settings.JUNTOS_FAILED_TASKS_KEEP_DAYS = 7
    done = _result("SUCCESSFUL", 0.01)
    failed_recently = _result("FAILED", 1)
    failed_long_ago = _result("FAILED", 8)
    waiting = _result("READY", 0)
    old = outbox_add("sms", PHONE, "old")
    OutboxMessage.objects.filter(pk=old.pk).update(
        recorded_on=timezone.localdate() - dt.timedelta(days=8)
    )
    recent = outbox_add("sms", PHONE, "recent")
    assert delivered_purge() == {"outbox": 1, "task_results": 2}
    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {
        failed_recently.pk,
        waiting.pk,
    }
    assert done.pk not in set(DBTaskResult.objects.values_list("pk", flat=True))
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [recent.pk]
    assert failed_long_ago.pk not in set(DBTaskResult.objects.values_list("pk", flat=True))


def test_both_jobs_are_scheduled(settings):
    jobs = settings.JUNTOS_PERIODIC_TASKS
    assert jobs["core.deliver-waiting-messages"] == (
        "juntos.core.tasks.deliver_waiting_messages",
        settings.JUNTOS_MESSAGE_ROUND_SECONDS,
    )
    assert jobs["core.purge-delivered"][0] == "juntos.core.tasks.purge_delivered"
    assert jobs["core.purge-delivered"][1] <= 60 * 60


def test_a_tampered_outbox_row_is_refused_not_shown_wrong():
    row = outbox_add("sms", PHONE, TEXT)
    damaged = bytearray(stored(row))
    damaged[-1] ^= 1
    OutboxMessage.objects.filter(pk=row.pk).update(sealed=bytes(damaged))
    from juntos.core.crypto import DecryptionError

    with pytest.raises(DecryptionError):
        _ = OutboxMessage.objects.get(pk=row.pk).body
