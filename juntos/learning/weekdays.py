"""Days of the week and class hours, named in the reader's language.

Weekday names come from Django's own catalogue (`django.utils.dates.WEEKDAYS`), so a session
that meets on Tuesdays reads "martes" in Spanish and "mardi" in French without our catalogues.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.utils.dates import WEEKDAYS
from django.utils.formats import time_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

# (value, name) for forms, Monday first as in Python's date.weekday().
WEEKDAY_CHOICES = sorted(WEEKDAYS.items())


def weekday_names(weekdays: Iterable[int]) -> list[str]:
    """The names of these days, Monday first, in the active language."""
    return [str(WEEKDAYS[day]) for day in sorted(set(weekdays)) if day in WEEKDAYS]


def describe_days_and_hours(
    weekdays: Iterable[int], starts_at: dt.time | None, ends_at: dt.time | None
) -> str:
    """ "Tuesday and Thursday, 19:00–21:00", or only the days, or only the hours, or ""."""
    days = get_text_list(weekday_names(weekdays), _("and"))
    if starts_at and ends_at:
        hours = f"{time_format(starts_at, 'TIME_FORMAT')}–{time_format(ends_at, 'TIME_FORMAT')}"
    elif starts_at:
        hours = _("from %(time)s") % {"time": time_format(starts_at, "TIME_FORMAT")}
    else:
        hours = ""
    return ", ".join(part for part in (days, hours) if part)
