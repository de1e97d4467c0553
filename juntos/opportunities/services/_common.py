"""Helpers the opportunities services share: refusals and telling coordinators."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from juntos.accounts.choices import OrganisationKind, Role
from juntos.accounts.selectors import people_with_role_in_kind
from juntos.core.services import Text, notify_person

__all__ = ["refuse_unless", "tell_coordinators"]


def refuse_unless(allowed: bool) -> None:
    """Raise PermissionDenied when a policy said no."""
    if not allowed:
        raise PermissionDenied


def tell_coordinators(render: Callable[[], tuple[Text, Text]]) -> int:
    """Tell every secretariat coordinator, each in her language; returns how many were told."""
    people = people_with_role_in_kind(OrganisationKind.NETWORK_SECRETARIAT, {Role.COORDINATOR})
    return sum(notify_person(person, render) for person in people)
