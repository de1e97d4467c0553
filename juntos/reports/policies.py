"""Who may do what with reports and cases. Rights come from the organisation's key role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from juntos.accounts.actors import Actor
from juntos.accounts.policies import has_role
from juntos.reports.choices import (
    APPROVER_ROLES,
    INSPECTOR_ROLES,
    ROUTING_MANAGER_ROLES,
    SUPPORT_STAFF_ROLES,
    CaseRequestStatus,
    CaseStatus,
    KeyRole,
    ReferralKind,
    ReferralStatus,
)

if TYPE_CHECKING:
    from juntos.reports.models import Case, CaseRequest, Referral, ReportKey

CASE_WORKING_ROLES = frozenset({KeyRole.OWNER, KeyRole.HELPER})


def is_support_staff(actor: Actor, organisation_id: int) -> bool:
    """Caseworkers, supervisors and administrators of the organisation."""
    return has_role(actor, organisation_id, SUPPORT_STAFF_ROLES)


def can_read_report(actor: Actor, key: ReportKey) -> bool:
    """Support staff of an organisation holding the report's key for casework or triage."""
    if key.role == KeyRole.INSPECTOR:
        return has_role(actor, key.organisation_id, INSPECTOR_ROLES)
    return is_support_staff(actor, key.organisation_id)


def can_open_case(actor: Actor, key: ReportKey) -> bool:
    """Staff of an organisation that received the report for triage, before anyone opened it."""
    return key.role == KeyRole.RECIPIENT and is_support_staff(actor, key.organisation_id)


def can_work_on_case(actor: Actor, case: Case, key: ReportKey) -> bool:
    """Owner or helper staff write notes and messages on an open case."""
    return (
        key.role in CASE_WORKING_ROLES
        and is_support_staff(actor, key.organisation_id)
        and case.status != CaseStatus.CLOSED
    )


def can_link_cases(actor: Actor, case: Case, key: ReportKey, other_key: ReportKey) -> bool:
    """Staff working on an open case link it to (or unlink it from) another case they work on."""
    return (
        can_work_on_case(actor, case, key)
        and other_key.role in CASE_WORKING_ROLES
        and is_support_staff(actor, other_key.organisation_id)
    )


def can_manage_case(actor: Actor, case: Case) -> bool:
    """Only the owning organisation assigns, refers, transfers and closes."""
    return case.status != CaseStatus.CLOSED and is_support_staff(actor, case.owner_id)


def can_reopen_case(actor: Actor, case: Case) -> bool:
    """Staff of the owning organisation reopen a closed case (the worker wrote again, say)."""
    return case.status == CaseStatus.CLOSED and is_support_staff(actor, case.owner_id)


def is_approver(actor: Actor, case: Case) -> bool:
    """A supervisor of the organisation that owns the case."""
    return has_role(actor, case.owner_id, APPROVER_ROLES)


def asked_it_herself(actor: Actor, request: CaseRequest) -> bool:
    """The person who asked for a closure or transfer; she may never decide it."""
    return bool(actor.is_authenticated and request.asked_by_id == actor.pk)


def can_decide_request(actor: Actor, request: CaseRequest) -> bool:
    """Another supervisor of the owning organisation decides a pending request on an open case."""
    case = request.case
    return (
        request.status == CaseRequestStatus.PENDING
        and case.status != CaseStatus.CLOSED
        and is_approver(actor, case)
        and not asked_it_herself(actor, request)
    )


def can_read_contact(actor: Actor, case: Case) -> bool:
    """Confidential contact details: the assigned caseworker alone."""
    return bool(
        actor.is_authenticated
        and case.assigned_to_id == actor.pk
        and is_support_staff(actor, case.owner_id)
    )


def can_act_on_referral(actor: Actor, referral: Referral, key: ReportKey) -> bool:
    """Inspectors of the agency a standing referral went to write to the worker and record what
    they did, through the key her consent released; the referring caseworkers only read it."""
    return (
        referral.kind == ReferralKind.INSPECTORATE
        and referral.status == ReferralStatus.ACCEPTED
        and key.role == KeyRole.INSPECTOR
        and key.organisation_id == referral.to_organisation_id
        and key.report_id == referral.case.report_id
        and has_role(actor, referral.to_organisation_id, INSPECTOR_ROLES)
    )


def can_answer_offer(actor: Actor, referral: Referral) -> bool:
    """Staff of the receiving organisation accept or decline a referral or transfer."""
    return is_support_staff(actor, referral.to_organisation_id)


def can_manage_routing(actor: Actor, organisation_id: int) -> bool:
    """Supervisors and administrators of a support organisation set its routing and on-call."""
    return has_role(actor, organisation_id, ROUTING_MANAGER_ROLES)


def can_set_on_call(actor: Actor, organisation_id: int, person: Actor) -> bool:
    """Caseworkers put themselves on call; supervisors and administrators anyone of theirs."""
    if can_manage_routing(actor, organisation_id):
        return True
    return bool(actor.pk == person.pk and is_support_staff(actor, organisation_id))
