"""The employer's list of workers to evaluate and his form; the worker's seasons and her forms
of her employer and her housing. Once sent, nobody who wrote it can read it again."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from juntos.accounts.actors import signed_in
from juntos.core.forms import add_service_errors
from juntos.evaluations import selectors, services
from juntos.evaluations.choices import EvaluationKind
from juntos.evaluations.forms import FORM_OF_KIND, answers_of
from juntos.opportunities.policies import employer_organisations_of

WORKER_KIND_SLUGS = {
    "employer": EvaluationKind.WORKER_OF_EMPLOYER,
    "housing": EvaluationKind.WORKER_OF_HOUSING,
}


@login_required
def to_evaluate(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not employer_organisations_of(user):
        raise Http404
    rows = selectors.seasons_to_evaluate(user)
    return render(request, "evaluations/to_evaluate.html", {"rows": rows})


def _form_page(request: HttpRequest, engagement, kind: str, done_url: str) -> HttpResponse:
    user = signed_in(request)
    first = selectors.first_evaluation(engagement.pk, kind)
    form = FORM_OF_KIND[kind](request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.evaluation_submit(
                actor=user,
                engagement=engagement,
                kind=kind,
                answers=answers_of(form),
                amend=first is not None,
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect(done_url)
    status = 400 if form.is_bound and form.errors else 200
    context = {
        "form": form,
        "engagement": engagement,
        "kind": kind,
        "kind_label": EvaluationKind(kind).label,
        "first": first,
        "back": done_url,
    }
    return render(request, "evaluations/form.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def employer_form(request: HttpRequest, engagement_id: int) -> HttpResponse:
    user = signed_in(request)
    engagement = selectors.get_season_to_evaluate_for(user, engagement_id)
    return _form_page(
        request, engagement, EvaluationKind.EMPLOYER_OF_WORKER, "evaluations:to_evaluate"
    )


@login_required
def my_seasons(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    context = {
        "rows": selectors.own_season_rows(user),
        "raised": list(selectors.raised_watches_for(user)),
    }
    return render(request, "evaluations/my_seasons.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def worker_form(request: HttpRequest, engagement_id: int, about: str) -> HttpResponse:
    kind = WORKER_KIND_SLUGS.get(about)
    if kind is None:
        raise Http404
    user = signed_in(request)
    engagement = selectors.get_own_season_for(user, engagement_id)
    return _form_page(request, engagement, kind, "evaluations:my_seasons")
