"""The course catalogue, enrolment and the worker's own courses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from juntos.core.memory import ShortMemory
from juntos.learning import ics, selectors, services
from juntos.learning.choices import CourseFormat, EnrolmentStatus, Schedule, Topic
from juntos.learning.forms import CatalogueForm
from juntos.learning.selectors import FACETS

# The facets in the order the form shows them.
FACETS_SHOWN = ("topic", "schedule", "format", "language", "province", "provider")
assert set(FACETS_SHOWN) == set(FACETS)


@dataclass(frozen=True)
class Facet:
    """One facet's select: each value that gives courses, with how many."""

    name: str
    id: str
    label: str
    options: list[tuple[str, str, bool]]


def _facets(form: CatalogueForm, counts: dict[str, list[tuple[str, int]]]) -> list[Facet]:
    """Each facet's options with their count of courses, dropping values with none (the value
    chosen stays). Written by learning/_facet.html: the widget's own templates took a third of
    the page's time."""
    data = form.cleaned_data if form.is_bound else {}
    facets = []
    for name in FACETS_SHOWN:
        found = dict(counts.get(name, []))
        field = form[name]
        chosen = str(data.get(name) or "")
        choices = field.field.choices  # type: ignore[attr-defined]
        options = [(str(choices[0][0]), str(choices[0][1]), not chosen)]
        for value, label in choices[1:]:
            if value in found or value == chosen:
                options.append((value, f"{label} ({found.get(value, 0)})", value == chosen))
        facets.append(Facet(name, field.auto_id, str(field.label), options))
    return facets


@dataclass(frozen=True)
class Card:
    """One course of the catalogue as the page shows it, its lines written out once."""

    url: str
    title: str
    kind: str
    where: str
    sessions: list[str]


def _session_line(session: Any, schedules: dict[str, str]) -> str:
    dates = (
        f"{date_format(session.starts_on, 'SHORT_DATE_FORMAT')}–"
        f"{date_format(session.ends_on, 'SHORT_DATE_FORMAT')}"
    )
    left = session.places_left
    places = (
        ngettext("%(counter)s place left", "%(counter)s places left", left) % {"counter": left}
        if left
        else _("full, waiting list open")
    )
    when = schedules.get(session.schedule, session.schedule)
    if session.days_and_hours:  # "martes y jueves, 19:00–21:00" in the page's language
        when = f"{when} ({session.days_and_hours})"
    return f"{when}: {dates} · {places}"


def _cards(result: selectors.CatalogueResult) -> list[Card]:
    """The page's cards, built in Python: 24 cards of template tags were most of its time."""
    topics = {k: str(v) for k, v in Topic.choices}
    formats = {k: str(v) for k, v in CourseFormat.choices}
    schedules = {k: str(v) for k, v in Schedule.choices}
    languages = {k: str(v) for k, v in settings.LANGUAGES}
    taught_in = _("taught in")
    # One reverse for the page: the course's id is the URL's last part.
    url = reverse("learning:course", args=[0]).removesuffix("0/")
    cards = []
    for course in result.courses:
        text = selectors.course_text(course)
        topic = topics.get(course.topic, course.topic)
        provider = result.provider_names.get(course.organisation_id, "")
        cards.append(
            Card(
                url=f"{url}{course.pk}/",
                title=text.title if text else topic,
                kind=(
                    f"{topic} · {formats.get(course.format, course.format)} · "
                    f"{taught_in} {languages.get(course.language, course.language)}"
                ),
                where=f"{provider} · {course.place}" if course.place else provider,
                sessions=[_session_line(s, schedules) for s in course.sessions.all()],
            )
        )
    return cards


@require_GET
def catalogue(request: HttpRequest) -> HttpResponse:
    names = selectors.provider_names()
    providers = selectors.provider_choices(names)
    form = CatalogueForm(request.GET or None, providers=providers)
    filters: dict[str, str] = {}
    text = ""
    if form.is_valid():
        filters = {name: form.cleaned_data[name] for name in FACETS}
        text = form.cleaned_data["q"].strip()
    elif request.GET:
        form = CatalogueForm(None, providers=providers)
    result = selectors.catalogue_search(filters=filters, text=text, provider_names=names)
    listing = _listing(form, result, filters, text)
    return render(
        request,
        "learning/catalogue.html",
        {
            "form": form,
            "facets_html": listing.facets_html,
            "cards_html": listing.cards_html,
            "shown": listing.shown,
            "total": result.total,
            "filtered": bool(text or any(filters.values())),
        },
    )


@dataclass(frozen=True)
class Listing:
    """The catalogue's facets and cards as HTML, for one language, choice and result."""

    result: selectors.CatalogueResult
    facets_html: str
    cards_html: str
    shown: int


# (language, filters, text) -> the listing, written once for as long as the selectors remember
# the catalogue it shows: writing 24 cards and six selects was most of the page's time.
_listings: ShortMemory[Listing] = ShortMemory(seconds=selectors.CATALOGUE_MEMORY_SECONDS)


def _listing(
    form: CatalogueForm, result: selectors.CatalogueResult, filters: dict[str, str], text: str
) -> Listing:
    key = (get_language(), tuple(sorted(filters.items())), text)
    remembered = _listings.get(key)
    if remembered is not None and remembered.result is result:
        return remembered
    cards = _cards(result)
    facets = _facets(form, result.facets)
    return _listings.put(
        key,
        Listing(
            result=result,
            facets_html=render_to_string("learning/_catalogue_facets.html", {"facets": facets}),
            cards_html=render_to_string("learning/_catalogue_cards.html", {"cards": cards}),
            shown=len(cards),
        ),
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
    enrolment = selectors.get_own_enrolment_for(request.user, enrolment_id)
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


@login_required
@require_GET
def enrolment_calendar(request: HttpRequest, enrolment_id: int) -> HttpResponse:
    enrolment = selectors.get_learning_enrolment_for(request.user, enrolment_id)
    content = ics.enrolment_calendar(enrolment, get_language() or "en")
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="classes-{enrolment.pk}.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
