"""Security headers that Django does not set by itself, and refusing NUL characters."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import unquote

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse

PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy to every response.

    Juntos serves no inline script or style, so one static policy fits every page.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


class RejectNulBytesMiddleware:
    """Answers 400 to a request carrying a NUL character in its address or JSON body.

    No person types one; PostgreSQL refuses to store one, so it would otherwise surface as a
    server error. Django's form fields already refuse it in form posts.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if self._has_nul(request):
            return JsonResponse({"detail": "The request contains a NUL character."}, status=400)
        return self.get_response(request)

    @staticmethod
    def _has_nul(request: HttpRequest) -> bool:
        address = unquote(request.META.get("QUERY_STRING", "")) + request.path
        if "\x00" in address:
            return True
        if request.content_type == "application/json" and request.method in {
            "POST",
            "PUT",
            "PATCH",
        }:
            return b"\\u0000" in request.body or b"\x00" in request.body
        return False
