"""Pages: vacancies from other networks (everyone), peers (administrators), referrals sent to
and received from other networks (referral staff, and the receiving organisation)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from juntos.accounts.actors import signed_in
from juntos.core.forms import submit
from juntos.federation import selectors, services
from juntos.federation.forms import PeerForm, PeerStatusForm, SendReferralForm
from juntos.federation.policies import can_manage_peers, can_send_referrals

MAX_LISTED = 100


@require_GET
def vacancies(request: HttpRequest) -> HttpResponse:
    rows = list(selectors.remote_vacancies()[:MAX_LISTED])
    return render(request, "federation/vacancies.html", {"vacancies": rows})


@require_GET
def vacancy(request: HttpRequest, vacancy_id: int) -> HttpResponse:
    found = selectors.get_remote_vacancy(vacancy_id)
    return render(request, "federation/vacancy.html", {"vacancy": found, "posting": found.posting})


@login_required
def peers(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    if not can_manage_peers(actor):
        raise PermissionDenied
    form = PeerForm(request.POST or None)
    if request.method == "POST":
        data = form.cleaned_data if form.is_valid() else {}
        peer = submit(form, lambda: services.peer_register(actor=actor, **data))
        if peer is not None:
            messages.success(request, _("The peer is registered. Approve it to start exchanging."))
            return redirect("federation:peers")
    context = {
        "peers": list(selectors.peers_for(actor)[:MAX_LISTED]),
        "form": form,
        "own_key": services.instance_key_current(),
    }
    return render(request, "federation/peers.html", context)


@login_required
@require_POST
def peer_status(request: HttpRequest, peer_id: int) -> HttpResponse:
    actor = signed_in(request)
    peer = selectors.get_peer_for(actor, peer_id)
    form = PeerStatusForm(request.POST)
    if submit(
        form,
        lambda: services.peer_set_status(
            actor=actor, peer=peer, status=form.cleaned_data["status"]
        ),
    ):
        messages.success(request, _("The peer's status is changed."))
    else:
        messages.error(request, _("Choose approve or suspend."))
    return redirect("federation:peers")


@login_required
def referral_send(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    if not can_send_referrals(actor):
        raise PermissionDenied
    organisations = {o.pk: o for o in selectors.remote_organisations_for(actor)}
    form = SendReferralForm(
        request.POST or None,
        referrals=selectors.referrals_to_send_for(actor),
        organisations=[(pk, f"{o.name} — {o.peer.name}") for pk, o in organisations.items()],
    )
    if request.method == "POST":
        sent = submit(
            form,
            lambda: services.referral_send(
                actor=actor,
                referral_id=form.cleaned_data["referral"],
                organisation=organisations[form.cleaned_data["organisation"]],
                consent=form.cleaned_data["consent"],
            ),
        )
        if sent is not None:
            messages.success(request, _("The referral was sent, sealed for that organisation."))
            return redirect("federation:referral_send")
    referral_ids = {pk for pk, _label in form.fields["referral"].choices}  # type: ignore[attr-defined]
    sent_rows = list(selectors.sent_referrals_for(actor, referral_ids)[:MAX_LISTED])
    return render(request, "federation/referral_send.html", {"form": form, "sent": sent_rows})


@login_required
def received(request: HttpRequest) -> HttpResponse:
    actor = signed_in(request)
    rows = list(selectors.received_referrals_for(actor)[:MAX_LISTED])
    return render(request, "federation/received.html", {"referrals": rows})


@login_required
def received_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    actor = signed_in(request)
    row = selectors.get_received_referral_for(actor, referral_id)
    body = services.received_referral_open(actor=actor, referral=row)
    return render(request, "federation/received_detail.html", {"referral": row, "body": body})
