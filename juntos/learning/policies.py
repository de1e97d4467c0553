"""Who may do what with profiles, workshops, courses and vault documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.policies import has_role
from juntos.accounts.selectors import memberships_of, organisation_ids_for

if TYPE_CHECKING:
    from juntos.learning.models import Course, VaultDocument, WorkerProfile

# Roles that run workshops and courses and advise workers; inspectors have no part here.
LEARNING_STAFF = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.COORDINATOR, Role.ADMIN})
CASEWORKER_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR})


def can_run_workshops(actor: Actor, organisation_id: int) -> bool:
    """Staff of the organisation schedule its workshops and record who came."""
    return has_role(actor, organisation_id, LEARNING_STAFF)


def can_manage_course(actor: Actor, course: Course) -> bool:
    """Staff of the provider organisation run the course's sessions and roster."""
    return has_role(actor, course.organisation_id, LEARNING_STAFF)


def is_profile_owner(actor: Actor, profile: WorkerProfile) -> bool:
    """The worker who claimed the profile."""
    return bool(actor.is_authenticated and profile.user_id == actor.pk)


def can_view_profile(
    actor: Actor, profile: WorkerProfile, granted_organisation_ids: set[int]
) -> bool:
    """The owner, or staff of an organisation she (still) lets see it."""
    if is_profile_owner(actor, profile):
        return True
    staff_of = organisation_ids_for(actor, LEARNING_STAFF) if actor.is_authenticated else set()
    return bool(staff_of & granted_organisation_ids)


def can_edit_plan(actor: Actor, profile: WorkerProfile, granted_organisation_ids: set[int]) -> bool:
    """The worker and her advisors (staff of a granted organisation) both shape the plan."""
    return can_view_profile(actor, profile, granted_organisation_ids)


def can_view_document(
    actor: Actor, document: VaultDocument, active_shares: list[tuple[int, int]]
) -> bool:
    """The owner, or a caseworker she shared it with, while he still works for that organisation.

    `active_shares` holds (caseworker id, organisation id) for every share not revoked.
    """
    if not actor.is_authenticated:
        return False
    if document.owner_id == actor.pk:
        return True
    return any(
        caseworker_id == actor.pk and has_role(actor, org_id, CASEWORKER_ROLES)
        for caseworker_id, org_id in active_shares
    )


def support_organisation_of(caseworker: Actor) -> int | None:
    """The support organisation in which a person is a caseworker, if any."""
    for membership in memberships_of(caseworker):
        if (
            membership.role in CASEWORKER_ROLES
            and membership.organisation.kind == OrganisationKind.SUPPORT_NONPROFIT
        ):
            return int(membership.organisation_id)
    return None
