"""Named-worker requests (employer names, she confirms, the liaison approves), the end of a
season, and the offer to workers who were not named back after the deadline."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.core.services import Text, audit_record, fact_record, notify_person
from juntos.opportunities.choices import NamedStatus
from juntos.opportunities.models import FindableWorker, NamedRequest, SeasonEngagement
from juntos.opportunities.named_rules import rule_for
from juntos.opportunities.policies import (
    can_decide_named_request,
    can_name_workers,
    can_record_seasons,
)
from juntos.opportunities.services._common import refuse_unless

__all__ = [
    "named_request_change_worker",
    "named_request_create",
    "named_request_decide",
    "named_request_permit_started",
    "named_request_respond",
    "naming_deadline",
    "not_named_back_offer",
    "not_named_back_offer_one",
    "returning_pool_join",
    "season_record",
]

OPEN = (NamedStatus.WAITING_WORKER, NamedStatus.WAITING_LIAISON)


def naming_deadline(season_year: int) -> dt.date:
    """The day by which employers name workers for `season_year` (in the year before it)."""
    month, day = (int(part) for part in settings.JUNTOS_NAMING_DEADLINE.split("-"))
    return dt.date(season_year - 1, month, day)


def _returning(worker: SignedIn, employer_organisation_id: int) -> bool:
    return SeasonEngagement.objects.filter(
        worker=worker, employer_organisation_id=employer_organisation_id
    ).exists()


def _tell(person: SignedIn, subject: Text, body: Text) -> None:
    notify_person(person, lambda: (subject, body))


@transaction.atomic
def named_request_create(
    *,
    actor: Actor,
    employer_organisation_id: int,
    liaison_organisation_id: int,
    worker: SignedIn,
    season_year: int,
    program: str,
    starts_on: dt.date,
) -> NamedRequest:
    """The employer names a worker who worked for it before; she is asked to confirm."""
    refuse_unless(can_name_workers(actor, employer_organisation_id))
    if not _returning(worker, employer_organisation_id):
        raise ValidationError({"worker": [_("Only a worker who worked for you can be named.")]})
    if starts_on.year != season_year:
        raise ValidationError({"starts_on": [_("The first day must be in that season.")]})
    request = NamedRequest.objects.create(
        employer_organisation_id=employer_organisation_id,
        liaison_organisation_id=liaison_organisation_id,
        worker=worker,
        season_year=season_year,
        program=program,
        starts_on=starts_on,
        status=NamedStatus.WAITING_WORKER,
    )
    audit_record(
        actor=actor,
        action="opportunities.named_request_created",
        target=request,
        organisation_id=employer_organisation_id,
    )
    _tell(
        worker,
        _("An employer asks for you next season"),
        _("Confirm or say no, in private: %(path)s")
        % {"path": reverse("opportunities:my_requests")},
    )
    return request


def _change_refusal(request: NamedRequest, today: dt.date) -> str | None:
    rule = rule_for(request.program, today)
    if rule is None:
        return str(_("We have no rule for this program: ask the liaison before changing a name."))
    if rule.refuse_when_permit_in_process and request.permit_in_process:
        return str(_("The work permit is already in process, so the name cannot be changed."))
    if today > rule.change_deadline(request.starts_on):
        return str(
            _("A name can be changed until %(day)s (%(weeks)s weeks before the start).")
            % {
                "day": rule.change_deadline(request.starts_on).isoformat(),
                "weeks": rule.notice_weeks,
            }
        )
    return None


@transaction.atomic
def named_request_change_worker(
    *, actor: Actor, request: NamedRequest, worker: SignedIn, today: dt.date | None = None
) -> NamedRequest:
    """Replace the named worker, within the program's rules (six weeks ahead, no permit yet)."""
    refuse_unless(can_name_workers(actor, request.employer_organisation_id))
    request = NamedRequest.objects.select_for_update().get(pk=request.pk)
    refusal = _change_refusal(request, today or timezone.localdate())
    if refusal:
        raise ValidationError({"worker": [refusal]})
    new = named_request_create(
        actor=actor,
        employer_organisation_id=request.employer_organisation_id,
        liaison_organisation_id=request.liaison_organisation_id,
        worker=worker,
        season_year=request.season_year,
        program=request.program,
        starts_on=request.starts_on,
    )
    request.replaced_by = new
    request.save(update_fields=["replaced_by"])
    return new


@transaction.atomic
def named_request_respond(*, actor: Actor, request: NamedRequest, confirm: bool) -> NamedRequest:
    """She confirms (it goes to the liaison) or says no (the employer reads "not available")."""
    refuse_unless(actor.is_authenticated and actor.pk == request.worker_id)
    request = NamedRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != NamedStatus.WAITING_WORKER:
        raise ValidationError(_("You already answered this request."))
    request.status = NamedStatus.WAITING_LIAISON if confirm else NamedStatus.WORKER_DECLINED
    request.save(update_fields=["status"])
    audit_record(actor=actor, action="opportunities.named_request_answered", target=request)
    return request


@transaction.atomic
def named_request_decide(*, actor: Actor, request: NamedRequest, approve: bool) -> NamedRequest:
    """The sending country's liaison makes the final decision."""
    refuse_unless(can_decide_named_request(actor, request))
    request = NamedRequest.objects.select_for_update().select_related("worker").get(pk=request.pk)
    if request.status != NamedStatus.WAITING_LIAISON:
        raise ValidationError(_("This request is not waiting for the liaison."))
    request.status = NamedStatus.APPROVED if approve else NamedStatus.LIAISON_REFUSED
    request.save(update_fields=["status"])
    audit_record(
        actor=actor,
        action="opportunities.named_request_decided",
        target=request,
        organisation_id=request.liaison_organisation_id,
        details={"approved": approve},
    )
    fact_record(kind="opportunities.named-request", program=request.program, outcome=request.status)
    if approve:
        _tell(
            request.worker,
            _("Your return next season is approved"),
            _("The liaison approved the request for %(year)s.") % {"year": request.season_year},
        )
    return request


@transaction.atomic
def named_request_permit_started(*, actor: Actor, request: NamedRequest) -> NamedRequest:
    """The liaison notes that the work permit is in process (no change of name after this)."""
    refuse_unless(can_decide_named_request(actor, request))
    request.permit_in_process = True
    request.save(update_fields=["permit_in_process"])
    audit_record(actor=actor, action="opportunities.permit_in_process", target=request)
    return request


@transaction.atomic
def season_record(
    *,
    actor: Actor,
    liaison_organisation_id: int,
    engagement: SeasonEngagement,
    good_season: bool,
) -> SeasonEngagement:
    """The liaison records, from the end-of-season evaluations, whether the season went well."""
    refuse_unless(can_record_seasons(actor, liaison_organisation_id))
    engagement.good_season = good_season
    engagement.liaison_organisation_id = liaison_organisation_id
    engagement.save(update_fields=["good_season", "liaison_organisation_id"])
    audit_record(actor=actor, action="opportunities.season_recorded", target=engagement)
    return engagement


def not_named_back_offer(*, today: dt.date | None = None) -> int:
    """After the naming deadline: offer each worker with a good season who was not named the
    returning-worker pool and the report link. The employer is told nothing."""
    today = today or timezone.localdate()
    waiting = SeasonEngagement.objects.filter(
        good_season=True, naming_checked_on=None
    ).select_related("worker")
    return sum(not_named_back_offer_one(engagement=e, today=today) for e in waiting)


def not_named_back_offer_one(*, engagement: SeasonEngagement, today: dt.date) -> bool:
    """Check one good season after the deadline; True when she was not named and got her
    options (now or before). Other apps' signals (a "would rehire" evaluation) feed this."""
    if engagement.not_named_offered_on is not None:
        return True
    if not engagement.good_season or engagement.naming_checked_on is not None:
        return False
    if today <= naming_deadline(engagement.year + 1):
        return False
    named = NamedRequest.objects.filter(
        worker_id=engagement.worker_id,
        employer_organisation_id=engagement.employer_organisation_id,
        season_year=engagement.year + 1,
    ).exclude(status__in=[NamedStatus.WORKER_DECLINED])
    with transaction.atomic():
        engagement.naming_checked_on = today
        if named.exists():  # named back: nothing to offer
            engagement.save(update_fields=["naming_checked_on"])
            return False
        engagement.not_named_offered_on = today
        engagement.save(update_fields=["naming_checked_on", "not_named_offered_on"])
        audit_record(actor=None, action="opportunities.not_named_offered", target=engagement)
        fact_record(
            kind="opportunities.not-named-back",
            province=engagement.province,
            program=engagement.program,
        )
        _tell(
            engagement.worker,
            _("You were not named back for next season"),
            _(
                "You had a good season. You can join the returning-worker pool, and if you "
                "think this is retaliation you can report it without giving your name: %(path)s"
            )
            % {"path": reverse("opportunities:my_options")},
        )
    return True


@transaction.atomic
def returning_pool_join(*, actor: Actor, engagement: SeasonEngagement) -> SeasonEngagement:
    """She joins the returning-worker pool: her good season counts in matching."""
    refuse_unless(actor.is_authenticated and engagement.worker_id == actor.pk)
    engagement = SeasonEngagement.objects.select_for_update().get(pk=engagement.pk)
    if engagement.not_named_offered_on is None or not engagement.good_season:
        raise ValidationError(_("The pool is offered after a good season that was not named."))
    engagement.pool_joined_on = timezone.localdate()
    engagement.save(update_fields=["pool_joined_on"])
    FindableWorker.objects.filter(user=engagement.worker).update(returning_pool=True)
    audit_record(actor=actor, action="opportunities.pool_joined", target=engagement)
    return engagement
