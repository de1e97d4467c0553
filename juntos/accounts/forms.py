"""Forms check shape; the services check meaning (uniqueness, channel needs a number...)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from juntos.accounts.choices import Channel
from juntos.accounts.phones import normalise_phone
from juntos.core.jurisdictions import Province


class SignupForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        help_text=_("The name you want us to use. It does not have to be your legal name."),
    )
    phone = forms.CharField(
        label=_("Mobile number"),
        required=False,
        max_length=30,
        help_text=_("With the country code if it is not Canadian, e.g. +52 55 1234 5678."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email"),
        required=False,
        help_text=_("Optional if you give a mobile number."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    preferred_channel = forms.ChoiceField(
        label=_("How should we contact you?"),
        choices=Channel.choices,
        initial=Channel.SMS,
        widget=forms.RadioSelect,
    )
    province = forms.ChoiceField(
        label=_("Province where you work"),
        required=False,
        choices=[("", _("I don't know yet")), *list(Province.choices)[1:]],
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. A short sentence is easy to remember."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        return normalise_phone(phone) if phone else ""

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_new_password(self, data)
        return data


def _check_new_password(form: forms.Form, data: dict[str, Any]) -> None:
    """The two new passwords match and pass the validators (errors go on the fields)."""
    if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
        form.add_error("password2", _("The two passwords are not the same."))
    elif data.get("password1"):
        try:
            password_validation.validate_password(data["password1"])
        except ValidationError as error:
            form.add_error("password1", error)


def _code_field() -> forms.CharField:
    return forms.CharField(
        label=_("The 6-digit code we sent"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )


class CodeForm(forms.Form):
    code = _code_field()


class PasswordResetRequestForm(forms.Form):
    identifier = forms.CharField(
        label=_("Mobile number or email"),
        max_length=254,
        help_text=_("The one you log in with. We will send a code to it."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )


class PasswordResetConfirmForm(forms.Form):
    code = _code_field()
    password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 10 characters. A short sentence is easy to remember."),
    )
    password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        _check_new_password(self, data)
        return data


class LoginForm(forms.Form):
    identifier = forms.CharField(
        label=_("Mobile number or email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class SecondFactorForm(forms.Form):
    token = forms.CharField(
        label=_("6-digit code from your authenticator app"),
        max_length=8,
        min_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9 ]*"}
        ),
    )


class PreferencesForm(forms.Form):
    preferred_language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    preferred_channel = forms.ChoiceField(
        label=_("How should we contact you?"), choices=Channel.choices, widget=forms.RadioSelect
    )
    province = forms.ChoiceField(
        label=_("Province where you work"),
        required=False,
        choices=[("", _("I don't know yet")), *list(Province.choices)[1:]],
    )
