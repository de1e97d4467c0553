from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from juntos.core.models import OutboxMessage
from juntos.core.sections import section_templates
from juntos.core.selectors import outbox_messages_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", {"home_cards": section_templates("home_card")})


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@require_GET
def outbox(request: HttpRequest) -> HttpResponse:
    channel = request.GET.get("channel", "")
    if channel not in OutboxMessage.Channel.values:
        channel = ""
    page = Paginator(outbox_messages_for(request.user, channel=channel), 50).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "core/outbox.html",
        {"page": page, "channel": channel, "channels": OutboxMessage.Channel.choices},
    )


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")
