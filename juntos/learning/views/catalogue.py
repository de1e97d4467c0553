"""The course catalogue, enrolment and the worker's own courses."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from juntos.learning import selectors, services
from juntos.learning.choices import EnrolmentStatus
from juntos.learning.forms import CatalogueForm
from juntos.learning.selectors import FACETS


def _facet_choices(form: CatalogueForm, counts: dict[str, list[tuple[str, int]]]) -> None:
    """Put each value's count of courses in its option, and drop values with none."""
    for name in FACETS:
        found = dict(counts.get(name, []))
        field = form.fields[name]
        labelled = [field.choices[0]]  # type: ignore[attr-defined]
        for value, label in field.choices[1:]:  # type: ignore[attr-defined]
            if value in found or value == form.data.get(name):
                labelled.append((value, f"{label} ({found.get(value, 0)})"))
        field.choices = labelled  # type: ignore[attr-defined]


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    providers = selectors.provider_choices()
    form = CatalogueForm(request.GET or None, providers=providers)
    filters: dict[str, str] = {}
    text = ""
    if form.is_valid():
        filters = {name: form.cleaned_data[name] for name in FACETS}
        text = form.cleaned_data["q"].strip()
    elif request.GET:
        form = CatalogueForm(None, providers=providers)
    result = selectors.catalogue_search(filters=filters, text=text)
    _facet_choices(form, result.facets)
    rows = [
        (
            course,
            selectors.course_text(course),
            result.provider_names.get(course.organisation_id, ""),
        )
        for course in result.courses
    ]
    return render(
        request,
        "learning/catalogue.html",
        {
            "form": form,
            "rows": rows,
            "total": result.total,
            "filtered": bool(text or any(filters.values())),
        },
    )


@require_GET
def course(request: HttpRequest, course_id: int) -> HttpResponse:
    found = selectors.get_course(course_id)
    mine = selectors.enrolments_in_course(request.user, found)
    sessions = [(s, mine.get(s.pk)) for s in found.sessions.all()]
    provider = selectors.organisation_names({found.organisation_id}).get(found.organisation_id, "")
    return render(
        request,
        "learning/course.html",
        {
            "course": found,
            "text": selectors.course_text(found),
            "provider": provider,
            "sessions": sessions,
        },
    )


@login_required
@require_POST
def enrol(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors.get_open_session(session_id)
    try:
        enrolment = services.enrolment_create(actor=request.user, session=session)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("learning:course", course_id=session.course_id)
    if enrolment.status == EnrolmentStatus.WAITLISTED:
        messages.success(
            request,
            _(
                "The session is full. You are on the waiting list; "
                "we will tell you when a place is yours."
            ),
        )
    else:
        messages.success(request, _("You are enrolled."))
    return redirect("learning:my_courses")


@login_required
@require_POST
def withdraw(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.get_own_enrolment(request.user, enrolment_id)
    services.enrolment_withdraw(actor=request.user, enrolment=enrolment)
    messages.success(request, _("You have left the session."))
    return redirect("learning:my_courses")


@login_required
@require_GET
def my_courses(request: HttpRequest) -> HttpResponse:
    enrolments = [
        (e, selectors.course_text(e.session.course)) for e in selectors.enrolments_of(request.user)
    ]
    completions = request.user.learning_completions.all()  # type: ignore[union-attr]
    return render(
        request, "learning/my_courses.html", {"enrolments": enrolments, "completions": completions}
    )
