"""Checks and helpers shared by the funding services."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.accounts.actors import SignedIn as User
from juntos.funding.policies import (
    is_funding_coordinator,
)

CENT = Decimal("0.01")
LANGUAGES = ("en", "es", "fr")
# A category may go this far over its allowance before its lines need a justification.
ALLOWANCE_TOLERANCE = Decimal("1.10")
REMINDER_DAYS = (14, 3)
REPORT_GRACE_DAYS = 30  # a quarter's report is due this many days after the quarter ends


def _require_coordinator(actor: Actor | None) -> None:
    """Refuse unless the actor runs the program (None is the system: seeds, commands)."""
    if actor is not None and not is_funding_coordinator(actor):
        raise PermissionDenied


def _person(actor: Actor | None) -> User:
    """The signed-in person acting; anyone else is refused."""
    if not isinstance(actor, User):
        raise PermissionDenied
    return actor


def _text(value: str, *, field: str, limit: int, required: bool = True) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise ValidationError({field: _("This cannot be empty.")})
    if len(cleaned) > limit:
        raise ValidationError(
            {field: _("Please keep this under %(limit)s characters.") % {"limit": limit}}
        )
    return cleaned


def _money(value: Decimal, *, field: str) -> Decimal:
    if value is None or not value.is_finite() or value <= 0:
        raise ValidationError({field: _("Enter an amount above zero.")})
    if value != value.quantize(CENT):
        raise ValidationError({field: _("Use at most two decimal places.")})
    return value
