"""Turning a service's refusal into errors on the form the person filled in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError


def submit(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Run the service; on a ValidationError put its messages on the form and return None."""
    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return None
