"""Who may do what in the rights library. Reading published articles is open to everyone."""

from __future__ import annotations

from typing import Any

from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import memberships_of
from juntos.rights.choices import VersionStatus


def can_edit_rights(actor: Any) -> bool:
    """Coordinators of a network secretariat (and platform operators) edit the library."""
    if actor is None or not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    return any(
        m.role == Role.COORDINATOR and m.organisation.kind == OrganisationKind.NETWORK_SECRETARIAT
        for m in memberships_of(actor)
    )


def can_view_version(actor: Any, version: Any) -> bool:
    """Published and replaced versions are public; drafts and reviews are for editors."""
    if version.status in (VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED):
        return True
    return can_edit_rights(actor)


def can_manage_subscription(actor: Any, subscription: Any) -> bool:
    """A signed-in person manages the subscriptions made with their account."""
    return bool(
        actor is not None
        and actor.is_authenticated
        and subscription.user_id is not None
        and subscription.user_id == actor.pk
    )
