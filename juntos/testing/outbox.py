"""Reading the development outbox in tests: its rows are sealed, so filter what they decrypt to."""

from __future__ import annotations

from juntos.core.models import OutboxMessage
from juntos.core.transports.base import Message
from juntos.core.transports.outbox import outbox_record


def outbox_messages(
    recipient: str | None = None, *, channel: str | None = None, contains: str | None = None
) -> list[OutboxMessage]:
    """Recorded messages, oldest first, to this address, on this channel, containing this text."""
    rows = OutboxMessage.objects.order_by("id")
    if channel:
        rows = rows.filter(channel=channel)
    return [
        row
        for row in rows
        if (recipient is None or row.recipient == recipient)
        and (contains is None or contains in row.body)
    ]


def outbox_last(recipient: str | None = None, *, channel: str | None = None) -> OutboxMessage:
    """The newest message recorded for this address (fails if there is none)."""
    found = outbox_messages(recipient, channel=channel)
    assert found, f"no message in the outbox for {recipient!r}"
    return found[-1]


def outbox_one(recipient: str | None = None, *, channel: str | None = None) -> OutboxMessage:
    """The only message recorded for this address (fails on none or several)."""
    found = outbox_messages(recipient, channel=channel)
    assert len(found) == 1, f"{len(found)} messages in the outbox for {recipient!r}"
    return found[0]


def outbox_add(channel: str, recipient: str, body: str, subject: str = "") -> OutboxMessage:
    """Record a message as a development transport would."""
    return outbox_record(Message(channel=channel, recipient=recipient, body=body, subject=subject))
