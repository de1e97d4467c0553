"""Checks and findings reach the monitoring ledger as coarse counts, never a person."""

from __future__ import annotations

import pytest

from juntos.monitoring.models import Fact
from juntos.monitoring.selectors import fact_table

SLIP = {
    "province": "BC",
    "program": "sawp-mx",
    "start_date": "2025-07-01",
    "end_date": "2025-07-14",
    "working_days": "12",
    "hours_worked": "96",
    "hourly_rate": "17.85",
    "gross_pay": "1713.60",
    "deduction_housing": "120",
}


@pytest.mark.django_db
def test_checks_and_findings_are_counted_by_month_province_program_and_rule(
    client, client_as, rules
):
    for _ in range(3):
        client.post("/es/compliance/check/payslip/", SLIP)
    client_as("rosa").post("/es/compliance/check/payslip/", SLIP)

    [checks] = fact_table(
        "compliance.check", group_by=("province", "program", "category", "outcome"), threshold=1
    )
    assert checks.dimensions == {
        "province": "BC",
        "program": "sawp-mx",
        "category": "payslip",
        "outcome": "violation",
    }
    assert checks.count == 4
    by_rule = {
        c.dimensions["category"]: c.count
        for c in fact_table("compliance.finding", group_by=("category",), threshold=1)
    }
    assert by_rule["SAWP-BC-HOUSING-DEDUCTION"] == 4
    assert all(fact.organisation_id is None for fact in Fact.objects.all())
    assert fact_table("compliance.check", group_by=("province",))[0].count is None  # 4 < 5


@pytest.mark.django_db
def test_an_employer_check_is_counted_as_such(client_as, rules):
    client_as("carl").post(
        "/en/compliance/employer/check/",
        {
            "province": "BC",
            "program": "sawp-mx",
            "start_date": "2026-05-01",
            "end_date": "2026-10-31",
            "hourly_rate": "18.25",
            "recruiter_licensed": "unknown",
        },
    )
    [cell] = fact_table("compliance.check", group_by=("sector", "category"), threshold=1)
    assert cell.dimensions == {"sector": "employer", "category": "offer"}
