"""Core writes that every other app uses: audit entries and outgoing messages."""

from __future__ import annotations

from django.db import transaction

from juntos.core.audit import audit_record, audit_seal_anonymous_entries, audit_verify_chain
from juntos.core.tasks import deliver_message

__all__ = [
    "audit_record",
    "audit_seal_anonymous_entries",
    "audit_verify_chain",
    "notify",
]


def notify(*, channel: str, recipient: str, body: str, subject: str = "") -> None:
    """Queue one message for delivery once the current transaction commits.

    The caller renders subject and body in the recipient's language before calling.
    """
    transaction.on_commit(
        lambda: deliver_message.enqueue(
            channel=channel, recipient=recipient, body=body, subject=subject
        )
    )
