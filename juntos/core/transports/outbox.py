"""The development outbox: what the local transports "sent", sealed at rest for operators."""

from __future__ import annotations

from django.utils import timezone

from juntos.core.envelopes import Message, message_seal
from juntos.core.models import OUTBOX_CONTEXT, OutboxMessage


def outbox_record(message: Message) -> OutboxMessage:
    """Record one message as sent; operators read it decrypted on the outbox page."""
    outbox = OutboxMessage(channel=message.channel, recorded_on=timezone.localdate())
    outbox.key_version, outbox.sealed = message_seal(message, context=OUTBOX_CONTEXT)
    outbox.save(force_insert=True)
    return outbox
