"""Subscribing to change alerts, confirming by code or link, and leaving without logging in.

These views run inside `anonymous_flow`: the request loses its address and device headers
before anything else sees it.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from juntos.core.forms import add_service_errors
from juntos.core.privacy import anonymous_flow
from juntos.rights import selectors, services
from juntos.rights.forms import CodeForm, SubscribeForm
from juntos.rights.remembered import read_choice


def _initial(request: HttpRequest) -> dict[str, object]:
    initial: dict[str, object] = {"language": translation.get_language() or "en"}
    choice = read_choice(request)
    if choice:
        initial.update(province=choice[0], programs=[choice[1]])
    return initial


@anonymous_flow
@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    """Choose province, programs, topics and language; with an account, or a number or email."""
    signed_in = request.user.is_authenticated
    form = SubscribeForm(request.POST or None, initial=_initial(request), signed_in=signed_in)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            subscription = services.subscription_create(
                actor=request.user,
                channel=data.get("channel") or request.user.preferred_channel,  # type: ignore[union-attr]
                address=data.get("address") or request.user.contact_address(),  # type: ignore[union-attr]
                province=data["province"],
                programs=data["programs"],
                topics=data["topics"],
                language=data["language"],
                frequency=data["frequency"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            if subscription.confirmed:
                messages.success(request, _("You will get an alert when these rights change."))
                return redirect("rights:index")
            token = selectors.subscription_token(subscription, selectors.CONFIRM_SALT)
            return redirect("rights:subscribe_confirm", token=token)
    return render(request, "rights/subscribe.html", {"form": form, "signed_in": signed_in})


@anonymous_flow
@require_http_methods(["GET", "POST"])
def subscribe_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """Type the code we sent to confirm the subscription."""
    subscription = selectors.get_subscription_by_token(token, selectors.CONFIRM_SALT)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_confirm(subscription=subscription, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            return render(request, "rights/subscribed.html", {"subscription": subscription})
    context = {"form": form, "subscription": subscription}
    return render(request, "rights/subscribe_confirm.html", context)


@anonymous_flow
@require_http_methods(["GET", "POST"])
def confirm_link(request: HttpRequest, token: str) -> HttpResponse:
    """The link in the message: one button press confirms (link scanners only GET)."""
    subscription = selectors.get_subscription_by_token(token, selectors.LINK_SALT)
    if request.method == "POST":
        services.subscription_confirm_by_link(subscription=subscription)
        return render(request, "rights/subscribed.html", {"subscription": subscription})
    return render(request, "rights/confirm_link.html", {"subscription": subscription})


@anonymous_flow
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every alert: works without logging in; a button press ends the alerts."""
    subscription = selectors.get_subscription_by_token(token, selectors.UNSUBSCRIBE_SALT)
    if request.method == "POST":
        services.subscription_unsubscribe(subscription=subscription)
    return render(request, "rights/unsubscribe.html", {"subscription": subscription})
