"""Volunteer technical visits: requests, offers, vetting, choosing a volunteer, the report."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.core.forms import add_service_errors
from juntos.opportunities import policies, selectors, services
from juntos.opportunities.forms import VisitReportForm, VisitRequestForm, VolunteerForm


@login_required
def visits(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    rows = list(selectors.visits_for(user)[:100])
    context = {
        "visits": rows,
        "may_request": bool(policies.visit_host_organisations_of(user)),
        "may_vet": policies.can_vet_volunteers(user),
        "offer": selectors.volunteer_offer_of(user),
    }
    return render(request, "opportunities/visits.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not policies.visit_host_organisations_of(user):
        raise Http404
    form = VisitRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_request_create(actor=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("opportunities:visit", visit_id=visit.pk)
    return render(request, "opportunities/visit_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def visit(request: HttpRequest, visit_id: int) -> HttpResponse:
    user = signed_in(request)
    found = selectors.get_visit_for(user, visit_id)
    manages = policies.can_manage_visit(user, found)
    form = VisitReportForm(request.POST or None)
    if request.method == "POST":
        if not manages:
            raise Http404
        if form.is_valid():
            try:
                services.visit_report(actor=user, visit=found, **form.cleaned_data)
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                return redirect("opportunities:visit", visit_id=found.pk)
    context = {
        "visit": found,
        "manages": manages,
        "fits": selectors.volunteers_for(user, found) if manages else [],
        "form": form,
    }
    return render(request, "opportunities/visit.html", context)


@login_required
@require_POST
def visit_choose(request: HttpRequest, visit_id: int, offer_id: int) -> HttpResponse:
    user = signed_in(request)
    found = selectors.get_visit_for(user, visit_id)
    offer = selectors.get_choosable_volunteer_for(user, found, offer_id)
    try:
        services.visit_volunteer_choose(actor=user, visit=found, offer=offer)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("opportunities:visit", visit_id=found.pk)


@login_required
@require_http_methods(["GET", "POST"])
def volunteer(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    current = selectors.volunteer_offer_of(user)
    initial = (
        {
            "expertise": current.expertise,
            "languages": current.languages,
            "available_from": current.available_from,
            "available_to": current.available_to,
        }
        if current
        else {}
    )
    form = VolunteerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_offer_save(actor=user, **form.cleaned_data)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("Thank you. A coordinator checks new volunteers first."))
            return redirect("opportunities:visits")
    return render(request, "opportunities/volunteer.html", {"form": form, "offer": current})


@login_required
def vetting(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not policies.can_vet_volunteers(user):
        raise Http404
    rows = list(selectors.volunteers_to_vet(user)[:100])
    return render(request, "opportunities/vetting.html", {"offers": rows})


@login_required
@require_POST
def vet(request: HttpRequest, offer_id: int) -> HttpResponse:
    user = signed_in(request)
    offer = selectors.get_volunteer_to_vet_for(user, offer_id)
    services.volunteer_vet(actor=user, offer=offer, cleared=request.POST.get("cleared") == "1")
    return redirect("opportunities:vetting")
