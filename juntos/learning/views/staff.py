"""Pages for partner staff: workshops and attendees, courses, sessions and rosters."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from juntos.learning import selectors, services
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.forms import (
    AttendanceForm,
    AttendeeForm,
    ClassMessageForm,
    CourseForm,
    CourseSettingsForm,
    CourseTextForm,
    SessionForm,
    WorkshopForm,
)
from juntos.learning.models import Course, Workshop
from juntos.learning.views._common import add_errors, rights_url, staff_organisations


def _staff_only(request: HttpRequest) -> list[tuple[int, str]]:
    organisations = staff_organisations(request.user)
    if not organisations:
        raise Http404
    return organisations


@login_required
@require_http_methods(["GET", "POST"])
def workshops(request: HttpRequest) -> HttpResponse:
    organisations = _staff_only(request)
    form = WorkshopForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        try:
            workshop = services.workshop_create(
                actor=request.user,
                organisation_id=form.cleaned_data.pop("organisation"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("learning:workshop", workshop_id=workshop.pk)
    return render(
        request,
        "learning/workshops.html",
        {"form": form, "workshops": selectors.workshops_for(request.user)},
        status=400 if form.errors else 200,
    )


def _workshop_page(
    request: HttpRequest, workshop: Workshop, form: AttendeeForm | None = None
) -> HttpResponse:
    attendees = selectors.attendees_of(workshop)
    return render(
        request,
        "learning/workshop.html",
        {
            "workshop": workshop,
            "attendees": attendees,
            "form": form or AttendeeForm(),
            "rights_url": rights_url(),
        },
        status=400 if form else 200,
    )


@login_required
@require_GET
def workshop(request: HttpRequest, workshop_id: int) -> HttpResponse:
    return _workshop_page(request, selectors.get_workshop_for(request.user, workshop_id))


@login_required
@require_POST
def attendee_add(request: HttpRequest, workshop_id: int) -> HttpResponse:
    found = selectors.get_workshop_for(request.user, workshop_id)
    form = AttendeeForm(request.POST)
    if form.is_valid():
        try:
            services.workshop_attendee_add(actor=request.user, workshop=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request, _("Added. If the profile is new, a code to claim it was sent.")
            )
            return redirect("learning:workshop", workshop_id=found.pk)
    return _workshop_page(request, found, form)


@login_required
@require_POST
def workshop_attendance(request: HttpRequest, workshop_id: int) -> HttpResponse:
    found = selectors.get_workshop_for(request.user, workshop_id)
    ticked = {int(v) for v in request.POST.getlist("attended") if v.isdigit()}
    services.workshop_attendance_mark(
        actor=request.user, workshop=found, attended_profile_ids=ticked
    )
    messages.success(request, _("Attendance saved."))
    return redirect("learning:workshop", workshop_id=found.pk)


def _course_create(request: HttpRequest, data: dict[str, Any]) -> Any:
    return services.course_create(
        actor=request.user,
        organisation_id=data["organisation"],
        topic=data["topic"],
        format=data["format"],
        language=data["language"],
        texts={data["language"]: (data["title"], data["summary"])},
        completion_rule=data["completion_rule"],
        province=data["province"],
        place=data["place"],
        min_attendance_percent=data["min_attendance_percent"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def teach(request: HttpRequest) -> HttpResponse:
    organisations = _staff_only(request)
    form = CourseForm(
        request.POST if request.method == "POST" else None, organisations=organisations
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = _course_create(request, form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            return redirect("learning:teach_course", course_id=created.pk)
    courses = [(c, selectors.course_text(c)) for c in selectors.courses_managed_by(request.user)]
    return render(
        request,
        "learning/teach.html",
        {"form": form, "courses": courses},
        status=400 if form.errors else 200,
    )


COURSE_SETTINGS = (
    "topic", "format", "language", "province", "place", "completion_rule",
    "min_attendance_percent",
)  # fmt: skip
SESSION_FIELDS = (
    "schedule", "weekdays", "starts_at", "ends_at", "schedule_note", "starts_on", "ends_on",
    "meetings", "capacity", "enrolment_opens", "enrolment_closes",
)  # fmt: skip


def _text_rows(course: Course, bound: CourseTextForm | None) -> list[dict[str, Any]]:
    """One row per site language: its form (prefilled), and whether the text is there."""
    texts = {text.language: text for text in course.texts.all()}
    rows = []
    for code, name in settings.LANGUAGES:
        text = texts.get(code)
        teaching = code == course.language
        form = bound if bound is not None and bound.prefix == f"text-{code}" else None
        if form is None:
            initial = {"title": text.title, "summary": text.summary} if text else None
            form = CourseTextForm(prefix=f"text-{code}", initial=initial, teaching=teaching)
        rows.append(
            {
                "code": code,
                "name": name,
                "form": form,
                "missing": text is None,
                "teaching": teaching,
            }
        )
    return rows


def _course_page(
    request: HttpRequest,
    course: Course,
    *,
    session_form: SessionForm | None = None,
    course_form: CourseSettingsForm | None = None,
    text_form: CourseTextForm | None = None,
) -> HttpResponse:
    """The staff course page; a form given here was rejected and is shown with its errors."""
    given = [form for form in (session_form, course_form, text_form) if form is not None]
    settings_initial = {name: getattr(course, name) for name in COURSE_SETTINGS}
    return render(
        request,
        "learning/teach_course.html",
        {
            "course": course,
            "text": selectors.course_text(course),
            "sessions": selectors.sessions_of(course),
            "form": session_form or SessionForm(),
            "course_form": course_form or CourseSettingsForm(initial=settings_initial),
            "text_rows": _text_rows(course, text_form),
        },
        status=400 if any(form.errors for form in given) else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def teach_course(request: HttpRequest, course_id: int) -> HttpResponse:
    found = selectors.get_managed_course_for(request.user, course_id)
    if request.method != "POST":
        return _course_page(request, found)
    form = SessionForm(request.POST)
    if form.is_valid():
        try:
            services.session_create(actor=request.user, course=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Session added."))
            return redirect("learning:teach_course", course_id=found.pk)
    return _course_page(request, found, session_form=form)


@login_required
@require_POST
def course_edit(request: HttpRequest, course_id: int) -> HttpResponse:
    found = selectors.get_managed_course_for(request.user, course_id)
    form = CourseSettingsForm(request.POST)
    if form.is_valid():
        try:
            services.course_update(actor=request.user, course=found, **form.cleaned_data)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Course saved."))
            return redirect("learning:teach_course", course_id=found.pk)
    return _course_page(request, found, course_form=form)


@login_required
@require_POST
def course_text(request: HttpRequest, course_id: int, language: str) -> HttpResponse:
    found = selectors.get_managed_course_for(request.user, course_id)
    if language not in dict(settings.LANGUAGES):
        raise Http404
    form = CourseTextForm(
        request.POST, prefix=f"text-{language}", teaching=language == found.language
    )
    if form.is_valid():
        try:
            saved = services.course_text_set(
                actor=request.user, course=found, language=language, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("Text saved.") if saved else _("Translation removed."))
            return redirect("learning:teach_course", course_id=found.pk)
    return _course_page(request, found, text_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.get_editable_session_for(request.user, session_id)
    initial = {name: getattr(session, name) for name in SESSION_FIELDS}
    form = SessionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            updated = services.session_update(
                actor=request.user, session=session, **form.cleaned_data
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            _say_session_saved(request, len(updated.promoted))
            return redirect("learning:roster", session_id=session.pk)
    return render(
        request,
        "learning/session_edit.html",
        {"session": session, "text": selectors.course_text(session.course), "form": form},
        status=400 if form.errors else 200,
    )


def _say_session_saved(request: HttpRequest, promoted: int) -> None:
    if not promoted:
        messages.success(request, _("Session saved."))
        return
    messages.success(
        request,
        ngettext(
            "Session saved. %(count)s person from the waiting list now has a place and was told.",
            "Session saved. %(count)s people from the waiting list now have a place and were told.",
            promoted,
        )
        % {"count": promoted},
    )


@login_required
@require_GET
def roster(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.get_roster_for(request.user, session_id)
    return _roster_page(request, session)


def _roster_page(
    request: HttpRequest, session: Any, *, message_form: ClassMessageForm | None = None
) -> HttpResponse:
    return render(
        request,
        "learning/roster.html",
        {
            "session": session,
            "text": selectors.course_text(session.course),
            "enrolments": selectors.roster_enrolments(session),
            "form": AttendanceForm(),
            "message_form": message_form or ClassMessageForm(),
        },
        status=400 if message_form is not None else 200,
    )


@login_required
@require_GET
def gradebook(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.get_roster_for(request.user, session_id)
    book = selectors.gradebook_of(session)
    language = get_language() or "en"
    titles = [
        selectors.in_language(list(lesson.texts.all()), language, session.course.language)
        for lesson in book.lessons
    ]
    return render(
        request,
        "learning/gradebook.html",
        {
            "session": session,
            "text": selectors.course_text(session.course),
            "book": book,
            "lesson_titles": [t.title if t else "" for t in titles],
        },
    )


@login_required
@require_POST
def class_message(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.get_roster_for(request.user, session_id)
    form = ClassMessageForm(request.POST)
    if form.is_valid():
        try:
            told = services.class_message_send(
                actor=request.user, session=session, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "Message sent to %(count)s person.", "Message sent to %(count)s people.", told
                )
                % {"count": told},
            )
            return redirect("learning:roster", session_id=session.pk)
    return _roster_page(request, session, message_form=form)


@login_required
@require_POST
def roster_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.get_roster_for(request.user, session_id)
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date of the class."))
        return redirect("learning:roster", session_id=session.pk)
    present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
    try:
        services.attendance_record(
            actor=request.user,
            session=session,
            met_on=form.cleaned_data["met_on"],
            present_enrolment_ids=present,
        )
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        messages.success(request, _("Attendance saved."))
    return redirect("learning:roster", session_id=session.pk)


@login_required
@require_POST
def enrolment_assess(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.get_taught_enrolment_for(request.user, enrolment_id)
    passed = request.POST.get("passed") == "1"
    name = enrolment.user.display_name
    try:
        services.assessment_record(actor=request.user, enrolment=enrolment, passed=passed)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        if passed:
            messages.success(request, _("%(name)s passed the assessment.") % {"name": name})
        else:
            messages.success(request, _("%(name)s did not pass the assessment.") % {"name": name})
    return redirect("learning:roster", session_id=enrolment.session_id)


@login_required
@require_POST
def enrolment_sign_off(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.get_taught_enrolment_for(request.user, enrolment_id)
    try:
        services.enrolment_sign_off(actor=request.user, enrolment=enrolment)
    except ValidationError as error:
        for problem in error.messages:
            messages.error(request, problem)
    else:
        name = enrolment.user.display_name
        if enrolment.status == EnrolmentStatus.COMPLETED:
            messages.success(
                request, _("Signed off: %(name)s completed the course.") % {"name": name}
            )
        else:
            messages.success(request, _("%(name)s is signed off.") % {"name": name})
    return redirect("learning:roster", session_id=enrolment.session_id)


@login_required
@require_POST
def enrolment_remove(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.get_taught_enrolment_for(request.user, enrolment_id)
    services.enrolment_withdraw(actor=request.user, enrolment=enrolment)
    messages.success(request, _("Removed. If a place was freed, the next person waiting has it."))
    return redirect("learning:roster", session_id=enrolment.session_id)
