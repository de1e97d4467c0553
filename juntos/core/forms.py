"""Form plumbing every app shares: a service's refusal shown on the form the person filled in."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

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


def submit(form: forms.BaseForm, call: Callable[[], Any]) -> Any:
    """The one way a page runs a service from a form: when the form is valid, run the service
    and return what it returns; when the form or the service refuses, return None with why on
    the form (and what was typed still in it)."""
    if not form.is_valid():
        return None
    try:
        return call()
    except ValidationError as error:
        add_service_errors(form, error)
        return None


class _SharedParts(dict[str, forms.Field]):
    """A form class's fields, copied for each form without copying their widgets and choices."""

    def __deepcopy__(self, memo: dict[int, object]) -> dict[str, forms.Field]:
        return {name: copy.copy(field) for name, field in self.items()}


class FixedFieldsForm(forms.Form):
    """A form whose fields' widgets, choices and messages never change once the class is made.

    Django deep-copies every field of a form (its widget, its choices, its messages) for each
    form it makes, so that one form may change its own; on a form of twenty fields, or a page of
    several forms, that copying cost more than checking what was typed. A form of this class
    gets its own copy of each field (its `required`, `initial`, `label` are its own) sharing the
    widget, the choices and the messages with every other form of the class: it must never
    change those per form (set choices or widget attributes per form: use a plain Form).
    Adding or removing fields on one form is fine.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        cls = type(self)
        if not isinstance(cls.__dict__.get("base_fields"), _SharedParts):
            cls.base_fields = _SharedParts(cls.base_fields)
        super().__init__(*args, **kwargs)
