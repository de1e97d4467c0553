"""Writes of sessions, enrolment with a waiting list, attendance and completion.

Sessions live here, not with the courses, because their places and waiting list are changed
under the same row lock as enrolment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import NamedTuple

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.learning.choices import CompletionRule, EnrolmentStatus
from juntos.learning.models import (
    AttendanceMark,
    CompletionRecord,
    Course,
    Enrolment,
    Session,
)
from juntos.learning.policies import can_manage_course
from juntos.learning.selectors import (
    HOLDS_A_PLACE,
    course_text,
    lesson_done,
    lessons_of,
    progress_of,
)
from juntos.learning.services._common import (
    apply_changes,
    equity_fact,
    notify_person,
    save_valid,
    site_link,
)

WINDOW_CLOSED = gettext_lazy("Enrolment for this session is not open.")


def session_create(
    *,
    actor: Actor,
    course: Course,
    schedule: str,
    starts_on: dt.date,
    ends_on: dt.date,
    capacity: int,
    enrolment_opens: dt.date,
    enrolment_closes: dt.date,
    meetings: int = 1,
    schedule_note: str = "",
    weekdays: Iterable[int] = (),
    starts_at: dt.time | None = None,
    ends_at: dt.time | None = None,
) -> Session:
    """Add a session (a run of the course) with its schedule, places and enrolment window."""
    if not can_manage_course(actor, course):
        raise PermissionDenied
    _check_session(starts_on, ends_on, enrolment_opens, enrolment_closes, capacity, meetings)
    days = _check_days_and_hours(weekdays, starts_at, ends_at)
    with transaction.atomic():
        session = save_valid(
            Session(
                course=course, schedule=schedule, schedule_note=schedule_note.strip(),
                weekdays=days, starts_at=starts_at, ends_at=ends_at,
                starts_on=starts_on, ends_on=ends_on, capacity=capacity, meetings=meetings,
                enrolment_opens=enrolment_opens, enrolment_closes=enrolment_closes,
            )
        )  # fmt: skip
        audit_record(
            actor=actor,
            action="learning.session_created",
            target=session,
            organisation_id=course.organisation_id,
        )
    return session


def _check_session(
    starts_on: dt.date,
    ends_on: dt.date,
    enrolment_opens: dt.date,
    enrolment_closes: dt.date,
    capacity: int,
    meetings: int,
) -> None:
    if ends_on < starts_on or enrolment_closes < enrolment_opens:
        raise ValidationError({"ends_on": _("An end date comes before its start.")})
    if capacity < 1 or meetings < 1:
        raise ValidationError({"capacity": _("A session needs at least one place and one class.")})


def _check_days_and_hours(
    weekdays: Iterable[int], starts_at: dt.time | None, ends_at: dt.time | None
) -> list[int]:
    """The days as stored (sorted, once each); refuses unknown days and hours out of order."""
    days = sorted(set(weekdays))
    if any(not isinstance(day, int) or not 0 <= day <= 6 for day in days):
        raise ValidationError({"weekdays": _("Choose days of the week from the list.")})
    if ends_at is not None and (starts_at is None or ends_at <= starts_at):
        raise ValidationError({"ends_at": _("Classes end after they start.")})
    return days


class SessionUpdate(NamedTuple):
    """The changed session and the people the new places went to, in queue order."""

    session: Session
    promoted: list[Enrolment]


def session_update(
    *,
    actor: Actor,
    session: Session,
    schedule: str,
    starts_on: dt.date,
    ends_on: dt.date,
    capacity: int,
    enrolment_opens: dt.date,
    enrolment_closes: dt.date,
    meetings: int = 1,
    schedule_note: str = "",
    weekdays: Iterable[int] = (),
    starts_at: dt.time | None = None,
    ends_at: dt.time | None = None,
) -> SessionUpdate:
    """Change a session's schedule, dates and places; new places go to the people waiting."""
    if not can_manage_course(actor, session.course):
        raise PermissionDenied
    _check_session(starts_on, ends_on, enrolment_opens, enrolment_closes, capacity, meetings)
    days = _check_days_and_hours(weekdays, starts_at, ends_at)
    with transaction.atomic():
        session = _locked_session(session.pk)
        held = _places_taken(session)
        if capacity < held:
            message = ngettext(
                "%(count)s person holds a place in this session, so it needs at least "
                "%(count)s place.",
                "%(count)s people hold a place in this session, so it needs at least "
                "%(count)s places.",
                held,
            )
            raise ValidationError({"capacity": message % {"count": held}})
        before = session.capacity
        changes = {
            "schedule": schedule, "schedule_note": schedule_note.strip(), "weekdays": days,
            "starts_at": starts_at, "ends_at": ends_at, "starts_on": starts_on,
            "ends_on": ends_on, "meetings": meetings, "capacity": capacity,
            "enrolment_opens": enrolment_opens, "enrolment_closes": enrolment_closes,
        }  # fmt: skip
        changed = apply_changes(session, changes)
        save_valid(session)
        audit_record(
            actor=actor,
            action="learning.session_updated",
            target=session,
            organisation_id=session.course.organisation_id,
            details={"changed": changed, "capacity": [before, capacity]},
        )
        promoted = _promote_waiting(session)
        if set(changed) & WHAT_PEOPLE_PLAN_BY:
            told = {e.pk for e in promoted}  # their message already gives the new start
            for enrolment in session.enrolments.select_related("user").filter(
                status__in=(EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED)
            ):
                if enrolment.pk not in told:
                    _tell_changed(enrolment, session)
    return SessionUpdate(session, promoted)


# A change to any of these is told to everyone enrolled or waiting: they plan their work by them.
WHAT_PEOPLE_PLAN_BY = {
    "schedule", "schedule_note", "weekdays", "starts_at", "ends_at", "starts_on", "ends_on",
}  # fmt: skip


def _tell_changed(enrolment: Enrolment, session: Session) -> None:
    user = enrolment.user

    def render() -> tuple[str, str]:
        text = course_text(session.course, user.preferred_language)
        title = text.title if text else ""
        # Rendered in her language: the weekday names and times come out localised.
        details = ", ".join(filter(None, (session.days_and_hours, session.schedule_note)))
        when = session.get_schedule_display()
        if details:
            when = f"{when} ({details})"
        values = {
            "course": title,
            "when": when,
            "start": session.starts_on.isoformat(),
            "end": session.ends_on.isoformat(),
            "link": site_link("learning:my_courses", user.preferred_language),
        }
        if enrolment.status == EnrolmentStatus.WAITLISTED:
            body = _(
                "Juntos: %(course)s has changed. It now runs %(start)s to %(end)s, %(when)s. "
                "You are still on the waiting list. Your courses: %(link)s"
            )
        else:
            body = _(
                "Juntos: %(course)s has changed. It now runs %(start)s to %(end)s, %(when)s. "
                "Your place is kept. If you cannot go, withdraw so the next person gets it: "
                "%(link)s"
            )
        return _("Your course has changed: %(course)s") % {"course": title}, body % values

    notify_person(user, render)


def _locked_session(session_id: int) -> Session:
    # select_for_update locks the row on PostgreSQL; on SQLite the IMMEDIATE transaction mode
    # (settings) takes the database write lock at BEGIN. Either way two enrolments cannot both
    # count the same free place.
    return Session.objects.select_for_update().select_related("course").get(pk=session_id)


def _places_taken(session: Session) -> int:
    return session.enrolments.filter(status__in=HOLDS_A_PLACE).count()


def enrolment_create(*, actor: Actor, session: Session) -> Enrolment:
    """Enrol in a session, or join its waiting list when it is full."""
    if not actor.is_authenticated:
        raise PermissionDenied
    with transaction.atomic():
        session = _locked_session(session.pk)
        today = timezone.localdate()
        if not (session.enrolment_opens <= today <= session.enrolment_closes):
            raise ValidationError(WINDOW_CLOSED)
        enrolment = session.enrolments.filter(user=actor).first()
        if enrolment is not None and enrolment.status != EnrolmentStatus.WITHDRAWN:
            return enrolment
        full = _places_taken(session) >= session.capacity
        status = EnrolmentStatus.WAITLISTED if full else EnrolmentStatus.ENROLLED
        enrolment = enrolment or Enrolment(session=session, user=actor)
        enrolment.status = status
        enrolment.queued_at = timezone.now()
        enrolment.save()
        audit_record(
            actor=actor,
            action="learning.enrolled" if not full else "learning.waitlisted",
            target=enrolment,
            organisation_id=session.course.organisation_id,
        )
        # Waiting is counted too: who is left waiting shows who the courses do not reach.
        kind = "learning.waitlisted" if full else "learning.enrolment"
        equity_fact(kind=kind, user=actor, course=session.course, outcome=status)
    return enrolment


def enrolment_withdraw(*, actor: Actor, enrolment: Enrolment) -> Enrolment:
    """Leave a session or its waiting list; a freed place goes to the next person waiting."""
    session = enrolment.session
    if not (enrolment.user_id == actor.pk or can_manage_course(actor, session.course)):
        raise PermissionDenied
    with transaction.atomic():
        session = _locked_session(session.pk)
        enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
        if enrolment.status not in (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITLISTED):
            return enrolment
        held_place = enrolment.status == EnrolmentStatus.ENROLLED
        enrolment.status = EnrolmentStatus.WITHDRAWN
        enrolment.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action="learning.withdrawn",
            target=enrolment,
            organisation_id=session.course.organisation_id,
        )
        if held_place:
            _promote_waiting(session)
    return enrolment


def _promote_waiting(session: Session) -> list[Enrolment]:
    """Give every free place to the people waiting longest, in queue order, and tell each."""
    free = session.capacity - _places_taken(session)
    if free <= 0:
        return []
    waiting = list(
        session.enrolments.select_for_update()
        .select_related("user")
        .filter(status=EnrolmentStatus.WAITLISTED)
        .order_by("queued_at", "id")[:free]
    )
    for enrolment in waiting:
        enrolment.status = EnrolmentStatus.ENROLLED
        enrolment.save(update_fields=["status"])
        audit_record(
            actor=None,
            action="learning.promoted_from_waitlist",
            target=enrolment,
            organisation_id=session.course.organisation_id,
        )
        equity_fact(
            kind="learning.enrolment",
            user=enrolment.user,
            course=session.course,
            outcome="promoted",
        )
        _tell_promoted(enrolment, session)
    return waiting


def _tell_promoted(enrolment: Enrolment, session: Session) -> None:
    user = enrolment.user

    def render() -> tuple[str, str]:
        text = course_text(session.course, user.preferred_language)
        title = text.title if text else ""
        link = site_link("learning:my_courses", user.preferred_language)
        return (
            _("A place is yours: %(course)s") % {"course": title},
            _(
                "Juntos: a place freed up and you are now enrolled in %(course)s, starting "
                "%(date)s. If you cannot go, withdraw so the next person gets it: %(link)s"
            )
            % {"course": title, "date": session.starts_on.isoformat(), "link": link},
        )

    notify_person(user, render)


def attendance_record(
    *, actor: Actor, session: Session, met_on: dt.date, present_enrolment_ids: set[int]
) -> int:
    """Record one class: who was present among the people enrolled.

    Only a class that has taken place: not before the session starts, not after today.
    """
    if not can_manage_course(actor, session.course):
        raise PermissionDenied
    if met_on > timezone.localdate():
        raise ValidationError(
            {"met_on": _("This date is in the future: record a class once it has taken place.")}
        )
    if met_on < session.starts_on:
        raise ValidationError({"met_on": _("This date is before the session starts.")})
    with transaction.atomic():
        enrolled = list(session.enrolments.filter(status__in=HOLDS_A_PLACE).select_related("user"))
        for enrolment in enrolled:
            AttendanceMark.objects.update_or_create(
                enrolment=enrolment,
                met_on=met_on,
                defaults={"present": enrolment.pk in present_enrolment_ids},
            )
        audit_record(
            actor=actor,
            action="learning.attendance_recorded",
            target=session,
            organisation_id=session.course.organisation_id,
            details={"met_on": met_on.isoformat()},
        )
        for enrolment in enrolled:
            completion_evaluate(enrolment=enrolment, session=session)
    return len(enrolled)


def assessment_record(*, actor: Actor, enrolment: Enrolment, passed: bool) -> Enrolment:
    """Record the result of the course's assessment for one person."""
    return _teacher_update(actor, enrolment, {"assessment_passed": passed}, "learning.assessed")


def enrolment_sign_off(*, actor: Actor, enrolment: Enrolment) -> Enrolment:
    """The teacher signs off that the person completed the course."""
    return _teacher_update(actor, enrolment, {"signed_off": True}, "learning.signed_off")


def _teacher_update(
    actor: Actor, enrolment: Enrolment, changes: dict[str, bool], action: str
) -> Enrolment:
    session = enrolment.session
    if not can_manage_course(actor, session.course):
        raise PermissionDenied
    _require_started(session)
    with transaction.atomic():
        for name, value in changes.items():
            setattr(enrolment, name, value)
        enrolment.save(update_fields=list(changes))
        audit_record(
            actor=actor,
            action=action,
            target=enrolment,
            organisation_id=session.course.organisation_id,
        )
        completion_evaluate(enrolment=enrolment, session=session)
    return enrolment


def _require_started(session: Session) -> None:
    """Nobody passes or finishes a course whose session has not started yet."""
    if session.starts_on > timezone.localdate():
        raise ValidationError(
            _("The session has not started yet: nobody can finish it before %(day)s.")
            % {"day": date_format(session.starts_on)}
        )


# What decided a completion, as stored on its record: counts and yes/no answers.
Evidence = dict[str, int | bool | None]


def completion_met(enrolment: Enrolment, session: Session) -> tuple[bool, Evidence]:
    """Whether the course's rule is met, with the evidence that decides it."""
    course = session.course
    if course.completion_rule == CompletionRule.ATTENDANCE:
        present = enrolment.marks.filter(present=True).count()
        share = round(100 * present / session.meetings)
        evidence: Evidence = {"present": present, "meetings": session.meetings, "percent": share}
        return share >= course.min_attendance_percent, evidence
    if course.completion_rule == CompletionRule.LESSONS:
        # A course with no lessons yet is never finished by them.
        lessons = lessons_of(course)
        progress = progress_of(enrolment)
        done = sum(1 for lesson in lessons if lesson_done(lesson, progress.get(lesson.pk)))
        return bool(lessons) and done == len(lessons), {"lessons": len(lessons), "done": done}
    if course.completion_rule == CompletionRule.ASSESSMENT:
        return bool(enrolment.assessment_passed), {"assessment_passed": enrolment.assessment_passed}
    return enrolment.signed_off, {"signed_off": enrolment.signed_off}


def completion_evaluate(*, enrolment: Enrolment, session: Session) -> CompletionRecord | None:
    """Complete the enrolment and write its completion record once the rule is met."""
    if enrolment.status != EnrolmentStatus.ENROLLED:
        return None
    if session.starts_on > timezone.localdate():
        return None  # a course is never finished before its session starts
    met, evidence = completion_met(enrolment, session)
    if not met:
        return None
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.save(update_fields=["status"])
    record = _completion_record_create(enrolment, session, evidence)
    course = session.course
    equity_fact(
        kind="learning.completion",
        user=enrolment.user,
        course=course,
        outcome=course.completion_rule,
    )
    return record


def _completion_record_create(
    enrolment: Enrolment, session: Session, evidence: Evidence
) -> CompletionRecord:
    course = session.course
    text = course_text(course, course.language)
    record = CompletionRecord.objects.create(
        user=enrolment.user,
        course=course,
        session_id_at_completion=session.pk,
        organisation_id=course.organisation_id,
        course_title=text.title if text else "",
        topic=course.topic,
        rule=course.completion_rule,
        evidence=evidence,
        completed_on=timezone.localdate(),
    )
    audit_record(
        actor=None,
        action="learning.completed",
        target=record,
        organisation_id=course.organisation_id,
    )
    return record
