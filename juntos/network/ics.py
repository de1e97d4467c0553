"""iCalendar files: one per meeting, and a feed of each member's meetings."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from juntos.network.choices import MeetingFormat
from juntos.network.models import Meeting


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Juntos//Network meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    return calendar


def _event(meeting: Meeting) -> Event:
    event = Event()
    event.add("uid", f"{meeting.ical_uid}@juntos")
    event.add("sequence", meeting.ical_sequence)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.ends_at)
    event.add("summary", meeting.title)
    place = meeting.location if meeting.format != MeetingFormat.ONLINE else meeting.online_url
    if place:
        event.add("location", place)
    link = settings.SITE_URL + reverse("network:meeting", kwargs={"meeting_id": meeting.pk})
    event.add("url", link)
    description = [_("Details and registration: %(link)s") % {"link": link}]
    if meeting.online_url:
        description.append(_("Join online: %(link)s") % {"link": meeting.online_url})
    event.add("description", "\n".join(description))
    return event


def meeting_calendar(meeting: Meeting) -> bytes:
    """A calendar file with the one meeting, for "add to my calendar"."""
    calendar = _calendar(meeting.title)
    calendar.add_component(_event(meeting))
    return calendar.to_ical()


def member_feed(meetings: Iterable[Meeting]) -> bytes:
    """The feed a member's phone calendar subscribes to."""
    calendar = _calendar(_("Network meetings"))
    for meeting in meetings:
        if meeting.starts_at and meeting.ends_at:
            calendar.add_component(_event(meeting))
    return calendar.to_ical()
