"""Amendments to a draft: proposing one, reading it against the draft, accepting or rejecting."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.forms import submit
from juntos.network import selectors, services
from juntos.network.choices import AmendmentState
from juntos.network.forms import AmendmentForm, AmendmentRejectForm
from juntos.network.models import Amendment
from juntos.network.policies import (
    can_decide_recommendation,
    can_propose_amendment,
    can_take_part,
)


@login_required
def amendment_create(request: HttpRequest, recommendation_id: int) -> HttpResponse:
    recommendation = selectors.get_recommendation_for(request.user, recommendation_id)
    if not can_take_part(request.user):
        raise PermissionDenied
    if not can_propose_amendment(request.user, recommendation):
        # A decided recommendation: say so instead of a bare refusal.
        context = {"recommendation": recommendation, "decided": True}
        return render(request, "network/amendment_form.html", context)
    current = {t.language: (t.title, t.body) for t in recommendation.texts.all()}
    current[recommendation.language] = (recommendation.title, recommendation.body)
    form = AmendmentForm(request.POST or None, recommendation=recommendation, current=current)
    if request.method == "POST" and form.is_valid():
        amendment = submit(
            form,
            lambda: services.amendment_propose(
                actor=request.user,
                recommendation=recommendation,
                texts=form.texts(),
                reason=form.cleaned_data["reason"],
            ),
        )
        if amendment is not None:
            messages.success(request, _("Your amendment is proposed to the working group."))
            return redirect("network:amendment", amendment_id=amendment.pk)
    context = {"recommendation": recommendation, "form": form}
    return render(request, "network/amendment_form.html", context)


def _page(
    request: HttpRequest,
    amendment: Amendment,
    *,
    accept_form: forms.Form | None = None,
    reject_form: AmendmentRejectForm | None = None,
) -> HttpResponse:
    recommendation = amendment.recommendation
    context = {
        "amendment": amendment,
        "recommendation": recommendation,
        "languages": selectors.amendment_languages(amendment),
        "is_current": amendment.base_id == services.current_revision(recommendation).pk,
        "can_answer": amendment.state == AmendmentState.PENDING
        and can_decide_recommendation(request.user, recommendation),
        "accept_form": accept_form or forms.Form(),
        "reject_form": reject_form or AmendmentRejectForm(),
    }
    return render(request, "network/amendment_detail.html", context)


@login_required
def amendment_detail(request: HttpRequest, amendment_id: int) -> HttpResponse:
    return _page(request, selectors.get_amendment_for(request.user, amendment_id))


@login_required
@require_POST
def accept(request: HttpRequest, amendment_id: int) -> HttpResponse:
    amendment = selectors.get_amendment_for(request.user, amendment_id)
    form = forms.Form(request.POST)
    accepted = form.is_valid() and submit(
        form, lambda: services.amendment_accept(actor=request.user, amendment=amendment)
    )
    if accepted:
        messages.success(request, _("The amendment is accepted: the draft reads as proposed now."))
        return redirect("network:recommendation", recommendation_id=amendment.recommendation_id)
    return _page(request, amendment, accept_form=form)


@login_required
@require_POST
def reject(request: HttpRequest, amendment_id: int) -> HttpResponse:
    amendment = selectors.get_amendment_for(request.user, amendment_id)
    form = AmendmentRejectForm(request.POST)
    rejected = form.is_valid() and submit(
        form,
        lambda: services.amendment_reject(
            actor=request.user, amendment=amendment, reason=form.cleaned_data["reason"]
        ),
    )
    if rejected:
        messages.success(request, _("The amendment is rejected; its proposer is told why."))
        return redirect("network:recommendation", recommendation_id=amendment.recommendation_id)
    return _page(request, amendment, reject_form=form)
