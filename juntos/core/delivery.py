"""Delivering messages: sealed while they wait, decrypted only to hand to the transport.

`services.notify` stores a `PendingMessage` (one ciphertext: channel, address, subject, body) in
the caller's transaction and, on commit, queues `tasks.deliver_message` with the row's id only.
A message for someone who must stay anonymous is not queued: it waits for the next round
(`tasks.deliver_waiting_messages`, every JUNTOS_MESSAGE_ROUND_SECONDS), which sends everything
waiting in random order, so no task's time pairs with the action that caused the message.
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import uuid
from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from juntos.core.compiled import CompiledInsert
from juntos.core.envelopes import Message, message_seal, message_unseal
from juntos.core.models import OutboxMessage, PendingMessage
from juntos.core.transports.base import TransportError
from juntos.core.transports.registry import transport_for

logger = logging.getLogger(__name__)

# One row for every message sent: its INSERT compiled once per connection (core.compiled).
_insert_pending = CompiledInsert(PendingMessage)

# Apps above core know two things core cannot: whether an address has opted out of every
# channel (a STOP by SMS), and what a gateway later says about a message it took. They register
# a check and a listener when they start (AppConfig.ready).
DeliveryBlock = Callable[[Message], bool]
DeliveryRoute = Callable[[Message], Message]  # may change the channel or make it a template
SentListener = Callable[[str, str], None]  # (channel, the gateway's id for the message)
_blocks: list[DeliveryBlock] = []
_sent_listeners: list[SentListener] = []
_routes: list[DeliveryRoute] = []


def delivery_block_register(block: DeliveryBlock) -> None:
    """`block(message)` True: the message is dropped unsent (an opt-out's confirmation aside)."""
    if block not in _blocks:
        _blocks.append(block)


def delivery_route_register(route: DeliveryRoute) -> None:
    """`route(message)` gives the message to send instead (WhatsApp's window, for one)."""
    if route not in _routes:
        _routes.append(route)


def sent_listener_register(listener: SentListener) -> None:
    """`listener(channel, gateway_id)` runs after a gateway took a message and named it."""
    if listener not in _sent_listeners:
        _sent_listeners.append(listener)


def _blocked(message: Message) -> bool:
    return not message.final and any(block(message) for block in _blocks)


def _pending_context(message_id: uuid.UUID | str) -> str:
    return f"pending:{message_id}"


def pending_create(message: Message) -> PendingMessage:
    """Store one message sealed until delivery (the caller's transaction decides if it exists).

    Nothing says whether it waits for its own task or for the next round: both look alike.
    """
    pending = PendingMessage(id=uuid.uuid4())
    pending.key_version, pending.sealed = message_seal(
        message, context=_pending_context(pending.id)
    )
    return _insert_pending(pending)


def pending_deliver(message_id: uuid.UUID | str) -> bool:
    """Send one waiting message and forget it; False if it was already sent.

    A transport error leaves it waiting (the next round retries it) and is raised again, so the
    task is recorded as failed; after JUNTOS_MESSAGE_ATTEMPTS failures it is dropped.
    """
    try:
        with transaction.atomic():
            pending = (
                PendingMessage.objects.select_for_update(skip_locked=True)
                .filter(pk=message_id)
                .first()
            )
            if pending is None:
                return False
            message = message_unseal(
                pending.key_version, pending.sealed, context=_pending_context(pending.pk)
            )
            pending.delete()
            if _blocked(message):
                logger.info("dropped a message on %s: the address opted out", message.channel)
                return False
            for route in _routes:
                message = route(message)
            gateway_id = transport_for(message.channel).send(message)
    except TransportError:
        _count_failure(message_id)
        raise
    logger.info("delivered a message on %s", message.channel)
    if gateway_id:
        for listener in _sent_listeners:
            listener(message.channel, gateway_id)
    return True


def failed_attempts(message_id: uuid.UUID | str) -> int | None:
    """How often this waiting message failed, or None once it is sent or dropped."""
    row = PendingMessage.objects.filter(pk=message_id).values_list("failed_attempts").first()
    return None if row is None else row[0]


def retry_delay(failures: int) -> dt.timedelta:
    """Backoff before the next try: JUNTOS_MESSAGE_RETRY_SECONDS, then 4 and 16 times that."""
    return dt.timedelta(seconds=settings.JUNTOS_MESSAGE_RETRY_SECONDS * 4 ** max(0, failures - 1))


def _count_failure(message_id: uuid.UUID | str) -> None:
    waiting = PendingMessage.objects.filter(pk=message_id)
    attempts = settings.JUNTOS_MESSAGE_ATTEMPTS
    if waiting.filter(failed_attempts__gte=attempts - 1).delete()[0]:
        logger.warning("dropped a message after %s failed deliveries", attempts)
    else:
        waiting.update(failed_attempts=F("failed_attempts") + 1)


def pending_deliver_all() -> int:
    """One round: every waiting message, in random order; returns how many were sent."""
    ids = list(PendingMessage.objects.values_list("pk", flat=True))
    random.SystemRandom().shuffle(ids)
    sent = 0
    for message_id in ids:
        try:
            sent += pending_deliver(message_id)
        except TransportError:
            logger.warning("a message could not be delivered; it waits for the next round")
    return sent


def delivered_purge(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Forget what was delivered: old outbox rows, finished task results."""
    now = now or timezone.now()
    outbox_before = timezone.localdate(now) - dt.timedelta(days=settings.JUNTOS_OUTBOX_KEEP_DAYS)
    purged = {"outbox": OutboxMessage.objects.filter(recorded_on__lt=outbox_before).delete()[0]}
    purged["task_results"] = _task_results_purge(now)
    return purged


def _task_results_purge(now: dt.datetime) -> int:
    """Successful task results at once, failed ones after JUNTOS_FAILED_TASKS_KEEP_DAYS."""
    if not apps.is_installed("django_tasks_db"):
        return 0
    from django_tasks_db.models import DBTaskResult

    failed_before = now - dt.timedelta(days=settings.JUNTOS_FAILED_TASKS_KEEP_DAYS)
    successful = DBTaskResult.objects.successful().delete()[0]
    failed = DBTaskResult.objects.failed().filter(finished_at__lt=failed_before).delete()[0]
    return successful + failed
