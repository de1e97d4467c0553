"""Every page and webhook of the channels app, and who may use it."""

from __future__ import annotations

from juntos.testing.access import NOBODY, Access

OPERATORS = frozenset({"admin"})  # platform operators: the outbox's readers

ACCESS = [
    Access(
        "channels:simulator",
        allow=OPERATORS,
        note="its replies come from the outbox, which holds people's numbers",
    ),
    Access(
        "channels:simulator",
        method="POST",
        allow=OPERATORS,
        data=lambda p, kw: {"channel": "sms", "number": "+12505550142", "text": "AYUDA"},
    ),
    # The gateways' webhooks: no persona at all, only a request signed with the gateway's
    # secret (tests in test_it_checks_signatures.py); anyone else gets 403 and stores nothing.
    Access("channel_hooks:twilio_sms", method="POST", allow=NOBODY, note="Twilio's signature"),
    Access("channel_hooks:twilio_status", method="POST", allow=NOBODY, note="Twilio's signature"),
    Access("channel_hooks:voice", method="POST", allow=NOBODY, note="Twilio's signature"),
    Access("channel_hooks:whatsapp", allow=NOBODY, note="Meta's verify token"),
    Access("channel_hooks:whatsapp", method="POST", allow=NOBODY, note="Meta's signature"),
]
