"""Who may do what with federation: administrators approve peers; referral staff send;
members of the receiving organisation open what was sent to it."""

from __future__ import annotations

from juntos.accounts.actors import Actor
from juntos.accounts.selectors import memberships_of
from juntos.opportunities.policies import referring_organisations_of


def can_manage_peers(actor: Actor) -> bool:
    """Only the platform's administrators decide which instances this one trusts."""
    return bool(actor.is_authenticated and actor.is_superuser)


def can_send_referrals(actor: Actor) -> bool:
    """Caseworkers and supervisors of a support organisation (they refer workers home)."""
    return bool(actor.is_authenticated and referring_organisations_of(actor))


def organisations_receiving_for(actor: Actor) -> set[int]:
    """The organisations whose received referrals the actor may open (she is a member)."""
    if not actor.is_authenticated:
        return set()
    return {m.organisation_id for m in memberships_of(actor)}
