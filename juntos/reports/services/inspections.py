"""The inspectorate's side of a consented referral: write to the worker, record what it did."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.accounts.selectors import people_with_role
from juntos.core.services import audit_record, fact_record, notify_person
from juntos.reports import policies
from juntos.reports.choices import SUPPORT_STAFF_ROLES, CaseStatus, InspectionOutcome, MessageSender
from juntos.reports.models import Case, Message, Referral
from juntos.reports.selectors import OpenedReport
from juntos.reports.services._common import case_link, today
from juntos.reports.services.cases import tell_worker
from juntos.reports.services.intake import message_append


def _tell_caseworkers(case: Case, *, outcome: bool) -> None:
    """The case's caseworker (everyone on cases at its owner, if no one is assigned) hears that
    the inspectorate wrote or recorded an outcome, with the case's link; never what it said."""
    people = (
        [case.assigned_to]
        if case.assigned_to is not None
        else list(people_with_role(case.owner_id, SUPPORT_STAFF_ROLES))
    )
    for person in people:
        notify_person(
            person,
            lambda: (
                _("News from the inspectorate on a case"),
                (
                    _("The inspectorate recorded an outcome on a case: %(url)s")
                    if outcome
                    else _("The inspectorate wrote to the worker on a case: %(url)s")
                )
                % {"url": case_link(case.pk)},
            ),
        )


def _check_rights(actor: Actor, referral: Referral, opened: OpenedReport) -> None:
    if opened.key is None or not policies.can_act_on_referral(actor, referral, opened.key):
        raise PermissionDenied


def inspector_message_send(
    *, actor: Actor, referral: Referral, opened: OpenedReport, body: str, asks_more: bool
) -> Message:
    """The inspectorate writes to the worker through her status page; asking her for more
    information also puts the open case in "waiting for the worker" for its caseworkers."""
    _check_rights(actor, referral, opened)
    if not body.strip():
        raise ValidationError({"body": _("Please write a message.")})
    with transaction.atomic():
        message = message_append(
            opened=opened,
            sender=MessageSender.INSPECTORATE,
            body=body[:5000],
            organisation_id=referral.to_organisation_id,
        )
        if asks_more:
            Message.objects.filter(pk=message.pk).update(asks_more=True)
            message.asks_more = True
            Case.objects.filter(pk=referral.case_id).exclude(status=CaseStatus.CLOSED).update(
                status=CaseStatus.WAITING_WORKER
            )
        audit_record(
            actor=actor,
            action="reports.inspector_message",
            target=referral.case,
            organisation_id=referral.to_organisation_id,
            details={"referral": referral.pk, "asks_more": asks_more},
        )
        tell_worker(opened)
        _tell_caseworkers(referral.case, outcome=False)
    return message


def _check_outcome(outcome: str, outcome_on: dt.date | None) -> None:
    if outcome not in InspectionOutcome.values:
        raise ValidationError({"outcome": _("Choose what the inspectorate did.")})
    if outcome_on is not None and outcome_on > today():
        raise ValidationError({"outcome_on": _("The date cannot be in the future.")})


def inspection_outcome_record(
    *,
    actor: Actor,
    referral: Referral,
    opened: OpenedReport,
    outcome: str,
    outcome_on: dt.date | None,
) -> None:
    """Record what the inspectorate did (or correct it); the worker and the caseworkers see it.

    The ledger counts an outcome once, as first recorded: a correction is in the audit log only
    (the ledger adds, it never takes away).
    """
    _check_rights(actor, referral, opened)
    _check_outcome(outcome, outcome_on)
    with transaction.atomic():
        current = Referral.objects.select_for_update().get(pk=referral.pk)
        previous = current.inspection_outcome
        if previous == outcome and current.inspection_outcome_on == outcome_on:
            raise ValidationError({"outcome": _("This outcome is already recorded.")})
        Referral.objects.filter(pk=referral.pk).update(
            inspection_outcome=outcome,
            inspection_outcome_on=outcome_on,
            inspection_recorded_on=today(),
        )
        referral.inspection_outcome, referral.inspection_outcome_on = outcome, outcome_on
        audit_record(
            actor=actor,
            action="reports.inspection_outcome_corrected"
            if previous
            else "reports.inspection_outcome",
            target=referral.case,
            organisation_id=referral.to_organisation_id,
            details={
                "referral": referral.pk,
                "outcome": outcome,
                "outcome_on": outcome_on.isoformat() if outcome_on else "",
                "previous": previous,
            },
        )
        if not previous:
            report = opened.report
            fact_record(
                kind="reports.inspection_outcome",
                province=report.province,
                program=report.program,
                category=report.category,
                outcome=outcome,
            )
        tell_worker(opened)
        _tell_caseworkers(referral.case, outcome=True)
