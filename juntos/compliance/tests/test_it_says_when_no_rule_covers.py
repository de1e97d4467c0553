"""Where no rule covers a day or a place, the checker says "not covered: ask a caseworker",
never "clear" (the reproductions of issue 13)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from juntos.compliance.documents import document_from_facts
from juntos.compliance.services import check_document
from juntos.compliance.tests.factories import contract, pay_slip
from juntos.compliance.tests.rules_file import findings


def slip(province: str, program: str, first: str, last: str, rate: str, **changes):
    values = {
        "province": province,
        "program": program,
        "start_date": dt.date.fromisoformat(first),
        "end_date": dt.date.fromisoformat(last),
        "hourly_rate": D(rate),
        "hours_worked": D("80"),
        "working_days": 10,
        "gross_pay": None,
    }
    values.update(changes)
    return pay_slip(**values)


def verdicts(document, language: str = "en") -> dict[str, str]:
    return {f.rule_id: f.severity for f in findings(document, language=language)}


def test_ontario_sawp_july_2025_at_twelve_dollars_breaks_the_minimum_of_17_20():
    found = findings(slip("ON", "sawp-mx", "2025-07-01", "2025-07-14", "12.00"))
    minimum = [f for f in found if f.rule_id == "MW-ON"]
    assert [f.severity for f in minimum] == ["violation"]
    figures = {f.label: f.value for f in minimum[0].figures}
    assert figures["Minimum wage per hour"] == "17.20"
    assert minimum[0].effective_from == "2024-10-01"


def test_prince_edward_island_in_2024_is_checked():
    assert verdicts(slip("PE", "low-wage", "2024-07-01", "2024-07-14", "15.39"))["MW-PE"] == (
        "violation"
    )


def test_nunavut_is_checked_and_a_day_before_its_first_rate_is_not_covered():
    assert verdicts(slip("NU", "low-wage", "2024-06-01", "2024-06-14", "18.99"))["MW-NU"] == (
        "violation"
    )
    early = verdicts(slip("NU", "low-wage", "2020-03-31", "2020-03-31", "30.00"))
    assert early == {"NOT-COVERED-minimum-wage": "not-covered"}


def test_nunavut_past_its_last_known_day_is_not_covered_not_applied():
    found = verdicts(slip("NU", "low-wage", "2026-09-01", "2026-09-01", "19.00"))
    assert found == {"NOT-COVERED-minimum-wage": "not-covered"}
    assert verdicts(slip("NU", "low-wage", "2026-08-31", "2026-08-31", "19.74"))["MW-NU"] == (
        "violation"
    )


def test_a_recruitment_fee_before_the_federal_ban_in_a_province_without_a_law_is_not_covered():
    offer = contract(
        province="PE",
        program="low-wage",
        signed_on=dt.date(2022, 9, 25),
        start_date=dt.date(2022, 10, 1),
        end_date=dt.date(2022, 12, 1),
        hourly_rate=D("20"),
        recruiter_fees=D("500"),
    )
    assert verdicts(offer).get("NOT-COVERED-recruitment-fees") == "not-covered"
    later = contract(
        province="PE",
        program="low-wage",
        signed_on=dt.date(2022, 9, 26),
        start_date=dt.date(2022, 10, 1),
        end_date=dt.date(2022, 12, 1),
        hourly_rate=D("20"),
        recruiter_fees=D("500"),
    )
    found = verdicts(later)
    assert found.get("TFWP-NO-RECRUITMENT-FEES") == "violation"
    assert "NOT-COVERED-recruitment-fees" not in found


def test_a_bc_slip_in_2031_is_never_clear():
    found = verdicts(slip("BC", "sawp-mx", "2031-07-01", "2031-07-14", "40.00"))
    assert found["NOT-COVERED-minimum-wage"] == "not-covered"
    assert not any(rule.startswith("MW-") for rule in found)


def test_manitoba_after_october_2026_is_a_question_not_the_old_rate():
    found = verdicts(slip("MB", "low-wage", "2026-10-01", "2026-10-01", "16.20"))
    assert found == {"MW-MB": "ask"}


def test_saskatchewan_from_october_2026_is_not_covered():
    found = verdicts(slip("SK", "low-wage", "2026-09-30", "2026-10-01", "15.00"))
    assert found["MW-SK"] == "violation"
    assert found["NOT-COVERED-minimum-wage"] == "not-covered"


def test_the_not_covered_finding_speaks_the_persons_language():
    document = slip("BC", "sawp-mx", "2031-07-01", "2031-07-14", "40.00")
    spanish = [f for f in findings(document, language="es") if f.severity == "not-covered"]
    french = [f for f in findings(document, language="fr") if f.severity == "not-covered"]
    assert "pida a una persona de apoyo" in spanish[0].summary
    assert "demandez à un intervenant" in french[0].summary


@pytest.mark.django_db
def test_the_overall_result_is_not_covered_not_clear(rules):
    facts = {
        "province": "BC",
        "program": "sawp-mx",
        "start_date": "2031-07-01",
        "end_date": "2031-07-14",
        "hourly_rate": "40",
        "hours_worked": "80",
        "working_days": "10",
        "gross_pay": "3200",
    }
    result = check_document(kind="payslip", facts=facts, language="en", record_facts=False)
    assert result.outcome == "not-covered"


@pytest.mark.parametrize("day", ["0001-07-01", "1999-12-31", "2101-01-01", "9999-12-25"])
def test_dates_outside_2000_to_2100_are_refused_with_the_field_named(day):
    from django.core.exceptions import ValidationError

    facts = {
        "province": "BC",
        "program": "sawp-mx",
        "start_date": day,
        "end_date": day,
        "hourly_rate": "17",
        "hours_worked": "8",
        "gross_pay": "136",
    }
    with pytest.raises(ValidationError) as refused:
        document_from_facts("payslip", facts)
    assert "start_date" in refused.value.message_dict
    assert "end_date" in refused.value.message_dict
