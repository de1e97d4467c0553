"""Writing, sealing and verifying the audit log.

Every service calls `audit_record` inside its transaction, so the entry commits or rolls back
with the change it describes. An append is a plain insert: no shared row is locked, so
audited writes on many processes never wait for each other. The sealer (`audit_seal_chain`,
a task every minute, and run inline by checkpoints and `audit_verify`) then gives the entries
that have committed their places in the chain, in id order, each with an HMAC over its content
and the previous hash, as certificate-transparency logs merge their pending entries.
Checkpoints (`juntos/core/checkpoints.py`) sign the head so that a rewrite with the key, or a
truncation, is still caught by anyone holding a published checkpoint.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from juntos.core import crypto
from juntos.core.models import AuditEntry, AuditHead, PendingAnonymousAuditEntry

GENESIS_HASH = "0" * 64
SEAL_BATCH = 2000


def entry_digest(*, previous_hash: str, sequence: int, entry: AuditEntry) -> str:
    """The HMAC-SHA256, under the audit key, of an entry's content and its predecessor's hash."""
    payload = json.dumps(
        {
            "previous": previous_hash,
            "sequence": sequence,
            "at": entry.occurred_at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
            "actor": entry.actor_id,
            "actor_label": entry.actor_label,
            "organisation": entry.organisation_id,
            "action": entry.action,
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "details": entry.details,
            "anonymous": entry.anonymous,
        },
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=True,
    )
    return hmac.new(crypto.audit_chain_key(), payload.encode(), hashlib.sha256).hexdigest()


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
    actor_id = actor.pk if actor is not None and actor.is_authenticated else None
    AuditEntry.objects.create(
        occurred_at=timezone.now(),
        actor_id=actor_id,
        actor_label=str(actor) if actor_id else "",
        organisation_id=organisation_id,
        action=action,
        object_type=object_type,
        object_id=object_id,
        details=details or {},
    )


def audit_seal_chain(*, batch_size: int = SEAL_BATCH) -> int:
    """Give every committed, unsealed entry its place in the chain, in id order."""
    sealed = 0
    while True:
        with transaction.atomic():
            AuditHead.objects.get_or_create(pk=1)
            head = AuditHead.objects.select_for_update().get(pk=1)
            batch = list(
                AuditEntry.objects.filter(sequence__isnull=True).order_by("id")[:batch_size]
            )
            if not batch:
                return sealed
            sequence, previous = head.last_sequence, head.last_hash
            for entry in batch:
                sequence += 1
                entry.sequence, entry.previous_hash = sequence, previous
                entry.entry_hash = previous = entry_digest(
                    previous_hash=previous, sequence=sequence, entry=entry
                )
            AuditEntry.objects.bulk_update(batch, ["sequence", "previous_hash", "entry_hash"])
            AuditHead.objects.filter(pk=1).update(last_sequence=sequence, last_hash=previous)
        sealed += len(batch)


def audit_seal_anonymous_entries(*, before: dt.date | None = None) -> int:
    """Append queued anonymous entries from days before `before` in random order, then chain."""
    before = before or timezone.localdate()
    with transaction.atomic():
        pending = list(
            PendingAnonymousAuditEntry.objects.select_for_update().filter(occurred_on__lt=before)
        )
        random.SystemRandom().shuffle(pending)
        AuditEntry.objects.bulk_create(
            [
                AuditEntry(
                    occurred_at=dt.datetime.combine(item.occurred_on, dt.time(), tzinfo=dt.UTC),
                    organisation_id=item.organisation_id,
                    action=item.action,
                    object_type=item.object_type,
                    object_id=item.object_id,
                    details=item.details,
                    anonymous=True,
                    queue_id=item.pk,
                )
                for item in pending
            ]
        )
        # The triggers let a queue row go only once the log holds it (by queue_id).
        PendingAnonymousAuditEntry.objects.filter(pk__in=[p.pk for p in pending]).delete()
        audit_seal_chain()
    return len(pending)


@dataclass(frozen=True)
class ChainBreak:
    """What is wrong with the log: the first bad place (None when it is no one entry) and why."""

    sequence: int | None
    reason: str


def audit_verify_links(
    *, wanted: frozenset[int] = frozenset(), batch_size: int = SEAL_BATCH
) -> tuple[ChainBreak | None, int, dict[int, str]]:
    """Walk the sealed chain: its first break, the last good place, and the hashes `wanted`."""
    expected_previous = GENESIS_HASH
    expected_sequence = 1
    hashes: dict[int, str] = {}
    entries = AuditEntry.objects.filter(sequence__isnull=False).order_by("sequence")
    for entry in entries.iterator(chunk_size=batch_size):
        if entry.sequence != expected_sequence:
            return ChainBreak(expected_sequence, "entry is missing"), expected_sequence - 1, hashes
        if entry.previous_hash != expected_previous:
            reason = "previous hash does not match"
            return ChainBreak(expected_sequence, reason), expected_sequence - 1, hashes
        digest = entry_digest(
            previous_hash=entry.previous_hash, sequence=entry.sequence, entry=entry
        )
        if not hmac.compare_digest(digest, entry.entry_hash):
            reason = "content was changed"
            return ChainBreak(expected_sequence, reason), expected_sequence - 1, hashes
        if expected_sequence in wanted:
            hashes[expected_sequence] = entry.entry_hash
        expected_previous = entry.entry_hash
        expected_sequence += 1
    last = expected_sequence - 1
    head = AuditHead.objects.filter(pk=1).first()
    if head and head.last_sequence != last:
        return ChainBreak(expected_sequence, "the newest entries are missing"), last, hashes
    return None, last, hashes


def audit_verify_chain(*, batch_size: int = SEAL_BATCH) -> ChainBreak | None:
    """Walk the whole chain; return the first entry that does not match, or None.

    The chain alone catches an edit, a removal or a reorder by anyone without the audit key.
    `checkpoints.audit_verify` also holds it to the signed checkpoints, which catches a
    truncation, a rewrite with the key and a vanished anonymous entry.
    """
    broken, _last, _hashes = audit_verify_links(batch_size=batch_size)
    return broken
