"""Online lessons: teachers write them and their quizzes; enrolled workers read and answer."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.learning import selectors, services
from juntos.learning.forms import LessonForm, QuestionForm, QuizForm
from juntos.learning.models import Course, Enrolment, Lesson, LessonText, QuestionText
from juntos.learning.views._common import add_errors

# --- Teachers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class LessonRow:
    """A lesson as the teacher's list shows it: its title and the languages it still lacks."""

    lesson: Lesson
    title: str
    missing: list[str]
    questions: int


def _lesson_rows(course: Course, lessons: list[Lesson]) -> list[LessonRow]:
    names = {code: str(name) for code, name in settings.LANGUAGES}
    rows = []
    for lesson in lessons:
        texts = list(lesson.texts.all())
        text = selectors.in_language(texts, get_language() or "en", course.language)
        have = {t.language for t in texts}
        rows.append(
            LessonRow(
                lesson=lesson,
                title=text.title if text else "",
                missing=[name for code, name in names.items() if code not in have],
                questions=len(lesson.questions.all()),
            )
        )
    return rows


def _lesson_save(
    request: HttpRequest, form: LessonForm, course: Course, lesson: Lesson | None = None
) -> Lesson | None:
    """Add the lesson (or change it) from a valid form; None, with the form's errors, if the
    service refuses."""
    try:
        return services.lesson_save(
            actor=request.user,
            course=course,
            lesson=lesson,
            texts=form.texts(),
            position=form.cleaned_data["position"],
            video_url=form.cleaned_data["video_url"],
            material_url=form.cleaned_data["material_url"],
            pass_percent=form.cleaned_data["pass_percent"],
        )
    except ValidationError as error:
        add_errors(form, error)
        return None


@login_required
@require_http_methods(["GET", "POST"])
def lessons(request: HttpRequest, course_id: int) -> HttpResponse:
    course = selectors.get_managed_course_for(request.user, course_id)
    form = LessonForm(request.POST if request.method == "POST" else None, teaching=course.language)
    if (
        request.method == "POST"
        and form.is_valid()
        and (lesson := _lesson_save(request, form, course)) is not None
    ):
        messages.success(request, _("Lesson added. You can add its quiz now."))
        return redirect("learning:lesson_edit", lesson_id=lesson.pk)
    return render(
        request,
        "learning/lessons.html",
        {
            "course": course,
            "text": selectors.course_text(course),
            "rows": _lesson_rows(course, selectors.lessons_of(course)),
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _lesson_initial(lesson: Lesson) -> dict[str, object]:
    initial: dict[str, object] = {
        "position": lesson.position,
        "video_url": lesson.video_url,
        "material_url": lesson.material_url,
        "pass_percent": lesson.pass_percent,
    }
    for text in lesson.texts.all():
        initial[f"title_{text.language}"] = text.title
        initial[f"body_{text.language}"] = text.body
    return initial


def _lesson_edit_page(
    request: HttpRequest,
    lesson: Lesson,
    *,
    form: LessonForm | None = None,
    question_form: QuestionForm | None = None,
) -> HttpResponse:
    course = lesson.course
    language = get_language() or "en"
    questions = [
        (q, selectors.in_language(list(q.texts.all()), language, course.language))
        for q in lesson.questions.all()
    ]
    given = [f for f in (form, question_form) if f is not None]
    return render(
        request,
        "learning/lesson_edit.html",
        {
            "course": course,
            "lesson": lesson,
            "row": _lesson_rows(course, [lesson])[0],
            "form": form or LessonForm(initial=_lesson_initial(lesson), teaching=course.language),
            "questions": questions,
            "question_form": question_form or QuestionForm(teaching=course.language),
        },
        status=400 if any(f.errors for f in given) else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def lesson_edit(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.get_managed_lesson_for(request.user, lesson_id)
    if request.method != "POST":
        return _lesson_edit_page(request, lesson)
    form = LessonForm(request.POST, teaching=lesson.course.language)
    if form.is_valid() and _lesson_save(request, form, lesson.course, lesson) is not None:
        messages.success(request, _("Lesson saved."))
        return redirect("learning:lesson_edit", lesson_id=lesson.pk)
    return _lesson_edit_page(request, lesson, form=form)


@login_required
@require_POST
def question_add(request: HttpRequest, lesson_id: int) -> HttpResponse:
    lesson = selectors.get_managed_lesson_for(request.user, lesson_id)
    form = QuestionForm(request.POST, teaching=lesson.course.language)
    if form.is_valid():
        try:
            services.question_add(
                actor=request.user,
                lesson=lesson,
                correct=form.cleaned_data["correct"],
                texts=form.texts(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Question added."))
            return redirect("learning:lesson_edit", lesson_id=lesson.pk)
    return _lesson_edit_page(request, lesson, question_form=form)


@login_required
@require_POST
def question_remove(request: HttpRequest, question_id: int) -> HttpResponse:
    question = selectors.get_managed_question_for(request.user, question_id)
    services.question_remove(actor=request.user, question=question)
    messages.success(request, _("Question removed."))
    return redirect("learning:lesson_edit", lesson_id=question.lesson_id)


# --- Workers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LearnerLesson:
    """A lesson as she sees it in the list: its title in her language and whether it is done."""

    lesson: Lesson
    text: LessonText | None
    done: bool


@login_required
@require_GET
def course_lessons(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.get_learning_enrolment_for(request.user, enrolment_id)
    course = enrolment.session.course
    progress = selectors.progress_of(enrolment)
    language = get_language() or "en"
    rows = [
        LearnerLesson(
            lesson=lesson,
            text=selectors.in_language(list(lesson.texts.all()), language, course.language),
            done=selectors.lesson_done(lesson, progress.get(lesson.pk)),
        )
        for lesson in selectors.lessons_of(course)
    ]
    return render(
        request,
        "learning/course_lessons.html",
        {
            "enrolment": enrolment,
            "course": course,
            "text": selectors.course_text(course),
            "rows": rows,
            "done": sum(1 for row in rows if row.done),
            "opened": enrolment.session.starts_on <= timezone.localdate(),
        },
    )


def _quiz_questions(lesson: Lesson, language: str) -> list[tuple[int, str, list[str]]]:
    """Each question's prompt and options in the reader's language, or else in the course's,
    marked with that language (`lang`) so a screen reader reads them as written."""
    questions = []
    for question in lesson.questions.all():
        text: QuestionText | None = selectors.in_language(
            list(question.texts.all()), language, lesson.course.language
        )
        if text is None:
            continue
        if text.language == language:
            prompt, options = text.prompt, list(text.options)
        else:
            prompt = format_html('<span lang="{}">{}</span>', text.language, text.prompt)
            options = [
                format_html('<span lang="{}">{}</span>', text.language, option)
                for option in text.options
            ]
        questions.append((question.pk, prompt, options))
    return questions


def _lesson_page(
    request: HttpRequest,
    enrolment: Enrolment,
    lesson: Lesson,
    *,
    quiz: QuizForm | None = None,
    result: services.QuizResult | None = None,
    status: int = 200,
) -> HttpResponse:
    course = enrolment.session.course
    language = get_language() or "en"
    progress = selectors.progress_of(enrolment).get(lesson.pk)
    questions = _quiz_questions(lesson, language)
    marked = []
    if result is not None:
        for question_id, prompt, options in questions:
            mine, correct = result.answers[question_id]
            marked.append((prompt, options[mine - 1], options[correct - 1], mine == correct))
    lessons = selectors.lessons_of(course)
    later = [
        other for other in lessons if (other.position, other.pk) > (lesson.position, lesson.pk)
    ]
    return render(
        request,
        "learning/lesson.html",
        {
            "enrolment": enrolment,
            "course": course,
            "lesson": lesson,
            "text": selectors.in_language(list(lesson.texts.all()), language, course.language),
            "progress": progress,
            "done": selectors.lesson_done(lesson, progress),
            "quiz": quiz or (QuizForm(questions=questions) if questions else None),
            "result": result,
            "marked": marked,
            "next_lesson": later[0] if later else None,
            "opened": enrolment.session.starts_on <= timezone.localdate(),
        },
        status=status,
    )


@login_required
@require_GET
def lesson(request: HttpRequest, enrolment_id: int, lesson_id: int) -> HttpResponse:
    enrolment = selectors.get_learning_enrolment_for(request.user, enrolment_id)
    return _lesson_page(request, enrolment, selectors.get_lesson_of(enrolment, lesson_id))


@login_required
@require_POST
def lesson_read(request: HttpRequest, enrolment_id: int, lesson_id: int) -> HttpResponse:
    enrolment = selectors.get_learning_enrolment_for(request.user, enrolment_id)
    found = selectors.get_lesson_of(enrolment, lesson_id)
    try:
        services.lesson_mark_read(actor=request.user, enrolment=enrolment, lesson=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Lesson marked as read."))
    return redirect("learning:lesson", enrolment_id=enrolment.pk, lesson_id=found.pk)


@login_required
@require_POST
def lesson_quiz(request: HttpRequest, enrolment_id: int, lesson_id: int) -> HttpResponse:
    enrolment = selectors.get_learning_enrolment_for(request.user, enrolment_id)
    found = selectors.get_lesson_of(enrolment, lesson_id)
    questions = _quiz_questions(found, get_language() or "en")
    form = QuizForm(request.POST, questions=questions)
    if not form.is_valid():
        return _lesson_page(request, enrolment, found, quiz=form, status=400)
    try:
        result = services.quiz_submit(
            actor=request.user, enrolment=enrolment, lesson=found, answers=form.answers()
        )
    except ValidationError as error:
        add_errors(form, error)
        return _lesson_page(request, enrolment, found, quiz=form, status=400)
    # A fresh, empty quiz below the results: she may try again.
    return _lesson_page(
        request, enrolment, found, quiz=QuizForm(questions=questions), result=result
    )
