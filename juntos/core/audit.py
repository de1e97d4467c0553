"""Writing and verifying the hash-chained audit log.

Every service calls `audit_record` inside its transaction, so the entry commits or rolls back
with the change it describes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from juntos.core.models import AuditEntry, AuditHead, PendingAnonymousAuditEntry

GENESIS_HASH = "0" * 64


def entry_digest(
    *,
    previous_hash: str,
    sequence: int,
    occurred_at: dt.datetime,
    actor_id: int | None,
    actor_label: str,
    organisation_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    details: dict[str, Any],
) -> str:
    """The SHA-256 over an entry's content and its predecessor's hash."""
    payload = json.dumps(
        {
            "previous": previous_hash,
            "sequence": sequence,
            "at": occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor": actor_id,
            "actor_label": actor_label,
            "organisation": organisation_id,
            "action": action,
            "object_type": object_type,
            "object_id": object_id,
            "details": details,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _append(
    *,
    occurred_at: dt.datetime,
    actor: Any,
    organisation_id: int | None,
    action: str,
    object_type: str,
    object_id: str,
    details: dict[str, Any],
) -> AuditEntry:
    head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1)
    sequence = head.last_sequence + 1
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    actor_label = str(actor) if actor_id else ""
    digest = entry_digest(
        previous_hash=head.last_hash,
        sequence=sequence,
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_label=actor_label,
        organisation_id=organisation_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=details,
    )
    entry = AuditEntry.objects.create(
        sequence=sequence,
        occurred_at=occurred_at,
        actor_id=actor_id,
        actor_label=actor_label,
        organisation_id=organisation_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=details,
        previous_hash=head.last_hash,
        entry_hash=digest,
    )
    AuditHead.objects.filter(pk=1).update(last_sequence=sequence, last_hash=digest)
    return entry


def audit_record(
    *,
    actor: Any,
    action: str,
    target: Any = None,
    organisation_id: int | None = None,
    details: dict[str, Any] | None = None,
    anonymous: bool = False,
) -> None:
    """Add an audit entry for an action; anonymous flows are queued with the day only."""
    object_type = target._meta.label_lower if target is not None else ""
    object_id = str(target.pk) if target is not None else ""
    if anonymous:
        PendingAnonymousAuditEntry.objects.create(
            occurred_on=timezone.localdate(),
            action=action,
            object_type=object_type,
            object_id=object_id,
            organisation_id=organisation_id,
            details=details or {},
        )
        return
    with transaction.atomic():
        _append(
            occurred_at=timezone.now(),
            actor=actor,
            organisation_id=organisation_id,
            action=action,
            object_type=object_type,
            object_id=object_id,
            details=details or {},
        )


def audit_seal_anonymous_entries(*, before: dt.date | None = None) -> int:
    """Append queued anonymous entries from days before `before` in random order."""
    before = before or timezone.localdate()
    with transaction.atomic():
        pending = list(
            PendingAnonymousAuditEntry.objects.select_for_update().filter(occurred_on__lt=before)
        )
        random.SystemRandom().shuffle(pending)
        for item in pending:
            _append(
                occurred_at=dt.datetime.combine(item.occurred_on, dt.time(), tzinfo=dt.UTC),
                actor=None,
                organisation_id=item.organisation_id,
                action=item.action,
                object_type=item.object_type,
                object_id=item.object_id,
                details=item.details,
            )
        PendingAnonymousAuditEntry.objects.filter(pk__in=[p.pk for p in pending]).delete()
    return len(pending)


@dataclass(frozen=True)
class ChainBreak:
    sequence: int
    reason: str


def audit_verify_chain(*, batch_size: int = 2000) -> ChainBreak | None:
    """Walk the whole chain; return the first entry that does not match, or None."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    for entry in AuditEntry.objects.order_by("sequence").iterator(chunk_size=batch_size):
        if entry.sequence != expected_sequence:
            return ChainBreak(expected_sequence, "entry is missing")
        if entry.previous_hash != expected_previous:
            return ChainBreak(entry.sequence, "previous hash does not match")
        digest = entry_digest(
            previous_hash=entry.previous_hash,
            sequence=entry.sequence,
            occurred_at=entry.occurred_at,
            actor_id=entry.actor_id,
            actor_label=entry.actor_label,
            organisation_id=entry.organisation_id,
            action=entry.action,
            object_type=entry.object_type,
            object_id=entry.object_id,
            details=entry.details,
        )
        if digest != entry.entry_hash:
            return ChainBreak(entry.sequence, "content was changed")
        expected_previous = entry.entry_hash
        expected_sequence += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head and head.last_sequence != expected_sequence - 1:
        return ChainBreak(expected_sequence, "the newest entries are missing")
    return None
