"""Keeps staff who have not passed the second factor away from everything else."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from django.apps import apps
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import LazyObject, empty
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.models import Device

from juntos.accounts.policies import requires_second_factor
from juntos.core.compiled import CompiledLookup

ALWAYS_ALLOWED_PREFIXES = ("/static/", "/i18n/")


def _evaluated(user: Any) -> Any:
    """The person behind `request.user`'s lazy wrappers (auth's, and django-otp's around it).

    This middleware reads her on every request anyway; handing views the object itself spares
    every later attribute read two proxies (on an employer's candidates API, a fifth of the
    request's time)."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:  # type: ignore[attr-defined]
            user._setup()  # type: ignore[attr-defined]
        user = user._wrapped  # type: ignore[attr-defined]
    return user


class StaffSecondFactorMiddleware:
    """A staff person signed in with a password alone may only finish the second step."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user = _evaluated(request.user)
        if (
            user.is_authenticated
            and not user.is_verified()
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


_device_lookups: dict[type[Device], CompiledLookup[Any]] = {}


def _device_lookup(model: type[Device]) -> CompiledLookup[Any]:
    if model not in _device_lookups:
        _device_lookups[model] = CompiledLookup(
            model, "id", lambda pk: model._default_manager.filter(id=pk)
        )
    return _device_lookups[model]


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's middleware, reading the session's second-factor device (on every request
    of a verified staff person) with SQL compiled once per connection (see core.compiled).

    It checks the person at once rather than behind a lazy wrapper: the next middleware reads
    her on every request anyway, and each of the attributes django-otp sets on her went
    through both wrappers (auth's and its own)."""

    def _install_lazy_accessors(self, request: HttpRequest) -> None:
        user = getattr(request, "user", None)
        super()._install_lazy_accessors(request)  # `request.auser`, as django-otp wraps it
        if user is not None and not self._is_async:  # served by WSGI: reading now is safe
            request.user = self._verify_user_sync(request, _evaluated(user))

    def _device_from_persistent_id(self, persistent_id: str) -> Device | None:
        persistent_id = self._normalize_persistent_id(persistent_id)
        with suppress(ValueError, LookupError):
            model_label, device_id = persistent_id.rsplit("/", 1)
            model = apps.get_model(model_label)
            if issubclass(model, Device):
                found = _device_lookup(model)(int(device_id))
                return found[0] if found else None
        return None
