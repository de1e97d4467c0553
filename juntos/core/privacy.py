"""Keeping anonymous flows anonymous.

Views that take input from people who have not identified themselves (reports, subscriptions
by phone) are wrapped in `anonymous_flow`: before the view runs, everything in the request that
could identify the device is removed, so no later code can store or log it by mistake.
"""

from __future__ import annotations

import functools
import ipaddress
from collections.abc import Callable
from typing import Any

from django.conf import settings
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
    """Who is asking, for throttling only (hashed before it is stored); empty when anonymous.

    Behind our own proxies (`JUNTOS_TRUSTED_PROXY_COUNT`), the client is the entry that many
    places from the right of X-Forwarded-For: each proxy appends the address it saw, so entries
    further left are whatever the client chose to send. An IPv6 client is counted by its /64,
    which one household or phone holds whole.
    """
    if getattr(request, "juntos_anonymous_flow", False):
        return ""
    address = str(request.META.get("REMOTE_ADDR", ""))
    proxies = settings.JUNTOS_TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
            if part.strip()
        ]
        if forwarded:
            address = forwarded[-proxies] if len(forwarded) >= proxies else forwarded[0]
    return _client_group(address)


def _client_group(address: str) -> str:
    try:
        parsed = ipaddress.ip_address(address.strip("[]"))
    except ValueError:
        return address[:64]
    if isinstance(parsed, ipaddress.IPv6Address):
        if parsed.ipv4_mapped is not None:
            return str(parsed.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{parsed}/64", strict=False))
    return str(parsed)
