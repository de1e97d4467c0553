"""Completion by attendance share, assessment or sign-off; completion records and equity facts."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from juntos.learning.choices import CompletionRule, EnrolmentStatus
from juntos.learning.models import CompletionRecord, Enrolment, WorkerProfile
from juntos.learning.services import (
    assessment_record,
    attendance_record,
    enrolment_create,
    enrolment_sign_off,
    objective_add,
)
from juntos.learning.tests.factories import CourseFactory, SessionFactory
from juntos.monitoring.selectors import fact_table

TODAY = timezone.localdate()
STARTED = TODAY - dt.timedelta(days=10)  # classes are recorded once the session has started
CLASS_DAYS = [STARTED + dt.timedelta(days=d) for d in (0, 2, 7, 9)]


def test_attendance_share_completes_the_course(personas, provider, course):
    WorkerProfile.objects.create(
        user=personas.rosa, display_name="Rosa", home_country="MX", gender="woman"
    )
    session = SessionFactory.create(
        course=course, meetings=4, starts_on=STARTED
    )  # 75% needed: 3 of 4 classes
    enrolment = enrolment_create(actor=personas.rosa, session=session)
    for day in CLASS_DAYS[:2]:
        attendance_record(
            actor=provider.staff, session=session, met_on=day, present_enrolment_ids={enrolment.pk}
        )
    attendance_record(
        actor=provider.staff, session=session, met_on=CLASS_DAYS[2], present_enrolment_ids=set()
    )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED  # 2 of 4 so far
    attendance_record(
        actor=provider.staff,
        session=session,
        met_on=CLASS_DAYS[3],
        present_enrolment_ids={enrolment.pk},
    )
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    record = CompletionRecord.objects.get(user=personas.rosa)
    assert record.evidence == {"present": 3, "meetings": 4, "percent": 75}
    assert record.course_title.startswith("English for work")


def test_enrolments_and_completions_reach_the_ledger_by_gender_origin_province_and_sector(
    personas, provider, course
):
    WorkerProfile.objects.create(
        user=personas.rosa, display_name="Rosa", home_country="MX", gender="woman"
    )
    session = SessionFactory.create(course=course, meetings=1, starts_on=STARTED)
    enrolment = enrolment_create(actor=personas.rosa, session=session)
    attendance_record(
        actor=provider.staff,
        session=session,
        met_on=CLASS_DAYS[0],
        present_enrolment_ids={enrolment.pk},
    )
    for kind in ("learning.enrolment", "learning.completion"):
        cells = fact_table(
            kind, group_by=("gender", "country_of_origin", "province", "sector"), threshold=1
        )
        assert [c.dimensions for c in cells] == [
            {
                "gender": "woman",
                "country_of_origin": "MX",
                "province": "BC",
                "sector": "migrant-worker",
            }
        ]
        assert cells[0].count == 1
    # Outside the organisation, one person is below the threshold and is hidden.
    assert fact_table("learning.completion", group_by=("gender",))[0].count is None


def test_assessment_rule(personas, provider):
    course = CourseFactory.create(
        organisation_id=provider.organisation.pk, completion_rule=CompletionRule.ASSESSMENT
    )
    enrolment = enrolment_create(
        actor=personas.rosa, session=SessionFactory.create(course=course, starts_on=STARTED)
    )
    assessment_record(actor=provider.staff, enrolment=enrolment, passed=False)
    assert not CompletionRecord.objects.exists()
    assessment_record(actor=provider.staff, enrolment=enrolment, passed=True)
    assert CompletionRecord.objects.get().evidence == {"assessment_passed": True}


def test_sign_off_rule_through_the_roster(personas, provider):
    course = CourseFactory.create(
        organisation_id=provider.organisation.pk, completion_rule=CompletionRule.SIGN_OFF
    )
    enrolment = enrolment_create(
        actor=personas.rosa, session=SessionFactory.create(course=course, starts_on=STARTED)
    )
    teacher = personas.client_for("rosa")  # rosa may not sign herself off
    assert teacher.post(f"/en/learning/enrolments/{enrolment.pk}/sign-off/").status_code == 404
    from juntos.testing.personas import logged_in_client

    response = logged_in_client(provider.staff).post(
        f"/en/learning/enrolments/{enrolment.pk}/sign-off/"
    )
    assert response.status_code == 302
    assert Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.COMPLETED


def test_a_completed_course_completes_the_plan_objective(personas, provider):
    course = CourseFactory.create(
        organisation_id=provider.organisation.pk, completion_rule=CompletionRule.SIGN_OFF
    )
    profile = WorkerProfile.objects.create(user=personas.rosa, display_name="Rosa")
    objective_add(
        actor=personas.rosa,
        profile=profile,
        title="Inglés A1",
        target_on=dt.date(2027, 1, 1),
        course_id=course.pk,
    )
    enrolment = enrolment_create(
        actor=personas.rosa, session=SessionFactory.create(course=course, starts_on=STARTED)
    )
    client = personas.client_for("rosa")
    assert "0 of 1 objectives done" in client.get("/en/learning/profile/").content.decode()
    enrolment_sign_off(actor=provider.staff, enrolment=enrolment)
    assert "1 of 1 objectives done" in client.get("/en/learning/profile/").content.decode()
