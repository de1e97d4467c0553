from __future__ import annotations

import json
import urllib.request
from abc import ABC, abstractmethod
from typing import ClassVar

from django.conf import settings

from juntos.core.envelopes import Message

__all__ = ["Message", "OutboxTransport", "Transport", "TransportError", "post_json"]


class TransportError(Exception):
    """The channel refused or failed to take the message; the task may retry."""


class Transport(ABC):
    """Base class: a transport knows how to deliver a Message on its channel."""

    channel: ClassVar[str]

    @abstractmethod
    def send(self, message: Message) -> str | None:
        """Deliver the message or raise TransportError; the gateway's id for it, if it gave one."""


class OutboxTransport(Transport):
    """Development backend: records the message, sealed, in the local outbox operators read."""

    def __init__(self, channel: str) -> None:
        self.channel = channel  # type: ignore[misc]

    def send(self, message: Message) -> str | None:
        from juntos.core.transports.outbox import outbox_record

        return f"outbox-{outbox_record(message).pk}"


def post_json(url: str, payload: dict[str, object], token: str) -> dict[str, object]:
    """POST JSON to a gateway with a bearer token; raise TransportError on any failure."""
    if not url.startswith(("https://", "http://")):
        raise TransportError("gateway URL must be http(s)")
    request = urllib.request.Request(  # noqa: S310 - scheme checked above
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(  # noqa: S310
            request, timeout=settings.JUNTOS_TRANSPORT_TIMEOUT
        ) as response:
            body = response.read()
    except OSError as exc:
        raise TransportError(str(exc)) from exc
    return json.loads(body) if body else {}
