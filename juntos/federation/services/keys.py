"""Writes of the instance's signing key and the organisations' inbox keys."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.federation.keys import inbox_key_new, instance_key_new
from juntos.federation.models import InboxKey, InstanceKey
from juntos.federation.policies import can_manage_peers
from juntos.opportunities.selectors import home_organisation_choices


def instance_key_current() -> InstanceKey:
    """The key that signs now, made on first use."""
    row = InstanceKey.objects.filter(retired_at=None).first()
    if row is not None:
        return row
    with transaction.atomic():
        row = instance_key_new()
        row.save()
        audit_record(actor=None, action="federation.key_created", details={"key_id": row.key_id})
    return row


def instance_key_rotate(*, actor: Actor | None) -> InstanceKey:
    """A new signing key; peers must pin its public key again (the old one stops signing)."""
    if actor is not None and not can_manage_peers(actor):
        raise PermissionDenied
    with transaction.atomic():
        old = list(InstanceKey.objects.select_for_update().filter(retired_at=None))
        InstanceKey.objects.filter(pk__in=[k.pk for k in old]).update(retired_at=timezone.now())
        row = instance_key_new()
        row.save()
        audit_record(
            actor=actor,
            action="federation.key_rotated",
            details={"key_id": row.key_id, "retired": [k.key_id for k in old]},
        )
    return row


def inbox_keys_ensure() -> int:
    """An inbox key for every organisation that takes referrals; returns how many were made."""
    have = set(InboxKey.objects.values_list("organisation_id", flat=True))
    made = [inbox_key_new(pk) for pk, _name in home_organisation_choices() if pk not in have]
    if made:
        with transaction.atomic():
            InboxKey.objects.bulk_create(made, ignore_conflicts=True)
            audit_record(
                actor=None,
                action="federation.inbox_keys_created",
                details={"organisations": [k.organisation_id for k in made]},
            )
    return len(made)
