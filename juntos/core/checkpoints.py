"""Signed checkpoints of the audit log, and verifying the log against them.

A checkpoint states, at one moment, the chain's head (its place and hash) and how many
anonymous entries wait in the queue for each day (sealed: only the audit key opens the
counts), signed with the audit Ed25519 key. They are
published at /audit/checkpoints.json for anyone to mirror, and summed up in the coordinators'
digest. Someone who copies and rewrites the database, even holding the HMAC key, cannot make
the log agree again with checkpoints that others already hold: a rewritten entry changes the
head hash, a removed tail leaves a checkpoint beyond the end, a vanished anonymous entry makes
the queue and the chain hold fewer than were counted.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.utils import timezone

from juntos.core import crypto
from juntos.core.audit import ChainBreak, audit_seal_chain, audit_verify_links
from juntos.core.models import AuditCheckpoint, AuditEntry, AuditHead, PendingAnonymousAuditEntry

FORMAT = "juntos-audit-checkpoint/2"
# The first checkpoints (signed for a few hours before /2) published the counts in the clear.
FORMAT_PLAIN_COUNTS = "juntos-audit-checkpoint/1"
# Counts are sealed in a fixed-size box: read hour by hour, plain counts of the anonymous queue
# would date each anonymous action to the hour, which the daily seal exists to hide.
QUEUE_BOX_BYTES = 512


@dataclass(frozen=True)
class Checkpoint:
    """A checkpoint as signed: from this database or from a mirror."""

    sequence: int
    head_hash: str
    waiting_by_day: dict[str, int]
    made_at: str
    statement: str
    signature: str


def _waiting_by_day() -> dict[str, int]:
    rows = PendingAnonymousAuditEntry.objects.values("occurred_on").annotate(n=Count("id"))
    return {row["occurred_on"].isoformat(): row["n"] for row in rows}


def _queue_key() -> bytes:
    return hmac.new(crypto.audit_chain_key(), b"checkpoint-queue", hashlib.sha256).digest()


def _queue_seal(waiting: dict[str, int], at: str) -> str:
    """The queue's counts, padded and sealed under a key derived from the audit key."""
    text = json.dumps(waiting, sort_keys=True, separators=(",", ":"))
    padded = text.encode().ljust(QUEUE_BOX_BYTES, b" ")[: max(QUEUE_BOX_BYTES, len(text))]
    return base64.b64encode(crypto.encrypt(_queue_key(), padded, context=f"queue:{at}")).decode()


def _queue_open(sealed: str, at: str) -> dict[str, int]:
    try:
        text = crypto.decrypt(_queue_key(), base64.b64decode(sealed), context=f"queue:{at}")
    except (crypto.DecryptionError, ValueError) as exc:
        raise CheckpointRejected(
            "a checkpoint's queue count does not open with this log's key"
        ) from exc
    return {str(k): int(v) for k, v in json.loads(text).items()}


def checkpoint_make() -> AuditCheckpoint:
    """Chain what is waiting, then sign and store the head and the anonymous queue's size."""
    audit_seal_chain()
    with transaction.atomic():
        AuditHead.objects.get_or_create(pk=1)
        # Holding the head keeps the daily anonymous seal out while the queue is counted.
        head = AuditHead.objects.select_for_update().get(pk=1)
        waiting = _waiting_by_day()
        made_at = timezone.now()
        at = made_at.astimezone(dt.UTC).isoformat(timespec="seconds")
        statement = json.dumps(
            {
                "format": FORMAT,
                "log": settings.SITE_URL,
                "sequence": head.last_sequence,
                "head": head.last_hash,
                "waiting_sealed": _queue_seal(waiting, at),
                "at": at,
            },
            sort_keys=True,
            separators=(",", ":"),
        )
        signature = crypto.audit_signing_key().sign(statement.encode())
        return AuditCheckpoint.objects.create(
            sequence=head.last_sequence,
            head_hash=head.last_hash,
            made_at=made_at,
            statement=statement,
            signature=base64.b64encode(signature).decode(),
        )


def public_key() -> Ed25519PublicKey:
    return crypto.audit_signing_key().public_key()


def checkpoint_feed(*, limit: int = 200) -> dict[str, Any]:
    """The public feed: the key that signs, and the newest checkpoints as signed."""
    newest = AuditCheckpoint.objects.order_by("-id")[:limit]
    return {
        "format": FORMAT,
        "log": settings.SITE_URL,
        "public_key": crypto.public_key_text(public_key()),
        # Each entry's fields repeat its signed statement, which alone counts.
        "checkpoints": [
            {
                "sequence": c.sequence,
                "head": c.head_hash,
                "at": c.made_at.astimezone(dt.UTC).isoformat(timespec="seconds"),
                "statement": c.statement,
                "signature": c.signature,
            }
            for c in newest
        ],
    }


def checkpoint_latest_summary() -> str:
    """One line for digests: the newest checkpoint's place, head and signature, or ""."""
    latest = AuditCheckpoint.objects.order_by("-id").first()
    if latest is None:
        return ""
    return (
        f"audit checkpoint #{latest.sequence} head {latest.head_hash} "
        f"at {latest.made_at.astimezone(dt.UTC):%Y-%m-%dT%H:%M:%SZ} "
        f"signature {latest.signature}"
    )


class CheckpointRejected(Exception):
    """A checkpoint whose signature does not verify under the log's public key."""


def checkpoint_parse(statement: str, signature: str) -> Checkpoint:
    """Check a signed statement under this log's key; raise CheckpointRejected if it fails."""
    try:
        public_key().verify(base64.b64decode(signature), statement.encode())
        body = json.loads(statement)
    except (InvalidSignature, ValueError) as exc:
        raise CheckpointRejected("a checkpoint's signature does not verify") from exc
    if body.get("format") == FORMAT:
        waiting = _queue_open(str(body["waiting_sealed"]), str(body["at"]))
    elif body.get("format") == FORMAT_PLAIN_COUNTS:
        waiting = {str(k): int(v) for k, v in body["waiting_by_day"].items()}
    else:
        raise CheckpointRejected("a checkpoint has an unknown format")
    return Checkpoint(
        sequence=int(body["sequence"]),
        head_hash=str(body["head"]),
        waiting_by_day=waiting,
        made_at=str(body["at"]),
        statement=statement,
        signature=signature,
    )


def _stored_checkpoints() -> list[Checkpoint]:
    return [
        checkpoint_parse(c.statement, c.signature)
        for c in AuditCheckpoint.objects.order_by("id").only("statement", "signature")
    ]


def _against_heads(
    checkpoints: list[Checkpoint], last: int, hashes: dict[int, str]
) -> ChainBreak | None:
    """The first checkpoint the chain no longer reaches or no longer agrees with."""
    agreed = 0  # the furthest place a checkpoint vouches for
    for checkpoint in sorted(checkpoints, key=lambda c: c.sequence):
        if checkpoint.sequence == 0:
            continue
        if checkpoint.sequence > last:
            return ChainBreak(
                last + 1,
                f"the newest entries are missing: the checkpoint of {checkpoint.made_at} "
                f"was signed at #{checkpoint.sequence} and the log ends at #{last}",
            )
        if hashes.get(checkpoint.sequence) != checkpoint.head_hash:
            return ChainBreak(
                agreed + 1,
                f"the chain was rewritten between #{agreed + 1} and #{checkpoint.sequence}: "
                f"it no longer matches the checkpoint of {checkpoint.made_at}",
            )
        agreed = checkpoint.sequence
    return None


def _sealed_since_by_day(sequence: int) -> Counter[str]:
    """Anonymous entries that left the queue for the log after a checkpoint's place."""
    rows = (
        AuditEntry.objects.filter(anonymous=True)
        .exclude(sequence__lte=sequence)
        .annotate(day=TruncDate("occurred_at", tzinfo=dt.UTC))
        .values("day")
        .annotate(n=Count("id"))
    )
    return Counter({row["day"].isoformat(): row["n"] for row in rows})


def _against_queue(checkpoint: Checkpoint) -> ChainBreak | None:
    """Every entry a checkpoint counted as waiting is still waiting, or is in the log since."""
    waiting_now = _waiting_by_day()
    sealed_since = _sealed_since_by_day(checkpoint.sequence)
    for day, counted in sorted(checkpoint.waiting_by_day.items()):
        held = waiting_now.get(day, 0) + sealed_since.get(day, 0)
        if held < counted:
            return ChainBreak(
                None,
                f"{counted - held} waiting anonymous entries of {day} vanished: the checkpoint "
                f"of {checkpoint.made_at} counted {counted}, the queue and the log hold {held}",
            )
    return None


def audit_verify(*, published: list[dict[str, str]] | None = None) -> ChainBreak | None:
    """Verify the chain, then hold it to every stored and `published` (mirrored) checkpoint.

    `published` is the `checkpoints` list of a mirrored feed. Names the first bad entry, the
    missing tail, or the day whose waiting anonymous entries vanished; None if all holds.
    """
    try:
        checkpoints = _stored_checkpoints() + [
            checkpoint_parse(c["statement"], c["signature"]) for c in published or []
        ]
    except (CheckpointRejected, KeyError, TypeError) as exc:
        return ChainBreak(None, str(exc))
    wanted = frozenset(c.sequence for c in checkpoints)
    broken, last, hashes = audit_verify_links(wanted=wanted)
    if broken is not None and broken.reason != "the newest entries are missing":
        return broken
    broken = _against_heads(checkpoints, last, hashes) or broken
    if broken is not None:
        return broken
    newest = max(checkpoints, key=lambda c: (c.made_at, c.sequence), default=None)
    return _against_queue(newest) if newest is not None else None
