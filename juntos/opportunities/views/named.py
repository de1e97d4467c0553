"""Employers name returning workers; the liaison decides; inspectors see named-back rates."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.core.forms import add_service_errors
from juntos.opportunities import policies, selectors, services
from juntos.opportunities.forms import NamedRequestForm
from juntos.opportunities.named_rules import named_worker_rules


@login_required
@require_http_methods(["GET", "POST"])
def named(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    employers = sorted(policies.employer_organisations_of(user))
    if not employers:
        raise Http404
    employer_id = employers[0]
    returning = {
        e.worker_id: e.worker.display_name
        for e in selectors.returning_workers_of(user, employer_id)
    }
    form = NamedRequestForm(
        request.POST or None,
        workers=sorted(returning.items(), key=lambda kv: kv[1]),
        liaisons=selectors.liaison_choices(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        worker = next(
            e.worker
            for e in selectors.returning_workers_of(user, employer_id)
            if e.worker_id == data["worker"]
        )
        try:
            services.named_request_create(
                actor=user,
                employer_organisation_id=employer_id,
                liaison_organisation_id=data["liaison"],
                worker=worker,
                season_year=data["starts_on"].year,
                program=data["program"],
                starts_on=data["starts_on"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("opportunities:named")
    rows = [(r, selectors.employer_status(r)) for r in selectors.employer_requests_of(user)[:100]]
    context = {"form": form, "rows": rows, "rules": named_worker_rules()}
    return render(request, "opportunities/named.html", context)


@login_required
def liaison(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not policies.liaison_organisations_of(user):
        raise Http404
    rows = list(selectors.liaison_queue(user)[:100])
    names = selectors.organisation_names({r.employer_organisation_id for r in rows})
    cards = [(r, names.get(r.employer_organisation_id, "")) for r in rows]
    return render(request, "opportunities/liaison.html", {"cards": cards})


@login_required
@require_POST
def decide(request: HttpRequest, request_id: int) -> HttpResponse:
    user = signed_in(request)
    named_request = selectors.get_liaison_request_for(user, request_id)
    services.named_request_decide(
        actor=user, request=named_request, approve=request.POST.get("approve") == "1"
    )
    return redirect("opportunities:liaison")


@login_required
def rates(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    rows = selectors.named_back_rates(user)
    from django.conf import settings

    return render(
        request,
        "opportunities/rates.html",
        {"rows": rows, "threshold": settings.JUNTOS_SUPPRESSION_THRESHOLD},
    )
