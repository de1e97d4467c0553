"""SMS through an HTTP gateway (one JSON POST per message) or the local outbox."""

from __future__ import annotations

from django.conf import settings

from juntos.core.transports.base import Message, Transport, TransportError, post_json

# A long SMS is split by carriers into segments; past this many characters it gets expensive
# and arrives out of order on cheap phones, so callers should link to the page instead.
SMS_MAX_CHARS = 640


class HttpSmsTransport(Transport):
    channel = "sms"

    def send(self, message: Message) -> None:
        if not settings.JUNTOS_SMS_HTTP_URL:
            raise TransportError("JUNTOS_SMS_HTTP_URL is not set")
        post_json(
            settings.JUNTOS_SMS_HTTP_URL,
            {
                "to": message.recipient,
                "from": settings.JUNTOS_SMS_SENDER,
                "text": message.body[:SMS_MAX_CHARS],
            },
            settings.JUNTOS_SMS_HTTP_TOKEN,
        )
