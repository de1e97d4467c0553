"""Referrals and transfers between organisations, and referral to the inspectorate by consent."""

from __future__ import annotations

import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import organisations_of_kind, people_with_role
from juntos.core.services import audit_record, fact_record, notify_person
from juntos.reports import policies, sealing
from juntos.reports.choices import (
    INSPECTOR_ROLES,
    CaseRequestStatus,
    ConsentAnswer,
    KeyRole,
    ReferralKind,
    ReferralStatus,
    Stage,
)
from juntos.reports.models import (
    Case,
    CaseRequest,
    ConsentRequest,
    Referral,
    Report,
    ReportKey,
)
from juntos.reports.selectors import OpenedReport, needs_approval
from juntos.reports.services._common import inspector_link, queue_link, today
from juntos.reports.services.cases import tell_worker
from juntos.reports.services.intake import receipt_open


def _give_key(opened: OpenedReport, organisation_id: int, role: str) -> None:
    version, wrapped = sealing.key_wrap(opened.data_key, organisation_id)
    ReportKey.objects.update_or_create(
        report_id=opened.report.pk,
        organisation_id=organisation_id,
        defaults={"role": role, "key_version": version, "wrapped_key": wrapped},
    )


def referral_create(
    *, actor: Actor, case: Case, opened: OpenedReport, to_organisation_id: int, kind: str
) -> Referral:
    """Offer the case to another support group: to help (referral) or to take it (transfer).

    A transfer goes straight only where the organisation has no supervisor; elsewhere it is
    asked for (`case_transfer_request`) and sent once a supervisor approves.
    """
    if not policies.can_manage_case(actor, case):
        raise PermissionDenied
    check_offer(case, to_organisation_id, kind)
    if kind == ReferralKind.TRANSFER and needs_approval(case.owner_id):
        raise ValidationError(
            _("In your organisation a supervisor approves transfers: your request is sent to one.")
        )
    return offer_now(
        actor=actor, case=case, opened=opened, to_organisation_id=to_organisation_id, kind=kind
    )


def offer_now(
    *, actor: Actor, case: Case, opened: OpenedReport, to_organisation_id: int, kind: str
) -> Referral:
    """The offer itself, once the rights (and any approval) were checked by the caller."""
    with transaction.atomic():
        _give_key(opened, to_organisation_id, KeyRole.OFFERED)
        referral = Referral.objects.create(
            case=case,
            kind=kind,
            from_organisation_id=case.owner_id,
            to_organisation_id=to_organisation_id,
            sent_on=today(),
        )
        audit_record(
            actor=actor,
            action=f"reports.{kind}_offered",
            target=case,
            organisation_id=case.owner_id,
            details={"to": to_organisation_id},
        )
        for person in people_with_role(to_organisation_id, {Role.CASEWORKER, Role.SUPERVISOR}):
            notify_person(
                person,
                lambda: (
                    _("A case offered to your organisation"),
                    _("A case has been offered to your organisation: %(url)s")
                    % {"url": queue_link()},
                ),
            )
    return referral


def check_offer(case: Case, to_organisation_id: int, kind: str) -> None:
    if kind not in (ReferralKind.REFERRAL, ReferralKind.TRANSFER):
        raise ValidationError({"kind": _("Choose a referral or a transfer.")})
    support = organisations_of_kind(OrganisationKind.SUPPORT_NONPROFIT)
    if to_organisation_id == case.owner_id or not support.filter(pk=to_organisation_id).exists():
        raise ValidationError({"to_organisation": _("Choose another support organisation.")})
    held = ReportKey.objects.filter(report_id=case.report_id, organisation_id=to_organisation_id)
    if held.exists():
        raise ValidationError({"to_organisation": _("This organisation already has this case.")})


def referral_respond(*, actor: Actor, referral: Referral, accept: bool) -> None:
    """The receiving organisation accepts (helps, or takes ownership) or declines."""
    if referral.status != ReferralStatus.PENDING or not policies.can_answer_offer(actor, referral):
        raise PermissionDenied
    case = referral.case
    with transaction.atomic():
        referral.status = ReferralStatus.ACCEPTED if accept else ReferralStatus.DECLINED
        referral.answered_on = today()
        referral.save(update_fields=["status", "answered_on"])
        offered = ReportKey.objects.filter(
            report_id=case.report_id, organisation_id=referral.to_organisation_id
        )
        if not accept:
            offered.delete()
        elif referral.kind == ReferralKind.REFERRAL:
            offered.update(role=KeyRole.HELPER)
        else:
            _take_over(case, referral)
        if accept:
            Report.objects.filter(pk=case.report_id).exclude(stage=Stage.CLOSED).update(
                stage=Stage.REFERRED
            )
        audit_record(
            actor=actor,
            action=f"reports.{referral.kind}_{referral.status}",
            target=case,
            organisation_id=referral.to_organisation_id,
        )


def _take_over(case: Case, referral: Referral) -> None:
    # The former owner gives the case up entirely: its key goes, the new owner assigns anew.
    ReportKey.objects.filter(
        report_id=case.report_id, organisation_id=referral.from_organisation_id
    ).delete()
    ReportKey.objects.filter(
        report_id=case.report_id, organisation_id=referral.to_organisation_id
    ).update(role=KeyRole.OWNER)
    Case.objects.filter(pk=case.pk).update(owner_id=referral.to_organisation_id, assigned_to=None)
    # A request still waiting was made to the former owner's supervisors: it goes with them.
    CaseRequest.objects.filter(case=case, status=CaseRequestStatus.PENDING).delete()


def consent_request(
    *, actor: Actor, case: Case, opened: OpenedReport, inspectorate_id: int
) -> ConsentRequest:
    """Ask the worker, through her receipt code, whether the report may go to an inspectorate."""
    if not policies.can_manage_case(actor, case):
        raise PermissionDenied
    agencies = organisations_of_kind(OrganisationKind.GOVERNMENT_AGENCY)
    if not agencies.filter(pk=inspectorate_id).exists():
        raise ValidationError({"inspectorate": _("Choose an inspectorate.")})
    if ConsentRequest.objects.filter(
        report_id=case.report_id, inspectorate_id=inspectorate_id, answer=ConsentAnswer.PENDING
    ).exists():
        raise ValidationError(
            {"inspectorate": _("The worker has not answered the last request yet.")}
        )
    with transaction.atomic():
        consent = ConsentRequest.objects.create(
            report_id=case.report_id,
            asked_by_id=case.owner_id,
            inspectorate_id=inspectorate_id,
            asked_on=today(),
        )
        audit_record(
            actor=actor,
            action="reports.consent_requested",
            target=case,
            organisation_id=case.owner_id,
            details={"inspectorate": inspectorate_id},
        )
        tell_worker(opened)
    return consent


def consent_answer(*, code: str, consent_id: uuid.UUID, give: bool) -> None:
    """The worker answers a consent request; a yes sends the referral to the inspectorate."""
    opened = receipt_open(code=code)
    with transaction.atomic():
        consent = (
            ConsentRequest.objects.select_for_update()
            .filter(pk=consent_id, report=opened.report, answer=ConsentAnswer.PENDING)
            .first()
        )
        if consent is None:
            raise ValidationError(_("This question has already been answered."))
        consent.answer = ConsentAnswer.GIVEN if give else ConsentAnswer.REFUSED
        consent.answered_on = today()
        consent.save(update_fields=["answer", "answered_on"])
        Report.objects.filter(pk=opened.report.pk).update(last_worker_activity_on=today())
        audit_record(
            actor=None,
            action=f"reports.consent_{consent.answer}",
            target=opened.report,
            anonymous=True,
        )
        if give:
            _refer_to_inspectorate(opened, consent)


def _refer_to_inspectorate(opened: OpenedReport, consent: ConsentRequest) -> None:
    report = opened.report
    case = Case.objects.get(report=report)
    _give_key(opened, consent.inspectorate_id, KeyRole.INSPECTOR)
    # The inspectorate reads the thread from here on: nothing she wrote before she said yes.
    last = report.messages.aggregate(last=Max("position"))["last"] or 0
    Referral.objects.create(
        case=case,
        kind=ReferralKind.INSPECTORATE,
        from_organisation_id=consent.asked_by_id,
        to_organisation_id=consent.inspectorate_id,
        status=ReferralStatus.ACCEPTED,
        consent=consent,
        sent_on=today(),
        thread_from=last,
    )
    Report.objects.filter(pk=report.pk).exclude(stage=Stage.CLOSED).update(stage=Stage.REFERRED)
    audit_record(
        actor=None,
        action="reports.inspectorate_referral",
        target=report,
        anonymous=True,
        organisation_id=consent.inspectorate_id,
    )
    fact_record(
        kind="reports.inspectorate_referral",
        province=report.province,
        program=report.program,
        category=report.category,
    )
    _tell_inspectorate(consent.inspectorate_id)


def _tell_inspectorate(inspectorate_id: int) -> None:
    """The inspectorate's people hear that a referral arrived, in their language, with the link.

    The worker's consent caused it, so it goes in the next round of deliveries: no task's time
    dates her answer. It names no worker, employer or content.
    """
    for person in people_with_role(inspectorate_id, INSPECTOR_ROLES):
        notify_person(
            person,
            lambda: (
                _("A report referred to your inspectorate"),
                _(
                    "A worker agreed to refer a report to your inspectorate. "
                    "Open it on Juntos: %(url)s"
                )
                % {"url": inspector_link()},
            ),
            in_rounds=True,
        )
