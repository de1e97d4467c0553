"""Showing a finding's figures in the reader's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlsplit

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

register = template.Library()

# Government hosts: a source there is the government's own word. Anything else (news, law
# firms, advocacy groups, industry bodies, newswires) is shown as "reported by".
GOVERNMENT_HOSTS = (
    "canada.ca",
    "gc.ca",
    "gov.bc.ca",
    "ontario.ca",
    "quebec.ca",
    "gouv.qc.ca",
    "alberta.ca",
    "albertacanada.com",
    "saskatchewan.ca",
    "manitoba.ca",
    "gov.mb.ca",
    "novascotia.ca",
    "gnb.ca",
    "princeedwardisland.ca",
    "gov.pe.ca",
    "gov.nl.ca",
    "yukon.ca",
    "gov.nt.ca",
    "gov.nu.ca",
)


@register.filter
def is_official_source(url: str) -> bool:
    """True when the address is a government site (see GOVERNMENT_HOSTS)."""
    host = urlsplit(str(url or "")).hostname or ""
    return any(host == h or host.endswith("." + h) for h in GOVERNMENT_HOSTS)


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
