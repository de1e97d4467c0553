"""WhatsApp through the Cloud API's messages endpoint, or the local outbox."""

from __future__ import annotations

from django.conf import settings

from juntos.core.transports.base import Message, Transport, TransportError, post_json


class CloudApiWhatsAppTransport(Transport):
    channel = "whatsapp"

    def send(self, message: Message) -> str | None:
        if not settings.JUNTOS_WHATSAPP_API_URL:
            raise TransportError("JUNTOS_WHATSAPP_API_URL is not set")
        answer = post_json(
            settings.JUNTOS_WHATSAPP_API_URL,
            {
                "messaging_product": "whatsapp",
                "to": message.recipient.lstrip("+"),
                "type": "text",
                "text": {"preview_url": True, "body": message.body},
            },
            settings.JUNTOS_WHATSAPP_TOKEN,
        )
        sent = answer.get("messages")
        if isinstance(sent, list) and sent and isinstance(sent[0], dict) and sent[0].get("id"):
            return str(sent[0]["id"])
        return None
