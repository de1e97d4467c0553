"""Core reads that authorise as they fetch."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from juntos.core.checkpoints import checkpoint_feed
from juntos.core.models import OutboxMessage
from juntos.core.policies import Visitor, can_read_outbox


def outbox_messages_for(user: Visitor, *, channel: str = "") -> QuerySet[OutboxMessage]:
    """The outbox, newest first, for a platform operator."""
    if not can_read_outbox(user):
        raise PermissionDenied
    messages = OutboxMessage.objects.order_by("-id")
    if channel:
        messages = messages.filter(channel=channel)
    return messages


def audit_checkpoints_published(*, limit: int) -> dict[str, object]:
    """The audit log's public key and newest signed checkpoints: public by design."""
    return checkpoint_feed(limit=limit)


def periodic_jobs() -> dict[str, tuple[str, dt.timedelta]]:
    """The configured periodic jobs: name -> (task path, interval)."""
    return {
        name: (path, dt.timedelta(seconds=seconds))
        for name, (path, seconds) in settings.JUNTOS_PERIODIC_TASKS.items()
    }
