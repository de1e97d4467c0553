"""Recommendation pages: list with tracking, drafting, revising, comments, support and the
group's answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.forms import submit
from juntos.network import selectors, services
from juntos.network.choices import RecommendationStatus
from juntos.network.forms import (
    AgendaPlacementForm,
    CommentForm,
    GroupAnswerForm,
    MilestoneForm,
    RecommendationDraftForm,
    RevisionForm,
    TrackingForm,
    VoteOpenForm,
)
from juntos.network.models import Meeting, Recommendation
from juntos.network.policies import (
    can_decide_recommendation,
    can_edit_recommendation,
    can_manage_network,
    can_propose_amendment,
    can_support_recommendation,
    can_take_part,
    is_group_member,
)
from juntos.network.views._submit import submit_then


@login_required
def recommendation_list(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    if status not in RecommendationStatus.values:
        status = ""
    found = selectors.recommendations_listed_for(request.user, status=status)
    context = {
        "recommendations": list(found[:200]),
        "statuses": RecommendationStatus.choices,
        "status": status,
    }
    return render(request, "network/recommendation_list.html", context)


@login_required
def recommendation_create(request: HttpRequest, group_id: int) -> HttpResponse:
    group = selectors.get_group_for(request.user, group_id)
    if not is_group_member(request.user, group):
        raise PermissionDenied
    form = RecommendationDraftForm(
        request.POST or None, initial={"language": translation.get_language()}
    )
    if request.method == "POST" and form.is_valid():
        recommendation = submit(
            form,
            lambda: services.recommendation_draft(
                actor=request.user,
                group=group,
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                language=form.cleaned_data["language"] or translation.get_language() or "en",
            ),
        )
        if recommendation is not None:
            messages.success(request, _("The draft is saved."))
            return redirect("network:recommendation", recommendation_id=recommendation.pk)
    return render(request, "network/recommendation_form.html", {"form": form, "group": group})


def _plenaries(request: HttpRequest) -> QuerySet[Meeting]:
    return selectors.open_plenaries_for(request.user)


def _page(
    request: HttpRequest, recommendation: Recommendation, **bound: forms.Form
) -> HttpResponse:
    user = request.user
    context = {
        "recommendation": recommendation,
        "can_edit": can_edit_recommendation(user, recommendation),
        "standing": selectors.draft_standing(user, recommendation),
        "can_support": can_support_recommendation(user, recommendation),
        "can_amend": can_propose_amendment(user, recommendation),
        "can_decide": can_decide_recommendation(user, recommendation),
        "answer_form": bound.get("answer") or GroupAnswerForm(),
        "is_coordinator": can_manage_network(user),
        "revision_form": bound.get("revision")
        or RevisionForm(initial={"title": recommendation.title, "body": recommendation.body}),
        "comment_form": bound.get("comment") or CommentForm(),
        "can_comment": can_take_part(user),
        "thread": selectors.comment_thread(user, list(recommendation.comments.all())),
        "agenda_form": bound.get("agenda") or AgendaPlacementForm(plenaries=_plenaries(request)),
        "vote_form": bound.get("vote") or VoteOpenForm(),
        "tracking_form": bound.get("tracking")
        or TrackingForm(
            initial={
                "responsible_body": recommendation.responsible_body,
                "implementation_status": recommendation.implementation_status,
                "progress": recommendation.progress,
                "funding_call_input": recommendation.funding_call_input,
            }
        ),
        "milestone_form": bound.get("milestone") or MilestoneForm(),
    }
    return render(request, "network/recommendation_detail.html", context)


@login_required
def recommendation_detail(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    return _page(request, selectors.get_recommendation_for(request.user, recommendation_id))


def _post(
    request: HttpRequest,
    recommendation_id: int,
    key: str,
    make_form: Callable[[], forms.Form],
    call: Callable[[Recommendation, forms.Form], Any],
    done: str,
) -> HttpResponse:
    recommendation = selectors.get_recommendation_for(request.user, recommendation_id)
    form = make_form()
    return submit_then(
        request,
        form,
        lambda: call(recommendation, form),
        done=done,
        success=lambda: redirect("network:recommendation", recommendation_id=recommendation.pk),
        failure=lambda: _page(request, recommendation, **{key: form}),
    )


@login_required
@require_POST
def revise(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    return _post(
        request,
        recommendation_id,
        "revision",
        lambda: RevisionForm(request.POST),
        lambda r, f: services.recommendation_revise(
            actor=request.user, recommendation=r, **f.cleaned_data
        ),
        _("The new version is saved."),
    )


@login_required
@require_POST
def comment(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    return _post(
        request,
        recommendation_id,
        "comment",
        lambda: CommentForm(request.POST),
        lambda r, f: services.comment_add(
            actor=request.user, subject=r, body=f.cleaned_data["body"]
        ),
        _("Your comment is posted."),
    )


@login_required
@require_POST
def support(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    return _post(
        request,
        recommendation_id,
        "support",
        lambda: forms.Form(request.POST),
        lambda r, f: services.recommendation_support(actor=request.user, recommendation=r),
        _("Your support is counted."),
    )


@login_required
@require_POST
def support_withdraw(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    return _post(
        request,
        recommendation_id,
        "support",
        lambda: forms.Form(request.POST),
        lambda r, f: services.recommendation_support_withdraw(actor=request.user, recommendation=r),
        _("Your support is withdrawn."),
    )


def _answer_done(recommendation: Recommendation) -> str:
    if recommendation.status == RecommendationStatus.ENDORSED:
        return _("Your answer is saved. The working group has endorsed the recommendation.")
    return _("Your answer is saved.")


@login_required
@require_POST
def answer(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = selectors.get_recommendation_for(request.user, recommendation_id)
    form = GroupAnswerForm(request.POST)
    saved = form.is_valid() and submit(
        form,
        lambda: services.recommendation_answer(
            actor=request.user,
            recommendation=recommendation,
            agrees=form.cleaned_data["answer"] == "agree",
        ),
    )
    if saved:
        messages.success(request, _answer_done(recommendation))
        return redirect("network:recommendation", recommendation_id=recommendation.pk)
    return _page(request, recommendation, answer=form)


@login_required
@require_POST
def put_on_agenda(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    return _post(
        request,
        recommendation_id,
        "agenda",
        lambda: AgendaPlacementForm(request.POST, plenaries=_plenaries(request)),
        lambda r, f: services.recommendation_put_on_agenda(
            actor=request.user, recommendation=r, meeting=f.cleaned_data["meeting"]
        ),
        _("The recommendation is on the plenary agenda."),
    )


@login_required
@require_POST
def vote_open(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = selectors.get_recommendation_for(request.user, recommendation_id)
    form = VoteOpenForm(request.POST)
    vote = form.is_valid() and submit(
        form,
        lambda: services.vote_open(
            actor=request.user, recommendation=recommendation, **form.cleaned_data
        ),
    )
    if vote:
        messages.success(request, _("The vote is open."))
        return redirect("network:vote", vote_id=vote.pk)
    return _page(request, recommendation, vote=form)


@login_required
@require_POST
def track(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    return _post(
        request,
        recommendation_id,
        "tracking",
        lambda: TrackingForm(request.POST),
        lambda r, f: services.recommendation_track(
            actor=request.user, recommendation=r, **f.cleaned_data
        ),
        _("The progress is saved."),
    )


@login_required
@require_POST
def milestone(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    return _post(
        request,
        recommendation_id,
        "milestone",
        lambda: MilestoneForm(request.POST),
        lambda r, f: services.milestone_add(actor=request.user, recommendation=r, **f.cleaned_data),
        _("The milestone is added."),
    )


@login_required
def decisions(request: HttpRequest) -> HttpResponse:
    found = list(selectors.decisions_for(request.user)[:200])
    return render(request, "network/decisions.html", {"decisions": found})


@login_required
@require_POST
def milestone_done(request: HttpRequest, recommendation_id: int, milestone_id: int) -> HttpResponse:
    found = selectors.get_milestone_for(request.user, recommendation_id, milestone_id)
    services.milestone_complete(actor=request.user, milestone=found, done_on=timezone.localdate())
    messages.success(request, _("The milestone is marked as reached."))
    return redirect("network:recommendation", recommendation_id=found.recommendation_id)
