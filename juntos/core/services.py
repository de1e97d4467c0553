"""Core writes that every other app uses: audit entries and outgoing messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction

from juntos.core.audit import audit_record, audit_seal_anonymous_entries, audit_verify_chain
from juntos.core.tasks import deliver_message

__all__ = [
    "audit_record",
    "audit_seal_anonymous_entries",
    "audit_verify_chain",
    "fact_record",
    "fact_sink_register",
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


# The fact ledger lives in the monitoring app, a layer above the domain apps. Domain apps call
# `fact_record` here; monitoring registers the real recorder when it starts.
_fact_sinks: list[Callable[..., None]] = []


def fact_sink_register(sink: Callable[..., None]) -> None:
    """Called once by the monitoring app at start-up."""
    if sink not in _fact_sinks:
        _fact_sinks.append(sink)


def fact_record(*, kind: str, **dimensions: Any) -> None:
    """Record one coarse fact (kind, month and dimensions; never a person) in the ledger."""
    if not _fact_sinks:
        raise RuntimeError("no fact ledger is installed (is juntos.monitoring in INSTALLED_APPS?)")
    for sink in _fact_sinks:
        sink(kind=kind, **dimensions)
