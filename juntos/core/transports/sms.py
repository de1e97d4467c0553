"""SMS through an HTTP gateway (one JSON POST per message) or the local outbox."""

from __future__ import annotations

from django.conf import settings

from juntos.core.segments import sms_fit
from juntos.core.transports.base import Message, Transport, TransportError, post_json


class HttpSmsTransport(Transport):
    channel = "sms"

    def send(self, message: Message) -> str | None:
        if not settings.JUNTOS_SMS_HTTP_URL:
            raise TransportError("JUNTOS_SMS_HTTP_URL is not set")
        answer = post_json(
            settings.JUNTOS_SMS_HTTP_URL,
            {
                "to": message.recipient,
                "from": settings.JUNTOS_SMS_SENDER,
                # Past 3 segments, whole words and a link (juntos/core/segments.py).
                "text": sms_fit(message.body, fallback_link=settings.SITE_URL),
            },
            settings.JUNTOS_SMS_HTTP_TOKEN,
        )
        gateway_id = answer.get("sid") or answer.get("id")
        return str(gateway_id) if gateway_id else None
