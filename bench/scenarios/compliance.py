"""The checker: a worker checks a pay slip, on the page (Spanish, no JavaScript) and through the
API, with the real rules loaded by seed_demo. Each request varies the province, the dates and
the figures, so the rules of every province and both sides of a rate change are read.
"""

from __future__ import annotations

import datetime as dt

from bench.api import Budget, Request, Scenario

PROVINCES = ("BC", "ON", "QC", "AB", "MB", "SK", "NS", "NB", "PE", "NL")


def _slip(i: int) -> dict[str, str]:
    start = dt.date(2024, 1, 1) + dt.timedelta(days=(i * 11) % 700)
    return {
        "province": PROVINCES[i % len(PROVINCES)],
        "program": "sawp-mx" if i % 2 else "low-wage",
        "start_date": start.isoformat(),
        "end_date": (start + dt.timedelta(days=13)).isoformat(),
        "working_days": "12",
        "hours_worked": "96",
        "hourly_rate": f"{14 + (i % 6)},50",
        "gross_pay": "1.600,00",
    }


def _form(i: int, state: object) -> Request:
    facts = _slip(i)
    form = {**facts, "deduction_housing": "85,32", "deduction_statutory": "210"}
    return Request("/es/compliance/check/payslip/", method="POST", form=form)


def _season(i: int, state: object) -> Request:
    """Four BC SAWP pay slips of one season on the season form (Spanish, no JavaScript)."""
    start = dt.date(2025, 5, 5) + dt.timedelta(days=(i * 7) % 120)
    form = {"province": "BC", "program": "sawp-mx", "rows": "4"}
    for n in range(4):
        first = start + dt.timedelta(days=14 * n)
        slip = {
            "start_date": first.isoformat(),
            "end_date": (first + dt.timedelta(days=13)).isoformat(),
            "working_days": "12",
            "hours_worked": "96",
            "hourly_rate": f"{17 + (i % 3)},85",
            "gross_pay": "1.713,60",
            "deduction_housing": "85,32" if (i + n) % 3 else "90",
        }
        form |= {f"slip-{n}-{name}": value for name, value in slip.items()}
    return Request("/es/compliance/check/season/", method="POST", form=form)


def _api(i: int, state: object) -> Request:
    facts = {**_slip(i), "deductions": {"housing": "85.32", "utilities": "20"}}
    return Request(
        "/api/compliance/check",
        method="POST",
        json={"kind": "payslip", "language": "fr", "facts": facts},
    )


# Budget of issue 13: checking a document stays within 3x the bare hello view, on p50 and on
# p95, through the API and on the pages a worker uses (the pay slip form and the season form,
# in Spanish with no JavaScript). The rules are remembered per process for 5 s and the facts
# written in one go every 5 s (juntos/core/tally.py); each finding's card is built in Python and
# formatted figures are remembered. The start page (the site's frame with little else) is the
# floor under any page of the checker. Each run writes its figures to bench/results/latest.txt.
SCENARIOS = [
    Scenario(
        "compliance.check_api",
        request=_api,
        count=300,
        budget=Budget(max_ratio=3.0, max_p95_ratio=3.0),
    ),
    Scenario(
        "compliance.check_form",
        request=_form,
        count=300,
        budget=Budget(max_ratio=3.0, max_p95_ratio=3.0),
    ),
    Scenario(
        "compliance.check_season",
        request=_season,
        count=200,
        budget=Budget(max_ratio=3.0, max_p95_ratio=3.0),
    ),
    # The start page: the site's header, navigation and footer with little else, i.e. the
    # floor under any page of the checker.
    Scenario("compliance.check_start", path="/es/compliance/check/", count=300),
]
