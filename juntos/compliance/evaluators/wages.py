"""Wage rules: the provincial minimum wage and the SAWP wage floor."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from juntos.compliance.choices import Severity
from juntos.compliance.documents import Document
from juntos.compliance.engine import (
    Context,
    Figure,
    Finding,
    VersionData,
    evaluator,
    in_force_on,
    spans_in_force,
)
from juntos.compliance.evaluators.common import (
    CENT,
    date_figure,
    day,
    money,
    money_figure,
    number_figure,
)


@evaluator("minimum-wage", params={"hourly": "money"})
def minimum_wage(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """Each minimum wage in force during the period, for the days it was in force.

    Federal rates cover federally regulated workplaces only, never a farm, so only the
    province's own rates are compared. Hours are taken as spread evenly over the period.
    """
    rate = document.effective_hourly_rate
    if rate is None:
        return []
    provincial = [v for v in versions if v.jurisdiction == document.province]
    findings = []
    for version, first, last in spans_in_force(provincial, document.start_date, document.end_date):
        minimum = version.number("hourly")
        if rate >= minimum:
            continue
        figures = _minimum_figures(document, rate, minimum, first, last)
        summary = _(
            "From %(first)s to %(last)s the pay of $%(rate)s an hour is below the minimum "
            "wage of $%(minimum)s."
        ) % {"first": day(first), "last": day(last), "rate": money(rate), "minimum": money(minimum)}
        severity = Severity.VIOLATION
        exemption = _farm_exemption(ctx, first)
        if exemption is not None:
            severity = Severity.ASK
            summary += " " + _(
                "Farm work may be left out of the minimum wage here (rule %(rule)s); a "
                "caseworker can tell whether that covers your job."
            ) % {"rule": exemption.rule_id}
        findings.append(
            ctx.finding(
                version,
                summary=summary,
                figures=figures,
                report_category="wage-theft",
                severity=severity,
            )
        )
    return findings


def _farm_exemption(ctx: Context, first: dt.date) -> VersionData | None:
    exemptions = in_force_on(ctx.of_kind("farm-exemption"), first)
    return next((v for v in exemptions if "minimum-wage" in v.params.get("excludes", [])), None)


@evaluator("farm-exemption", params={"excludes": "words"})
def farm_exemption(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """Exemptions yield no finding of their own: the minimum-wage check reads them and turns
    a shortfall into a question, since whether a job falls under one needs a person's look."""
    return []


def _minimum_figures(
    document: Document, rate: Decimal, minimum: Decimal, first: dt.date, last: dt.date
) -> list[Figure]:
    figures = [
        money_figure(_("Hourly pay"), rate),
        money_figure(_("Minimum wage per hour"), minimum),
        date_figure(_("Minimum in force from"), first),
        date_figure(_("Minimum in force until"), last),
    ]
    shortfall = _shortfall(document, minimum - rate, (last - first).days + 1)
    if shortfall is not None:
        figures.append(money_figure(_("Estimated pay missing for these days"), shortfall))
    return figures


def _shortfall(document: Document, gap: Decimal, days: int) -> Decimal | None:
    if not document.is_pay_slip or not document.hours_worked:
        return None
    share = Decimal(days) / Decimal(document.days)
    return (gap * document.hours_worked * share).quantize(CENT)


@evaluator("wage-floor", params={})
def wage_floor(document: Document, versions: Sequence[VersionData], ctx: Context) -> list[Finding]:
    """SAWP pay must reach the program's published rate and what the farm pays others."""
    rate = document.effective_hourly_rate
    known = [r for r in (document.program_rate, document.same_work_rate) if r is not None]
    findings = []
    for version, _first, _last in spans_in_force(versions, document.start_date, document.end_date):
        if not known:
            findings.append(_rates_unknown(version, ctx))
        elif rate is not None and rate < max(known):
            findings.append(_below_floor(document, version, ctx, rate, max(known)))
    return findings


def _rates_unknown(version: VersionData, ctx: Context) -> Finding:
    summary = _(
        "We could not compare your pay with the program rate or with what Canadians doing the "
        "same work are paid. If you know either rate, add it and check again."
    )
    return ctx.finding(
        version, summary=summary, figures=(), report_category="wage-theft", severity=Severity.INFO
    )


def _below_floor(
    document: Document, version: VersionData, ctx: Context, rate: Decimal, floor: Decimal
) -> Finding:
    figures = [money_figure(_("Hourly pay"), rate)]
    if document.program_rate is not None:
        figures.append(money_figure(_("Program rate per hour"), document.program_rate))
    if document.same_work_rate is not None:
        figures.append(
            money_figure(_("Rate paid to others for the same work"), document.same_work_rate)
        )
    figures.append(money_figure(_("The highest rate, which applies"), floor))
    if document.is_pay_slip and document.hours_worked:
        missing = ((floor - rate) * document.hours_worked).quantize(CENT)
        figures.append(number_figure(_("Estimated pay missing in this period"), missing, "money"))
    summary = _("The pay of $%(rate)s an hour is below the $%(floor)s an hour that applies.") % {
        "rate": money(rate),
        "floor": money(floor),
    }
    return ctx.finding(version, summary=summary, figures=figures, report_category="wage-theft")
