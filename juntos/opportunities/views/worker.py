"""The worker's side: choose to be found, vacancies that fit her, apply, named requests, and her
options when she was not named back."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from juntos.accounts.actors import SignedIn, signed_in
from juntos.core.forms import add_service_errors
from juntos.opportunities import policies, selectors, services
from juntos.opportunities.forms import FindableForm
from juntos.opportunities.models import SeasonEngagement
from juntos.opportunities.reasons import explain
from juntos.reports.choices import ReportCategory


def _worker(request: HttpRequest) -> SignedIn:
    user = signed_in(request)
    if not policies.is_worker(user):
        raise Http404
    return user


@login_required
@require_http_methods(["GET", "POST"])
def findable(request: HttpRequest) -> HttpResponse:
    user = _worker(request)
    current = selectors.findable_of(user)
    initial = (
        {
            "consent": True,
            "available_from": current.available_from,
            "available_to": current.available_to,
            "provinces": current.provinces,
        }
        if current
        else {}
    )
    form = FindableForm(request.POST or None, initial=initial)
    if request.method == "POST" and request.POST.get("stop") == "1":
        services.findable_opt_out(actor=user)
        messages.success(request, _("You are no longer findable. Nothing of your choice is kept."))
        return redirect("opportunities:findable")
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.findable_opt_in(
                actor=user,
                consent=data["consent"],
                available_from=data["available_from"],
                available_to=data["available_to"],
                provinces=data["provinces"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("opportunities:for_me")
    return render(request, "opportunities/findable.html", {"form": form, "current": current})


@login_required
def for_me(request: HttpRequest) -> HttpResponse:
    user = _worker(request)
    matches = [
        (vacancy, match, [explain(p) for p in match.parts])
        for vacancy, match in selectors.vacancies_for_worker(user)
    ]
    applied = {a.vacancy_id: a for a in selectors.own_applications(user)}
    context = {
        "matches": matches,
        "applied": applied,
        "findable": selectors.findable_of(user),
    }
    return render(request, "opportunities/for_me.html", context)


@login_required
@require_POST
def apply(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    user = _worker(request)
    vacancy = selectors.get_published_vacancy(vacancy_id)
    try:
        services.application_apply(actor=user, vacancy=vacancy)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You applied. The employer now sees your name."))
    return redirect("opportunities:for_me")


@login_required
def invitations(request: HttpRequest) -> HttpResponse:
    user = _worker(request)
    rows = list(selectors.own_invitations(user)[:50])
    names = selectors.organisation_names({a.vacancy.employer_organisation_id for a in rows})
    cards = [(a, names.get(a.vacancy.employer_organisation_id, "")) for a in rows]
    return render(request, "opportunities/invitations.html", {"cards": cards})


@login_required
@require_POST
def invitation_answer(request: HttpRequest, application_id: int) -> HttpResponse:
    user = _worker(request)
    invitation = selectors.get_own_invitation_for(user, application_id)
    if request.POST.get("accept") == "1":
        try:
            services.application_apply(actor=user, vacancy=invitation.vacancy)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("You applied. The employer now sees your name."))
    else:
        services.application_withdraw(actor=user, application=invitation)
        messages.success(request, _("You said no. The employer still does not know who you are."))
    return redirect("opportunities:invitations")


@login_required
def my_requests(request: HttpRequest) -> HttpResponse:
    user = _worker(request)
    rows = list(selectors.requests_to_worker(user)[:50])
    names = selectors.organisation_names({r.employer_organisation_id for r in rows})
    cards = [(r, names.get(r.employer_organisation_id, "")) for r in rows]
    return render(request, "opportunities/my_requests.html", {"cards": cards})


@login_required
@require_POST
def respond(request: HttpRequest, request_id: int) -> HttpResponse:
    user = _worker(request)
    named = selectors.get_request_to_worker_for(user, request_id)
    try:
        services.named_request_respond(
            actor=user, request=named, confirm=request.POST.get("confirm") == "1"
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("opportunities:my_requests")


def retaliation_link(engagement: SeasonEngagement) -> str:
    """The normal anonymous report intake, category pre-filled: nothing names her account."""
    query = urlencode(
        {
            "category": ReportCategory.NOT_NAMED_BACK,
            "province": engagement.province,
            "program": engagement.program,
        }
    )
    return f"{reverse('reports:intake')}?{query}"


@login_required
def my_options(request: HttpRequest) -> HttpResponse:
    user = _worker(request)
    offers = [(e, retaliation_link(e)) for e in selectors.not_named_offers_of(user)[:20]]
    return render(request, "opportunities/my_options.html", {"offers": offers})


@login_required
@require_POST
def join_pool(request: HttpRequest, engagement_id: int) -> HttpResponse:
    user = _worker(request)
    engagement = selectors.get_own_offer_for(user, engagement_id)
    services.returning_pool_join(actor=user, engagement=engagement)
    messages.success(request, _("You are in the returning-worker pool."))
    return redirect("opportunities:my_options")
