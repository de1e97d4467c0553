"""Teachers write lessons and quizzes; enrolled workers read, answer, and finish the course."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from juntos.core.models import AuditEntry
from juntos.learning.choices import CompletionRule, CourseFormat, EnrolmentStatus
from juntos.learning.models import (
    CompletionRecord,
    Enrolment,
    Lesson,
    LessonProgress,
    Question,
)
from juntos.learning.selectors import completed_course_ids
from juntos.learning.services import (
    lesson_mark_read,
    lesson_save,
    question_add,
    quiz_submit,
)
from juntos.learning.tests.factories import CourseFactory, SessionFactory
from juntos.testing.personas import logged_in_client
from juntos.testing.queries import assert_queries_do_not_grow

TEXTS = {"en": ("Your pay slip", "Check the hours."), "es": ("Tu talón", "Revisa las horas.")}


@pytest.fixture
def online(provider):
    return CourseFactory.create(
        organisation_id=provider.organisation.pk,
        format=CourseFormat.ONLINE,
        completion_rule=CompletionRule.LESSONS,
    )


@pytest.fixture
def enrolment(online, personas):
    session = SessionFactory.create(
        course=online, starts_on=timezone.localdate() - dt.timedelta(days=1)
    )
    return Enrolment.objects.create(
        session=session, user=personas.rosa, status=EnrolmentStatus.ENROLLED,
        queued_at=timezone.now(),
    )  # fmt: skip


def _lesson_with_quiz(provider, course):
    lesson = lesson_save(actor=provider.staff, course=course, texts=TEXTS, pass_percent=50)
    question_add(
        actor=provider.staff,
        lesson=lesson,
        correct=2,
        texts={
            "en": ("Who keeps the pay slip?", ["The employer", "You"]),
            "es": ("¿Quién guarda el talón?", ["El patrón", "Usted"]),
        },
    )
    return lesson


def test_a_teacher_writes_a_lesson_on_the_staff_page_and_sees_the_missing_language(
    provider, online
):
    client = logged_in_client(provider.staff)
    response = client.post(
        f"/en/learning/teach/courses/{online.pk}/lessons/",
        {"title_en": "Your pay slip", "body_en": "Check the hours.", "pass_percent": "75",
         "video_url": "https://video.example.org/talon", "title_es": "Tu talón",
         "body_es": "Revisa las horas."},
    )  # fmt: skip
    lesson = Lesson.objects.get()
    assert response["Location"] == f"/en/learning/teach/lessons/{lesson.pk}/"
    assert lesson.position == 1 and lesson.video_url == "https://video.example.org/talon"
    assert {t.language for t in lesson.texts.all()} == {"en", "es"}
    page = client.get(f"/en/learning/teach/lessons/{lesson.pk}/").content.decode()
    assert "missing" in page and "French" in page
    assert AuditEntry.objects.filter(action="learning.lesson_created").exists()


def test_a_rejected_lesson_keeps_what_was_typed_and_says_why(provider, online):
    client = logged_in_client(provider.staff)
    response = client.post(
        f"/es/learning/teach/courses/{online.pk}/lessons/",
        {"title_es": "Sólo en español", "body_es": "Texto escrito", "pass_percent": "75"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Sólo en español" in page and "Texto escrito" in page
    assert not Lesson.objects.exists()


def test_a_question_needs_the_same_answers_in_every_language(provider, online):
    lesson = lesson_save(actor=provider.staff, course=online, texts=TEXTS)
    with pytest.raises(ValidationError):
        question_add(
            actor=provider.staff, lesson=lesson, correct=1,
            texts={"en": ("Q", ["a", "b"]), "es": ("P", ["a", "b", "c"])},
        )  # fmt: skip
    with pytest.raises(ValidationError):
        question_add(
            actor=provider.staff, lesson=lesson, correct=3, texts={"en": ("Q", ["a", "b"])}
        )
    assert not Question.objects.exists()


def test_staff_of_another_organisation_cannot_write_lessons(personas, online):
    with pytest.raises(PermissionDenied):
        lesson_save(actor=personas.amina, course=online, texts=TEXTS)


def test_she_reads_answers_sees_the_right_answers_tries_again_and_completes(
    personas, provider, online, enrolment
):
    lesson = _lesson_with_quiz(provider, online)
    question = lesson.questions.get()
    client = personas.client_for("rosa")
    base = f"/es/learning/enrolments/{enrolment.pk}/lessons/{lesson.pk}/"
    page = client.get(base).content.decode()
    assert "Revisa las horas." in page and "¿Quién guarda el talón?" in page

    client.post(base + "read/")
    wrong = client.post(base + "quiz/", {f"q{question.pk}": "1"})
    shown = wrong.content.decode()
    assert wrong.status_code == 200
    assert "El patrón" in shown and "Usted" in shown  # her answer and the right one
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED

    right = client.post(base + "quiz/", {f"q{question.pk}": "2"})
    assert right.status_code == 200
    progress = LessonProgress.objects.get()
    assert progress.attempts == 2 and progress.last_score == 100 and progress.quiz_passed_at
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    record = CompletionRecord.objects.get(user=personas.rosa)
    assert record.rule == CompletionRule.LESSONS and record.evidence == {"lessons": 1, "done": 1}
    # The credentials module reads completions through this public selector.
    assert online.pk in completed_course_ids(personas.rosa)


def test_an_unanswered_quiz_is_refused_and_keeps_her_answers(personas, provider, online, enrolment):
    lesson = _lesson_with_quiz(provider, online)
    question_add(
        actor=provider.staff, lesson=lesson, correct=1,
        texts={"en": ("Is overtime paid?", ["Yes", "No"])},
    )  # fmt: skip
    first = lesson.questions.order_by("id").first()
    client = personas.client_for("rosa")
    response = client.post(
        f"/es/learning/enrolments/{enrolment.pk}/lessons/{lesson.pk}/quiz/",
        {f"q{first.pk}": "2"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Elige una respuesta." in page
    assert f'value="2" id="id_q{first.pk}_1" checked' in page
    # The second question has no Spanish text: it is shown in English, the teaching language.
    assert "Is overtime paid?" in page
    assert not LessonProgress.objects.filter(attempts__gt=0).exists()


def test_reading_is_not_enough_when_the_quiz_is_not_passed(personas, provider, online, enrolment):
    lesson = _lesson_with_quiz(provider, online)
    lesson_mark_read(actor=personas.rosa, enrolment=enrolment, lesson=lesson)
    question = lesson.questions.get()
    result = quiz_submit(
        actor=personas.rosa, enrolment=enrolment, lesson=lesson, answers={question.pk: 1}
    )
    assert not result.passed and result.answers == {question.pk: (1, 2)}
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED


def test_a_lesson_without_a_quiz_is_done_when_read_and_a_second_one_waits(
    personas, provider, online, enrolment
):
    first = lesson_save(actor=provider.staff, course=online, texts=TEXTS)
    second = lesson_save(actor=provider.staff, course=online, texts=TEXTS)
    assert second.position == 2
    lesson_mark_read(actor=personas.rosa, enrolment=enrolment, lesson=first)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ENROLLED
    lesson_mark_read(actor=personas.rosa, enrolment=enrolment, lesson=second)
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED


def test_lessons_open_only_when_the_session_starts(personas, provider, online):
    session = SessionFactory.create(course=online)  # starts in two weeks
    enrolment = Enrolment.objects.create(
        session=session, user=personas.rosa, status=EnrolmentStatus.ENROLLED,
        queued_at=timezone.now(),
    )  # fmt: skip
    lesson = lesson_save(actor=provider.staff, course=online, texts=TEXTS)
    with pytest.raises(ValidationError):
        lesson_mark_read(actor=personas.rosa, enrolment=enrolment, lesson=lesson)
    page = personas.client_for("rosa").get(
        f"/es/learning/enrolments/{enrolment.pk}/lessons/{lesson.pk}/"
    )
    assert "Revisa las horas." not in page.content.decode()


def test_nobody_else_opens_her_lessons(personas, provider, online, enrolment):
    lesson = lesson_save(actor=provider.staff, course=online, texts=TEXTS)
    url = f"/es/learning/enrolments/{enrolment.pk}/lessons/{lesson.pk}/"
    for name in ("amina", "carl", "dana"):
        assert personas.client_for(name).get(url).status_code == 404
    with pytest.raises(PermissionDenied):
        lesson_mark_read(actor=personas.carl, enrolment=enrolment, lesson=lesson)


def test_her_lesson_list_keeps_its_query_count(personas, provider, online, enrolment):
    client = personas.client_for("rosa")

    def add(n):
        for _ in range(n):
            lesson = _lesson_with_quiz(provider, online)
            lesson_mark_read(actor=personas.rosa, enrolment=enrolment, lesson=lesson)

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(f"/es/learning/enrolments/{enrolment.pk}/lessons/"),
        limit=12,
    )


def test_the_teachers_lesson_list_keeps_its_query_count(provider, online):
    client = logged_in_client(provider.staff)
    assert_queries_do_not_grow(
        add_items=lambda n: [_lesson_with_quiz(provider, online) for _ in range(n)],
        fetch=lambda: client.get(f"/en/learning/teach/courses/{online.pk}/lessons/"),
        limit=14,
    )


def test_the_lesson_page_keeps_its_query_count_with_more_questions(
    personas, provider, online, enrolment
):
    lesson = lesson_save(actor=provider.staff, course=online, texts=TEXTS)
    client = personas.client_for("rosa")

    def add(n):
        for _ in range(n):
            question_add(
                actor=provider.staff, lesson=lesson, correct=1,
                texts={"en": ("Q", ["a", "b"]), "es": ("P", ["a", "b"])},
            )  # fmt: skip

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(f"/es/learning/enrolments/{enrolment.pk}/lessons/{lesson.pk}/"),
        limit=14,
        rows=lambda response: response.content.decode().count("<fieldset"),  # one per question
    )


def test_the_gradebook_shows_attendance_and_each_lessons_result(
    personas, provider, online, enrolment
):
    lesson = _lesson_with_quiz(provider, online)
    question = lesson.questions.get()
    lesson_mark_read(actor=personas.rosa, enrolment=enrolment, lesson=lesson)
    quiz_submit(actor=personas.rosa, enrolment=enrolment, lesson=lesson, answers={question.pk: 1})
    page = logged_in_client(provider.staff).get(
        f"/en/learning/sessions/{enrolment.session_id}/gradebook/"
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Rosa Hernández" in html and "Your pay slip" in html
    assert "read · 0% (1 try)" in html


def test_the_gradebook_keeps_its_query_count_with_more_people(personas, provider, online):
    from juntos.accounts.services import person_create

    session = SessionFactory.create(
        course=online, starts_on=timezone.localdate() - dt.timedelta(days=1)
    )
    _lesson_with_quiz(provider, online)
    _lesson_with_quiz(provider, online)
    client = logged_in_client(provider.staff)
    made: list[object] = []

    def add(n):
        for _ in range(n):
            person = person_create(
                actor=personas.admin, display_name=f"Trabajadora {len(made)}",
                password="x-test-password-9", email=f"t{len(made)}@example.org",
                language="es", channel="email",
            )  # fmt: skip
            made.append(person)
            enrolled = Enrolment.objects.create(
                session=session, user=person, status=EnrolmentStatus.ENROLLED,
                queued_at=timezone.now(),
            )  # fmt: skip
            for lesson in online.lessons.all():
                lesson_mark_read(actor=person, enrolment=enrolled, lesson=lesson)

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get(f"/en/learning/sessions/{session.pk}/gradebook/"),
        limit=14,
    )


def test_her_export_holds_her_lesson_progress(personas, provider, online, enrolment):
    from juntos.learning.services import person_export

    lesson = _lesson_with_quiz(provider, online)
    lesson_mark_read(actor=personas.rosa, enrolment=enrolment, lesson=lesson)
    archive = zipfile.ZipFile(io.BytesIO(person_export(actor=personas.rosa)))
    (row,) = json.loads(archive.read("data.json"))["lesson_progress"]
    assert row["lesson_id"] == lesson.pk and row["read_at"] and row["attempts"] == 0
