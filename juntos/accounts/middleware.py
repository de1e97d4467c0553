"""Keeps staff who have not passed the second factor away from everything else."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from juntos.accounts.policies import requires_second_factor

ALWAYS_ALLOWED_PREFIXES = ("/static/", "/i18n/")


class StaffSecondFactorMiddleware:
    """A staff person signed in with a password alone may only finish the second step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and not user.is_verified()  # type: ignore[attr-defined]
            and requires_second_factor(user)
            and not self._allowed(request)
        ):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": "second factor required"}, status=403)
            return redirect(f"{reverse('accounts:second_factor')}?next={request.path}")
        return self.get_response(request)

    @staticmethod
    def _allowed(request: HttpRequest) -> bool:
        allowed = {
            reverse("accounts:second_factor"),
            reverse("accounts:second_factor_setup"),
            reverse("accounts:logout"),
        }
        return request.path in allowed or request.path.startswith(ALWAYS_ALLOWED_PREFIXES)
