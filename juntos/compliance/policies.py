"""Who may do what with compliance rules and check results."""

from __future__ import annotations

from typing import Any

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import memberships_of


def can_manage_rules(actor: Actor) -> bool:
    """Coordinators of the network secretariat (and platform operators) add rule versions."""
    if not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    return any(
        m.role == Role.COORDINATOR and m.organisation.kind == OrganisationKind.NETWORK_SECRETARIAT
        for m in memberships_of(actor)
    )


def can_save_check(actor: Actor) -> bool:
    """Anyone signed in may keep a check result for herself; anonymous checks keep nothing."""
    return bool(actor.is_authenticated)


def can_view_saved_check(actor: Actor, saved: Any) -> bool:
    """A kept result is visible to the person who kept it, and to nobody else."""
    return bool(actor.is_authenticated and saved.owner_id == actor.pk)


def can_self_check_offer(actor: Actor) -> bool:
    """Members of an employer organisation check their own job offers before publishing."""
    if not actor.is_authenticated:
        return False
    return any(m.organisation.kind == OrganisationKind.EMPLOYER for m in memberships_of(actor))
