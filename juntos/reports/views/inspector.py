"""The inspectorate's pages: the reports workers consented to refer, a reply, an outcome."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from juntos.reports import policies, selectors, services
from juntos.reports.forms import InspectionOutcomeForm, InspectorMessageForm
from juntos.reports.models import Referral
from juntos.reports.views.staff import report_context, submitted


@login_required
@require_GET
def inspector_list(request: HttpRequest) -> HttpResponse:
    referrals = list(selectors.inspector_referrals_for(request.user))
    if not referrals and not selectors.is_inspector(request.user):
        raise Http404
    return render(request, "reports/inspector_list.html", {"referrals": referrals})


def _outcome_form(referral: Referral) -> InspectionOutcomeForm:
    return InspectionOutcomeForm(
        initial={
            "outcome": referral.inspection_outcome,
            "outcome_on": referral.inspection_outcome_on,
        }
    )


def _detail_context(
    request: HttpRequest, referral: Referral, opened: selectors.OpenedReport, **forms: Any
) -> dict[str, Any]:
    assert opened.key is not None
    context = report_context(opened) | {
        "referral": referral,
        "thread": selectors.inspector_thread_of(referral, opened),
        "can_act": policies.can_act_on_referral(request.user, referral, opened.key),
        "message_form": InspectorMessageForm(),
        "outcome_form": _outcome_form(referral),
    }
    # Not the organisation's own figures: a suppressed network count, and other reports about
    # the site only where their workers consented to this inspectorate too.
    context["pattern"] = None
    context["inspector_pattern"] = selectors.inspector_pattern_for(referral)
    return context | forms


@login_required
@require_GET
def inspector_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral, opened = selectors.get_inspector_referral_for(request.user, referral_id)
    return render(
        request, "reports/inspector_detail.html", _detail_context(request, referral, opened)
    )


@login_required
@require_POST
def inspector_message(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Write to the worker; a refused message comes back as typed, with the reason."""
    referral, opened = selectors.get_inspector_referral_for(request.user, referral_id)
    form = InspectorMessageForm(request.POST)
    if submitted(
        form,
        lambda data: services.inspector_message_send(
            actor=request.user,
            referral=referral,
            opened=opened,
            body=data["body"],
            asks_more=data["asks_more"],
        ),
    ):
        messages.success(request, _("Message sent. The worker reads it with the receipt code."))
        return redirect("reports:inspector_detail", referral_id=referral.pk)
    context = _detail_context(request, referral, opened, message_form=form)
    return render(request, "reports/inspector_detail.html", context, status=400)


@login_required
@require_POST
def inspector_outcome(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Record or correct what the inspectorate did; a refused one comes back as typed."""
    referral, opened = selectors.get_inspector_referral_for(request.user, referral_id)
    form = InspectionOutcomeForm(request.POST)
    if submitted(
        form,
        lambda data: services.inspection_outcome_record(
            actor=request.user,
            referral=referral,
            opened=opened,
            outcome=data["outcome"],
            outcome_on=data["outcome_on"],
        ),
    ):
        messages.success(request, _("Outcome saved. The worker and the caseworkers see it."))
        return redirect("reports:inspector_detail", referral_id=referral.pk)
    context = _detail_context(request, referral, opened, outcome_form=form)
    return render(request, "reports/inspector_detail.html", context, status=400)
