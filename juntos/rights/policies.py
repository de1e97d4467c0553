"""Who may do what in the rights library. Reading published articles is open to everyone."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import memberships_of

if TYPE_CHECKING:
    from juntos.rights.models import ArticleVersion


def can_edit_rights(actor: Actor | None) -> bool:
    """Coordinators of a network secretariat (and platform operators) edit the library."""
    if actor is None or not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    return any(
        m.role == Role.COORDINATOR and m.organisation.kind == OrganisationKind.NETWORK_SECRETARIAT
        for m in memberships_of(actor)
    )


def can_publish_version(actor: Actor, version: ArticleVersion) -> bool:
    """A second editor publishes: not the one who wrote or last changed the version (four eyes)."""
    if not can_edit_rights(actor):
        return False
    return actor.pk not in {version.created_by_id, version.last_edited_by_id}
