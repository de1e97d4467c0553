"""Background tasks of the core: delivering messages, keeping the audit log sealed, purges.

Task arguments are stored by the task backend (a table, with times), so they carry ids only:
the message itself waits sealed in `PendingMessage` and is decrypted at delivery.
"""

from __future__ import annotations

import logging

from django.utils import timezone
from django_tasks import task

from juntos.core.audit import audit_seal_chain
from juntos.core.checkpoints import checkpoint_make
from juntos.core.dayseal import day_seal
from juntos.core.delivery import (
    delivered_purge,
    failed_attempts,
    pending_deliver,
    pending_deliver_all,
    retry_delay,
)
from juntos.core.ratelimit import rate_purge_expired
from juntos.core.transports.base import TransportError

logger = logging.getLogger(__name__)


@task(queue_name="notifications")
def deliver_message(*, message_id: str) -> None:
    """Send one waiting message through the transport configured for its channel.

    A failure schedules another try with backoff (1, 4, 16 minutes by default) while the message
    has attempts left (JUNTOS_MESSAGE_ATTEMPTS: the first and 3 retries); the round of waiting
    messages may also pick it up, from the same count. Then it is dropped.
    """
    try:
        pending_deliver(message_id)
    except TransportError:
        failures = failed_attempts(message_id)
        if failures is not None and deliver_message.get_backend().supports_defer:
            later = deliver_message.using(run_after=timezone.now() + retry_delay(failures))
            later.enqueue(message_id=message_id)
            logger.warning("a message failed %s times; it is tried again later", failures)
        raise


@task(queue_name="notifications")
def deliver_waiting_messages() -> int:
    """Every round: send every waiting message in random order (see core/delivery.py)."""
    return pending_deliver_all()


@task()
def purge_delivered() -> dict[str, int]:
    """Hourly: forget finished task results and the development outbox's old messages."""
    return delivered_purge()


@task()
def seal_audit_chain() -> int:
    """Every minute: give new audit entries their place in the chain."""
    return audit_seal_chain()


@task()
def make_audit_checkpoint() -> int:
    """Hourly: sign and publish the chain's head and the anonymous queue's size."""
    return checkpoint_make().sequence


@task()
def seal_anonymous_audit_entries() -> int:
    """Daily: earlier days' anonymous entries join the chain shuffled; their rows are rewritten."""
    return day_seal()


@task()
def purge_expired_throttles() -> int:
    """Hourly: delete the throttle counters whose window has ended."""
    return rate_purge_expired()
