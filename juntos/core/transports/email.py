"""Email: Django's mail backends do the sending; this adds the outbox backend for development."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend

from juntos.core.transports.base import Message, Transport


class EmailTransport(Transport):
    channel = "email"

    def send(self, message: Message) -> str | None:
        EmailMessage(
            message.subject,
            message.body,
            None,
            [message.recipient],
            reply_to=[message.reply_to] if message.reply_to else None,
        ).send(fail_silently=False)
        return None


class OutboxEmailBackend(BaseEmailBackend):
    """A Django email backend that writes each message, sealed, to the local outbox."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        from juntos.core.transports.outbox import outbox_record

        for email in email_messages:
            for recipient in email.recipients():
                outbox_record(
                    Message(
                        channel="email",
                        recipient=recipient,
                        subject=str(email.subject),
                        body=str(email.body),
                        reply_to=", ".join(email.reply_to),
                    )
                )
        return len(email_messages)
