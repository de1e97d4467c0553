"""Reintegration referrals home: her recorded consent, the fields she ticked, follow-ups at 3, 6
and 12 months, and the outcome as a coarse fact."""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.accounts.choices import Role
from juntos.accounts.selectors import people_with_role
from juntos.core.services import Text, audit_record, fact_record, notify_person
from juntos.learning.selectors import profile_details_of
from juntos.opportunities.choices import (
    FOLLOW_UP_MONTHS,
    ReferralOutcome,
    ReferralStatus,
    SharedField,
)
from juntos.opportunities.models import Referral, ReferralFollowUp
from juntos.opportunities.policies import can_follow_referral, referring_organisations_of
from juntos.opportunities.services._common import refuse_unless

__all__ = [
    "follow_up_record",
    "follow_up_reminders_send",
    "referral_create",
    "referral_set_status",
]


def months_after(day: dt.date, months: int) -> dt.date:
    """The same day `months` later (the month's last day when it has fewer days)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _shared_values(worker: SignedIn, fields: list[str]) -> dict[str, object]:
    """Only what she ticked, read from her profile at the moment of the referral."""
    profile = profile_details_of(worker)
    values: dict[str, object] = {}
    if SharedField.NAME in fields:
        values["name"] = profile.display_name if profile else worker.display_name
    if profile is None:
        return values
    if SharedField.HOME in fields:
        values["home"] = ", ".join(p for p in (profile.home_municipality, profile.home_state) if p)
    if SharedField.LANGUAGES in fields:
        values["languages"] = [f"{x.language} ({x.level})" for x in profile.languages.all()]
    if SharedField.SKILLS in fields:
        values["skills"] = [s.description for s in profile.skills.all()]
    if SharedField.SEASONS in fields:
        values["seasons"] = [f"{s.started_on.year} {s.province}" for s in profile.seasons.all()]
    if SharedField.GOALS in fields:
        values["goals"] = [g.kind for g in profile.goals.all()]
    return values


@transaction.atomic
def referral_create(
    *,
    actor: Actor,
    worker: SignedIn,
    home_organisation_id: int,
    kind: str,
    consent: bool,
    shared_fields: list[str],
    note: str = "",
    today: dt.date | None = None,
) -> Referral:
    """A caseworker refers a worker home, with her consent recorded and the fields she chose."""
    organisations = referring_organisations_of(actor)
    refuse_unless(bool(organisations))
    if not consent:
        raise ValidationError(
            {"consent": [_("Refer only with the worker's consent: tick that it was given.")]}
        )
    unknown = [f for f in shared_fields if f not in SharedField.values]
    if unknown:
        raise ValidationError({"shared_fields": [_("Choose the fields from the list.")]})
    today = today or timezone.localdate()
    profile = profile_details_of(worker)
    referral = Referral.objects.create(
        worker=worker,
        referring_organisation_id=min(organisations),
        home_organisation_id=home_organisation_id,
        kind=kind,
        consented_at=timezone.now(),
        shared_fields=sorted(set(shared_fields)),
        shared_values=_shared_values(worker, shared_fields),
        note=note.strip()[:500],
        sent_on=today,
        gender=profile.gender if profile else "",
        country=profile.home_country if profile else "",
    )
    ReferralFollowUp.objects.bulk_create(
        ReferralFollowUp(referral=referral, months=m, due_on=months_after(today, m))
        for m in FOLLOW_UP_MONTHS
    )
    audit_record(
        actor=actor,
        action="opportunities.referral_sent",
        target=referral,
        organisation_id=referral.referring_organisation_id,
        details={"kind": kind, "fields": referral.shared_fields},
    )
    _fact(referral, "sent")
    return referral


def _fact(referral: Referral, outcome: str, kind: str = "opportunities.referral") -> None:
    fact_record(
        kind=kind,
        gender=referral.gender,
        country_of_origin=referral.country,
        category=referral.kind,
        outcome=outcome,
    )


@transaction.atomic
def referral_set_status(
    *,
    actor: Actor,
    referral: Referral,
    status: str,
    outcome: str = "",
    today: dt.date | None = None,
) -> Referral:
    """Move a referral along; an outcome closes it and is counted (gender, country, kind)."""
    refuse_unless(can_follow_referral(actor, referral))
    if status not in ReferralStatus.values:
        raise ValidationError({"status": [_("Choose a status from the list.")]})
    if status == ReferralStatus.OUTCOME and outcome not in ReferralOutcome.values:
        raise ValidationError({"outcome": [_("Choose the outcome.")]})
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status == ReferralStatus.OUTCOME:
        raise ValidationError(_("This referral's outcome is already recorded."))
    referral.status = status
    if status == ReferralStatus.OUTCOME:
        referral.outcome = outcome
        referral.outcome_on = today or timezone.localdate()
    referral.save(update_fields=["status", "outcome", "outcome_on"])
    audit_record(
        actor=actor,
        action="opportunities.referral_status",
        target=referral,
        details={"status": status, "outcome": outcome},
    )
    if outcome:
        _fact(referral, outcome)
        _fact(referral, outcome, kind="opportunities.referral-outcome")  # the public indicator
    return referral


@transaction.atomic
def follow_up_record(
    *, actor: Actor, follow_up: ReferralFollowUp, note: str, today: dt.date | None = None
) -> ReferralFollowUp:
    """The caseworker records what a follow-up found."""
    refuse_unless(follow_up.referral.referring_organisation_id in referring_organisations_of(actor))
    follow_up.note = note.strip()[:500]
    follow_up.done_on = today or timezone.localdate()
    follow_up.save(update_fields=["note", "done_on"])
    audit_record(actor=actor, action="opportunities.follow_up_recorded", target=follow_up)
    return follow_up


def _reminder(follow_up: ReferralFollowUp) -> Callable[[], tuple[Text, Text]]:
    path = reverse("opportunities:referral", args=[follow_up.referral_id])

    def render() -> tuple[Text, Text]:
        body = _("The %(months)s-month follow-up of a referral is due: %(path)s") % {
            "months": follow_up.months,
            "path": path,
        }
        return _("A referral follow-up is due"), body

    return render


def follow_up_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind the referring organisation's caseworkers of follow-ups that are due (once each)."""
    today = today or timezone.localdate()
    due = ReferralFollowUp.objects.filter(
        due_on__lte=today, done_on=None, reminded_on=None
    ).select_related("referral")
    sent = 0
    for follow_up in due:
        with transaction.atomic():
            staff = people_with_role(
                follow_up.referral.referring_organisation_id, {Role.CASEWORKER, Role.SUPERVISOR}
            )
            for person in staff:
                notify_person(person, _reminder(follow_up))
            follow_up.reminded_on = today
            follow_up.save(update_fields=["reminded_on"])
            audit_record(actor=None, action="opportunities.follow_up_reminded", target=follow_up)
            sent += 1
    return sent
