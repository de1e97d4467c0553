"""Writes of pre-departure workshops: scheduling, attendees and their profiles, attendance."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record, notify
from juntos.learning.models import ProfileGrant, WorkerProfile, Workshop, WorkshopAttendance
from juntos.learning.policies import can_run_workshops
from juntos.learning.services._common import site_link
from juntos.learning.services.profiles import claim_code_issue, contact_hash

PHONE = re.compile(r"^\+[1-9][0-9]{7,14}$")
NEEDS_CONTACT = gettext_lazy("Give the person's mobile number or email, to send the code.")
BAD_PHONE = gettext_lazy("Write the number with the country code, e.g. +52 951 123 4567.")


def workshop_create(
    *,
    actor: Actor,
    organisation_id: int,
    title: str,
    held_on: dt.date,
    place: str,
    country: str,
    language: str,
) -> Workshop:
    """Schedule a workshop for one's own organisation."""
    if not can_run_workshops(actor, organisation_id):
        raise PermissionDenied
    with transaction.atomic():
        workshop = Workshop(
            organisation_id=organisation_id,
            title=title.strip(),
            held_on=held_on,
            place=place.strip(),
            country=country,
            language=language,
        )
        workshop.full_clean()
        workshop.save()
        audit_record(
            actor=actor,
            action="learning.workshop_created",
            target=workshop,
            organisation_id=organisation_id,
        )
    return workshop


def _contact(phone: str, email: str) -> tuple[str, str]:
    """(contact, channel) from what staff typed; phone wins, as most workers have one."""
    phone = re.sub(r"[\s().-]", "", phone)
    if phone:
        if not PHONE.match(phone):
            raise ValidationError({"phone": BAD_PHONE})
        return phone, "sms"
    if email.strip():
        validate_email(email.strip())
        return email.strip().lower(), "email"
    raise ValidationError({"phone": NEEDS_CONTACT})


def workshop_attendee_add(
    *, actor: Actor, workshop: Workshop, display_name: str, phone: str = "", email: str = ""
) -> WorkerProfile:
    """Create (or find) an attendee's profile by phone or email and send her a claim code.

    A new profile is visible to the workshop's organisation (a grant) so it can advise her; once
    she claims the profile she sees that grant and may revoke it.
    """
    if not can_run_workshops(actor, workshop.organisation_id):
        raise PermissionDenied
    if not display_name.strip():
        raise ValidationError({"display_name": _("Write the person's name.")})
    contact, channel = _contact(phone, email)
    with transaction.atomic():
        profile = _profile_for_contact(contact, display_name, workshop.organisation_id)
        WorkshopAttendance.objects.get_or_create(workshop=workshop, profile=profile)
        if profile.user_id is None:
            _send_claim_code(profile, workshop, contact, channel)
        audit_record(
            actor=actor,
            action="learning.workshop_attendee_added",
            target=profile,
            organisation_id=workshop.organisation_id,
            details={"workshop": workshop.pk},
        )
    return profile


def _profile_for_contact(contact: str, display_name: str, organisation_id: int) -> WorkerProfile:
    """The profile with this contact, or a new one that the workshop's organisation may see."""
    profile = WorkerProfile.objects.filter(contact_hash=contact_hash(contact)).first()
    if profile is None:
        profile = WorkerProfile.objects.create(
            display_name=display_name.strip(),
            contact_hash=contact_hash(contact),
            created_by_organisation_id=organisation_id,
        )
        ProfileGrant.objects.create(profile=profile, organisation_id=organisation_id)
    return profile


def _send_claim_code(
    profile: WorkerProfile, workshop: Workshop, contact: str, channel: str
) -> None:
    code = claim_code_issue(profile)
    with translation.override(workshop.language):
        body = _(
            "Juntos: your profile from the workshop %(workshop)s is ready. "
            "Create your account, then enter this code: %(code)s at %(link)s"
        ) % {
            "workshop": workshop.title,
            "code": code,
            "link": site_link("learning:claim", workshop.language),
        }
        subject = _("Your Juntos profile is ready")
    notify(channel=channel, recipient=contact, subject=subject, body=body)


def workshop_attendance_mark(
    *, actor: Actor, workshop: Workshop, attended_profile_ids: set[int]
) -> int:
    """Record who came: the ticked attendees attended, the others did not."""
    if not can_run_workshops(actor, workshop.organisation_id):
        raise PermissionDenied
    with transaction.atomic():
        rows = workshop.attendees.all()
        rows.filter(profile_id__in=attended_profile_ids).update(attended=True)
        rows.exclude(profile_id__in=attended_profile_ids).update(attended=False)
        count = rows.filter(attended=True).count()
        audit_record(
            actor=actor,
            action="learning.workshop_attendance",
            target=workshop,
            organisation_id=workshop.organisation_id,
            details={"attended": count},
        )
    return count
