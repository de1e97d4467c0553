"""Showing a finding's figures in the reader's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()


def format_figure(value: str, unit: str) -> str:
    """A figure's value for display: money with two decimals, dates spelled out."""
    try:
        if unit == "money":
            return _("$%(amount)s") % {
                "amount": formats.number_format(Decimal(value), decimal_pos=2, use_l10n=True)
            }
        if unit == "date":
            return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
        if unit == "percent":
            return formats.number_format(Decimal(value), use_l10n=True) + " %"
        if unit in ("hours", "days", "weeks", "months"):
            return formats.number_format(Decimal(value), use_l10n=True)
    except (InvalidOperation, ValueError):
        return value
    return value


@register.filter
def figure_value(figure: Any) -> str:
    return format_figure(figure.value, figure.unit)


@register.filter
def iso_date(value: str) -> str:
    """An ISO date string spelled out in the current language."""
    try:
        return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    except (TypeError, ValueError):
        return value
