"""The liaison's key: set up with a passphrase, unlocked for a short while, locked again.

An unlock keeps the private key only encrypted under a random key that is handed to the
liaison's browser as an HttpOnly cookie and then forgotten by the server: a copy of the
database with the server's keys holds the wrapped key and the sealed unlock, and opens neither.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor
from juntos.core.ratelimit import rate_hit, rate_limited, rate_reset
from juntos.core.services import audit_record
from juntos.evaluations.models import LiaisonKey, LiaisonUnlock
from juntos.evaluations.policies import can_manage_liaison_key
from juntos.evaluations.sealing import (
    WrappedKey,
    WrongPassphrase,
    cookie_value,
    key_pair_create,
    private_key_unwrap,
    session_seal,
    unlock_context,
)
from juntos.evaluations.selectors import liaison_key_of, live_unlock_of

__all__ = [
    "MIN_PASSPHRASE",
    "TOO_MANY_ATTEMPTS",
    "WRONG_PASSPHRASE",
    "liaison_key_create",
    "liaison_lock",
    "liaison_unlock",
    "unlocks_purge_expired",
]

MIN_PASSPHRASE = 12
WRONG_PASSPHRASE = _(
    "This passphrase does not open your organisation's key. Check it and try again."
)
TOO_MANY_ATTEMPTS = _(
    "Too many attempts. Wait 15 minutes and try again, or ask your organisation for help."
)


def _refuse_unless(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


@transaction.atomic
def liaison_key_create(*, actor: Actor, organisation_id: int, passphrase: str) -> LiaisonKey:
    """Make the organisation's key pair; only this passphrase will unwrap its private half."""
    _refuse_unless(can_manage_liaison_key(actor, organisation_id))
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            {"passphrase": [_("Use at least %(n)s characters.") % {"n": MIN_PASSPHRASE}]}
        )
    if liaison_key_of(organisation_id) is not None:
        raise ValidationError(_("Your organisation already has a key."))
    wrapped = key_pair_create(
        passphrase,
        organisation_id=organisation_id,
        time_cost=settings.JUNTOS_EVALUATION_ARGON2_TIME_COST,
        memory_kib=settings.JUNTOS_EVALUATION_ARGON2_MEMORY_KIB,
    )
    key = LiaisonKey.objects.create(
        organisation_id=organisation_id,
        public_key=wrapped.public_key,
        wrapped_private_key=wrapped.wrapped_private_key,
        salt=wrapped.salt,
        argon2_time_cost=wrapped.time_cost,
        argon2_memory_kib=wrapped.memory_kib,
        created_on=timezone.localdate(),
    )
    audit_record(
        actor=actor, action="evaluations.key_created", target=key, organisation_id=organisation_id
    )
    return key


def _wrapped(key: LiaisonKey) -> WrappedKey:
    return WrappedKey(
        bytes(key.public_key),
        bytes(key.wrapped_private_key),
        bytes(key.salt),
        key.argon2_time_cost,
        key.argon2_memory_kib,
    )


def _throttle_keys(actor: Actor, address: str) -> list[tuple[str, str, int]]:
    return [
        ("evaluations-unlock-account", str(actor.pk), settings.JUNTOS_LOGIN_FAILURES_PER_ACCOUNT),
        ("evaluations-unlock-address", address, settings.JUNTOS_LOGIN_FAILURES_PER_ADDRESS),
    ]


def liaison_unlock(*, actor: Actor, organisation_id: int, passphrase: str, address: str) -> str:
    """Unlock the key for this liaison for a short while; returns the cookie's value.

    A wrong passphrase counts like a failed log-in (per account and per address)."""
    _refuse_unless(can_manage_liaison_key(actor, organisation_id))
    key = liaison_key_of(organisation_id)
    if key is None:
        raise ValidationError(_("Your organisation has no key yet: set a passphrase first."))
    limits = _throttle_keys(actor, address)
    if any(rate_limited(scope, value, limit=limit) for scope, value, limit in limits):
        raise ValidationError(TOO_MANY_ATTEMPTS)
    try:
        private = private_key_unwrap(_wrapped(key), passphrase, organisation_id=organisation_id)
    except WrongPassphrase:
        window = settings.JUNTOS_LOGIN_WINDOW_SECONDS
        for scope, value, _limit in limits:
            rate_hit(scope, value, window_seconds=window)
        audit_record(
            actor=actor,
            action="evaluations.unlock_refused",
            target=key,
            organisation_id=organisation_id,
        )
        raise ValidationError({"passphrase": [WRONG_PASSPHRASE]}) from None
    rate_reset("evaluations-unlock-account", str(actor.pk))
    expires = timezone.now() + dt.timedelta(seconds=settings.JUNTOS_EVALUATION_UNLOCK_SECONDS)
    with transaction.atomic():
        unlock = LiaisonUnlock.objects.create(
            user_id=actor.pk, liaison_key=key, sealed_private_key=b"", expires_at=expires
        )
        context = unlock_context(unlock_id=unlock.pk, user_id=actor.pk, key_id=key.pk)
        cookie_key, sealed = session_seal(private, context=context)
        unlock.sealed_private_key = sealed
        unlock.save(update_fields=["sealed_private_key"])
        audit_record(
            actor=actor, action="evaluations.unlocked", target=key, organisation_id=organisation_id
        )
    return cookie_value(unlock.pk, cookie_key)


@transaction.atomic
def liaison_lock(*, actor: Actor, cookie: str | None) -> None:
    """End the unlock at once (the cookie is cleared by the view)."""
    unlock = live_unlock_of(actor, cookie)
    if unlock is not None:
        unlock.delete()
        audit_record(actor=actor, action="evaluations.locked")


def unlocks_purge_expired() -> int:
    """Delete unlocks past their expiry (they open nothing without the cookie anyway)."""
    deleted, _ = LiaisonUnlock.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
