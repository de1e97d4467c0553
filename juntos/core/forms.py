"""Form plumbing every app shares: a service's refusal shown on the form the person filled in."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


def add_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the field it names, else above the form.

    A service may raise a plain error (no field key), e.g. when two people act on the same row at
    once; that one goes above the form too, never a 500.
    """
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.error_dict.items():
        form.add_error(field if field in form.fields else None, errors)
