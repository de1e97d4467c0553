"""Terms of employment: the SAWP season, its length, guaranteed hours, and the signed
employment agreement."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from juntos.compliance.documents import Document
from juntos.compliance.engine import Context, Finding, VersionData, evaluator, in_force_on
from juntos.compliance.evaluators.common import (
    add_months,
    date_figure,
    day,
    number_figure,
    plain,
)


def _month_day(value: str, year: int) -> dt.date:
    month, day_of_month = (int(part) for part in value.split("-"))
    return dt.date(year, month, day_of_month)


@evaluator("season-window", params={"window_start": "month-day", "window_end": "month-day"})
def season_window(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """Work must start and end inside one season's window (by default Jan 1 to Dec 15)."""
    findings = []
    for version in in_force_on(versions, document.start_date):
        year = document.start_date.year
        opens = _month_day(version.params["window_start"], year)
        closes = _month_day(version.params["window_end"], year)
        if opens <= document.start_date and document.end_date <= closes:
            continue
        figures = [
            date_figure(_("First day"), document.start_date),
            date_figure(_("Last day"), document.end_date),
            date_figure(_("Season opens"), opens),
            date_figure(_("Season closes"), closes),
        ]
        summary = _("The dates go outside the season, which runs from %(opens)s to %(closes)s.") % {
            "opens": day(opens),
            "closes": day(closes),
        }
        findings.append(
            ctx.finding(version, summary=summary, figures=figures, report_category="other")
        )
    return findings


@evaluator("max-duration", params={"max_months": "number"})
def max_duration(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """A contract or offer may not run longer than the maximum number of months."""
    if document.is_pay_slip:
        return []
    findings = []
    for version in in_force_on(versions, document.start_date):
        months = int(version.number("max_months"))
        latest_end = add_months(document.start_date, months) - dt.timedelta(days=1)
        if document.end_date <= latest_end:
            continue
        figures = [
            date_figure(_("First day"), document.start_date),
            date_figure(_("Last day"), document.end_date),
            number_figure(_("Longest allowed, in months"), months, "months"),
            date_figure(_("Latest allowed last day"), latest_end),
        ]
        summary = _("The work runs past %(latest)s, longer than %(months)s months.") % {
            "latest": day(latest_end),
            "months": months,
        }
        findings.append(
            ctx.finding(version, summary=summary, figures=figures, report_category="other")
        )
    return findings


@evaluator("min-guaranteed-hours", params={"min_hours": "number", "within_weeks": "number"})
def min_guaranteed_hours(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """The contract must guarantee a minimum of hours within a number of weeks.

    Not for a worker transferred to another farm after completing a contract.
    """
    weekly = document.guaranteed_weekly_hours
    if document.is_pay_slip or weekly is None or document.transferred_after_completion:
        return []
    findings = []
    # A contract shorter than the guarantee's weeks can only guarantee its own weeks' hours.
    contract_weeks = Decimal(document.days) / 7
    for version in in_force_on(versions, document.start_date):
        minimum = version.number("min_hours")
        weeks = min(version.number("within_weeks"), contract_weeks)
        guaranteed = weekly * weeks
        if guaranteed >= minimum:
            continue
        tenth = Decimal("0.1")
        findings.append(
            _too_few_hours(
                version, ctx, weekly, weeks.quantize(tenth), guaranteed.quantize(tenth), minimum
            )
        )
    return findings


def _too_few_hours(
    version: VersionData,
    ctx: Context,
    weekly: Decimal,
    weeks: Decimal,
    guaranteed: Decimal,
    minimum: Decimal,
) -> Finding:
    figures = [
        number_figure(_("Hours guaranteed per week"), weekly, "hours"),
        number_figure(_("Weeks counted"), weeks, "weeks"),
        number_figure(_("Hours guaranteed in those weeks"), guaranteed, "hours"),
        number_figure(_("Hours that must be guaranteed"), minimum, "hours"),
    ]
    summary = _(
        "%(weekly)s hours a week guarantees %(guaranteed)s hours in %(weeks)s weeks; "
        "at least %(minimum)s are required."
    ) % {
        "weekly": plain(weekly),
        "guaranteed": plain(guaranteed),
        "weeks": plain(weeks),
        "minimum": plain(minimum),
    }
    return ctx.finding(version, summary=summary, figures=figures, report_category="unpaid-hours")


@evaluator("agreement-by-first-day", params={})
def agreement_by_first_day(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """The employment agreement must be signed on or before the first day of work."""
    signed = document.signed_on
    if document.is_pay_slip or signed is None or signed <= document.start_date:
        return []
    findings = []
    for version in in_force_on(versions, document.start_date):
        figures = [
            date_figure(_("Signed on"), signed),
            date_figure(_("First day of work"), document.start_date),
        ]
        summary = _("The agreement was signed on %(signed)s, after the first day of work.") % {
            "signed": day(signed)
        }
        findings.append(
            ctx.finding(version, summary=summary, figures=figures, report_category="other")
        )
    return findings
