"""Table-driven: the rules with one version, on the day before, the day of and the day after
their first day, each with a document that breaks them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal as D

import pytest

from juntos.compliance.documents import Document
from juntos.compliance.tests.factories import contract, pay_slip
from juntos.compliance.tests.rules_file import severities

ONE_DAY = dt.timedelta(days=1)


def season_too_long(day: dt.date) -> Document:
    return contract(start_date=day, end_date=day + dt.timedelta(days=300), signed_on=day)


def beyond_december_15(day: dt.date) -> Document:
    # Starts on the day, ends on Dec 16 of the same year: outside the window whenever in force.
    return contract(start_date=day, end_date=dt.date(day.year, 12, 16), signed_on=day)


def few_hours(day: dt.date) -> Document:
    return contract(
        start_date=day,
        end_date=day + dt.timedelta(days=90),
        signed_on=day,
        guaranteed_weekly_hours=D("20"),
    )


def below_program_rate(day: dt.date) -> Document:
    # The wage floor applies day by day, so a one-day pay slip shows its first day exactly.
    return pay_slip(
        start_date=day,
        end_date=day,
        hours_worked=D("8"),
        working_days=1,
        gross_pay=None,
        hourly_rate=D("30"),
        program_rate=D("31"),
    )


def slip_on(day: dt.date, province: str, deductions: dict[str, D]) -> Document:
    return pay_slip(
        start_date=day - dt.timedelta(days=13),
        end_date=day,
        province=province,
        deductions=deductions,
    )


CASES: list[tuple[str, str, Callable[[dt.date], Document], list[str]]] = [
    ("SAWP-SEASON-WINDOW", "2014-01-01", beyond_december_15, ["violation"]),
    ("SAWP-MAX-DURATION", "2014-01-01", season_too_long, ["violation"]),
    ("SAWP-MIN-HOURS", "2016-01-01", few_hours, ["violation"]),
    ("SAWP-WAGE-FLOOR", "2016-01-01", below_program_rate, ["violation"]),
    (
        "SAWP-NO-RENT-OUTSIDE-BC",
        "2016-01-01",
        lambda day: slip_on(day, "ON", {"housing": D("10")}),
        ["ask"],
    ),
    (
        "SAWP-LISTED-DEDUCTIONS",
        "2016-01-01",
        lambda day: slip_on(day, "ON", {"other": D("10")}),
        ["ask"],
    ),
    (
        "SAWP-NO-AIRFARE-RECOVERY-BC",
        "2024-01-01",
        lambda day: slip_on(day, "BC", {"airfare": D("10")}),
        ["violation"],
    ),
    (
        "SAWP-AIRFARE-RECOVERY",
        "2024-01-01",
        lambda day: slip_on(day, "ON", {"airfare": D("900")}),
        ["ask"],
    ),
]


@pytest.mark.parametrize(
    ("rule_id", "starts", "build", "expected"), CASES, ids=[c[0] for c in CASES]
)
def test_rule_starts_on_its_first_day(rule_id, starts, build, expected):
    first = dt.date.fromisoformat(starts)
    assert severities(build(first - ONE_DAY), rule_id) == []
    assert severities(build(first), rule_id) == expected
    assert severities(build(first + ONE_DAY), rule_id) == expected
