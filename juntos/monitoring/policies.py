"""Who may do what with the ledger and the logic model."""

from __future__ import annotations

from juntos.accounts.actors import Actor
from juntos.accounts.choices import Role
from juntos.accounts.selectors import organisation_ids_for
from juntos.network.policies import is_coordinator


def can_read_unsuppressed_facts(user: Actor) -> bool:
    """Exact small counts are for platform operators only (for checking the ledger)."""
    return bool(user.is_authenticated and user.is_superuser)


def can_edit_targets(user: Actor) -> bool:
    """The network's coordinators set what the network aims for."""
    return is_coordinator(user)


# The roles of an organisation's own staff, who report its figures and see them exactly.
REPORTING_ROLES = frozenset({Role.CASEWORKER, Role.SUPERVISOR, Role.COORDINATOR, Role.ADMIN})


def reporting_organisation_ids(user: Actor) -> set[int]:
    """The organisations whose figures this person enters (and sees unsuppressed)."""
    return organisation_ids_for(user, REPORTING_ROLES)


def can_report_for(user: Actor, organisation_id: int) -> bool:
    """An organisation's staff enter its values; a coordinator approves them."""
    return organisation_id in reporting_organisation_ids(user)


def can_approve_reported_values(user: Actor) -> bool:
    return is_coordinator(user)


def can_view_organisation_figures(user: Actor, organisation_id: int) -> bool:
    """Its own staff (exact figures) and the network's coordinators (suppressed figures)."""
    return can_report_for(user, organisation_id) or is_coordinator(user)


def sees_exact_figures_of(user: Actor, organisation_id: int) -> bool:
    """Only the organisation's own staff see its small counts; everyone else sees suppressed."""
    return can_report_for(user, organisation_id)


def can_view_staff_dashboard(user: Actor) -> bool:
    return is_coordinator(user)
