"""Writes about meetings: the poll, scheduling, registration, interpreters, agenda, minutes."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record, fact_record
from juntos.network.choices import (
    INTERPRETATION_LANGUAGES,
    AgendaKind,
    MeetingFormat,
    MeetingStatus,
)
from juntos.network.models import (
    AgendaItem,
    Availability,
    InterpreterAssignment,
    Meeting,
    Minutes,
    PollOption,
    Recommendation,
    Registration,
    WorkingGroup,
)
from juntos.network.services._common import require_coordinator, require_member, require_text
from juntos.network.services.digest import plenary_digest_queue

INTERPRETATION_CODES = {code for code, _label in INTERPRETATION_LANGUAGES}


def _check_format(meeting_format: str, location: str, online_url: str) -> None:
    if meeting_format not in MeetingFormat.values:
        raise ValidationError({"format": _("Choose in person, online or hybrid.")})
    if meeting_format != MeetingFormat.ONLINE and not location.strip():
        raise ValidationError({"location": _("Say where people meet.")})
    if meeting_format != MeetingFormat.IN_PERSON and not online_url.strip():
        raise ValidationError({"online_url": _("Give the link to join online.")})


def _check_times(times: Sequence[tuple[dt.datetime, dt.datetime]]) -> None:
    if not times:
        raise ValidationError({"options": _("Offer at least one possible time.")})
    for starts_at, ends_at in times:
        if ends_at <= starts_at:
            raise ValidationError({"options": _("Each time must end after it starts.")})


def meeting_create(
    *,
    actor: Actor | None,
    group: WorkingGroup | None,
    title: str,
    meeting_format: str,
    location: str = "",
    online_url: str = "",
    options: Sequence[tuple[dt.datetime, dt.datetime]],
) -> Meeting:
    """Propose a meeting (a plenary when group is None) with a poll of possible times."""
    require_coordinator(actor)
    title = require_text(title, field="title", limit=200)
    _check_format(meeting_format, location, online_url)
    _check_times(options)
    with transaction.atomic():
        meeting = Meeting.objects.create(
            group=group,
            title=title,
            format=meeting_format,
            location=location.strip(),
            online_url=online_url.strip(),
            status=MeetingStatus.POLLING,
        )
        PollOption.objects.bulk_create(
            [PollOption(meeting=meeting, starts_at=s, ends_at=e) for s, e in options]
        )
        # Every meeting opens by hearing from workers; the database keeps it first.
        AgendaItem.objects.create(
            meeting=meeting, position=0, kind=AgendaKind.WORKER_VOICES, title=_("Worker voices")
        )
        audit_record(actor=actor, action="network.meeting_create", target=meeting)
    return meeting


def availability_set(*, actor: Actor, meeting: Meeting, option_ids: Iterable[int]) -> int:
    """Replace the member's marks in the poll with the times she can attend."""
    member = require_member(actor)
    if meeting.status != MeetingStatus.POLLING:
        raise ValidationError(_("This meeting already has a time."))
    wanted = set(option_ids)
    options = list(meeting.poll_options.filter(pk__in=wanted))
    if len(options) != len(wanted):
        raise ValidationError(_("One of those times is not part of this poll."))
    with transaction.atomic():
        Availability.objects.filter(option__meeting=meeting, member=member).delete()
        Availability.objects.bulk_create([Availability(option=o, member=member) for o in options])
        audit_record(actor=actor, action="network.availability_set", target=meeting)
    return len(options)


def meeting_schedule(*, actor: Actor | None, meeting: Meeting, option_id: int) -> Meeting:
    """Fix the meeting at one of the poll's times."""
    require_coordinator(actor)
    option = meeting.poll_options.filter(pk=option_id).first()
    if option is None:
        raise ValidationError({"option": _("Choose one of the poll's times.")})
    if meeting.status == MeetingStatus.HELD:
        raise ValidationError(_("This meeting has already been held."))
    with transaction.atomic():
        meeting.starts_at, meeting.ends_at = option.starts_at, option.ends_at
        meeting.status = MeetingStatus.SCHEDULED
        meeting.ical_sequence += 1
        meeting.save(update_fields=["starts_at", "ends_at", "status", "ical_sequence"])
        audit_record(
            actor=actor,
            action="network.meeting_schedule",
            target=meeting,
            details={"starts_at": option.starts_at.isoformat()},
        )
    return meeting


def registration_save(
    *, actor: Actor, meeting: Meeting, interpretation_language: str = ""
) -> Registration:
    """Register the member for a scheduled meeting, with the language she needs interpreted."""
    member = require_member(actor)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(_("Registration opens once the meeting has a time."))
    if interpretation_language and interpretation_language not in INTERPRETATION_CODES:
        raise ValidationError({"interpretation_language": _("Choose a language from the list.")})
    with transaction.atomic():
        registration, _created = Registration.objects.update_or_create(
            meeting=meeting,
            member=member,
            defaults={"interpretation_language": interpretation_language},
        )
        audit_record(
            actor=actor,
            action="network.register",
            target=meeting,
            details={"interpretation": interpretation_language},
        )
    return registration


def interpreter_assign(
    *, actor: Actor | None, meeting: Meeting, language: str, interpreter_name: str
) -> InterpreterAssignment:
    """The coordinator books an impartial interpreter for one language."""
    require_coordinator(actor)
    if language not in INTERPRETATION_CODES:
        raise ValidationError({"language": _("Choose a language from the list.")})
    interpreter_name = require_text(interpreter_name, field="interpreter_name", limit=200)
    with transaction.atomic():
        assignment, _created = InterpreterAssignment.objects.update_or_create(
            meeting=meeting, language=language, defaults={"interpreter_name": interpreter_name}
        )
        audit_record(
            actor=actor,
            action="network.interpreter_assign",
            target=meeting,
            details={"language": language},
        )
    return assignment


def agenda_item_add(
    *,
    actor: Actor | None,
    meeting: Meeting,
    title: str,
    recommendation: Recommendation | None = None,
) -> AgendaItem:
    """Append an item after worker voices and whatever is already on the agenda."""
    require_coordinator(actor)
    title = require_text(title, field="title", limit=300)
    with transaction.atomic():
        last = meeting.agenda.aggregate(last=Max("position"))["last"] or 0
        item = AgendaItem.objects.create(
            meeting=meeting,
            position=last + 1,
            kind=AgendaKind.RECOMMENDATION if recommendation else AgendaKind.OTHER,
            title=title,
            recommendation=recommendation,
        )
        audit_record(actor=actor, action="network.agenda_add", target=meeting)
    return item


def minutes_save(*, actor: Actor | None, meeting: Meeting, language: str, body: str) -> Minutes:
    """Publish (or correct) the minutes in one language."""
    require_coordinator(actor)
    if language not in dict(settings.LANGUAGES):
        raise ValidationError({"language": _("Choose a language from the list.")})
    body = require_text(body, field="body", limit=50000)
    with transaction.atomic():
        minutes, _created = Minutes.objects.update_or_create(
            meeting=meeting, language=language, defaults={"body": body}
        )
        audit_record(
            actor=actor, action="network.minutes_save", target=meeting, details={"lang": language}
        )
    return minutes


def meeting_record_held(
    *, actor: Actor | None, meeting: Meeting, attended_member_ids: Iterable[int]
) -> int:
    """Record who attended and that the meeting took place; a plenary sends the digest."""
    require_coordinator(actor)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(_("Only a scheduled meeting can be recorded as held."))
    if meeting.starts_at and meeting.starts_at > timezone.now():
        raise ValidationError(_("This meeting has not started yet."))
    attended = set(attended_member_ids)
    with transaction.atomic():
        meeting.registrations.update(attended=False)
        count = meeting.registrations.filter(member_id__in=attended).update(attended=True)
        meeting.status = MeetingStatus.HELD
        meeting.save(update_fields=["status"])
        _record_meeting_facts(meeting)
        audit_record(
            actor=actor, action="network.meeting_held", target=meeting, details={"attended": count}
        )
        if meeting.is_plenary:
            plenary_digest_queue(meeting=meeting)
    return count


def _record_meeting_facts(meeting: Meeting) -> None:
    month = timezone.localdate(meeting.starts_at) if meeting.starts_at else None
    body = "plenary" if meeting.is_plenary else "working-group"
    fact_record(kind="network.meeting-held", category=meeting.format, outcome=body, month=month)
    registrations = list(meeting.registrations.select_related("member"))
    sectors = Counter(r.member.sector for r in registrations if r.attended)
    for sector, count in sorted(sectors.items()):
        fact_record(kind="network.attendance", sector=sector, count=count, month=month)
    assigned = set(meeting.interpreters.values_list("language", flat=True))
    served = Counter(
        r.interpretation_language
        for r in registrations
        if r.attended and r.interpretation_language in assigned
    )
    for language, count in sorted(served.items()):
        fact_record(
            kind="network.interpretation-provided", language=language, count=count, month=month
        )
