"""WhatsApp through the Cloud API's messages endpoint, or the local outbox."""

from __future__ import annotations

from django.conf import settings

from juntos.core.transports.base import Message, Transport, TransportError, post_json


class CloudApiWhatsAppTransport(Transport):
    channel = "whatsapp"

    def send(self, message: Message) -> None:
        if not settings.JUNTOS_WHATSAPP_API_URL:
            raise TransportError("JUNTOS_WHATSAPP_API_URL is not set")
        post_json(
            settings.JUNTOS_WHATSAPP_API_URL,
            {
                "messaging_product": "whatsapp",
                "to": message.recipient.lstrip("+"),
                "type": "text",
                "text": {"preview_url": True, "body": message.body},
            },
            settings.JUNTOS_WHATSAPP_TOKEN,
        )
