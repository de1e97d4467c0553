"""Turning a service's refusal into errors on the form the person filled in, and the one
way the network's pages handle a POST."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse

from juntos.core.forms import add_service_errors


def submit(form: forms.Form, call: Callable[[], Any]) -> Any:
    """Run the service; on a ValidationError put its messages on the form and return None."""
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


def submit_then(
    request: HttpRequest,
    form: forms.Form,
    call: Callable[[], Any],
    *,
    done: str,
    success: Callable[[], HttpResponse],
    failure: Callable[[], HttpResponse],
) -> HttpResponse:
    """The network's POST: a valid form the service accepts says `done` and goes on to
    `success`; otherwise the page comes back (`failure`) with the form and why."""
    if form.is_valid() and submit(form, call) is not None:
        messages.success(request, done)
        return success()
    return failure()
