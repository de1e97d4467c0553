"""Small helpers the learning views share."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from juntos.accounts.actors import Actor
from juntos.accounts.selectors import memberships_of
from juntos.core.forms import add_service_errors as add_errors
from juntos.learning.policies import LEARNING_STAFF

__all__ = ["add_errors", "rights_url", "staff_organisations"]


def staff_organisations(user: Actor) -> list[tuple[int, str]]:
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
