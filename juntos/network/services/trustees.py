"""Trustees of secret ballots: the coordinators whose passphrases, together, open a count.

A coordinator sets a trustee passphrase once. It wraps the private half of an X25519 key that
the server stores but cannot use; each secret vote's key share is sealed to that key when the
vote opens. At the count, the trustee types the passphrase again (see `votes.tally_share_open`).
"""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.network import ballot_crypto
from juntos.network.models import TrusteeKey
from juntos.network.policies import is_coordinator

PASSPHRASE_MIN_LENGTH = 12


def _owner(user: Actor) -> str:
    return f"user:{user.pk}"


def stored_key(key: TrusteeKey) -> ballot_crypto.WrappedTrusteeKey:
    """The wrapped key as the crypto module reads it."""
    return ballot_crypto.WrappedTrusteeKey(
        public_key=key.public_key,
        salt=key.salt,
        wrapped=key.wrapped_private_key,
        time_cost=key.argon2_time_cost,
        memory_kib=key.argon2_memory_kib,
    )


def trustee_private_key(key: TrusteeKey, passphrase: str) -> X25519PrivateKey:
    """The trustee's X25519 private key, or a form error naming the passphrase field."""
    try:
        return ballot_crypto.trustee_key_open(stored_key(key), passphrase, owner=_owner(key.user))
    except ballot_crypto.TrusteeKeyError as exc:
        raise ValidationError(
            {"passphrase": _("That passphrase does not open your trustee key.")}
        ) from exc


def trustee_key_set(
    *, actor: Actor | None, passphrase: str, current_passphrase: str = ""
) -> TrusteeKey:
    """Set (or change, with the current one) the actor's trustee passphrase."""
    if actor is None or not actor.is_authenticated or not is_coordinator(actor):
        raise PermissionDenied
    if len(passphrase) < PASSPHRASE_MIN_LENGTH:
        raise ValidationError(
            {
                "passphrase": _(
                    "Use at least %(count)s characters: a few unrelated words work well."
                )
                % {"count": PASSPHRASE_MIN_LENGTH}
            }
        )
    costs = {
        "time_cost": settings.JUNTOS_TRUSTEE_ARGON2_TIME_COST,
        "memory_kib": settings.JUNTOS_TRUSTEE_ARGON2_MEMORY_KIB,
    }
    with transaction.atomic():
        existing = TrusteeKey.objects.select_for_update().filter(user=actor).first()
        if existing is None:
            wrapped = ballot_crypto.trustee_key_create(passphrase, owner=_owner(actor), **costs)
            key = TrusteeKey(user=actor)
        else:
            # The same key pair, rewrapped: shares of votes already open stay usable.
            private = _current_private_key(existing, current_passphrase)
            wrapped = ballot_crypto.trustee_key_wrap(
                private, passphrase, owner=_owner(actor), **costs
            )
            key = existing
        key.public_key, key.salt = wrapped.public_key, wrapped.salt
        key.wrapped_private_key = wrapped.wrapped
        key.argon2_time_cost, key.argon2_memory_kib = wrapped.time_cost, wrapped.memory_kib
        key.save()
        audit_record(
            actor=actor,
            action="network.trustee_key_change" if existing else "network.trustee_key_set",
            target=key,
        )
    return key


def _current_private_key(key: TrusteeKey, current_passphrase: str) -> X25519PrivateKey:
    try:
        return trustee_private_key(key, current_passphrase)
    except ValidationError as exc:
        raise ValidationError(
            {"current_passphrase": _("That is not your current trustee passphrase.")}
        ) from exc


def trustee_keys_of_coordinators() -> list[TrusteeKey]:
    """The trustee keys of people who are coordinators now, in a stable order."""
    keys = TrusteeKey.objects.select_related("user").filter(user__is_active=True).order_by("pk")
    return [key for key in keys if is_coordinator(key.user)]


def trustees_needed(available: int) -> int:
    """Two of three (or more); with fewer trustees, all of them: 2 of 2, or 1 of 1."""
    return min(2, available)
