"""Who may review, moderate, reply and import in the registry."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role, Sector
from juntos.accounts.policies import has_role
from juntos.accounts.selectors import memberships_of

if TYPE_CHECKING:
    from juntos.registry.models import Employer, EmployerSite, Recruiter, Review

ANY_ROLE = frozenset(Role.values)


def _is_secretariat_coordinator(actor: Actor) -> bool:
    return any(
        m.role == Role.COORDINATOR and m.organisation.kind == OrganisationKind.NETWORK_SECRETARIAT
        for m in memberships_of(actor)
    )


def can_review_site(actor: Actor, site: EmployerSite) -> bool:
    """Workers with an account review sites; nobody reviews their own organisation's sites."""
    if not actor.is_authenticated or actor.sector != Sector.MIGRANT_WORKER:
        return False
    return not has_role(actor, site.employer.organisation_id, ANY_ROLE)


def can_review_recruiter(actor: Actor, recruiter: Recruiter) -> bool:
    """Workers with an account review recruiters; nobody reviews their own organisation."""
    if not actor.is_authenticated or actor.sector != Sector.MIGRANT_WORKER:
        return False
    return not has_role(actor, recruiter.organisation_id, ANY_ROLE)


def can_moderate_reviews(actor: Actor) -> bool:
    """Coordinators of the network secretariat moderate reviews (they never see authors)."""
    return bool(actor.is_authenticated) and _is_secretariat_coordinator(actor)


def can_reply_to_review(actor: Actor, review: Review) -> bool:
    """People of the reviewed employer's organisation answer published reviews."""
    if not actor.is_authenticated or review.published_on is None:
        return False
    organisation_id = review.employer.organisation_id
    return organisation_id is not None and has_role(actor, organisation_id, ANY_ROLE)


def can_speak_for_entry(actor: Actor, entry: Employer | Recruiter) -> bool:
    """A member of the organisation linked to an employer or recruiter entry."""
    if not actor.is_authenticated or entry.organisation_id is None:
        return False
    return has_role(actor, entry.organisation_id, ANY_ROLE)


def can_import_official_lists(actor: Actor | None) -> bool:
    """The command line (no actor), platform operators and secretariat coordinators."""
    if actor is None:
        return True
    return bool(actor.is_authenticated and actor.is_superuser) or _is_secretariat_coordinator(actor)


def may_speak_for_an_entry(actor: Actor) -> bool:
    """Belongs to an employer or recruiter organisation (offered the link to its own entry)."""
    kinds = {OrganisationKind.EMPLOYER, OrganisationKind.RECRUITER}
    return any(m.organisation.kind in kinds for m in memberships_of(actor))
