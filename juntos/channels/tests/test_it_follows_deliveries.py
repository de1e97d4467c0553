"""Delivery reports update a message's status; failed sends are retried with backoff, 3 times."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from juntos.channels.choices import DeliveryStatus
from juntos.channels.models import Delivery
from juntos.channels.services import delivery_sent
from juntos.channels.tests.conftest import twilio_post, whatsapp_post
from juntos.core import tasks
from juntos.core.delivery import retry_delay
from juntos.core.models import PendingMessage
from juntos.core.services import notify
from juntos.core.transports.base import TransportError

pytestmark = pytest.mark.django_db


def test_twilio_s_status_callback_updates_the_message_it_names(client):
    delivery_sent("sms", "SM11111111111111111111111111111111")
    response = twilio_post(
        client,
        "/channels/twilio/status/",
        {"MessageSid": "SM11111111111111111111111111111111", "MessageStatus": "delivered"},
    )
    assert response.status_code == 204
    assert Delivery.objects.get().status == DeliveryStatus.DELIVERED
    assert "SM1111" not in Delivery.objects.get().gateway_hash  # kept hashed


def test_meta_s_statuses_update_the_message_they_name(client):
    delivery_sent("whatsapp", "wamid.ABC")
    body = json.dumps(
        {
            "entry": [
                {"changes": [{"value": {"statuses": [{"id": "wamid.ABC", "status": "failed"}]}}]}
            ]
        }
    ).encode()
    assert whatsapp_post(client, body).status_code == 200
    assert Delivery.objects.get().status == DeliveryStatus.FAILED


def test_the_outbox_backend_names_each_message_so_its_status_can_be_followed(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(channel="sms", recipient="+12505550142", body="Hola")
    assert Delivery.objects.get().status == DeliveryStatus.SENT


def test_a_failed_send_is_retried_three_times_with_growing_waits(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend",
                                  "QUEUES": ["default", "notifications"]}}  # fmt: skip
    settings.JUNTOS_SMS_BACKEND = "http"
    settings.JUNTOS_SMS_HTTP_URL = "http://127.0.0.1:9/unreachable"
    settings.JUNTOS_TRANSPORT_TIMEOUT = 1
    from django_tasks import task_backends
    from django_tasks.backends.dummy import DummyBackend

    backend = task_backends["default"]
    assert isinstance(backend, DummyBackend)
    backend.clear()
    notify(channel="sms", recipient="+12505550142", body="Hola")
    message_id = str(PendingMessage.objects.get().pk)
    waits: list[dt.timedelta] = []
    for _attempt in range(4):
        before = timezone.now()
        with pytest.raises(TransportError):
            tasks.deliver_message.call(message_id=message_id)
        queued = [r.task.run_after for r in backend.results if r.task.run_after is not None]
        if len(queued) > len(waits):
            waits.append(queued[-1] - before)
    assert not PendingMessage.objects.exists()  # dropped after the 4th try (1 + 3 retries)
    assert len(waits) == 3
    expected = [retry_delay(n) for n in (1, 2, 3)]
    assert expected == [dt.timedelta(minutes=1), dt.timedelta(minutes=4), dt.timedelta(minutes=16)]
    for wait, want in zip(waits, expected, strict=True):
        assert want - dt.timedelta(seconds=5) <= wait <= want + dt.timedelta(seconds=5)
