"""The network's POST: a service run from a form, then a message and the next page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse

from juntos.core.forms import submit


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
    if submit(form, call) is not None:
        messages.success(request, done)
        return success()
    return failure()
