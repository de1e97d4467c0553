"""Who may do what with compliance rules and check results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind
from juntos.accounts.selectors import memberships_of
from juntos.rights.policies import can_edit_rights

if TYPE_CHECKING:
    from juntos.compliance.models import RuleVersion, SavedCheck


def can_manage_rules(actor: Actor) -> bool:
    """The editors of the rights library (coordinators of the network secretariat, and
    platform operators) propose rule versions on the rules desk: one editor role for both."""
    return can_edit_rights(actor)


def can_approve_rule_version(actor: Actor, version: RuleVersion) -> bool:
    """A second editor approves or rejects a proposed version: never the one who proposed it."""
    if not can_manage_rules(actor):
        return False
    return bool(actor.pk != version.created_by_id)


def can_save_check(actor: Actor) -> bool:
    """Anyone signed in may keep a check result for herself; anonymous checks keep nothing."""
    return bool(actor.is_authenticated)


def can_view_saved_check(actor: Actor, saved: SavedCheck) -> bool:
    """A kept result is visible to the person who kept it, and to nobody else."""
    return bool(actor.is_authenticated and saved.owner_id == actor.pk)


def can_self_check_offer(actor: Actor) -> bool:
    """Members of an employer organisation check their own job offers before publishing."""
    if not actor.is_authenticated:
        return False
    return any(m.organisation.kind == OrganisationKind.EMPLOYER for m in memberships_of(actor))
