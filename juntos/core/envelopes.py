"""Sealing a message (address, subject, body) for the time it must be stored.

A message waits in the database until a worker delivers it, and the development transports keep
what they "sent" for operators to read. Both are sealed with AES-GCM under a key derived from the
keyring (the environment), bound to what the row is, so a copy of the database, its WAL or a
backup shows neither who was told nor what.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from juntos.core import crypto

PURPOSE = "messages"


@dataclass(frozen=True)
class Message:
    """One message to one address on one channel, already in the recipient's language."""

    channel: str
    recipient: str
    body: str
    subject: str = ""
    # The confirmation of an opt-out: the one message still sent to an address that opted out.
    final: bool = False
    # The language it is written in ("" when the caller did not say), and for WhatsApp outside
    # the 24-hour window, the approved template that carries the body as its one parameter.
    language: str = ""
    template: str = ""
    # Email only: the address a reply goes to (a Reply-To header), when the sender takes replies.
    reply_to: str = ""


def message_seal(message: Message, *, context: str) -> tuple[int, bytes]:
    """The message as (key version, ciphertext), bound to `context` (e.g. the row's kind and id)."""
    ring = crypto.keyring()
    version = ring.current_version
    fields: list[object] = [message.channel, message.recipient, message.subject, message.body]
    extra = {
        name: value
        for name, value in (
            ("final", message.final),
            ("language", message.language),
            ("template", message.template),
            ("reply_to", message.reply_to),
        )
        if value
    }
    if extra:
        fields.append(extra)
    plaintext = json.dumps(fields).encode()
    return version, crypto.encrypt(
        ring.key(version, PURPOSE), plaintext, context=f"message:{context}"
    )


def message_unseal(version: int, sealed: bytes, *, context: str) -> Message:
    """Reverse of message_seal(); raises crypto.DecryptionError if anything was changed."""
    plaintext = crypto.decrypt(
        crypto.keyring().key(version, PURPOSE), bytes(sealed), context=f"message:{context}"
    )
    channel, recipient, subject, body, *rest = json.loads(plaintext)
    extra = rest[0] if rest and isinstance(rest[0], dict) else {}
    return Message(
        channel=channel,
        recipient=recipient,
        subject=subject,
        body=body,
        final=bool(extra.get("final")),
        language=str(extra.get("language", "")),
        template=str(extra.get("template", "")),
        reply_to=str(extra.get("reply_to", "")),
    )
