"""Who may do what with vacancies, candidates, named requests, referrals and visits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role, Sector
from juntos.accounts.selectors import memberships_of

if TYPE_CHECKING:
    from juntos.opportunities.models import NamedRequest, Referral, Vacancy, VisitRequest

REFERRAL_STAFF = frozenset({Role.CASEWORKER, Role.SUPERVISOR})


def _orgs_of_kind(actor: Actor, kinds: set[str] | frozenset[str]) -> set[int]:
    return {m.organisation_id for m in memberships_of(actor) if m.organisation.kind in kinds}


def employer_organisations_of(actor: Actor) -> set[int]:
    """The employer organisations the actor belongs to."""
    return _orgs_of_kind(actor, {OrganisationKind.EMPLOYER})


def recruiter_organisations_of(actor: Actor) -> set[int]:
    """The recruiter organisations the actor belongs to."""
    return _orgs_of_kind(actor, {OrganisationKind.RECRUITER})


def liaison_organisations_of(actor: Actor) -> set[int]:
    """The consulates (sending countries' liaisons) the actor belongs to."""
    return _orgs_of_kind(actor, {OrganisationKind.CONSULATE})


def is_secretariat_coordinator(actor: Actor) -> bool:
    """A coordinator of the network secretariat."""
    return any(
        m.role == Role.COORDINATOR and m.organisation.kind == OrganisationKind.NETWORK_SECRETARIAT
        for m in memberships_of(actor)
    )


def is_worker(actor: Actor) -> bool:
    """A signed-in migrant worker."""
    return bool(actor.is_authenticated and actor.sector == Sector.MIGRANT_WORKER)


def can_post_vacancies(actor: Actor) -> bool:
    """Members of an employer, or of a recruiter posting on an employer's behalf."""
    return bool(employer_organisations_of(actor) or recruiter_organisations_of(actor))


def can_manage_vacancy(actor: Actor, vacancy: Vacancy) -> bool:
    """Members of the vacancy's employer, or of the recruiter organisation that posted it."""
    own = employer_organisations_of(actor) | recruiter_organisations_of(actor)
    return bool(own & {vacancy.employer_organisation_id, vacancy.posted_by_organisation_id})


def can_review_vacancies(actor: Actor) -> bool:
    """Secretariat coordinators decide on vacancies the checker could not clear."""
    return is_secretariat_coordinator(actor)


def can_name_workers(actor: Actor, employer_organisation_id: int) -> bool:
    """Members of the employer name returning workers for it."""
    return employer_organisation_id in employer_organisations_of(actor)


def can_decide_named_request(actor: Actor, request: NamedRequest) -> bool:
    """The liaison named on the request (a member of that consulate) approves or refuses it."""
    return request.liaison_organisation_id in liaison_organisations_of(actor)


def can_record_seasons(actor: Actor, liaison_organisation_id: int) -> bool:
    """The liaison records the end of a season from the evaluations."""
    return liaison_organisation_id in liaison_organisations_of(actor)


def can_see_named_back_rates(actor: Actor) -> bool:
    """Inspectors and secretariat coordinators see named-back rates (above the threshold)."""
    if not actor.is_authenticated:
        return False
    inspector = any(m.role == Role.INSPECTOR for m in memberships_of(actor))
    return inspector or is_secretariat_coordinator(actor)


def referring_organisations_of(actor: Actor) -> set[int]:
    """Support organisations where the actor is a caseworker or supervisor."""
    return {
        m.organisation_id
        for m in memberships_of(actor)
        if m.role in REFERRAL_STAFF and m.organisation.kind == OrganisationKind.SUPPORT_NONPROFIT
    }


def can_view_referral(actor: Actor, referral: Referral) -> bool:
    """The worker herself, staff of the referring organisation, members of the one at home."""
    if not actor.is_authenticated:
        return False
    if actor.pk == referral.worker_id:
        return True
    if referral.referring_organisation_id in referring_organisations_of(actor):
        return True
    return any(m.organisation_id == referral.home_organisation_id for m in memberships_of(actor))


def can_follow_referral(actor: Actor, referral: Referral) -> bool:
    """Staff of the referring organisation record follow-ups and outcomes; the organisation at
    home may move the status along."""
    return referral.referring_organisation_id in referring_organisations_of(actor) or any(
        m.organisation_id == referral.home_organisation_id for m in memberships_of(actor)
    )


# Community organisations that ask for technical visits.
VISIT_HOST_KINDS = frozenset(
    {
        OrganisationKind.SUPPORT_NONPROFIT,
        OrganisationKind.TRAINING_PROVIDER,
        OrganisationKind.MICROFINANCE,
    }
)


def visit_host_organisations_of(actor: Actor) -> set[int]:
    """Community organisations the actor belongs to (they may ask for visits)."""
    return _orgs_of_kind(actor, VISIT_HOST_KINDS)


def can_manage_visit(actor: Actor, visit: VisitRequest) -> bool:
    """Members of the organisation that asked for the visit."""
    return visit.organisation_id in visit_host_organisations_of(actor)


def can_offer_to_volunteer(actor: Actor) -> bool:
    """Anyone with an account may offer expertise; vetting comes before any match."""
    return bool(actor.is_authenticated)


def can_vet_volunteers(actor: Actor) -> bool:
    """Secretariat coordinators check volunteers (a status, a date and who; no documents)."""
    return is_secretariat_coordinator(actor)
