"""Small helpers the learning views share."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.urls import NoReverseMatch, reverse

from juntos.accounts.selectors import memberships_of
from juntos.learning.policies import LEARNING_STAFF


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form, field by field where it can."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            for message in messages:
                form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def staff_organisations(user: object) -> list[tuple[int, str]]:
    """(id, name) of the organisations where the person is learning staff."""
    seen: dict[int, str] = {}
    for membership in memberships_of(user):
        if membership.role in LEARNING_STAFF:
            seen[membership.organisation_id] = membership.organisation.name
    return sorted(seen.items(), key=lambda item: item[1])


def rights_url() -> str:
    """The rights library's index, or "" on a site where the rights app is not installed."""
    try:
        return reverse("rights:index")
    except NoReverseMatch:
        return ""
