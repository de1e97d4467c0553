from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from juntos.accounts import codes, second_factor, services
from juntos.accounts.actors import signed_in
from juntos.accounts.forms import (
    CodeForm,
    LoginForm,
    PasswordResetConfirmForm,
    PasswordResetRequestForm,
    PreferencesForm,
    SecondFactorForm,
    SignupForm,
)
from juntos.accounts.policies import requires_second_factor
from juntos.accounts.selectors import memberships_of, second_factor_device_of
from juntos.core.forms import add_service_errors
from juntos.core.privacy import client_address


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _in_language(response: HttpResponseRedirect, language: str) -> HttpResponseRedirect:
    """Remember the person's language in the same cookie, with the same flags, as Django's."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,  # type: ignore[arg-type]  # "Lax" in settings
    )
    return response


@require_http_methods(["GET"])
def signup_language(request: HttpRequest) -> HttpResponse:
    """Step one of sign-up: the language, chosen before anything else is asked."""
    return render(request, "accounts/signup_language.html")


@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("accounts:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            ticket = codes.signup_start(
                display_name=data["display_name"],
                password=data["password1"],
                email=data["email"],
                phone=data["phone"],
                language=translation.get_language() or "en",
                channel=data["preferred_channel"],
                province=data["province"],
                client=client_address(request),
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            # The same answer whether or not the number already had an account.
            _keep_ticket(request, SIGNUP_TICKET, ticket)
            return redirect("accounts:signup_verify")
    return render(request, "accounts/signup.html", {"form": form})


SIGNUP_TICKET, RESET_TICKET = "accounts_signup_ticket", "accounts_reset_ticket"


def _keep_ticket(request: HttpRequest, name: str, ticket: codes.Ticket) -> None:
    request.session[name] = {"token": ticket.token, "user": ticket.user_id}


def _ticket(request: HttpRequest, name: str) -> codes.Ticket | None:
    kept = request.session.get(name)
    if not isinstance(kept, dict) or not kept.get("token"):
        return None
    return codes.Ticket(token=str(kept["token"]), user_id=kept.get("user"))


@require_http_methods(["GET", "POST"])
def signup_verify(request: HttpRequest) -> HttpResponse:
    """Step three of sign-up: the code sent to the number (or email) opens the account."""
    ticket = _ticket(request, SIGNUP_TICKET)
    if ticket is None:
        return redirect("accounts:signup_details")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = codes.signup_verify(ticket=ticket, code=form.cleaned_data["code"])
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            del request.session[SIGNUP_TICKET]
            login(request, user, backend="juntos.accounts.backends.EmailOrPhoneBackend")
            messages.success(
                request, _("Welcome to Juntos, %(name)s.") % {"name": user.display_name}
            )
            return redirect("accounts:home")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/signup_verify.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """Forgot the password: a code goes to the number or email, if an account has it."""
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            ticket = codes.password_reset_request(
                identifier=form.cleaned_data["identifier"], client=client_address(request)
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            _keep_ticket(request, RESET_TICKET, ticket)
            return redirect("accounts:password_reset_confirm")
    return render(request, "accounts/password_reset.html", {"form": form})


@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest) -> HttpResponse:
    ticket = _ticket(request, RESET_TICKET)
    if ticket is None:
        return redirect("accounts:password_reset")
    form = PasswordResetConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            codes.password_reset_confirm(
                ticket=ticket,
                code=form.cleaned_data["code"],
                password=form.cleaned_data["password1"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            del request.session[RESET_TICKET]
            messages.success(request, _("Your new password is set. Log in with it."))
            return redirect("accounts:login")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/password_reset_confirm.html", {"form": form}, status=status)


TOO_MANY_ATTEMPTS = gettext_lazy(
    "Too many attempts. Wait 15 minutes and try again, or ask your organisation for help."
)
WRONG_LOGIN = gettext_lazy(
    "The mobile number, email or password is not right. Check them and try again."
)


def _after_login(user: Any, next_url: str) -> HttpResponseRedirect:
    """Send staff to their second step, everyone else on, in the person's own language."""
    language = user.preferred_language
    with translation.override(language):
        if requires_second_factor(user):
            step = (
                "accounts:second_factor"
                if second_factor_device_of(user)
                else "accounts:second_factor_setup"
            )
            target = reverse(step) + (f"?next={next_url}" if next_url else "")
        else:
            target = next_url or reverse("accounts:home")
    return _in_language(HttpResponseRedirect(target), language)


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = _safe_next(request, "")
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"]
        address = client_address(request)
        if services.login_throttled(identifier=identifier, address=address):
            form.add_error(None, TOO_MANY_ATTEMPTS)
        else:
            password = form.cleaned_data["password"]
            user = authenticate(request, username=identifier, password=password)
            if user is not None:
                login(request, user)
                services.login_succeeded(user=user, identifier=identifier, address=address)
                return _after_login(user, next_url)
            services.login_failed(identifier=identifier, address=address)
            form.add_error(None, WRONG_LOGIN)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("core:home")


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if second_factor_device_of(user) is None:
        return redirect("accounts:second_factor_setup")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_verify(
            request=request,
            user=user,
            token=form.cleaned_data["token"],
        ):
            return redirect(_safe_next(request, reverse("accounts:home")))
        form.add_error("token", _("This code is not right or has expired. Try the newest code."))
    return render(
        request, "accounts/second_factor.html", {"form": form, "next": _safe_next(request, "")}
    )


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if second_factor_device_of(user) is not None:
        # Replacing a device needs the current one first; otherwise a stolen password would do.
        verified = user.is_verified()  # type: ignore[attr-defined]
        return redirect("accounts:home" if verified else "accounts:second_factor")
    device = services.second_factor_prepare(user=user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.second_factor_confirm(
            request=request,
            user=user,
            token=form.cleaned_data["token"],
        ):
            messages.success(request, _("Your second step is set up."))
            return redirect(_safe_next(request, reverse("accounts:home")))
        form.add_error(
            "token", _("This code is not right. Check the time on your phone and try again.")
        )
    return render(
        request,
        "accounts/second_factor_setup.html",
        {
            "form": form,
            "qr_svg": second_factor.device_qr_svg(device),
            "secret": second_factor.device_secret(device),
            "next": _safe_next(request, ""),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def account_home(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = PreferencesForm(
        request.POST or None,
        initial={
            "preferred_language": user.preferred_language,
            "preferred_channel": user.preferred_channel,
            "province": user.province,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update_preferences(
                actor=user,
                user=user,
                language=data["preferred_language"],
                channel=data["preferred_channel"],
                province=data["province"],
            )
        except ValidationError as error:
            for message in error.messages:
                form.add_error("preferred_channel", message)
        else:
            with translation.override(data["preferred_language"]):
                messages.success(request, _("Your preferences are saved."))
                target = reverse("accounts:home")
            return _in_language(HttpResponseRedirect(target), data["preferred_language"])
    return render(
        request,
        "accounts/home.html",
        {
            "form": form,
            "memberships": memberships_of(user),
            "needs_second_factor": requires_second_factor(user),
        },
    )
