"""Webhooks the gateways call (no language prefix, no CSRF: the signature is the proof) and the
staff simulator. Webhooks run in `anonymous_flow`: no address or device header reaches them."""

from __future__ import annotations

import json
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from juntos.accounts.actors import signed_in
from juntos.channels import selectors, services
from juntos.channels.choices import Channel
from juntos.channels.forms import SimulatorForm
from juntos.channels.policies import can_use_simulator
from juntos.channels.signatures import meta_valid, twilio_valid, verify_token_valid
from juntos.channels.voice import step_from, voice_answer
from juntos.core.privacy import anonymous_flow

logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'
MAX_BODY = 64 * 1024  # a gateway's webhook is a few KB; more is not a gateway


def _twiml(xml: str) -> HttpResponse:
    return HttpResponse(xml, content_type="text/xml; charset=utf-8")


def _forbidden() -> HttpResponse:
    return HttpResponse("forbidden", status=403, content_type="text/plain")


def _twilio_signed(request: HttpRequest) -> bool:
    """The URL Twilio called is the public one (SITE_URL), whatever proxies sit in between."""
    url = settings.SITE_URL + request.get_full_path()
    params = [(key, value) for key in request.POST for value in request.POST.getlist(key)]
    signature = request.headers.get("X-Twilio-Signature", "")
    return twilio_valid(url, params, settings.JUNTOS_CHANNELS_TWILIO_AUTH_TOKEN, signature)


def _too_big(request: HttpRequest) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY
    except ValueError:
        return True


@csrf_exempt
@anonymous_flow
@require_POST
def twilio_sms(request: HttpRequest) -> HttpResponse:
    """An inbound SMS (Twilio's form post). The reply is queued; the answer here is empty."""
    if _too_big(request) or not _twilio_signed(request):
        return _forbidden()
    sender, text = request.POST.get("From", ""), request.POST.get("Body", "")
    channel = Channel.WHATSAPP if sender.startswith("whatsapp:") else Channel.SMS
    services.inbound_message_handle(channel=channel, sender=sender, text=text[:2000])
    return _twiml(EMPTY_TWIML)


@csrf_exempt
@anonymous_flow
@require_POST
def twilio_status(request: HttpRequest) -> HttpResponse:
    """Twilio's status callback for a message we sent: MessageSid and MessageStatus."""
    if _too_big(request) or not _twilio_signed(request):
        return _forbidden()
    services.delivery_status_update(
        gateway_id=request.POST.get("MessageSid", ""),
        status=request.POST.get("MessageStatus", ""),
    )
    return HttpResponse(status=204)


@csrf_exempt
@anonymous_flow
@require_POST
def twilio_voice(request: HttpRequest) -> HttpResponse:
    """One step of a call: the digits typed, answered with TwiML. Caller ID is not read."""
    if _too_big(request) or not _twilio_signed(request):
        return _forbidden()
    step = step_from({key: request.GET.get(key, "") for key in ("step", "lang", "wrong")})
    return _twiml(voice_answer(step, request.POST.get("Digits", "")))


@csrf_exempt
@anonymous_flow
@require_http_methods(["GET", "POST"])
def whatsapp(request: HttpRequest) -> HttpResponse:
    """Meta's WhatsApp Cloud API webhook: the subscription check (GET) and events (POST)."""
    if request.method == "GET":
        given = request.GET.get("hub.verify_token", "")
        expected = settings.JUNTOS_CHANNELS_WHATSAPP_VERIFY_TOKEN
        if request.GET.get("hub.mode") == "subscribe" and verify_token_valid(given, expected):
            return HttpResponse(
                request.GET.get("hub.challenge", "")[:200], content_type="text/plain"
            )
        return _forbidden()
    if _too_big(request):
        return _forbidden()
    body = request.body
    secret = settings.JUNTOS_CHANNELS_WHATSAPP_APP_SECRET
    if not meta_valid(body, secret, request.headers.get("X-Hub-Signature-256", "")):
        return _forbidden()
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return HttpResponse("not JSON", status=400, content_type="text/plain")
    messages, statuses = selectors.whatsapp_events(payload)
    for sender, text in messages:
        services.inbound_message_handle(channel=Channel.WHATSAPP, sender=sender, text=text)
    for gateway_id, status in statuses:
        services.delivery_status_update(gateway_id=gateway_id, status=status)
    return HttpResponse("ok", content_type="text/plain")


@login_required
@require_http_methods(["GET", "POST"])
def simulator(request: HttpRequest) -> HttpResponse:
    """Staff try the flows against the development backend: a step in, the reply out."""
    if not can_use_simulator(request.user):
        raise PermissionDenied
    form = SimulatorForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    if request.method == "GET":
        replies = selectors.simulator_replies(request.user, request.GET)
        if replies is not None:
            context["form"] = SimulatorForm(initial={"number": replies.number})
        context["replies"] = replies
        return render(request, "channels/simulator.html", context)
    if not form.is_valid():
        return render(request, "channels/simulator.html", context, status=400)
    step = services.simulator_step(actor=signed_in(request), **form.cleaned_data)
    if step.voice is not None:
        context["voice"] = step.voice
        return render(request, "channels/simulator.html", context)
    # The reply is queued: see it on the next page, once the worker has sent it.
    query = urlencode({"number": form.cleaned_data["number"], "after": step.after})
    return redirect(f"{reverse('channels:simulator')}?{query}")
