"""Messages to a class, on each person's channel: the teacher's, and the reminder that it starts."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import Enrolment, Session
from juntos.learning.policies import can_manage_course
from juntos.learning.selectors import course_text
from juntos.learning.services._common import notify_person, site_link


def class_message_send(*, actor: Actor, session: Session, body: str) -> int:
    """Send the teacher's words to everyone enrolled; returns how many were told.

    The words stay as the teacher wrote them; the heading around them is in each person's
    language. People who finished or left the course are not written to.
    """
    if not can_manage_course(actor, session.course):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write the message.")})
    with transaction.atomic():
        enrolled = list(
            session.enrolments.select_related("user").filter(status=EnrolmentStatus.ENROLLED)
        )
        told = sum(1 for enrolment in enrolled if _tell(enrolment, session, body))
        audit_record(
            actor=actor,
            action="learning.class_message_sent",
            target=session,
            organisation_id=session.course.organisation_id,
            details={"recipients": len(enrolled), "told": told},
        )
    return told


def _tell(enrolment: Enrolment, session: Session, body: str) -> bool:
    user = enrolment.user

    def render() -> tuple[str, str]:
        language = user.preferred_language
        text = course_text(session.course, language)
        title = text.title if text else ""
        values = {
            "course": title,
            "message": body,
            "link": site_link("learning:my_courses", language),
        }
        return (
            _("A message from your teacher: %(course)s") % {"course": title},
            _("Juntos: your teacher of %(course)s writes:\n\n%(message)s\n\nYour courses: %(link)s")
            % values,
        )

    return notify_person(user, render)


# How many days before the first class the people enrolled are reminded.
REMIND_DAYS_BEFORE = 2


def session_reminders_send(*, today: dt.date | None = None) -> int:
    """Daily: remind everyone enrolled in a session that starts within two days; once each."""
    today = today or timezone.localdate()
    told = 0
    due = Session.objects.filter(
        reminded_on__isnull=True,
        starts_on__gte=today,
        starts_on__lte=today + dt.timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("course")
    for session in due:
        with transaction.atomic():
            # Claimed in the same transaction as the messages: two runs never both send.
            if not Session.objects.filter(pk=session.pk, reminded_on__isnull=True).update(
                reminded_on=today
            ):
                continue
            enrolled = session.enrolments.select_related("user").filter(
                status=EnrolmentStatus.ENROLLED
            )
            sent = sum(1 for enrolment in enrolled if _remind(enrolment, session))
            audit_record(
                actor=None,
                action="learning.session_reminded",
                target=session,
                organisation_id=session.course.organisation_id,
                details={"told": sent},
            )
            told += sent
    return told


def _remind(enrolment: Enrolment, session: Session) -> bool:
    user = enrolment.user

    def render() -> tuple[str, str]:
        language = user.preferred_language
        text = course_text(session.course, language)
        title = text.title if text else ""
        when = session.get_schedule_display()
        if session.days_and_hours:  # in her language: the render runs in it
            when = f"{when} ({session.days_and_hours})"
        values = {
            "course": title,
            "date": session.starts_on.isoformat(),
            "when": when,
            "calendar": site_link(
                "learning:enrolment_calendar", language, enrolment_id=enrolment.pk
            ),
            "link": site_link("learning:my_courses", language),
        }
        return (
            _("Your course starts soon: %(course)s") % {"course": title},
            _(
                "Juntos: %(course)s starts on %(date)s, %(when)s. Add the classes to your "
                "calendar: %(calendar)s If you cannot go, give up your place so the next person "
                "gets it: %(link)s"
            )
            % values,
        )

    return notify_person(user, render)
