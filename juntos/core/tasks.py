"""Background tasks of the core: delivering messages, sealing anonymous audit entries, purges."""

from __future__ import annotations

import logging

from django_tasks import task

from juntos.core.audit import audit_seal_anonymous_entries
from juntos.core.ratelimit import rate_purge_expired
from juntos.core.transports.base import Message
from juntos.core.transports.registry import transport_for

logger = logging.getLogger(__name__)


@task(queue_name="notifications")
def deliver_message(*, channel: str, recipient: str, body: str, subject: str = "") -> None:
    """Send one message through the transport configured for its channel."""
    transport_for(channel).send(
        Message(channel=channel, recipient=recipient, body=body, subject=subject)
    )
    logger.info("delivered a message on %s", channel)


@task()
def seal_anonymous_audit_entries() -> int:
    """Daily: move yesterday's anonymous audit entries into the chain, shuffled."""
    return audit_seal_anonymous_entries()


@task()
def purge_expired_throttles() -> int:
    """Hourly: delete the throttle counters whose window has ended."""
    return rate_purge_expired()
