"""Reintegration referrals: the caseworker refers with consent, follows up, records outcomes."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.core.forms import add_service_errors
from juntos.opportunities import policies, selectors, services
from juntos.opportunities.forms import FollowUpForm, ReferralForm, ReferralStatusForm


@login_required
def referrals(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    rows = list(selectors.referrals_for(user)[:100])
    names = selectors.organisation_names({r.home_organisation_id for r in rows})
    cards = [(r, names.get(r.home_organisation_id, "")) for r in rows]
    can_refer = bool(policies.referring_organisations_of(user))
    return render(request, "opportunities/referrals.html", {"cards": cards, "can_refer": can_refer})


@login_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if not policies.referring_organisations_of(user):
        raise Http404
    workers = selectors.referable_workers(user)
    form = ReferralForm(
        request.POST or None,
        workers=workers,
        organisations=selectors.home_organisation_choices(),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        worker = selectors.get_referable_worker_for(user, data["worker"])
        try:
            referral = services.referral_create(
                actor=user,
                worker=worker,
                home_organisation_id=data["home_organisation"],
                kind=data["kind"],
                consent=data["consent"],
                shared_fields=data["shared_fields"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return redirect("opportunities:referral", referral_id=referral.pk)
    return render(request, "opportunities/referral_new.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def referral(request: HttpRequest, referral_id: int) -> HttpResponse:
    user = signed_in(request)
    found = selectors.get_referral_for(user, referral_id)
    status_form = ReferralStatusForm(request.POST or None, initial={"status": found.status})
    may_follow = policies.can_follow_referral(user, found)
    if request.method == "POST":
        if not may_follow:
            raise Http404
        if status_form.is_valid():
            try:
                services.referral_set_status(
                    actor=user,
                    referral=found,
                    status=status_form.cleaned_data["status"],
                    outcome=status_form.cleaned_data["outcome"],
                )
            except ValidationError as error:
                add_service_errors(status_form, error)
            else:
                return redirect("opportunities:referral", referral_id=found.pk)
    context = {
        "referral": found,
        "home": selectors.organisation_names({found.home_organisation_id}).get(
            found.home_organisation_id, ""
        ),
        "status_form": status_form,
        "follow_form": FollowUpForm(),
        "may_follow": may_follow,
        "is_referrer": found.referring_organisation_id in policies.referring_organisations_of(user),
    }
    return render(request, "opportunities/referral.html", context)


@login_required
@require_POST
def follow_up(request: HttpRequest, referral_id: int, follow_up_id: int) -> HttpResponse:
    user = signed_in(request)
    found = selectors.get_referral_for(user, referral_id)
    row = next((f for f in found.follow_ups.all() if f.pk == follow_up_id), None)
    if row is None or found.referring_organisation_id not in policies.referring_organisations_of(
        user
    ):
        raise Http404
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.follow_up_record(actor=user, follow_up=row, note=form.cleaned_data["note"])
    return redirect("opportunities:referral", referral_id=found.pk)
