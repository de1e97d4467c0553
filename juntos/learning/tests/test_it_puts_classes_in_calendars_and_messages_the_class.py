"""Her classes go into her phone's calendar; the teacher writes to everyone enrolled."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from icalendar import Calendar

from juntos.core.models import AuditEntry
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import Enrolment
from juntos.learning.services import class_message_send, session_reminders_send
from juntos.learning.tests.factories import SessionFactory
from juntos.testing.outbox import outbox_messages
from juntos.testing.personas import logged_in_client


def _enrol(user, session, status=EnrolmentStatus.ENROLLED):
    return Enrolment.objects.create(
        session=session, user=user, status=status, queued_at=timezone.now()
    )


def test_her_calendar_file_repeats_on_the_class_days_until_the_session_ends(personas, course):
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    session = SessionFactory.create(
        course=course, weekdays=[1, 3], starts_on=monday, ends_on=monday + dt.timedelta(days=27)
    )
    enrolment = _enrol(personas.rosa, session)
    response = personas.client_for("rosa").get(
        f"/es/learning/enrolments/{enrolment.pk}/classes.ics"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]).startswith("Inglés para el trabajo")  # her language
    assert event.decoded("dtstart").date() == monday + dt.timedelta(days=1)  # first Tuesday
    assert event.decoded("dtstart").time() == dt.time(19, 0)
    written = event["rrule"].to_ical()
    rule = written.decode() if isinstance(written, bytes) else str(written)
    assert "FREQ=WEEKLY" in rule and "BYDAY=TU,TH" in rule
    assert f"UNTIL={session.ends_on:%Y%m%d}T2359" in rule


def test_a_session_without_days_is_one_event_across_its_dates(personas, course):
    session = SessionFactory.create(course=course, weekdays=[], starts_at=None, ends_at=None)
    enrolment = _enrol(personas.rosa, session)
    content = (
        personas.client_for("rosa")
        .get(f"/en/learning/enrolments/{enrolment.pk}/classes.ics")
        .content
    )
    event = Calendar.from_ical(content).walk("VEVENT")[0]
    assert event.decoded("dtstart") == session.starts_on
    assert event.decoded("dtend") == session.ends_on + dt.timedelta(days=1)
    assert "rrule" not in event


def test_nobody_else_gets_her_calendar(personas, course):
    enrolment = _enrol(personas.rosa, SessionFactory.create(course=course))
    for name in ("amina", "carl", "dana"):
        response = personas.client_for(name).get(
            f"/en/learning/enrolments/{enrolment.pk}/classes.ics"
        )
        assert response.status_code == 404


def test_the_teacher_writes_to_everyone_enrolled_and_only_them(
    personas, provider, course, django_capture_on_commit_callbacks
):
    session = SessionFactory.create(course=course, capacity=1)
    _enrol(personas.rosa, session)
    _enrol(personas.ines, session, EnrolmentStatus.WITHDRAWN)
    client = logged_in_client(provider.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/en/learning/sessions/{session.pk}/message/",
            {"body": "Class moves to room 4 on Thursday."},
        )
    assert response["Location"] == f"/en/learning/sessions/{session.pk}/roster/"
    sent = outbox_messages()  # rosa only: ines withdrew
    assert len(sent) == 1 and sent[0].recipient == personas.rosa.phone
    assert "Class moves to room 4 on Thursday." in sent[0].body
    assert "Inglés para el trabajo" in sent[0].body  # the course named in her language
    entry = AuditEntry.objects.get(action="learning.class_message_sent")
    assert entry.details == {"recipients": 1, "told": 1}


def test_an_empty_message_is_refused_in_her_language(provider, course):
    session = SessionFactory.create(course=course)
    client = logged_in_client(provider.staff)
    response = client.post(f"/es/learning/sessions/{session.pk}/message/", {"body": "  "})
    assert response.status_code == 400
    assert "Este campo es obligatorio." in response.content.decode()


def test_another_organisation_cannot_write_to_the_class(personas, course):
    session = SessionFactory.create(course=course)
    with pytest.raises(PermissionDenied):
        class_message_send(actor=personas.amina, session=session, body="Hola")


def test_everyone_enrolled_is_reminded_once_two_days_before_the_start(
    personas, course, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    soon = SessionFactory.create(course=course, starts_on=today + dt.timedelta(days=2))
    later = SessionFactory.create(course=course, starts_on=today + dt.timedelta(days=9))
    rosa = _enrol(personas.rosa, soon)
    _enrol(personas.rosa, later)
    with django_capture_on_commit_callbacks(execute=True):
        assert session_reminders_send(today=today) == 1
        assert session_reminders_send(today=today) == 0  # never twice
    (sent,) = outbox_messages()
    assert "Inglés para el trabajo" in sent.body
    assert f"/es/learning/enrolments/{rosa.pk}/classes.ics" in sent.body
    soon.refresh_from_db()
    later.refresh_from_db()
    assert soon.reminded_on == today and later.reminded_on is None
    assert AuditEntry.objects.filter(action="learning.session_reminded").count() == 1


def test_the_reminder_runs_daily_among_the_periodic_jobs(settings):
    task, interval = settings.JUNTOS_PERIODIC_TASKS["learning.session-reminders"]
    assert task == "juntos.learning.tasks.send_session_reminders" and interval == 24 * 60 * 60
