"""Turning a service's refusal into errors on the form the person filled in."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from juntos.core.forms import add_service_errors


def submit(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Run the service; on a ValidationError put its messages on the form and return None."""
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None
