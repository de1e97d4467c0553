"""Helpers shared by the learning services: validated saves, messages and equity facts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeVar

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import translation

from juntos.accounts.actors import SignedIn
from juntos.core.services import fact_record, notify_person

if TYPE_CHECKING:
    from juntos.learning.models import Course

__all__ = ["apply_changes", "equity_fact", "notify_person", "save_valid", "site_link"]


_Row = TypeVar("_Row", bound=models.Model)


def save_valid(row: _Row) -> _Row:
    """Validate a row like a form would (fields and constraints), then save it."""
    row.full_clean()
    row.save()
    return row


def apply_changes(row: models.Model, changes: Mapping[str, object]) -> list[str]:
    """Set the fields on the row; returns the names of those whose value changed, sorted."""
    changed = sorted(name for name, value in changes.items() if getattr(row, name) != value)
    for name, value in changes.items():
        setattr(row, name, value)
    return changed


def site_link(url_name: str, language: str, **kwargs: str | int) -> str:
    """An absolute link to one of our pages, in the recipient's language."""
    with translation.override(language):
        return settings.SITE_URL + reverse(url_name, kwargs=kwargs or None)


def equity_fact(*, kind: str, user: SignedIn, course: Course, outcome: str) -> None:
    """One coarse fact for the ledger: who takes part, by gender, group (where she chose to say),
    origin, province and sector."""
    profile = getattr(user, "learning_profile", None)
    fact_record(
        kind=kind,
        gender=(profile.gender if profile else "") or "",
        marginalised_group=(profile.marginalised_group if profile else "") or "",
        country_of_origin=(profile.home_country if profile else "") or "",
        province=course.province or user.province or "",
        sector=user.sector or "",
        language=course.language,
        category=course.topic,
        outcome=outcome,
        organisation_id=course.organisation_id,
    )
