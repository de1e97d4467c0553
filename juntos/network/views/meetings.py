"""Meeting pages: the poll, registration, interpreters, agenda, attendance, minutes, .ics."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.forms import submit
from juntos.network import ics, selectors, services
from juntos.network.choices import MeetingStatus
from juntos.network.forms import (
    AgendaForm,
    AvailabilityForm,
    CommentForm,
    HeldForm,
    InterpreterForm,
    MeetingForm,
    MinutesForm,
    RegistrationForm,
    ScheduleForm,
)
from juntos.network.models import Meeting
from juntos.network.policies import can_manage_network, can_take_part, network_member_of
from juntos.network.views._submit import submit_then


def _slot_label(option: Any) -> str:
    starts = timezone.localtime(option.starts_at)
    ends = timezone.localtime(option.ends_at)
    return _("%(day)s, %(start)s to %(end)s") % {
        "day": formats.date_format(starts, "DATE_FORMAT"),
        "start": formats.time_format(starts, "TIME_FORMAT"),
        "end": formats.time_format(ends, "TIME_FORMAT"),
    }


def _option_choices(meeting: Meeting) -> list[tuple[str, str]]:
    return [(str(o.pk), _slot_label(o)) for o in meeting.poll_options.all()]


def _attendee_choices(meeting: Meeting) -> list[tuple[str, str]]:
    return [(str(r.member_id), r.member.name) for r in meeting.registrations.all()]


def _meeting_page(request: HttpRequest, meeting: Meeting, **bound: forms.Form) -> HttpResponse:
    member = network_member_of(request.user)
    mine = next(
        (r for r in meeting.registrations.all() if r.member_id == getattr(member, "pk", 0)), None
    )
    options = _option_choices(meeting)
    marked = [str(row.option.pk) for row in selectors.poll_rows(meeting, request.user) if row.mine]
    summary = selectors.interpretation_summary(meeting)
    context = {
        "meeting": meeting,
        "member": member,
        "is_coordinator": can_manage_network(request.user),
        "poll_rows": selectors.poll_rows(meeting, request.user),
        "interpretation": summary,
        "missing_languages": [row.label for row in summary if row.requests and not row.interpreter],
        "my_registration": mine,
        "availability_form": bound.get("availability")
        or AvailabilityForm(choices=options, initial={"options": marked}),
        "schedule_form": bound.get("schedule") or ScheduleForm(choices=options),
        "registration_form": bound.get("registration")
        or RegistrationForm(
            initial={"interpretation_language": getattr(mine, "interpretation_language", "")}
        ),
        "interpreter_form": bound.get("interpreter") or InterpreterForm(),
        "agenda_form": bound.get("agenda") or AgendaForm(),
        "held_form": bound.get("held") or HeldForm(choices=_attendee_choices(meeting)),
        "minutes_form": bound.get("minutes") or MinutesForm(),
        "comment_form": bound.get("comment") or CommentForm(),
        "can_comment": can_take_part(request.user),
        "thread": selectors.comment_thread(request.user, list(meeting.comments.all())),
        "has_started": bool(meeting.starts_at and meeting.starts_at <= timezone.now()),
    }
    return render(request, "network/meeting_detail.html", context)


@login_required
def meeting_create(request: HttpRequest) -> HttpResponse:
    if not can_manage_network(request.user):
        raise PermissionDenied
    groups = selectors.groups_for(request.user)
    initial = {"group": request.GET.get("group")} if request.GET.get("group", "").isdigit() else {}
    form = MeetingForm(request.POST or None, groups=groups, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = submit(
            form,
            lambda: services.meeting_create(
                actor=request.user,
                group=form.cleaned_data["group"],
                title=form.cleaned_data["title"],
                meeting_format=form.cleaned_data["format"],
                location=form.cleaned_data["location"],
                online_url=form.cleaned_data["online_url"],
                options=form.options(),
            ),
        )
        if meeting is not None:
            messages.success(
                request, _("The meeting is proposed. Members can now mark their times.")
            )
            return redirect("network:meeting", meeting_id=meeting.pk)
    return render(request, "network/meeting_form.html", {"form": form})


@login_required
def meeting_detail(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _meeting_page(request, selectors.get_meeting_for(request.user, meeting_id))


def _post(
    request: HttpRequest,
    meeting_id: int,
    key: str,
    make_form: Callable[[Meeting], forms.Form],
    call: Callable[[Meeting, forms.Form], Any],
    done: str,
) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, meeting_id)
    form = make_form(meeting)
    return submit_then(
        request,
        form,
        lambda: call(meeting, form),
        done=done,
        success=lambda: redirect("network:meeting", meeting_id=meeting.pk),
        failure=lambda: _meeting_page(request, meeting, **{key: form}),
    )


@login_required
@require_POST
def availability(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post(
        request,
        meeting_id,
        "availability",
        lambda m: AvailabilityForm(request.POST, choices=_option_choices(m)),
        lambda m, f: services.availability_set(
            actor=request.user, meeting=m, option_ids=[int(x) for x in f.cleaned_data["options"]]
        ),
        _("Your times are saved."),
    )


@login_required
@require_POST
def schedule(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post(
        request,
        meeting_id,
        "schedule",
        lambda m: ScheduleForm(request.POST, choices=_option_choices(m)),
        lambda m, f: services.meeting_schedule(
            actor=request.user, meeting=m, option_id=int(f.cleaned_data["option"])
        ),
        _("The meeting is scheduled."),
    )


@login_required
@require_POST
def register(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post(
        request,
        meeting_id,
        "registration",
        lambda m: RegistrationForm(request.POST),
        lambda m, f: services.registration_save(
            actor=request.user,
            meeting=m,
            interpretation_language=f.cleaned_data["interpretation_language"],
        ),
        _("You are registered. Add the meeting to your calendar below."),
    )


@login_required
@require_POST
def interpreter(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post(
        request,
        meeting_id,
        "interpreter",
        lambda m: InterpreterForm(request.POST),
        lambda m, f: services.interpreter_assign(
            actor=request.user,
            meeting=m,
            language=f.cleaned_data["language"],
            interpreter_name=f.cleaned_data["interpreter_name"],
        ),
        _("The interpreter is assigned."),
    )


@login_required
@require_POST
def agenda(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post(
        request,
        meeting_id,
        "agenda",
        lambda m: AgendaForm(request.POST),
        lambda m, f: services.agenda_item_add(
            actor=request.user, meeting=m, title=f.cleaned_data["title"]
        ),
        _("The item is on the agenda."),
    )


@login_required
@require_POST
def held(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post(
        request,
        meeting_id,
        "held",
        lambda m: HeldForm(request.POST, choices=_attendee_choices(m)),
        lambda m, f: services.meeting_record_held(
            actor=request.user,
            meeting=m,
            attended_member_ids=[int(x) for x in f.cleaned_data["attended"]],
        ),
        _("The meeting is recorded as held."),
    )


@login_required
@require_POST
def minutes(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post(
        request,
        meeting_id,
        "minutes",
        lambda m: MinutesForm(request.POST),
        lambda m, f: services.minutes_save(
            actor=request.user,
            meeting=m,
            language=f.cleaned_data["language"],
            body=f.cleaned_data["body"],
        ),
        _("The minutes are saved."),
    )


@login_required
@require_POST
def comment(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return _post(
        request,
        meeting_id,
        "comment",
        lambda m: CommentForm(request.POST),
        lambda m, f: services.comment_add(
            actor=request.user, subject=m, body=f.cleaned_data["body"]
        ),
        _("Your comment is posted."),
    )


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def meeting_ics(request: HttpRequest, meeting_id: int) -> HttpResponse:
    meeting = selectors.get_meeting_for(request.user, meeting_id)
    if meeting.status == MeetingStatus.POLLING:
        raise Http404
    return _ics_response(ics.meeting_calendar(meeting), f"meeting-{meeting.pk}.ics")


@login_required
def calendar(request: HttpRequest) -> HttpResponse:
    member = network_member_of(request.user)
    if member is None:
        raise Http404
    token = ""
    if request.method == "POST":
        token = services.feed_token_reset(actor=request.user)
    feed_url = request.build_absolute_uri(_feed_path(token)) if token else ""
    context = {"feed_url": feed_url, "has_feed": bool(token or member.feed_token_hash)}
    response = render(request, "network/calendar.html", context)
    response["Cache-Control"] = "no-store"
    return response


def _feed_path(token: str) -> str:
    return reverse("network:calendar_feed", kwargs={"token": token})


def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    """No login: phone calendars cannot sign in; the long secret token is the key."""
    member = selectors.member_by_feed_token(token)
    if member is None:
        raise Http404
    return _ics_response(ics.member_feed(selectors.meetings_of_member(member)), "juntos.ics")
