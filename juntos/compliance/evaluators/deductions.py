"""Deduction rules: caps per working day, deductions a province forbids, percentage caps and
deductions the contract does not list.

Convention for a pay slip: a deduction is judged by the version in force on the last day of the
pay period, the day it is taken from the pay.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.translation import gettext as _

from juntos.compliance.choices import DeductionType, Severity
from juntos.compliance.documents import DEDUCTION_KINDS, Document
from juntos.compliance.engine import Context, Finding, VersionData, evaluator, in_force_on
from juntos.compliance.evaluators.common import (
    CENT,
    money,
    money_figure,
    number_figure,
    plain,
    relevant_day,
)


def _label(kind: str) -> str:
    return str(DeductionType(kind).label) if kind in DEDUCTION_KINDS else kind


@evaluator(
    "deduction-cap",
    params={"deduction": "deduction", "per_working_day": "money", "season_cap": "money?"},
)
def deduction_cap(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """A deduction allowed up to an amount per working day (and for the whole season)."""
    findings = []
    for version in in_force_on(versions, relevant_day(document)):
        kind = version.params["deduction"]
        amount = document.deduction(kind)
        if not amount:
            continue
        if document.is_pay_slip:
            finding = _cap_on_pay_slip(document, version, ctx, kind, amount)
        else:
            finding = _cap_per_day(version, ctx, kind, amount)
        if finding is not None:
            findings.append(finding)
    return findings


def _cap_on_pay_slip(
    document: Document, version: VersionData, ctx: Context, kind: str, amount: Decimal
) -> Finding | None:
    per_day = version.number("per_working_day")
    # Working days are required when a per-day deduction is entered (documents.py); a
    # document built elsewhere without them is judged on the calendar days, flagged below.
    days = document.working_days if document.working_days is not None else document.days
    allowed = (per_day * days).quantize(CENT)
    season_cap = version.number("season_cap") if version.params.get("season_cap") else None
    to_date = document.housing_to_date if kind == DeductionType.HOUSING else None
    if season_cap is not None:
        before = (to_date - amount) if to_date is not None else Decimal(0)
        allowed = max(min(allowed, season_cap - before), Decimal(0))
    if amount <= allowed and (to_date is None or season_cap is None or to_date <= season_cap):
        return None
    figures = [
        money_figure(_("Deducted: %(kind)s") % {"kind": _label(kind)}, amount),
        money_figure(_("Most allowed per working day"), per_day),
        number_figure(_("Working days counted"), days, "days"),
    ]
    if season_cap is not None:
        figures.append(money_figure(_("Most allowed for the whole season"), season_cap))
    if to_date is not None:
        figures.append(money_figure(_("Deducted so far this season"), to_date))
    figures.append(money_figure(_("Most allowed in this pay period"), allowed))
    figures.append(money_figure(_("Deducted above the limit"), max(amount - allowed, CENT)))
    if season_cap is not None and to_date is not None and to_date > season_cap:
        summary = _(
            "%(kind)s: $%(to_date)s has been deducted this season, more than the $%(cap)s "
            "allowed for the whole season."
        ) % {"kind": _label(kind), "to_date": money(to_date), "cap": money(season_cap)}
    else:
        summary = _(
            "%(kind)s: $%(amount)s was deducted, but at most $%(allowed)s is allowed for "
            "%(days)s working days."
        ) % {"kind": _label(kind), "amount": money(amount), "allowed": money(allowed), "days": days}
    return ctx.finding(version, summary=summary, figures=figures, report_category="deductions")


def _cap_per_day(version: VersionData, ctx: Context, kind: str, amount: Decimal) -> Finding | None:
    per_day = version.number("per_working_day")
    if amount <= per_day:
        return None
    figures = [
        money_figure(_("Deduction per working day: %(kind)s") % {"kind": _label(kind)}, amount),
        money_figure(_("Most allowed per working day"), per_day),
    ]
    summary = _("%(kind)s: $%(amount)s a day is more than the $%(allowed)s a day allowed.") % {
        "kind": _label(kind),
        "amount": money(amount),
        "allowed": money(per_day),
    }
    return ctx.finding(version, summary=summary, figures=figures, report_category="deductions")


@evaluator(
    "deduction-not-allowed",
    params={
        "deduction": "deduction",
        "forbidden_in": "provinces?",
        "allowed_only_in": "provinces?",
    },
)
def deduction_not_allowed(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """A deduction some provinces forbid, or that only some provinces allow."""
    findings = []
    for version in in_force_on(versions, relevant_day(document)):
        kind = version.params["deduction"]
        amount = document.deduction(kind)
        if not amount or not _forbidden_here(version, document.province):
            continue
        summary = _("%(kind)s may not be deducted from your pay in this province.") % {
            "kind": _label(kind)
        }
        figures = [money_figure(_("Deducted: %(kind)s") % {"kind": _label(kind)}, amount)]
        findings.append(
            ctx.finding(version, summary=summary, figures=figures, report_category="deductions")
        )
    return findings


def _forbidden_here(version: VersionData, province: str) -> bool:
    if province in version.params.get("forbidden_in", []):
        return True
    allowed_only = version.params.get("allowed_only_in") or []
    return bool(allowed_only) and province not in allowed_only


@evaluator("deduction-percent-cap", params={"deduction": "deduction", "percent_of_gross": "number"})
def deduction_percent_cap(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """A deduction limited to a share of the gross pay of each pay period (pay slips only)."""
    if not document.is_pay_slip or document.gross_pay is None:
        return []
    findings = []
    for version in in_force_on(versions, relevant_day(document)):
        kind = version.params["deduction"]
        amount = document.deduction(kind)
        percent = version.number("percent_of_gross")
        allowed = (document.gross_pay * percent / 100).quantize(CENT)
        if not amount or amount <= allowed:
            continue
        figures = [
            money_figure(_("Deducted: %(kind)s") % {"kind": _label(kind)}, amount),
            money_figure(_("Gross pay"), document.gross_pay),
            number_figure(_("Most allowed, as a share of gross pay"), percent, "percent"),
            money_figure(_("Most allowed in this pay period"), allowed),
        ]
        summary = _("%(kind)s: $%(amount)s is more than %(percent)s%% of your gross pay.") % {
            "kind": _label(kind),
            "amount": money(amount),
            "percent": plain(percent),
        }
        findings.append(
            ctx.finding(version, summary=summary, figures=figures, report_category="deductions")
        )
    return findings


@evaluator("deduction-unlisted", params={"listed": "deductions"})
def deduction_unlisted(
    document: Document, versions: Sequence[VersionData], ctx: Context
) -> list[Finding]:
    """A deduction that is not one the contract lists is a question for a caseworker."""
    findings = []
    for version in in_force_on(versions, relevant_day(document)):
        listed = set(version.params.get("listed", []))
        for kind, amount in sorted(document.deductions.items()):
            if kind in listed or not amount:
                continue
            summary = _("%(kind)s is not a deduction the contract lists.") % {"kind": _label(kind)}
            figures = [money_figure(_("Deducted: %(kind)s") % {"kind": _label(kind)}, amount)]
            findings.append(
                ctx.finding(
                    version,
                    summary=summary,
                    figures=figures,
                    report_category="deductions",
                    severity=Severity.ASK,
                )
            )
    return findings
