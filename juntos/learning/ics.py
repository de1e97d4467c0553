"""An iCalendar file of one enrolment's classes, for "add to my calendar".

Follows the network app's `ics.py` (without importing it): the classes are one weekly event,
repeating on the session's days between its first and last date; a session without days and
hours is one all-day event across its dates.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, vRecur

from juntos.learning.models import Enrolment
from juntos.learning.selectors import course_text
from juntos.learning.services._common import site_link

ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _first_class(starts_on: dt.date, weekdays: list[int]) -> dt.date:
    """The first day on or after the start that is one of the class days."""
    return next(
        starts_on + dt.timedelta(days=n)
        for n in range(7)
        if (starts_on + dt.timedelta(days=n)).weekday() in weekdays
    )


def _event(enrolment: Enrolment, language: str) -> Event:
    session = enrolment.session
    course = session.course
    text = course_text(course, language)
    event = Event()
    event.add("uid", f"learning-enrolment-{enrolment.pk}@juntos")
    event.add("dtstamp", timezone.now())
    event.add("summary", text.title if text else course.get_topic_display())
    days = sorted(set(session.weekdays))
    if days and session.starts_at and session.ends_at:
        first = _first_class(session.starts_on, days)
        zone = timezone.get_current_timezone()
        event.add("dtstart", dt.datetime.combine(first, session.starts_at, tzinfo=zone))
        event.add("dtend", dt.datetime.combine(first, session.ends_at, tzinfo=zone))
        until = dt.datetime.combine(session.ends_on, dt.time(23, 59), tzinfo=zone)
        event.add("rrule", vRecur(freq="WEEKLY", byday=[ICAL_DAYS[d] for d in days], until=until))
    else:
        event.add("dtstart", session.starts_on)
        event.add("dtend", session.ends_on + dt.timedelta(days=1))
    if course.place:
        event.add("location", course.place)
    link = site_link("learning:my_courses", language)
    event.add("url", link)
    details = [_("Your courses: %(link)s") % {"link": link}]
    if session.schedule_note:
        details.insert(0, session.schedule_note)
    event.add("description", "\n".join(details))
    return event


def enrolment_calendar(enrolment: Enrolment, language: str) -> bytes:
    """A calendar file with the enrolment's classes, in the reader's language."""
    calendar = Calendar()
    calendar.add("prodid", "-//Juntos//Learning classes//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("My classes"))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    calendar.add_component(_event(enrolment, language))
    return bytes(calendar.to_ical())
