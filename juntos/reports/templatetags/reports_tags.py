from __future__ import annotations

from typing import Any

from django import template

from juntos.reports import selectors

register = template.Library()


@register.filter
def works_on_reports(user: Any) -> bool:
    """Whether to show the case queue link (the queue itself authorises again)."""
    return bool(user.is_authenticated and selectors.staff_organisation_ids(user))


@register.filter
def inspects_reports(user: Any) -> bool:
    return bool(user.is_authenticated and selectors.is_inspector(user))
