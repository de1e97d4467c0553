"""Who may do what with standards, assessments and credentials."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.policies import has_role, holds_any_role
from juntos.accounts.selectors import memberships_of

if TYPE_CHECKING:
    from juntos.credentials.models import Assessment, Credential

# People of an authorised organisation who assess candidates.
ASSESSOR_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.COORDINATOR})
# The network secretariat's coordinators curate frameworks, authorise assessors and revoke.
CURATOR_ROLES = frozenset({Role.COORDINATOR, Role.ADMIN})
# Employers and recruiters never assess: the person who hires cannot certify who he hires.
NEVER_ASSESS = frozenset({OrganisationKind.EMPLOYER, OrganisationKind.RECRUITER})


def can_curate(actor: Actor) -> bool:
    """Coordinators of the network secretariat keep frameworks, equivalences and authorisations."""
    if not actor.is_authenticated:
        return False
    return any(
        m.role in CURATOR_ROLES and m.organisation.kind == OrganisationKind.NETWORK_SECRETARIAT
        for m in memberships_of(actor)
    )


def may_be_authorised(organisation_kind: str) -> bool:
    """Which kinds of organisation may be authorised to assess."""
    return organisation_kind not in NEVER_ASSESS


def assessing_organisation_ids(actor: Actor, authorised: set[int]) -> set[int]:
    """The authorised organisations in which the actor holds an assessor role."""
    if not actor.is_authenticated:
        return set()
    return {
        int(m.organisation_id)
        for m in memberships_of(actor)
        if m.role in ASSESSOR_ROLES and m.organisation_id in authorised
    }


def can_assess(actor: Actor, assessment: Assessment, authorised: set[int]) -> bool:
    """An assessor of the organisation asked, while it is authorised for the standard."""
    return (
        assessment.organisation_id in authorised
        and has_role(actor, assessment.organisation_id, ASSESSOR_ROLES)
        and assessment.candidate_id != actor.pk  # nobody assesses herself
    )


def is_holder(actor: Actor, credential: Credential) -> bool:
    """The worker the credential was issued to."""
    return bool(actor.is_authenticated and credential.holder_id == actor.pk)


def can_change_status(actor: Actor, credential: Credential) -> bool:
    """Revoke, suspend or reinstate: the secretariat's coordinators, or the assessing body."""
    return can_curate(actor) or has_role(actor, credential.organisation_id, CURATOR_ROLES)


def is_staff_anywhere(actor: Actor) -> bool:
    return holds_any_role(actor, ASSESSOR_ROLES)
