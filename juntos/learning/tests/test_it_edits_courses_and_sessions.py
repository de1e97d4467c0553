"""Partner staff edit a course, its texts in each language and a session's dates and places."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from juntos.accounts.services import person_create
from juntos.core.models import AuditEntry
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.models import Course, CourseText, Enrolment, Session
from juntos.learning.services import (
    course_text_set,
    course_update,
    enrolment_create,
    session_update,
)
from juntos.learning.tests.factories import SessionFactory, today
from juntos.testing.outbox import outbox_messages, outbox_one
from juntos.testing.personas import logged_in_client
from juntos.testing.queries import assert_max_queries, assert_queries_do_not_grow

OUTSIDERS = ("amina", "dana", "carl", "rosa")  # other organisations' staff, employer, worker
SESSION_FIELDS = (
    "schedule", "weekdays", "starts_at", "ends_at", "schedule_note", "starts_on", "ends_on",
    "meetings", "capacity", "enrolment_opens", "enrolment_closes",
)  # fmt: skip

COURSE_EDIT = {
    "topic": "health-safety",
    "format": "hybrid",
    "language": "en",
    "province": "BC",
    "place": "Chilliwack library",
    "completion_rule": "sign-off",
    "min_attendance_percent": "80",
}


def _session_edit(**changes: Any) -> dict[str, str]:
    start = today() + dt.timedelta(days=20)
    data = {
        "schedule": "weekends",
        "schedule_note": "Saturdays 10:00–12:00",
        "starts_on": start.isoformat(),
        "ends_on": (start + dt.timedelta(days=40)).isoformat(),
        "meetings": "6",
        "capacity": "10",
        "enrolment_opens": (today() - dt.timedelta(days=3)).isoformat(),
        "enrolment_closes": (start - dt.timedelta(days=1)).isoformat(),
    }
    return {**data, **{name: str(value) for name, value in changes.items()}}


def _workers(n: int) -> list[Any]:
    return [
        person_create(
            actor=None,
            display_name=f"Trabajadora {i}",
            password="x-pass-123456",
            phone=f"+1250666{i:04d}",
            language="es",
            channel="sms",
        )
        for i in range(n)
    ]


def _queue(session: Session, people: list[Any]) -> list[Enrolment]:
    """Enrol people one after the other, a minute apart, so the queue order is unambiguous."""
    start = timezone.now() - dt.timedelta(hours=1)
    enrolments = []
    for i, person in enumerate(people):
        enrolment = enrolment_create(actor=person, session=session)
        Enrolment.objects.filter(pk=enrolment.pk).update(queued_at=start + dt.timedelta(minutes=i))
        enrolments.append(enrolment)
    return enrolments


def _typed(value: Any) -> Any:
    if isinstance(value, list):  # the ticked weekdays
        return [str(item) for item in value]
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def _as_typed(session: Session, **changes: Any) -> dict[str, Any]:
    """The session's edit form as it comes prefilled, with these changes typed in."""
    typed = {name: _typed(getattr(session, name)) for name in SESSION_FIELDS}
    return {**typed, **{name: str(value) for name, value in changes.items()}}


def _status(enrolment: Enrolment) -> str:
    return Enrolment.objects.get(pk=enrolment.pk).status


# The course ---------------------------------------------------------------------------------


def test_staff_edit_a_course_and_the_change_is_audited(provider, course):
    staff = logged_in_client(provider.staff)
    response = staff.post(f"/en/learning/teach/courses/{course.pk}/edit/", COURSE_EDIT)
    assert response["Location"] == f"/en/learning/teach/courses/{course.pk}/"
    course.refresh_from_db()
    assert (course.topic, course.format, course.place) == (
        "health-safety",
        "hybrid",
        "Chilliwack library",
    )
    assert (course.completion_rule, course.min_attendance_percent) == ("sign-off", 80)
    entry = AuditEntry.objects.get(action="learning.course_updated")
    assert entry.object_id == str(course.pk) and entry.organisation_id == course.organisation_id
    assert "Course saved." in staff.get(response["Location"]).content.decode()


def test_the_course_page_shows_the_edit_form_filled_in(provider, course):
    page = logged_in_client(provider.staff).get(f"/en/learning/teach/courses/{course.pk}/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Edit course" in html and 'value="Abbotsford"' in html
    assert '<option value="attendance" selected>' in html


@pytest.mark.parametrize("key", OUTSIDERS)
def test_nobody_outside_the_provider_edits_a_course(personas, course, key):
    client = personas.client_for(key)
    assert (
        client.post(f"/en/learning/teach/courses/{course.pk}/edit/", COURSE_EDIT).status_code == 404
    )
    assert client.post(
        f"/en/learning/teach/courses/{course.pk}/texts/fr/", {"text-fr-title": "Anglais"}
    ).status_code == 404  # fmt: skip
    with pytest.raises(PermissionDenied):
        course_update(
            actor=getattr(personas, key),
            course=course,
            topic="health-safety",
            format="hybrid",
            language="en",
            completion_rule="sign-off",
        )
    with pytest.raises(PermissionDenied):
        course_text_set(actor=getattr(personas, key), course=course, language="fr", title="X")
    assert Course.objects.get(pk=course.pk).topic == "english"
    assert not course.texts.filter(language="fr").exists()
    assert not AuditEntry.objects.filter(action__startswith="learning.course_").exists()


def test_a_rejected_course_edit_keeps_what_was_typed_and_says_why(provider, course):
    staff = logged_in_client(provider.staff)
    typed = {**COURSE_EDIT, "place": "Sardis community hall", "min_attendance_percent": "150"}
    response = staff.post(f"/es/learning/teach/courses/{course.pk}/edit/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="Sardis community hall"' in page and 'value="150"' in page
    assert "Asegúrese de que este valor es menor o igual a 100." in page
    assert Course.objects.get(pk=course.pk).place == "Abbotsford"


def test_a_course_is_taught_only_in_a_language_it_has_a_title_in(provider, course):
    staff = logged_in_client(provider.staff)
    response = staff.post(
        f"/en/learning/teach/courses/{course.pk}/edit/", {**COURSE_EDIT, "language": "fr"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "The course has no title in this language yet." in page
    assert '<option value="fr" selected>' in page  # her choice is kept
    assert Course.objects.get(pk=course.pk).language == "en"
    response = staff.post(
        f"/en/learning/teach/courses/{course.pk}/edit/", {**COURSE_EDIT, "language": "es"}
    )
    assert response.status_code == 302  # the factory gave it a Spanish title
    assert Course.objects.get(pk=course.pk).language == "es"


# Its texts in each language ---------------------------------------------------------------


def test_staff_see_which_translations_are_missing_and_add_one(provider, course):
    staff = logged_in_client(provider.staff)
    url = f"/en/learning/teach/courses/{course.pk}/"
    page = staff.get(url).content.decode()
    assert "Texts in each language" in page
    assert "French · missing" in page and "Spanish · translated" in page
    assert "English · the language it is taught in" in page
    assert '<label for="id_text-en-title">Title</label>' in page  # needed, not optional
    assert '<label for="id_text-fr-title">Title <span class="help">(optional)' in page
    response = staff.post(
        f"{url}texts/fr/",
        {"text-fr-title": "Anglais pour le travail", "text-fr-summary": "Le soir, à la ferme."},
    )
    assert response["Location"] == url
    text = CourseText.objects.get(course=course, language="fr")
    assert (text.title, text.summary) == ("Anglais pour le travail", "Le soir, à la ferme.")
    page = staff.get(url).content.decode()
    assert "French · missing" not in page and 'value="Anglais pour le travail"' in page
    entry = AuditEntry.objects.get(action="learning.course_text_set")
    assert entry.details == {"language": "fr"} and entry.object_id == str(course.pk)


def test_saving_a_text_again_replaces_it(provider, course):
    course_text_set(actor=provider.staff, course=course, language="es", title="Inglés básico")
    assert CourseText.objects.get(course=course, language="es").title == "Inglés básico"
    assert course.texts.count() == 2


def test_an_empty_title_removes_a_translation_but_never_the_teaching_language(provider, course):
    staff = logged_in_client(provider.staff)
    url = f"/es/learning/teach/courses/{course.pk}/texts/"
    response = staff.post(f"{url}es/", {"text-es-title": "", "text-es-summary": ""})
    assert response.status_code == 302
    assert not course.texts.filter(language="es").exists()
    assert AuditEntry.objects.filter(action="learning.course_text_removed").count() == 1

    response = staff.post(f"{url}en/", {"text-en-title": "  ", "text-en-summary": ""})
    assert response.status_code == 400
    assert "El curso se imparte en este idioma" in response.content.decode()
    assert course.texts.get(language="en").title == f"English for work {course.pk}"
    with translation.override("en"), pytest.raises(ValidationError) as raised:
        course_text_set(actor=provider.staff, course=course, language="en", title="")
    assert "taught in this language" in raised.value.message_dict["title"][0]
    assert AuditEntry.objects.filter(action="learning.course_text_removed").count() == 1


def test_a_summary_without_a_title_is_refused_and_kept(provider, course):
    response = logged_in_client(provider.staff).post(
        f"/en/learning/teach/courses/{course.pk}/texts/fr/",
        {"text-fr-title": "", "text-fr-summary": "Cours du soir"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Give a title with the summary" in page and "Cours du soir</textarea>" in page
    assert not course.texts.filter(language="fr").exists()


def test_an_unknown_language_is_not_found(provider, course):
    response = logged_in_client(provider.staff).post(
        f"/en/learning/teach/courses/{course.pk}/texts/de/", {"text-de-title": "Englisch"}
    )
    assert response.status_code == 404
    assert not course.texts.filter(language="de").exists()


# A session ----------------------------------------------------------------------------------


def test_more_places_go_to_the_people_who_waited_longest_and_each_is_told(
    personas, provider, course, django_capture_on_commit_callbacks
):
    session = SessionFactory.create(course=course, capacity=1)
    holder, first, second, third = _queue(session, _workers(4))
    assert [_status(e) for e in (first, second, third)] == [EnrolmentStatus.WAITLISTED] * 3

    staff = logged_in_client(provider.staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = staff.post(
            f"/en/learning/sessions/{session.pk}/edit/", _as_typed(session, capacity=3)
        )
    assert response["Location"] == f"/en/learning/sessions/{session.pk}/roster/"
    assert _status(holder) == EnrolmentStatus.ENROLLED
    assert [_status(e) for e in (first, second, third)] == [
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.ENROLLED,
        EnrolmentStatus.WAITLISTED,
    ]
    for promoted in (first, second):
        message = outbox_one(promoted.user.phone)
        assert message.channel == "sms" and "se liberó un lugar" in message.body
        assert "Inglés para el trabajo" in message.body
    assert not outbox_messages(third.user.phone)
    assert AuditEntry.objects.filter(action="learning.promoted_from_waitlist").count() == 2
    entry = AuditEntry.objects.get(action="learning.session_updated")
    assert entry.details["capacity"] == [1, 3] and entry.object_id == str(session.pk)
    page = staff.get(response["Location"]).content.decode()
    assert "2 people from the waiting list now have a place" in page


def test_new_dates_are_told_to_everyone_enrolled_or_waiting_in_their_language(
    provider, course, django_capture_on_commit_callbacks
):
    session = SessionFactory.create(course=course, capacity=1)
    holder, first, second = _queue(session, _workers(3))
    Enrolment.objects.filter(pk=second.pk).update(status=EnrolmentStatus.WITHDRAWN)
    new_start = session.starts_on + dt.timedelta(days=7)
    staff = logged_in_client(provider.staff)
    with django_capture_on_commit_callbacks(execute=True):
        staff.post(
            f"/en/learning/sessions/{session.pk}/edit/",
            _as_typed(session, starts_on=new_start, schedule_note="Sábados 9:00"),
        )
    held = outbox_one(holder.user.phone).body
    waiting = outbox_one(first.user.phone).body
    for body in (held, waiting):  # in Spanish, the new start and the new hours
        assert "ha cambiado" in body and new_start.isoformat() in body and "Sábados 9:00" in body
    assert "Conservas tu lugar" in held and "lista de espera" in waiting
    assert not outbox_messages(second.user.phone)  # withdrew


def test_a_change_of_places_or_classes_only_tells_nobody_but_the_promoted(
    provider, course, django_capture_on_commit_callbacks
):
    session = SessionFactory.create(course=course, capacity=1)
    holder, first = _queue(session, _workers(2))
    with django_capture_on_commit_callbacks(execute=True):
        logged_in_client(provider.staff).post(
            f"/en/learning/sessions/{session.pk}/edit/", _as_typed(session, capacity=2, meetings=9)
        )
    assert not outbox_messages(holder.user.phone)
    [promoted] = outbox_messages(first.user.phone)  # one message, not two
    assert "se liberó un lugar" in promoted.body


def test_the_service_returns_who_was_promoted_in_queue_order(provider, course):
    session = SessionFactory.create(course=course, capacity=1)
    _holder, first, second = _queue(session, _workers(3))
    fields = {name: getattr(session, name) for name in SESSION_FIELDS}
    updated = session_update(actor=provider.staff, session=session, **{**fields, "capacity": 5})
    assert [e.pk for e in updated.promoted] == [first.pk, second.pk]
    assert updated.session.capacity == 5
    assert session.enrolments.filter(status=EnrolmentStatus.WAITLISTED).count() == 0


def test_fewer_places_than_people_holding_one_is_refused_and_changes_nothing(provider, course):
    session = SessionFactory.create(course=course, capacity=3, schedule_note="Tue 19:00")
    _queue(session, _workers(4))  # three hold a place, one waits
    staff = logged_in_client(provider.staff)
    typed = _session_edit(capacity=2, schedule_note="Thursdays at seven")
    response = staff.post(f"/en/learning/sessions/{session.pk}/edit/", typed)
    assert response.status_code == 400
    page = response.content.decode()
    assert "3 people hold a place in this session, so it needs at least 3 places." in page
    assert 'value="Thursdays at seven"' in page and 'value="2"' in page
    session.refresh_from_db()
    assert (session.capacity, session.schedule_note) == (3, "Tue 19:00")
    assert session.enrolments.filter(status=EnrolmentStatus.ENROLLED).count() == 3
    assert not AuditEntry.objects.filter(action="learning.session_updated").exists()


def test_the_session_form_checks_dates_like_when_it_was_added(provider, course):
    session = SessionFactory.create(course=course)
    start = today() + dt.timedelta(days=30)
    typed = _session_edit(starts_on=start, ends_on=start - dt.timedelta(days=2))
    response = logged_in_client(provider.staff).post(
        f"/es/learning/sessions/{session.pk}/edit/", typed
    )
    assert response.status_code == 400
    assert "Una fecha de fin es anterior a su inicio." in response.content.decode()
    assert Session.objects.get(pk=session.pk).ends_on == session.ends_on


def test_staff_change_a_session_s_dates_and_note(provider, course):
    session = SessionFactory.create(course=course)
    staff = logged_in_client(provider.staff)
    page = staff.get(f"/en/learning/sessions/{session.pk}/edit/").content.decode()
    assert f'value="{session.starts_on.isoformat()}"' in page  # prefilled, ISO for date inputs
    assert 'name="weekdays" value="1" id="id_weekdays_1" checked' in page
    assert 'value="19:00"' in page and 'value="21:00"' in page
    typed = _session_edit(meetings=8)
    response = staff.post(f"/en/learning/sessions/{session.pk}/edit/", typed)
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.schedule, session.meetings, session.capacity) == ("weekends", 8, 10)
    assert session.starts_on.isoformat() == typed["starts_on"]
    assert AuditEntry.objects.filter(action="learning.session_updated").count() == 1


@pytest.mark.parametrize("key", OUTSIDERS)
def test_nobody_outside_the_provider_edits_a_session(personas, course, key):
    session = SessionFactory.create(course=course, capacity=1)
    _holder, waiting = _queue(session, _workers(2))
    client = personas.client_for(key)
    url = f"/en/learning/sessions/{session.pk}/edit/"
    assert client.get(url).status_code == 404
    assert client.post(url, _session_edit(capacity=5)).status_code == 404
    with pytest.raises(PermissionDenied):
        session_update(actor=getattr(personas, key), session=session, schedule="weekends",
                       starts_on=session.starts_on, ends_on=session.ends_on, capacity=5,
                       enrolment_opens=session.enrolment_opens,
                       enrolment_closes=session.enrolment_closes)  # fmt: skip
    assert Session.objects.get(pk=session.pk).capacity == 1
    assert _status(waiting) == EnrolmentStatus.WAITLISTED


# Query counts -------------------------------------------------------------------------------


def test_the_course_page_keeps_its_query_count_with_more_sessions(provider, course):
    staff = logged_in_client(provider.staff)
    assert_queries_do_not_grow(
        add_items=lambda n: SessionFactory.create_batch(n, course=course),
        fetch=lambda: staff.get(f"/en/learning/teach/courses/{course.pk}/"),
        limit=10,
    )


def test_the_edit_pages_run_few_queries(provider, course):
    session = SessionFactory.create(course=course, capacity=1)
    _queue(session, _workers(3))
    staff = logged_in_client(provider.staff)
    with assert_max_queries(10):
        assert staff.get(f"/en/learning/sessions/{session.pk}/edit/").status_code == 200
    with assert_max_queries(15):
        assert staff.post(
            f"/en/learning/teach/courses/{course.pk}/edit/", COURSE_EDIT
        ).status_code == 302  # fmt: skip
