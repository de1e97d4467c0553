"""Writes of the issuer's keys and status lists."""

from __future__ import annotations

import secrets

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.credentials.models import IssuerKey, StatusEntry, StatusList
from juntos.credentials.policies import can_curate
from juntos.credentials.signing import key_new
from juntos.credentials.statuslist import MIN_BITS

# A list takes new credentials until a quarter of its indexes are taken, so a random free index
# is found in a try or two and the set bits never say much about when a credential was issued.
FILL_LIMIT = MIN_BITS // 4


def issuer_key_current() -> IssuerKey:
    """The key that signs now, made on first use."""
    row = IssuerKey.objects.filter(retired_at=None).order_by("-created_at", "-id").first()
    if row is not None:
        return row
    with transaction.atomic():
        row = key_new()
        row.save()
        audit_record(actor=None, action="credentials.key_created", details={"kid": row.kid})
    return row


def issuer_key_rotate(*, actor: Actor | None) -> IssuerKey:
    """Make a new signing key; the old ones stay published so what they signed still verifies."""
    if actor is not None and not can_curate(actor):
        raise PermissionDenied
    with transaction.atomic():
        old = list(IssuerKey.objects.select_for_update().filter(retired_at=None))
        IssuerKey.objects.filter(pk__in=[k.pk for k in old]).update(retired_at=timezone.now())
        row = key_new()
        row.save()
        audit_record(
            actor=actor,
            action="credentials.key_rotated",
            details={"kid": row.kid, "retired": [k.kid for k in old]},
        )
    return row


def _open_list() -> StatusList:
    status_list = StatusList.objects.order_by("-number").first()
    if status_list is None or status_list.entries.count() >= FILL_LIMIT:
        number = (status_list.number + 1) if status_list else 1
        status_list = StatusList.objects.create(number=number, size=MIN_BITS)
    return status_list


def status_indexes_take(count: int) -> list[StatusEntry]:
    """count random indexes never given before, for a batch (call inside a transaction)."""
    status_list = _open_list()
    room = FILL_LIMIT - status_list.entries.count()
    if count > room:
        return (
            status_indexes_take(room) + status_indexes_take(count - room)
            if room
            else [status_index_take() for _ in range(count)]
        )
    taken = set(status_list.entries.values_list("index", flat=True))
    chosen: set[int] = set()
    while len(chosen) < count:
        index = secrets.randbelow(status_list.size)
        if index not in taken:
            chosen.add(index)
    return StatusEntry.objects.bulk_create(
        StatusEntry(status_list=status_list, index=index) for index in chosen
    )


def status_index_take() -> StatusEntry:
    """A random index never given before, in the open list (call inside a transaction)."""
    status_list = _open_list()
    while True:
        index = secrets.randbelow(status_list.size)
        try:
            with transaction.atomic():
                return StatusEntry.objects.create(status_list=status_list, index=index)
        except IntegrityError:
            continue  # taken: draw again
