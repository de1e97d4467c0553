"""Writes of online lessons and their quizzes, and of each learner's progress through them.

A lesson is done when she has read it and, if it has questions, passed its quiz; a course
completed by lessons is completed through the same `completion_evaluate` as any other rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record
from juntos.learning.models import (
    Course,
    Enrolment,
    Lesson,
    LessonProgress,
    LessonText,
    Question,
    QuestionText,
)
from juntos.learning.policies import can_manage_course
from juntos.learning.selectors import HOLDS_A_PLACE
from juntos.learning.services._common import save_valid
from juntos.learning.services.courses import completion_evaluate

MIN_OPTIONS, MAX_OPTIONS = 2, 6


def _check_teacher(actor: Actor, course: Course) -> None:
    if not can_manage_course(actor, course):
        raise PermissionDenied


def _check_languages(course: Course, languages: set[str], field: str) -> None:
    if not languages <= set(dict(settings.LANGUAGES)):
        raise ValidationError({field: _("Choose English, Spanish or French.")})
    if course.language not in languages:
        raise ValidationError(
            {f"{field}_{course.language}": _("Give it in the language the course is taught in.")}
        )


def lesson_save(
    *,
    actor: Actor,
    course: Course,
    texts: dict[str, tuple[str, str]],
    lesson: Lesson | None = None,
    position: int | None = None,
    video_url: str = "",
    material_url: str = "",
    pass_percent: int = 75,
) -> Lesson:
    """Add a lesson, or change one; texts maps a language to (title, body), and a language
    left out of it loses its translation (never the language the course is taught in)."""
    _check_teacher(actor, course)
    if lesson is not None and lesson.course_id != course.pk:
        raise PermissionDenied
    texts = {lang: (t.strip(), b.strip()) for lang, (t, b) in texts.items() if t.strip()}
    _check_languages(course, set(texts), "title")
    if not 1 <= pass_percent <= 100:
        raise ValidationError({"pass_percent": _("Give a pass mark between 1 and 100.")})
    with transaction.atomic():
        if lesson is None:
            last = course.lessons.aggregate(last=Max("position"))["last"] or 0
            lesson = Lesson(course=course, position=position or last + 1)
        elif position:
            lesson.position = position
        lesson.video_url, lesson.material_url = video_url.strip(), material_url.strip()
        lesson.pass_percent = pass_percent
        created = lesson.pk is None
        save_valid(lesson)
        lesson.texts.exclude(language__in=texts).delete()
        for language, (title, body) in texts.items():
            LessonText.objects.update_or_create(
                lesson=lesson, language=language, defaults={"title": title, "body": body}
            )
        audit_record(
            actor=actor,
            action="learning.lesson_created" if created else "learning.lesson_updated",
            target=lesson,
            organisation_id=course.organisation_id,
            details={"languages": sorted(texts)},
        )
    return lesson


def question_add(
    *, actor: Actor, lesson: Lesson, correct: int, texts: dict[str, tuple[str, list[str]]]
) -> Question:
    """Add a single-choice question; texts maps a language to (question, answers in order)."""
    course = lesson.course
    _check_teacher(actor, course)
    texts = {
        lang: (prompt.strip(), [o.strip() for o in options if o.strip()])
        for lang, (prompt, options) in texts.items()
        if prompt.strip()
    }
    _check_languages(course, set(texts), "prompt")
    counts = {len(options) for _prompt, options in texts.values()}
    if len(counts) != 1:
        raise ValidationError(
            _("Give the same answers, in the same order, in every language you fill in.")
        )
    count = counts.pop()
    if not MIN_OPTIONS <= count <= MAX_OPTIONS:
        raise ValidationError(
            {f"options_{course.language}": _("Give between 2 and 6 answers, one per line.")}
        )
    if not 1 <= correct <= count:
        raise ValidationError({"correct": _("Give the number of one of the answers.")})
    with transaction.atomic():
        question = Question.objects.create(lesson=lesson, correct=correct)
        for language, (prompt, options) in texts.items():
            QuestionText.objects.create(
                question=question, language=language, prompt=prompt, options=options
            )
        audit_record(
            actor=actor,
            action="learning.question_added",
            target=lesson,
            organisation_id=course.organisation_id,
        )
    return question


def question_remove(*, actor: Actor, question: Question) -> None:
    """Take a question out of its lesson's quiz (results already given stay as they were)."""
    lesson = question.lesson
    _check_teacher(actor, lesson.course)
    with transaction.atomic():
        question.delete()
        audit_record(
            actor=actor,
            action="learning.question_removed",
            target=lesson,
            organisation_id=lesson.course.organisation_id,
        )


def _check_learner(actor: Actor, enrolment: Enrolment, lesson: Lesson) -> None:
    if enrolment.user_id != actor.pk or lesson.course_id != enrolment.session.course_id:
        raise PermissionDenied
    if enrolment.status not in HOLDS_A_PLACE:
        raise PermissionDenied
    starts_on = enrolment.session.starts_on
    if starts_on > timezone.localdate():
        raise ValidationError(
            _("The lessons open when the session starts, on %(day)s.")
            % {"day": date_format(starts_on)}
        )


def _progress(enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    progress, _created = LessonProgress.objects.select_for_update().get_or_create(
        enrolment=enrolment, lesson=lesson
    )
    return progress


def lesson_mark_read(*, actor: Actor, enrolment: Enrolment, lesson: Lesson) -> LessonProgress:
    """She has read the lesson; the course may be complete now."""
    _check_learner(actor, enrolment, lesson)
    with transaction.atomic():
        progress = _progress(enrolment, lesson)
        if progress.read_at is None:
            progress.read_at = timezone.now()
            progress.save(update_fields=["read_at"])
            audit_record(
                actor=actor,
                action="learning.lesson_read",
                target=enrolment,
                organisation_id=lesson.course.organisation_id,
                details={"lesson": lesson.pk},
            )
        _complete_if_done(enrolment)
    return progress


@dataclass(frozen=True)
class QuizResult:
    """How she did: right answers out of the questions, and which answer was right for each."""

    right: int
    total: int
    passed: bool
    # question id -> (the answer she gave, the right answer), both numbered from 1
    answers: dict[int, tuple[int, int]]


def quiz_submit(
    *, actor: Actor, enrolment: Enrolment, lesson: Lesson, answers: dict[int, int]
) -> QuizResult:
    """Mark her answers (question id -> answer number); she may try again as often as she likes."""
    _check_learner(actor, enrolment, lesson)
    questions = list(lesson.questions.all())
    if not questions:
        raise ValidationError(_("This lesson has no quiz."))
    if any(q.pk not in answers for q in questions):
        raise ValidationError(_("Answer every question."))
    given = {q.pk: (answers[q.pk], q.correct) for q in questions}
    right = sum(1 for mine, correct in given.values() if mine == correct)
    percent = round(100 * right / len(questions))
    passed = percent >= lesson.pass_percent
    with transaction.atomic():
        progress = _progress(enrolment, lesson)
        progress.attempts += 1
        progress.last_score = percent
        if passed and progress.quiz_passed_at is None:
            progress.quiz_passed_at = timezone.now()
        progress.save(update_fields=["attempts", "last_score", "quiz_passed_at"])
        audit_record(
            actor=actor,
            action="learning.quiz_answered",
            target=enrolment,
            organisation_id=lesson.course.organisation_id,
            details={"lesson": lesson.pk, "percent": percent, "passed": passed},
        )
        _complete_if_done(enrolment)
    return QuizResult(right=right, total=len(questions), passed=passed, answers=given)


def _complete_if_done(enrolment: Enrolment) -> None:
    # completion_evaluate checks the course's rule; only "lessons" looks at this progress.
    enrolment = (
        Enrolment.objects.select_for_update().select_related("session__course").get(pk=enrolment.pk)
    )
    completion_evaluate(enrolment=enrolment, session=enrolment.session)
