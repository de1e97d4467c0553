"""Vote pages: the ballot (no JavaScript), proxies, the receipt, closing and results."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from juntos.core.forms import submit
from juntos.network import selectors, services
from juntos.network.choices import VoteStatus
from juntos.network.forms import (
    BallotForm,
    CloseForm,
    ProxyForm,
    ReceiptForm,
    TallyOpenForm,
    TrusteePassphraseForm,
)
from juntos.network.models import Vote
from juntos.network.policies import can_manage_network, can_vote, network_member_of


def _vote_page(
    request: HttpRequest, vote: Vote, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    user = request.user
    member = network_member_of(user)
    electors = selectors.electors_for(user, vote)
    held = selectors.proxies_held(vote, user) if vote.status == VoteStatus.OPEN else []
    context = {
        "vote": vote,
        "member": member,
        "can_vote": can_vote(user, vote),
        "has_voted": selectors.has_voted(vote, user),
        "gave_proxy": selectors.has_given_proxy(vote, user),
        "proxies_held": held,
        "proxy_ballots": [(g, BallotForm(vote=vote, auto_id=f"proxy-{g.pk}-%s")) for g in held],
        "turnout": vote.participations.count(),
        "is_coordinator": can_manage_network(user),
        "ballot_form": bound.get("ballot") or BallotForm(vote=vote),
        "options": list(vote.options.all()) if vote.has_options else [],
        "reasons": selectors.ballot_reasons(vote),
        "proxy_form": bound.get("proxy") or ProxyForm(members=electors),
        "close_form": bound.get("close") or CloseForm(),
        "tally_form": bound.get("tally") or TallyOpenForm(),
        "trustees": selectors.vote_trustees(vote) if vote.is_secret else [],
        "verified": vote.counted and selectors.tally_matches(vote),
    }
    return render(request, "network/vote_detail.html", context, status=status)


@login_required
def vote_detail(request: HttpRequest, vote_id: int) -> HttpResponse:
    return _vote_page(request, selectors.get_vote_for(request.user, vote_id))


def _on_behalf_of(request: HttpRequest, vote: Vote) -> Any:
    raw = request.POST.get("on_behalf_of", "")
    if not raw:
        return None
    held = {str(m.pk): m for m in selectors.proxies_held(vote, request.user)}
    if raw not in held:
        raise PermissionDenied
    return held[raw]


@login_required
@require_POST
def vote_cast(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = selectors.get_vote_for(request.user, vote_id)
    form = BallotForm(request.POST, vote=vote)
    receipt = form.is_valid() and submit(
        form,
        lambda: services.ballot_cast(
            actor=request.user,
            vote=vote,
            on_behalf_of=_on_behalf_of(request, vote),
            **form.ballot(),
        ),
    )
    if not receipt:
        # 409 tells a client that retried a submitted ballot that the first one counted.
        status = 409 if selectors.has_voted(vote, request.user) else 200
        return _vote_page(request, vote, status=status, ballot=form)
    # The code is shown now and never again: the page must not be cached or replayed.
    response = render(request, "network/receipt.html", {"vote": vote, "receipt": receipt})
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def vote_proxy(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = selectors.get_vote_for(request.user, vote_id)
    electors = selectors.electors_for(request.user, vote, but_self=False)
    form = ProxyForm(request.POST, members=electors)
    if form.is_valid() and submit(
        form,
        lambda: services.proxy_grant(
            actor=request.user, vote=vote, holder=form.cleaned_data["holder"]
        ),
    ):
        messages.success(request, _("Your proxy is recorded. They can now vote for you."))
        return redirect("network:vote", vote_id=vote.pk)
    return _vote_page(request, vote, proxy=form)


@login_required
@require_POST
def vote_close(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = selectors.get_vote_for(request.user, vote_id)
    form = CloseForm(request.POST)
    if form.is_valid() and submit(
        form,
        lambda: services.vote_close(
            actor=request.user, vote=vote, reason=form.cleaned_data["reason"]
        ),
    ):
        if vote.is_secret:
            messages.success(request, _("The vote is closed. The trustees can now open the count."))
        else:
            messages.success(request, _("The vote is closed and the result is published."))
        return redirect("network:vote", vote_id=vote.pk)
    return _vote_page(request, vote, close=form)


@login_required
def receipt_check(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = selectors.get_vote_for(request.user, vote_id)
    if vote.status != VoteStatus.CLOSED:
        raise Http404
    # POST keeps the code out of addresses, browser history and server logs.
    form = ReceiptForm(request.POST or None)
    ballot, checked = None, False
    if request.method == "POST" and form.is_valid():
        ballot = selectors.ballot_by_receipt(vote, form.cleaned_data["code"])
        checked = True
    context = {"vote": vote, "form": form, "ballot": ballot, "checked": checked}
    response = render(request, "network/receipt_check.html", context)
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def tally_open(request: HttpRequest, vote_id: int) -> HttpResponse:
    vote = selectors.get_vote_for(request.user, vote_id)
    form = TallyOpenForm(request.POST)
    opened = form.is_valid() and submit(
        form,
        lambda: services.tally_share_open(
            actor=request.user, vote=vote, passphrase=form.cleaned_data["passphrase"]
        ),
    )
    if opened:
        if opened.counted:
            messages.success(request, _("The count is open and the result is published."))
        else:
            messages.success(
                request, _("Your part of the count is open. Another trustee is needed.")
            )
        return redirect("network:vote", vote_id=vote.pk)
    return _vote_page(request, vote, tally=form)


def counted_ballots(request: HttpRequest, vote_id: int) -> HttpResponse:
    # Public, like the result: the codes say nothing of any choice, and anyone may check
    # that the ballot behind their own code was counted.
    vote = selectors.get_counted_ballots_vote(vote_id)
    context = {"vote": vote, "codes": selectors.counted_ballot_codes(vote)}
    return render(request, "network/counted_ballots.html", context)


@login_required
def trustee_passphrase(request: HttpRequest) -> HttpResponse:
    if not can_manage_network(request.user):
        raise Http404
    key = selectors.trustee_key_of(request.user)
    form = TrusteePassphraseForm(request.POST or None, has_key=key is not None)
    if (
        request.method == "POST"
        and form.is_valid()
        and submit(
            form,
            lambda: services.trustee_key_set(
                actor=request.user,
                passphrase=form.cleaned_data["passphrase"],
                current_passphrase=form.cleaned_data.get("current_passphrase", ""),
            ),
        )
    ):
        messages.success(
            request, _("Your trustee passphrase is set. Keep it where only you can find it.")
        )
        return redirect("network:trustee")
    response = render(request, "network/trustee.html", {"form": form, "has_key": key is not None})
    response["Cache-Control"] = "no-store"
    return response
