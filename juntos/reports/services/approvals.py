"""A supervisor's approval for closing and transferring cases.

Rule: an organisation where someone holds the supervisor role closes and transfers cases only
through a request that a supervisor approves; the person who asked never decides her own
request, even when she is a supervisor herself. An organisation with no supervisor closes and
transfers directly, as before (`case_close`, `referral_create`).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.accounts.selectors import people_with_role
from juntos.core.services import audit_record, notify_person
from juntos.reports import policies, sealing
from juntos.reports.choices import (
    APPROVER_ROLES,
    CaseRequestKind,
    CaseRequestStatus,
    ReferralKind,
)
from juntos.reports.models import Case, CaseRequest
from juntos.reports.selectors import OpenedReport, needs_approval
from juntos.reports.services._common import case_link, today
from juntos.reports.services.cases import case_close_now, check_outcome
from juntos.reports.services.referrals import check_offer, offer_now


def case_close_request(*, actor: Actor, case: Case, outcome: str) -> CaseRequest:
    """Ask a supervisor to close the case with the outcome the caseworker proposes."""
    if not policies.can_manage_case(actor, case):
        raise PermissionDenied
    check_outcome(outcome)
    return _ask(actor, case, CaseRequestKind.CLOSE, outcome=outcome)


def case_transfer_request(*, actor: Actor, case: Case, to_organisation_id: int) -> CaseRequest:
    """Ask a supervisor to transfer the case to another support organisation."""
    if not policies.can_manage_case(actor, case):
        raise PermissionDenied
    check_offer(case, to_organisation_id, ReferralKind.TRANSFER)
    return _ask(actor, case, CaseRequestKind.TRANSFER, to_organisation_id=to_organisation_id)


def _ask(actor: Actor, case: Case, kind: str, **wanted: object) -> CaseRequest:
    if not actor.is_authenticated:
        raise PermissionDenied
    if not needs_approval(case.owner_id):
        raise ValidationError(_("Your organisation has no supervisor: do it directly."))
    with transaction.atomic():
        if CaseRequest.objects.filter(
            case=case, kind=kind, status=CaseRequestStatus.PENDING
        ).exists():
            raise ValidationError(_("A request like this one is already waiting for a supervisor."))
        request = CaseRequest.objects.create(
            case=case, kind=kind, asked_by=actor, asked_on=today(), **wanted
        )
        audit_record(
            actor=actor,
            action=f"reports.{kind}_requested",
            target=case,
            organisation_id=case.owner_id,
            details={"request": request.pk, **{k: str(v) for k, v in wanted.items()}},
        )
        for person in people_with_role(case.owner_id, APPROVER_ROLES).exclude(pk=actor.pk):
            notify_person(
                person,
                lambda: (
                    _("A case waits for your approval"),
                    _("A caseworker asks you to approve a step on a case: %(url)s")
                    % {"url": case_link(case.pk)},
                ),
            )
    return request


def case_request_decide(
    *, actor: Actor, request: CaseRequest, opened: OpenedReport, approve: bool, reason: str = ""
) -> None:
    """A supervisor approves (the case closes, or the transfer is offered) or refuses, with a
    reason the asker reads on the case page. The asker is told why she may not decide."""
    if policies.asked_it_herself(actor, request):
        raise ValidationError(
            _("You asked for this yourself, so another supervisor must approve or refuse it.")
        )
    if not actor.is_authenticated or not policies.can_decide_request(actor, request):
        raise PermissionDenied
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": _("Please say why, so the caseworker knows.")})
    with transaction.atomic():
        locked = CaseRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != CaseRequestStatus.PENDING:
            raise ValidationError(_("This request has already been decided."))
        request.status = CaseRequestStatus.APPROVED if approve else CaseRequestStatus.REFUSED
        request.decided_by, request.decided_on = actor, today()
        if reason:
            request.sealed_reason = sealing.seal(
                opened.data_key, request.case.report_id, f"request:{request.pk}", reason[:2000]
            )
        request.save(update_fields=["status", "decided_by", "decided_on", "sealed_reason"])
        audit_record(
            actor=actor,
            action=f"reports.{request.kind}_{request.status}",
            target=request.case,
            organisation_id=request.case.owner_id,
            details={"request": request.pk, "asked_by": request.asked_by_id},
        )
        if approve:
            _carry_out(actor, request, opened)
        _tell_asker(request)


def _carry_out(actor: Actor, request: CaseRequest, opened: OpenedReport) -> None:
    if request.kind == CaseRequestKind.CLOSE:
        case_close_now(actor=actor, case=request.case, outcome=request.outcome)
    else:
        assert request.to_organisation_id is not None
        check_offer(request.case, request.to_organisation_id, ReferralKind.TRANSFER)
        offer_now(
            actor=actor,
            case=request.case,
            opened=opened,
            to_organisation_id=request.to_organisation_id,
            kind=ReferralKind.TRANSFER,
        )


def _tell_asker(request: CaseRequest) -> None:
    asker = request.asked_by
    if asker is None:
        return
    approved = request.status == CaseRequestStatus.APPROVED
    notify_person(
        asker,
        lambda: (
            _("A supervisor answered your request"),
            (
                _("A supervisor approved your request on a case: %(url)s")
                if approved
                else _("A supervisor refused your request on a case, and said why: %(url)s")
            )
            % {"url": case_link(request.case_id)},
        ),
    )
