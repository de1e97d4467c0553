from __future__ import annotations

from typing import Any

from django import template

from juntos.reports import selectors
from juntos.reports.choices import ContactChannel

register = template.Library()


@register.filter
def works_on_reports(user: Any) -> bool:
    """Whether to show the case queue link (the queue itself authorises again)."""
    return bool(user.is_authenticated and selectors.staff_organisation_ids(user))


@register.filter
def inspects_reports(user: Any) -> bool:
    return bool(user.is_authenticated and selectors.is_inspector(user))


@register.filter
def channel_name(code: str) -> str:
    """ "WhatsApp" or "SMS (text message)" for a stored channel code, in the reader's language."""
    try:
        return str(ContactChannel(code).label)
    except ValueError:
        return code
