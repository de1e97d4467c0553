"""Partner staff use the pages: schedule a workshop, add a course and a session, keep the roster."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import Course, Enrolment, Session, Workshop
from juntos.learning.services import enrolment_create
from juntos.learning.tests.factories import SessionFactory
from juntos.testing.personas import logged_in_client


def test_staff_schedule_a_workshop_and_see_it_listed(partner):
    client = logged_in_client(partner.staff)
    response = client.post(
        "/es/learning/workshops/",
        {
            "organisation": partner.organisation.pk,
            "title": "Taller de abril",
            "held_on": "2027-04-02",
            "place": "Tlaxiaco",
            "country": "MX",
            "language": "es",
        },
    )
    workshop = Workshop.objects.get()
    assert response["Location"] == f"/es/learning/workshops/{workshop.pk}/"
    assert "Taller de abril" in client.get("/es/learning/workshops/").content.decode()


def test_staff_cannot_schedule_for_an_organisation_that_is_not_theirs(partner, personas):
    client = personas.client_for("amina")
    response = client.post(
        "/en/learning/workshops/",
        {"organisation": partner.organisation.pk, "title": "X", "held_on": "2027-04-02",
         "place": "Y", "country": "MX", "language": "es"},
    )  # fmt: skip
    assert response.status_code == 400  # not among her choices
    assert not Workshop.objects.exists()


def test_a_missing_date_is_explained_and_the_rest_kept(partner):
    client = logged_in_client(partner.staff)
    response = client.post(
        "/es/learning/workshops/",
        {"organisation": partner.organisation.pk, "title": "Taller de mayo", "place": "Juchitán",
         "country": "MX", "language": "es"},
    )  # fmt: skip
    assert response.status_code == 400
    page = response.content.decode()
    assert "Este campo es obligatorio" in page and 'value="Taller de mayo"' in page


def test_a_provider_adds_a_course_and_a_session_that_appear_in_the_catalogue(provider, client):
    staff = logged_in_client(provider.staff)
    response = staff.post(
        "/en/learning/teach/",
        {
            "organisation": provider.organisation.pk,
            "title": "Canning and preserving",
            "summary": "",
            "topic": "trade-skills",
            "format": "in-person",
            "language": "en",
            "province": "BC",
            "place": "Chilliwack",
            "completion_rule": "sign-off",
            "min_attendance_percent": "75",
        },
    )
    course = Course.objects.get()
    assert response["Location"] == f"/en/learning/teach/courses/{course.pk}/"
    response = staff.post(
        f"/en/learning/teach/courses/{course.pk}/",
        {
            "schedule": "rain-days",
            "schedule_note": "When it rains",
            "starts_on": "2027-05-01",
            "ends_on": "2027-06-30",
            "meetings": "6",
            "capacity": "15",
            "enrolment_opens": "2027-04-01",
            "enrolment_closes": "2027-04-30",
        },
    )
    assert response.status_code == 302 and Session.objects.filter(course=course).exists()
    assert (
        "Canning and preserving" in client.get("/en/learning/?schedule=rain-days").content.decode()
    )


def test_the_roster_records_attendance(personas, provider, course):
    today = timezone.localdate()
    session = SessionFactory.create(
        course=course, meetings=1, starts_on=today - dt.timedelta(days=3)
    )
    enrolment = enrolment_create(actor=personas.rosa, session=session)
    staff = logged_in_client(provider.staff)
    assert (
        "Rosa Hernández"
        in staff.get(f"/en/learning/sessions/{session.pk}/roster/").content.decode()
    )
    response = staff.post(
        f"/en/learning/sessions/{session.pk}/attendance/",
        {"met_on": today.isoformat(), "present": [str(enrolment.pk)]},
    )
    assert response.status_code == 302
    assert Enrolment.objects.get(pk=enrolment.pk).status == EnrolmentStatus.COMPLETED
    assert (
        "Rosa Hernández"
        not in personas.client_for("dana")
        .get(f"/en/learning/sessions/{session.pk}/roster/")
        .content.decode()
    )


def test_home_page_card_and_navigation_link(client, personas):
    page = client.get("/es/").content.decode()
    assert "Cursos y tu plan de formación" in page
    assert 'href="/es/learning/"' in page


def test_my_profile_api(personas):
    client = personas.client_for("rosa")
    assert client.get("/api/learning/profile").status_code == 404
    client.post("/es/learning/profile/start/")
    client.post("/es/learning/profile/add/goal/", {"kind": "certification"})
    body = client.get("/api/learning/profile").json()
    assert body["goals"] == [{"kind": "certification", "note": ""}]


def test_a_teacher_removing_someone_promotes_the_next_person(personas, provider, course):
    session = SessionFactory.create(course=course, capacity=1)
    holder = enrolment_create(actor=personas.rosa, session=session)
    waiting = enrolment_create(actor=personas.amina, session=session)
    staff = logged_in_client(provider.staff)
    response = staff.post(f"/en/learning/enrolments/{holder.pk}/remove/")
    assert response["Location"] == f"/en/learning/sessions/{session.pk}/roster/"
    assert Enrolment.objects.get(pk=waiting.pk).status == EnrolmentStatus.ENROLLED
    assert (
        personas.client_for("carl")
        .post(f"/en/learning/enrolments/{waiting.pk}/remove/")
        .status_code
        == 404
    )
