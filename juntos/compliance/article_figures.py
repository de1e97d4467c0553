"""The rule figures the rights articles name (`[[MW-MB.hourly]]`), as a reader sees them.

Registered with the rights library at start-up (apps.py): the articles read the same
approved versions, from the same memory, as the checker.
"""

from __future__ import annotations

import datetime as dt

from django.utils import formats, translation
from django.utils.translation import gettext as _

from juntos.compliance.choices import Certainty
from juntos.compliance.selectors import rule_figure
from juntos.compliance.templatetags.compliance_tags import format_figure


def figure_text(rule_id: str, param: str, day: dt.date, dated: bool, language: str) -> str:
    """`$16.40`, `$16.40 since Oct. 1, 2026 (reported by an unofficial source, not yet
    confirmed)`, or, for a day no version covers, that it is unknown."""
    figure = rule_figure(rule_id, param, day)
    with translation.override(language):
        if figure.value is None:
            if dated:
                return _("an amount we do not know for %(day)s (ask a caseworker)") % {
                    "day": formats.date_format(day, "DATE_FORMAT")
                }
            return _("an amount we do not know for today (ask a caseworker)")
        unit = "money" if "." in figure.value else ""
        shown = format_figure(figure.value, unit)
        if not dated and figure.effective_from is not None:
            shown = _("%(figure)s since %(day)s") % {
                "figure": shown,
                "day": formats.date_format(figure.effective_from, "DATE_FORMAT"),
            }
        if figure.certainty == Certainty.SECONDARY:
            shown = _("%(figure)s (reported by an unofficial source, not yet confirmed)") % {
                "figure": shown
            }
        elif figure.certainty == Certainty.UNCERTAIN:
            shown = _("%(figure)s (not yet verified)") % {"figure": shown}
        return str(shown)


def figure_certainty(rule_id: str, param: str, day: dt.date) -> str:
    """The certainty of the figure on the day; "" when no version covers it."""
    figure = rule_figure(rule_id, param, day)
    return figure.certainty if figure.value is not None else ""
