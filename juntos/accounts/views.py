from __future__ import annotations

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
from django.views.decorators.http import require_http_methods, require_POST

from juntos.accounts import second_factor, services
from juntos.accounts.forms import LoginForm, PreferencesForm, SecondFactorForm, SignupForm
from juntos.accounts.policies import requires_second_factor
from juntos.accounts.selectors import memberships_of
from juntos.core.privacy import client_address


def _safe_next(request: HttpRequest, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _in_language(response: HttpResponseRedirect, language: str) -> HttpResponseRedirect:
    response.set_cookie("juntos_language", language, max_age=60 * 60 * 24 * 365, samesite="Lax")
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
            user = services.user_register(
                display_name=data["display_name"],
                password=data["password1"],
                email=data["email"],
                phone=data["phone"],
                language=translation.get_language() or "en",
                channel=data["preferred_channel"],
                province=data["province"],
            )
        except ValidationError as error:
            for field, field_errors in error.message_dict.items():
                for message in field_errors:
                    form.add_error(field if field in form.fields else None, message)
        else:
            login(request, user, backend="juntos.accounts.backends.EmailOrPhoneBackend")
            messages.success(request, _("Welcome to Juntos, %(name)s.") % {"name": user.display_name})
            return redirect("accounts:home")
    return render(request, "accounts/signup.html", {"form": form})


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = _safe_next(request, "")
    if request.method == "POST" and form.is_valid():
        identifier = form.cleaned_data["identifier"]
        address = client_address(request)
        if services.login_throttled(identifier=identifier, address=address):
            form.add_error(
                None,
                _("Too many attempts. Wait 15 minutes and try again, or ask your organisation for help."),
            )
        else:
            user = authenticate(request, username=identifier, password=form.cleaned_data["password"])
            if user is None:
                services.login_failed(identifier=identifier, address=address)
                form.add_error(
                    None,
                    _("The mobile number, email or password is not right. Check them and try again."),
                )
            else:
                login(request, user)
                services.login_succeeded(user=user, identifier=identifier, address=address)
                language = user.preferred_language  # type: ignore[attr-defined]
                with translation.override(language):
                    if requires_second_factor(user):
                        step = (
                            "accounts:second_factor"
                            if second_factor.confirmed_device(user)  # type: ignore[arg-type]
                            else "accounts:second_factor_setup"
                        )
                        target = reverse(step)
                        if next_url:
                            target += f"?next={next_url}"
                    else:
                        target = next_url or reverse("accounts:home")
                return _in_language(HttpResponseRedirect(target), language)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("core:home")


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_verify(request: HttpRequest) -> HttpResponse:
    user = request.user
    if second_factor.confirmed_device(user) is None:  # type: ignore[arg-type]
        return redirect("accounts:second_factor_setup")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.second_factor_verify(
            request=request, user=user, token=form.cleaned_data["token"]  # type: ignore[arg-type]
        ):
            return redirect(_safe_next(request, reverse("accounts:home")))
        form.add_error("token", _("This code is not right or has expired. Try the newest code."))
    return render(request, "accounts/second_factor.html", {"form": form, "next": _safe_next(request, "")})


@login_required
@require_http_methods(["GET", "POST"])
def second_factor_setup(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.is_verified() and second_factor.confirmed_device(user):  # type: ignore[union-attr,arg-type]
        return redirect("accounts:home")
    if second_factor.confirmed_device(user) is not None and not user.is_verified():  # type: ignore[union-attr,arg-type]
        # Replacing a device needs the current one first; otherwise a stolen password would do.
        return redirect("accounts:second_factor")
    device = second_factor.pending_device(user)  # type: ignore[arg-type]
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor.second_factor_confirm(
            request=request, user=user, token=form.cleaned_data["token"]  # type: ignore[arg-type]
        ):
            messages.success(request, _("Your second step is set up."))
            return redirect(_safe_next(request, reverse("accounts:home")))
        form.add_error("token", _("This code is not right. Check the time on your phone and try again."))
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
    user = request.user
    form = PreferencesForm(
        request.POST or None,
        initial={
            "preferred_language": user.preferred_language,  # type: ignore[union-attr]
            "preferred_channel": user.preferred_channel,  # type: ignore[union-attr]
            "province": user.province,  # type: ignore[union-attr]
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.user_update_preferences(
                actor=user,
                user=user,  # type: ignore[arg-type]
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
