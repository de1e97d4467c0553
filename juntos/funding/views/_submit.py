"""The one way the funding pages run a service from a form."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from juntos.core.forms import add_service_errors


def submit(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Run the service when the form is valid; on refusal put why on the form, return None."""
    if not form.is_valid():
        return None
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
