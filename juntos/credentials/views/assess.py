"""Assessors decide per unit; coordinators see what was issued and revoke or suspend."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from juntos.core.forms import add_service_errors
from juntos.credentials import selectors, services
from juntos.credentials.forms import RevokeForm, decision_form
from juntos.credentials.policies import can_curate
from juntos.learning.selectors import evidence_titles


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "credentials/queue.html",
        {"assessments": selectors.assessment_queue_for(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def decide(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = selectors.get_assessment_for(request.user, assessment_id)
    units = [(u.pk, u.title) for u in assessment.standard.units.all()]
    form = decision_form(units, request.POST or None)
    if request.method == "POST" and form.is_valid():
        results = {unit_id: form.cleaned_data[f"unit_{unit_id}"] for unit_id, _t in units}
        try:
            services.assessment_decide(actor=request.user, assessment=assessment, results=results)
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, _("The decision is recorded."))
            return redirect("credentials:queue")
    evidence = evidence_titles(assessment.candidate_id, assessment.evidence_document_ids)
    return render(
        request,
        "credentials/decide.html",
        {"assessment": assessment, "form": form, "evidence": evidence},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_GET
def issued(request: HttpRequest) -> HttpResponse:
    if not can_curate(request.user):
        raise Http404
    return render(
        request,
        "credentials/issued.html",
        {"credentials": selectors.issued_by_network(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, short_id: str) -> HttpResponse:
    credential = selectors.get_manageable_credential_for(request.user, short_id)
    form = RevokeForm(request.POST or None)
    action = request.POST.get("action", "")
    if request.method == "POST":
        try:
            if action == "revoke":
                if form.is_valid():
                    services.credential_revoke(
                        actor=request.user,
                        credential=credential,
                        reason=form.cleaned_data["reason"],
                    )
                    messages.success(request, _("The credential is revoked."))
                    return redirect("credentials:manage", short_id=short_id)
            elif action in ("suspend", "reinstate"):
                services.credential_suspend(
                    actor=request.user, credential=credential, suspended=action == "suspend"
                )
                return redirect("credentials:manage", short_id=short_id)
        except ValidationError as error:
            add_service_errors(form, error)
    return render(
        request,
        "credentials/manage.html",
        {"credential": credential, "form": form},
        status=400 if request.method == "POST" else 200,
    )
