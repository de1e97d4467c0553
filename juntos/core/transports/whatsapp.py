"""WhatsApp through the Cloud API's messages endpoint, or the local outbox."""

from __future__ import annotations

from django.conf import settings

from juntos.core.transports.base import Message, Transport, TransportError, post_json


def payload(message: Message) -> dict[str, object]:
    """The Cloud API's message: free text, or an approved template with the body as {{1}}."""
    to = message.recipient.lstrip("+")
    if not message.template:
        text = {"preview_url": True, "body": message.body}
        return {"messaging_product": "whatsapp", "to": to, "type": "text", "text": text}
    parameter = {"type": "text", "text": message.body}
    template = {
        "name": message.template,
        "language": {"code": message.language},
        "components": [{"type": "body", "parameters": [parameter]}],
    }
    return {"messaging_product": "whatsapp", "to": to, "type": "template", "template": template}


class CloudApiWhatsAppTransport(Transport):
    channel = "whatsapp"

    def send(self, message: Message) -> str | None:
        if not settings.JUNTOS_WHATSAPP_API_URL:
            raise TransportError("JUNTOS_WHATSAPP_API_URL is not set")
        answer = post_json(
            settings.JUNTOS_WHATSAPP_API_URL, payload(message), settings.JUNTOS_WHATSAPP_TOKEN
        )
        sent = answer.get("messages")
        if isinstance(sent, list) and sent and isinstance(sent[0], dict) and sent[0].get("id"):
            return str(sent[0]["id"])
        return None
