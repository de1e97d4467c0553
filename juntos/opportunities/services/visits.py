"""Volunteer technical visits: a request, volunteers' offers, vetting, the match, the report."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.core.services import audit_record, fact_record
from juntos.opportunities.choices import Expertise, Vetting, VisitStatus
from juntos.opportunities.models import VisitRequest, VolunteerOffer
from juntos.opportunities.policies import (
    can_manage_visit,
    can_vet_volunteers,
    visit_host_organisations_of,
)
from juntos.opportunities.services._common import refuse_unless

__all__ = [
    "visit_report",
    "visit_request_create",
    "visit_volunteer_choose",
    "volunteer_offer_save",
    "volunteer_vet",
]


def _check(expertise: list[str], starts_on: dt.date, ends_on: dt.date, end_field: str) -> None:
    errors: dict[str, list[object]] = {}
    if not expertise or any(e not in Expertise.values for e in expertise):
        errors["expertise"] = [_("Choose at least one kind of expertise from the list.")]
    if ends_on < starts_on:
        errors[end_field] = [_("The last day must be on or after the first day.")]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def visit_request_create(
    *,
    actor: Actor,
    title: str,
    expertise: list[str],
    language: str,
    starts_on: dt.date,
    ends_on: dt.date,
) -> VisitRequest:
    """A community organisation asks for a short visit (expertise, language, dates)."""
    organisations = visit_host_organisations_of(actor)
    refuse_unless(bool(organisations))
    _check(expertise, starts_on, ends_on, "ends_on")
    visit = VisitRequest.objects.create(
        organisation_id=min(organisations),
        title=title.strip()[:150],
        expertise=sorted(set(expertise)),
        language=language,
        starts_on=starts_on,
        ends_on=ends_on,
    )
    audit_record(
        actor=actor,
        action="opportunities.visit_requested",
        target=visit,
        organisation_id=visit.organisation_id,
    )
    return visit


@transaction.atomic
def volunteer_offer_save(
    *,
    actor: Actor,
    expertise: list[str],
    languages: list[str],
    available_from: dt.date,
    available_to: dt.date,
) -> VolunteerOffer:
    """A volunteer offers expertise and dates; a change of offer is checked again."""
    if not isinstance(actor, SignedIn):
        raise PermissionDenied
    _check(expertise, available_from, available_to, "available_to")
    offer, _created = VolunteerOffer.objects.update_or_create(
        user=actor,
        defaults={
            "expertise": sorted(set(expertise)),
            "languages": sorted(set(languages)),
            "available_from": available_from,
            "available_to": available_to,
            "vetting": Vetting.PENDING,
            "vetted_on": None,
            "vetted_by": None,
        },
    )
    audit_record(actor=actor, action="opportunities.volunteer_offered", target=offer)
    return offer


@transaction.atomic
def volunteer_vet(*, actor: Actor, offer: VolunteerOffer, cleared: bool) -> VolunteerOffer:
    """A coordinator records the check: a status, the day and who (no documents kept)."""
    refuse_unless(can_vet_volunteers(actor))
    assert isinstance(actor, SignedIn)
    offer.vetting = Vetting.CLEARED if cleared else Vetting.NOT_CLEARED
    offer.vetted_on = timezone.localdate()
    offer.vetted_by = actor
    offer.save(update_fields=["vetting", "vetted_on", "vetted_by"])
    audit_record(
        actor=actor,
        action="opportunities.volunteer_vetted",
        target=offer,
        details={"vetting": offer.vetting},
    )
    return offer


@transaction.atomic
def visit_volunteer_choose(
    *, actor: Actor, visit: VisitRequest, offer: VolunteerOffer
) -> VisitRequest:
    """The organisation chooses a cleared volunteer whose dates overlap the visit."""
    refuse_unless(can_manage_visit(actor, visit))
    if offer.vetting != Vetting.CLEARED:
        raise ValidationError(_("Only a volunteer who was checked and cleared can be chosen."))
    if offer.available_to < visit.starts_on or offer.available_from > visit.ends_on:
        raise ValidationError(_("The volunteer is not available on the visit's dates."))
    visit.volunteer = offer
    visit.status = VisitStatus.MATCHED
    visit.save(update_fields=["volunteer", "status"])
    audit_record(actor=actor, action="opportunities.visit_matched", target=visit)
    return visit


@transaction.atomic
def visit_report(
    *, actor: Actor, visit: VisitRequest, outputs: str, people_trained: int
) -> VisitRequest:
    """After the visit: what it produced, counted for the indicators."""
    refuse_unless(can_manage_visit(actor, visit))
    if visit.status != VisitStatus.MATCHED:
        raise ValidationError(_("Report a visit once a volunteer made it."))
    if not outputs.strip():
        raise ValidationError({"outputs": [_("Say what the visit produced.")]})
    visit.outputs = outputs.strip()[:3000]
    visit.people_trained = people_trained
    visit.reported_on = timezone.localdate()
    visit.status = VisitStatus.DONE
    visit.save(update_fields=["outputs", "people_trained", "reported_on", "status"])
    audit_record(actor=actor, action="opportunities.visit_reported", target=visit)
    for expertise in visit.expertise:
        fact_record(kind="opportunities.visit", category=expertise, language=visit.language)
    if people_trained:
        fact_record(kind="opportunities.visit-people-trained", count=people_trained)
    return visit
