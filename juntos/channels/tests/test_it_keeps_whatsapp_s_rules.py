"""WhatsApp: free text within 24 hours of her message; after, a template in her language, or SMS."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from juntos.channels.models import Correspondent
from juntos.channels.numbers import number_hash
from juntos.channels.tests.conftest import ROSA
from juntos.core.services import notify
from juntos.core.transports.whatsapp import payload
from juntos.testing.outbox import outbox_last, outbox_messages

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _template(settings):
    settings.JUNTOS_CHANNELS_WHATSAPP_TEMPLATE = "juntos_notice:es,en"


def _send(capture, language: str) -> None:
    with capture(execute=True):
        notify(channel="whatsapp", recipient=ROSA, body="Un derecho cambió.", language=language)


def test_within_the_window_her_reply_is_free_text(whatsapp, django_capture_on_commit_callbacks):
    whatsapp("AYUDA")  # her message opens the window
    _send(django_capture_on_commit_callbacks, "fr")
    message = outbox_last(ROSA).message
    assert (message.channel, message.template) == ("whatsapp", "")


def test_the_window_counts_from_the_hour_and_never_claims_more_than_24_hours(whatsapp):
    before = timezone.now()
    whatsapp("AYUDA")
    until = Correspondent.objects.get().whatsapp_window_until
    assert until is not None
    assert before + dt.timedelta(hours=23) <= until <= before + dt.timedelta(hours=24)


def test_outside_the_window_the_approved_template_carries_it(django_capture_on_commit_callbacks):
    _send(django_capture_on_commit_callbacks, "es")
    message = outbox_last(ROSA).message
    assert (message.channel, message.template, message.language) == (
        "whatsapp",
        "juntos_notice",
        "es",
    )
    sent = payload(message)
    assert sent["type"] == "template"
    assert sent["template"] == {
        "name": "juntos_notice",
        "language": {"code": "es"},
        "components": [
            {"type": "body", "parameters": [{"type": "text", "text": "Un derecho cambió."}]}
        ],
    }


def test_with_no_template_in_her_language_it_goes_by_sms(django_capture_on_commit_callbacks):
    Correspondent.objects.create(
        number_hash=number_hash(ROSA),
        whatsapp_window_until=timezone.now() - dt.timedelta(minutes=1),  # closed a minute ago
    )
    _send(django_capture_on_commit_callbacks, "fr")
    assert [m.channel for m in outbox_messages(ROSA)] == ["sms"]
    assert outbox_last(ROSA).body == "Un derecho cambió."
