"""Records say what happened: no attendance for classes still to come, no course finished
before its session starts, and the teacher hears what each button did."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from juntos.learning.choices import CompletionRule, EnrolmentStatus
from juntos.learning.models import AttendanceMark, CompletionRecord, Enrolment
from juntos.learning.services import (
    assessment_record,
    attendance_record,
    enrolment_create,
    enrolment_sign_off,
)
from juntos.learning.tests.factories import CourseFactory, SessionFactory
from juntos.testing.personas import logged_in_client


def _enrolled(personas, provider, rule, starts_on):
    course = CourseFactory.create(organisation_id=provider.organisation.pk, completion_rule=rule)
    session = SessionFactory.create(course=course, meetings=1, starts_on=starts_on)
    return enrolment_create(actor=personas.rosa, session=session)


def test_attendance_for_a_future_date_is_refused_and_says_why(personas, provider):
    today = timezone.localdate()  # read when the test runs, never at import
    enrolment = _enrolled(personas, provider, CompletionRule.ATTENDANCE, today - dt.timedelta(3))
    session = enrolment.session
    with pytest.raises(ValidationError, match="in the future"):
        attendance_record(
            actor=provider.staff,
            session=session,
            met_on=today + dt.timedelta(days=1),
            present_enrolment_ids={enrolment.pk},
        )
    response = logged_in_client(provider.staff).post(
        f"/en/learning/sessions/{session.pk}/attendance/",
        {"met_on": (today + dt.timedelta(days=7)).isoformat(), "present": [str(enrolment.pk)]},
        follow=True,
    )
    assert "This date is in the future" in response.content.decode()
    assert not AttendanceMark.objects.exists()
    assert Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.ENROLLED


def test_attendance_before_the_session_starts_is_refused(personas, provider):
    today = timezone.localdate()  # read when the test runs, never at import
    enrolment = _enrolled(personas, provider, CompletionRule.ATTENDANCE, today - dt.timedelta(3))
    with pytest.raises(ValidationError, match="before the session starts"):
        attendance_record(
            actor=provider.staff,
            session=enrolment.session,
            met_on=today - dt.timedelta(days=4),
            present_enrolment_ids={enrolment.pk},
        )
    attendance_record(  # the first day itself is fine
        actor=provider.staff,
        session=enrolment.session,
        met_on=today - dt.timedelta(days=3),
        present_enrolment_ids={enrolment.pk},
    )
    assert Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.COMPLETED


def test_nobody_passes_or_is_signed_off_before_the_session_starts(personas, provider):
    today = timezone.localdate()  # read when the test runs, never at import
    upcoming = today + dt.timedelta(days=14)
    signed = _enrolled(personas, provider, CompletionRule.SIGN_OFF, upcoming)
    with pytest.raises(ValidationError, match="has not started yet"):
        enrolment_sign_off(actor=provider.staff, enrolment=signed)
    assessed = _enrolled(personas, provider, CompletionRule.ASSESSMENT, upcoming)
    with pytest.raises(ValidationError, match="has not started yet"):
        assessment_record(actor=provider.staff, enrolment=assessed, passed=True)
    staff = logged_in_client(provider.staff)
    page = staff.post(f"/en/learning/enrolments/{signed.pk}/sign-off/", follow=True)
    assert "The session has not started yet" in page.content.decode()
    assert not CompletionRecord.objects.exists()
    signed.refresh_from_db()
    assessed.refresh_from_db()
    assert (signed.signed_off, assessed.assessment_passed) == (False, None)
    assert signed.status == assessed.status == EnrolmentStatus.ENROLLED


def test_passed_and_sign_off_say_what_they_did(personas, provider):
    today = timezone.localdate()  # read when the test runs, never at import
    started = today - dt.timedelta(days=3)
    assessed = _enrolled(personas, provider, CompletionRule.ASSESSMENT, started)
    staff = logged_in_client(provider.staff)
    page = staff.post(
        f"/en/learning/enrolments/{assessed.pk}/assess/", {"passed": "1"}, follow=True
    ).content.decode()
    assert "Rosa Hernández passed the assessment." in page
    page = staff.post(
        f"/es/learning/enrolments/{assessed.pk}/assess/", {"passed": "0"}, follow=True
    ).content.decode()
    assert "Rosa Hernández no aprobó la evaluación." in page
    signed = _enrolled(personas, provider, CompletionRule.SIGN_OFF, started)
    page = staff.post(
        f"/en/learning/enrolments/{signed.pk}/sign-off/", follow=True
    ).content.decode()
    assert "Signed off: Rosa Hernández completed the course." in page
    assert Enrolment.objects.get(pk=signed.pk).status == EnrolmentStatus.COMPLETED
