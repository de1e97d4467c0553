from __future__ import annotations

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from juntos.core.models import OutboxMessage
from juntos.core.sections import section_templates
from juntos.core.selectors import audit_checkpoints_published, outbox_messages_for


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
        {
            "page": page,
            "channel": channel,
            "channels": OutboxMessage.Channel.choices,
            "round_minutes": max(1, settings.JUNTOS_MESSAGE_ROUND_SECONDS // 60),
        },
    )


@require_GET
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok", content_type="text/plain")


@require_GET
def audit_checkpoints(request: HttpRequest) -> HttpResponse:
    """The signed checkpoints of the audit log, for anyone to read and mirror."""
    return render(request, "core/audit_checkpoints.html", audit_checkpoints_published(limit=20))


@require_GET
def audit_checkpoints_json(request: HttpRequest) -> JsonResponse:
    """The same, as JSON for mirrors and `audit_verify --checkpoints`."""
    response = JsonResponse(audit_checkpoints_published(limit=200))
    response["Access-Control-Allow-Origin"] = "*"
    return response
