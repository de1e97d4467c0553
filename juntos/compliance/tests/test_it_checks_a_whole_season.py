"""Season-level checks: the BC housing cap over several pay slips or a year-to-date figure,
working days asked for (never assumed), and the hours guarantee against the contract's length."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from juntos.compliance.documents import document_from_facts
from juntos.compliance.services import check_document
from juntos.compliance.tests.factories import contract, pay_slip
from juntos.compliance.tests.rules_file import severities


def two_weeks(first: str, housing: str, days: int = 12) -> dict[str, Any]:
    start = dt.date.fromisoformat(first)
    return {
        "province": "BC",
        "program": "sawp-mx",
        "start_date": start.isoformat(),
        "end_date": (start + dt.timedelta(days=13)).isoformat(),
        "working_days": str(days),
        "hours_worked": "96",
        "hourly_rate": "18.00",
        "gross_pay": "1728.00",
        "deductions": {"housing": housing},
    }


def season(*housing: str) -> list[dict[str, Any]]:
    start = dt.date(2025, 5, 5)
    return [
        two_weeks((start + dt.timedelta(days=14 * i)).isoformat(), amount)
        for i, amount in enumerate(housing)
    ]


@pytest.mark.parametrize(("slip_amount", "expected"), [("85.32", []), ("85.33", ["violation"])])
def test_the_per_working_day_cap_holds_on_each_slip(slip_amount, expected):
    slip = pay_slip(working_days=12, deductions={"housing": D(slip_amount)})
    assert severities(slip, "SAWP-BC-HOUSING-DEDUCTION") == expected


@pytest.mark.parametrize(("to_date", "expected"), [("946.95", []), ("946.96", ["violation"])])
def test_a_year_to_date_figure_enforces_the_season_cap(to_date, expected):
    slip = pay_slip(working_days=12, deductions={"housing": D("80.00")}, housing_to_date=D(to_date))
    assert severities(slip, "SAWP-BC-HOUSING-DEDUCTION") == expected


@pytest.mark.django_db
def test_several_slips_add_up_against_the_season_cap(rules):
    # 11 slips of $85.32 (12 working days at $7.11) = $938.52; a 12th of $85.32 passes the cap.
    under = check_document(
        kind="season", facts={"slips": season(*["85.32"] * 11)}, language="en", record_facts=False
    )
    assert not [f for f in under.findings if f.rule_id == "SAWP-BC-HOUSING-DEDUCTION"]
    over = check_document(
        kind="season", facts={"slips": season(*["85.32"] * 12)}, language="es", record_facts=False
    )
    [finding] = [f for f in over.findings if f.rule_id == "SAWP-BC-HOUSING-DEDUCTION"]
    assert finding.severity == "violation"
    assert "946,95" in finding.summary
    assert over.outcome == "violation"


@pytest.mark.django_db
def test_a_season_of_mixed_provinces_is_refused_with_the_slip_named(rules):
    slips = season("10", "10")
    slips[1]["province"] = "ON"
    with pytest.raises(ValidationError) as refused:
        check_document(kind="season", facts={"slips": slips}, language="en", record_facts=False)
    assert "slips" in refused.value.message_dict
    slips[1] = {**slips[0], "end_date": "not a date"}
    with pytest.raises(ValidationError) as refused:
        check_document(kind="season", facts={"slips": slips}, language="en", record_facts=False)
    assert "slips.2.end_date" in refused.value.message_dict


@pytest.mark.parametrize("kind", ["housing", "utilities"])
def test_blank_working_days_are_asked_for_when_a_per_day_deduction_is_entered(kind):
    facts = two_weeks("2025-07-01", "0")
    facts["deductions"] = {kind: "20"}
    del facts["working_days"]
    with pytest.raises(ValidationError) as refused:
        document_from_facts("payslip", facts)
    assert list(refused.value.message_dict) == ["working_days"]
    facts["deductions"] = {"statutory": "20"}
    assert document_from_facts("payslip", facts).working_days is None


@pytest.mark.parametrize(
    ("days", "weekly", "expected"),
    [
        (21, "40", ["violation"]),  # three weeks at 40 h: 120 h, not 240
        (41, "40", ["violation"]),  # a day short of six weeks
        (42, "40", []),
        (21, "80", []),  # 240 h in three weeks
        (120, "39.99", ["violation"]),
    ],
)
def test_the_hours_guarantee_is_judged_against_the_contracts_length(days, weekly, expected):
    start = dt.date(2025, 5, 1)
    document = contract(
        start_date=start,
        end_date=start + dt.timedelta(days=days - 1),
        guaranteed_weekly_hours=D(weekly),
    )
    assert severities(document, "SAWP-MIN-HOURS") == expected
