"""Who may do what in the funding program: plain functions, tested from both sides."""

from __future__ import annotations

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import memberships_of
from juntos.network.policies import is_coordinator

# The roles through which a person acts for her organisation in the funding program.
ORGANISATION_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.COORDINATOR, Role.ADMIN})
# The kinds of organisation that may lead or join an application.
APPLICANT_KINDS = frozenset({OrganisationKind.SUPPORT_NONPROFIT})


def is_funding_coordinator(actor: Actor) -> bool:
    """The network's coordinator runs the program: calls, reviewers, awards, approvals."""
    return is_coordinator(actor)


def organisations_acted_for(actor: Actor) -> set[int]:
    """Every organisation the actor acts for in the program (staff roles only)."""
    if not actor.is_authenticated:
        return set()
    return {m.organisation_id for m in memberships_of(actor) if m.role in ORGANISATION_ROLES}


def applicant_organisations(actor: Actor) -> set[int]:
    """The non-profits the actor may apply for."""
    if not actor.is_authenticated:
        return set()
    return {
        m.organisation_id
        for m in memberships_of(actor)
        if m.role in ORGANISATION_ROLES and m.organisation.kind in APPLICANT_KINDS
    }


def can_apply(actor: Actor) -> bool:
    """Staff of a support non-profit may draft applications for it."""
    return bool(applicant_organisations(actor))


def can_edit_application(actor: Actor, lead_organisation_id: int) -> bool:
    """The lead organisation's staff write the application."""
    return lead_organisation_id in applicant_organisations(actor)


def can_answer_for_partner(actor: Actor, organisation_id: int) -> bool:
    """Only a partner's own staff confirm or decline its part."""
    return organisation_id in organisations_acted_for(actor)


def reviewer_is_from(actor: Actor, organisation_ids: set[int]) -> bool:
    """A reviewer from the lead or a partner organisation is refused automatically."""
    if not actor.is_authenticated:
        return False
    return any(m.organisation_id in organisation_ids for m in memberships_of(actor))
