"""Small formatting helpers shared by the evaluators."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from django.utils import formats, translation

from juntos.compliance.documents import Document
from juntos.compliance.engine import Figure

CENT = Decimal("0.01")


def money(value: Decimal) -> str:
    """An amount in the current language's number format, e.g. 85,32 in Spanish."""
    return formats.number_format(value.quantize(CENT), decimal_pos=2, use_l10n=True)


def day(value: dt.date) -> str:
    """A date spelled out in the current language, e.g. 1 de junio de 2025."""
    return _day(value, translation.get_language() or "")


# The days findings name repeat (a rate's first day, a pay period's end): Django's date format
# costs more than the evaluator that names one, so each is spelled once per language.
@lru_cache(maxsize=4096)
def _day(value: dt.date, language: str) -> str:
    return formats.date_format(value, "DATE_FORMAT", use_l10n=True)


def money_figure(label: str, value: Decimal) -> Figure:
    return Figure(label=label, value=str(value.quantize(CENT)), unit="money")


def date_figure(label: str, value: dt.date) -> Figure:
    return Figure(label=label, value=value.isoformat(), unit="date")


def plain(value: Decimal | int) -> str:
    """A number without trailing zeros or exponent: 40, 39.5, 10."""
    if isinstance(value, int):
        return str(value)
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def number_figure(label: str, value: Decimal | int, unit: str) -> Figure:
    return Figure(label=label, value=plain(value), unit=unit)


def relevant_day(document: Document) -> dt.date:
    """The day a one-off rule is judged on: a pay slip's pay day (its last day), or else
    the day the agreement was signed, or else the first day of work."""
    if document.is_pay_slip:
        return document.end_date
    return document.signed_on or document.start_date


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day of the month `months` later (or that month's last day)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day_of_month in range(start.day, 27, -1):
        try:
            return dt.date(year, month, day_of_month)
        except ValueError:
            continue
    return dt.date(year, month, min(start.day, 28))
