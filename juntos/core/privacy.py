"""Keeping anonymous flows anonymous.

Views that take input from people who have not identified themselves (reports, subscriptions
by phone) are wrapped in `anonymous_flow`: before the view runs, everything in the request that
could identify the device is removed, so no later code can store or log it by mistake.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse

IDENTIFYING_HEADERS = (
    "REMOTE_ADDR",
    "REMOTE_HOST",
    "HTTP_USER_AGENT",
    "HTTP_X_FORWARDED_FOR",
    "HTTP_X_REAL_IP",
    "HTTP_FORWARDED",
    "HTTP_CF_CONNECTING_IP",
    "HTTP_TRUE_CLIENT_IP",
    "HTTP_REFERER",
    "HTTP_SEC_CH_UA",
    "HTTP_SEC_CH_UA_PLATFORM",
    "HTTP_SEC_CH_UA_MOBILE",
)


def scrub_client_identity(request: HttpRequest) -> None:
    """Remove address, device and referrer headers from the request, in place."""
    for header in IDENTIFYING_HEADERS:
        request.META.pop(header, None)
    request.META["REMOTE_ADDR"] = "0.0.0.0"  # noqa: S104 - a placeholder, never an address
    request.juntos_anonymous_flow = True  # type: ignore[attr-defined]


def anonymous_flow(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Decorator for views of anonymous flows; see the module docstring."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        scrub_client_identity(request)
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    return wrapper


def client_address(request: HttpRequest) -> str:
    """The client's address for throttling only; empty inside an anonymous flow."""
    if getattr(request, "juntos_anonymous_flow", False):
        return ""
    return str(request.META.get("REMOTE_ADDR", ""))
