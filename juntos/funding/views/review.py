"""Review: the reviewer's queue and page, and the coordinator's board, reviewers and awards."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from juntos.accounts.actors import signed_in
from juntos.accounts.selectors import user_by_identifier
from juntos.core.forms import submit
from juntos.funding import selectors, services
from juntos.funding.choices import ReviewStatus
from juntos.funding.forms import AwardForm, DeclarationForm, ReviewerForm, ScoreForm
from juntos.funding.policies import is_funding_coordinator


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """The submitted applications of the calls this person reviews."""
    rows = selectors.review_queue_for(request.user)
    return render(request, "funding/review_queue.html", {"rows": rows})


@login_required
def review_detail(request: HttpRequest, application_id: int) -> HttpResponse:
    """Public fields and the declaration first; the application and scores only after."""
    actor = signed_in(request)
    assignment, application = selectors.get_assignment_for(actor, application_id)
    review = selectors.review_of(assignment, application)
    criteria = list(application.call.criteria.all())
    declaration = DeclarationForm()
    score_form = ScoreForm(
        criteria=criteria,
        initial={
            f"score_{s.criterion_id}": s.value for s in (review.scores.all() if review else [])
        },
    )
    if request.method == "POST" and review is None:
        declaration = DeclarationForm(request.POST)
        made = submit(
            declaration,
            lambda: services.review_declare(
                actor=actor,
                assignment=assignment,
                application=application,
                has_conflict=declaration.cleaned_data["has_conflict"],
                note=declaration.cleaned_data["note"],
            ),
        )
        if made is not None:
            return redirect("funding:review", application_id=application.pk)
    elif request.method == "POST" and review is not None:
        score_form = ScoreForm(request.POST, criteria=criteria)
        if (
            submit(
                score_form,
                lambda: services.review_score(
                    actor=actor,
                    review=review,
                    scores=score_form.scores(),
                    comment=score_form.cleaned_data["comment"],
                ),
            )
            is not None
        ):
            messages.success(request, _("Your scores are saved."))
            return redirect("funding:review", application_id=application.pk)
    reading = review is not None and review.status in (ReviewStatus.OPEN, ReviewStatus.DONE)
    context = {
        "application": application,
        "review": review,
        "reading": reading,
        "declaration": declaration,
        "score_form": score_form,
        "lines": list(application.budget_lines.all()) if reading else [],
        "total": selectors.budget_total(application) if reading else None,
    }
    return render(request, "funding/review_detail.html", context)


@login_required
def review_board(request: HttpRequest, call_id: int) -> HttpResponse:
    """The coordinator's board: running weighted totals, reviews still needed, reviewers."""
    actor = signed_in(request)
    call, rows = selectors.review_board_for(actor, call_id)
    form = ReviewerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = user_by_identifier(form.cleaned_data["reviewer"])
        if person is None:
            form.add_error("reviewer", _("No account has this email or number."))
        elif submit(
            form, lambda: services.reviewer_assign(actor=actor, call=call, reviewer=person)
        ):
            messages.success(request, _("The reviewer is assigned."))
            return redirect("funding:board", call_id=call.pk)
    context = {
        "call": call,
        "rows": rows,
        "form": form,
        "reviewers": list(selectors.assignments_of(call)),
    }
    return render(request, "funding/review_board.html", context)


@login_required
def award(request: HttpRequest, application_id: int) -> HttpResponse:
    """The coordinator awards a submitted application."""
    actor = signed_in(request)
    application = selectors.get_application_for(actor, application_id)
    if not is_funding_coordinator(actor):
        raise Http404
    form = AwardForm(request.POST or None, initial={"amount": selectors.budget_total(application)})
    if request.method == "POST":
        project = submit(
            form,
            lambda: services.award_make(
                actor=actor,
                application=application,
                amount=form.cleaned_data["amount"],
                starts_on=form.cleaned_data["starts_on"],
                ends_on=form.cleaned_data["ends_on"],
                milestones=form.milestones(),
            ),
        )
        if project is not None:
            messages.success(request, _("The grant is awarded and its project created."))
            return redirect("funding:project", project_id=project.pk)
    return render(request, "funding/award.html", {"application": application, "form": form})
