"""Case work inside a support organisation: open, assign, note, message, close."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.accounts.selectors import people_with_role
from juntos.core.services import audit_record, fact_record, notify
from juntos.reports import policies, sealing
from juntos.reports.choices import (
    SUPPORT_STAFF_ROLES,
    CaseOutcome,
    CasePriority,
    CaseRequestStatus,
    CaseStatus,
    ContactMode,
    KeyRole,
    MessageSender,
    Stage,
)
from juntos.reports.models import Case, CaseLink, CaseNote, CaseRequest, Report, ReportKey
from juntos.reports.selectors import OpenedReport, needs_approval
from juntos.reports.services._common import today
from juntos.reports.services.intake import message_append


def case_open(*, actor: Actor, opened: OpenedReport) -> Case:
    """Open a case from a report in the triage queue; the other recipients let it go."""
    key = opened.key
    if key is None or not policies.can_open_case(actor, key):
        raise PermissionDenied
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=opened.report.pk)
        if Case.objects.filter(report=report).exists():
            raise ValidationError(
                _("Another organisation has already opened a case for this report.")
            )
        case = Case.objects.create(report=report, owner_id=key.organisation_id, opened_on=today())
        ReportKey.objects.filter(pk=key.pk).update(role=KeyRole.OWNER)
        # Fewer keys, fewer readers: organisations that only received it for triage lose it.
        ReportKey.objects.filter(report=report, role=KeyRole.RECIPIENT).delete()
        Report.objects.filter(pk=report.pk).update(stage=Stage.REVIEWING)
        audit_record(
            actor=actor, action="reports.case_opened", target=case, organisation_id=case.owner_id
        )
    return case


def case_assign(*, actor: Actor, case: Case, assignee_id: int | None) -> None:
    """Give the case to a caseworker of the owning organisation (or to no one)."""
    if not policies.can_manage_case(actor, case):
        raise PermissionDenied
    if (
        assignee_id is not None
        and not people_with_role(case.owner_id, SUPPORT_STAFF_ROLES).filter(pk=assignee_id).exists()
    ):
        raise ValidationError(_("Choose someone who works on cases in your organisation."))
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(assigned_to_id=assignee_id)
        case.assigned_to_id = assignee_id
        audit_record(
            actor=actor,
            action="reports.case_assigned",
            target=case,
            organisation_id=case.owner_id,
            details={"assignee": assignee_id},
        )


def case_set_status(*, actor: Actor, case: Case, status: str) -> None:
    """Move an open case between working statuses (closing has its own service)."""
    if not policies.can_manage_case(actor, case):
        raise PermissionDenied
    if status not in CaseStatus.values or status == CaseStatus.CLOSED:
        raise ValidationError(_("Choose a status."))
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(status=status)
        case.status = status
        audit_record(
            actor=actor,
            action="reports.case_status",
            target=case,
            organisation_id=case.owner_id,
            details={"status": status},
        )


def case_note_add(*, actor: Actor, case: Case, opened: OpenedReport, body: str) -> CaseNote:
    """A private note for the organisations working on the case; the worker never sees it."""
    if not actor.is_authenticated or opened.key is None:
        raise PermissionDenied
    if not policies.can_work_on_case(actor, case, opened.key):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError({"body": _("Please write the note.")})
    with transaction.atomic():
        note = CaseNote.objects.create(
            case=case, author=actor, organisation_id=opened.key.organisation_id, sealed_body=b""
        )
        note.sealed_body = sealing.seal(
            opened.data_key, case.report_id, f"note:{note.pk}", body.strip()[:10000]
        )
        note.save(update_fields=["sealed_body"])
        audit_record(
            actor=actor,
            action="reports.note_added",
            target=case,
            organisation_id=opened.key.organisation_id,
        )
    return note


def case_message_send(*, actor: Actor, case: Case, opened: OpenedReport, body: str) -> None:
    """Write to the worker; she reads it with her code (and hears of it, if she chose a channel)."""
    if opened.key is None or not policies.can_work_on_case(actor, case, opened.key):
        raise PermissionDenied
    if not body.strip():
        raise ValidationError({"body": _("Please write a message.")})
    with transaction.atomic():
        message_append(
            opened=opened,
            sender=MessageSender.STAFF,
            body=body[:5000],
            organisation_id=opened.key.organisation_id,
        )
        audit_record(
            actor=actor,
            action="reports.staff_message",
            target=case,
            organisation_id=opened.key.organisation_id,
        )
        tell_worker(opened)


def tell_worker(opened: OpenedReport) -> None:
    """A content-free nudge on the worker's chosen channel, in her language.

    It waits, sealed, for the next round of deliveries (no task of its own), so no delivery
    time pairs it with the case's audit entry.
    """
    from django.utils import translation

    report = opened.report
    if report.contact_mode != ContactMode.CONFIDENTIAL:
        return
    contact = sealing.contact_of(opened.data_key, report)
    if not contact.get("address") or not contact.get("channel"):
        return
    with translation.override(report.language):
        body = _("Juntos: there is news about your report. Check it with your receipt code.")
    notify(channel=contact["channel"], recipient=contact["address"], body=body, in_rounds=True)


def case_contact_read(*, actor: Actor, case: Case, opened: OpenedReport) -> dict[str, str]:
    """The worker's contact details, for the assigned caseworker only; every reading is audited."""
    if not policies.can_read_contact(actor, case):
        raise PermissionDenied
    contact = sealing.contact_of(opened.data_key, case.report)
    audit_record(
        actor=actor, action="reports.contact_read", target=case, organisation_id=case.owner_id
    )
    return contact


def case_close(*, actor: Actor, case: Case, outcome: str) -> None:
    """Close the case with an outcome; the worker sees "closed" and the ledger counts it.

    Only where the organisation has no supervisor: elsewhere a caseworker asks
    (`case_close_request`) and a supervisor approves (`case_request_decide`).
    """
    if not policies.can_manage_case(actor, case):
        raise PermissionDenied
    check_outcome(outcome)
    if needs_approval(case.owner_id):
        raise ValidationError(
            _("In your organisation a supervisor approves closures: your request is sent to one.")
        )
    case_close_now(actor=actor, case=case, outcome=outcome)


def check_outcome(outcome: str) -> None:
    if outcome not in CaseOutcome.values:
        raise ValidationError({"outcome": _("Choose how the case ended.")})


def case_close_now(*, actor: Actor, case: Case, outcome: str) -> None:
    """The closing itself, once the rights (and any approval) were checked by the caller."""
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(
            status=CaseStatus.CLOSED, outcome=outcome, closed_on=today()
        )
        Report.objects.filter(pk=case.report_id).update(stage=Stage.CLOSED)
        # A transfer or another closing still waiting for a supervisor has nothing left to do.
        CaseRequest.objects.filter(case=case, status=CaseRequestStatus.PENDING).delete()
        case.status, case.outcome = CaseStatus.CLOSED, outcome
        report = case.report
        audit_record(
            actor=actor,
            action="reports.case_closed",
            target=case,
            organisation_id=case.owner_id,
            details={"outcome": outcome},
        )
        fact_record(
            kind="reports.closed",
            province=report.province,
            program=report.program,
            category=report.category,
            outcome=outcome,
        )


def case_plan_set(*, actor: Actor, case: Case, priority: str, due_on: dt.date | None) -> None:
    """The caseworker's plan for an open case: its priority and the day to look at it again."""
    if not policies.can_manage_case(actor, case):
        raise PermissionDenied
    if priority not in CasePriority.values:
        raise ValidationError({"priority": _("Choose a priority.")})
    if due_on is not None and due_on < case.opened_on:
        raise ValidationError({"due_on": _("The due date cannot be before the case was opened.")})
    with transaction.atomic():
        Case.objects.filter(pk=case.pk).update(priority=priority, due_on=due_on)
        case.priority, case.due_on = priority, due_on
        audit_record(
            actor=actor,
            action="reports.case_planned",
            target=case,
            organisation_id=case.owner_id,
            details={"priority": priority, "due_on": due_on.isoformat() if due_on else ""},
        )


def case_reopen(*, actor: Actor, case: Case) -> None:
    """Open a closed case again; the worker sees "being reviewed" once more."""
    if not policies.can_reopen_case(actor, case):
        raise PermissionDenied
    with transaction.atomic():
        previous = case.outcome
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.OPEN, outcome="", closed_on=None)
        Report.objects.filter(pk=case.report_id).update(stage=Stage.REVIEWING)
        case.status, case.outcome, case.closed_on = CaseStatus.OPEN, "", None
        audit_record(
            actor=actor,
            action="reports.case_reopened",
            target=case,
            organisation_id=case.owner_id,
            details={"previous_outcome": previous},
        )


def _link_rights(
    actor: Actor, case: Case, opened: OpenedReport, other_opened: OpenedReport
) -> tuple[int, int]:
    if opened.key is None or other_opened.key is None:
        raise PermissionDenied
    if not policies.can_link_cases(actor, case, opened.key, other_opened.key):
        raise PermissionDenied
    return opened.key.organisation_id, other_opened.key.organisation_id


def case_link(
    *, actor: Actor, case: Case, opened: OpenedReport, other: Case, other_opened: OpenedReport
) -> None:
    """Link two cases the actor works on (the same orchard, the same foreman...)."""
    organisation_id, _other_org = _link_rights(actor, case, opened, other_opened)
    if case.pk == other.pk:
        raise ValidationError({"other": _("A case cannot be linked to itself.")})
    low, high = sorted((case.pk, other.pk))
    with transaction.atomic():
        _link, created = CaseLink.objects.get_or_create(
            case_id=low, other_id=high, defaults={"linked_on": today()}
        )
        if created:
            audit_record(
                actor=actor,
                action="reports.cases_linked",
                target=case,
                organisation_id=organisation_id,
                details={"other": other.pk},
            )


def case_unlink(
    *, actor: Actor, case: Case, opened: OpenedReport, other: Case, other_opened: OpenedReport
) -> None:
    """Undo a link between two cases the actor works on."""
    organisation_id, _other_org = _link_rights(actor, case, opened, other_opened)
    low, high = sorted((case.pk, other.pk))
    with transaction.atomic():
        removed, _count = CaseLink.objects.filter(case_id=low, other_id=high).delete()
        if removed:
            audit_record(
                actor=actor,
                action="reports.cases_unlinked",
                target=case,
                organisation_id=organisation_id,
                details={"other": other.pk},
            )
