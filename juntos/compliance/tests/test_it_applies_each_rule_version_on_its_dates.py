"""Table-driven: each rule on the day before, the day of and the day after each version starts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from juntos.compliance.tests.factories import contract, pay_slip
from juntos.compliance.tests.rules_file import of_rule, severities

NONE: list[str] = []
V, ASK = ["violation"], ["ask"]


def one_day_slip(day: dt.date, **changes):
    values = {
        "start_date": day,
        "end_date": day,
        "hours_worked": D("8"),
        "working_days": 1,
        "gross_pay": None,
    }
    values.update(changes)
    return pay_slip(**values)


def offer_from(day: dt.date, **changes):
    values = {
        "kind": "offer",
        "start_date": day,
        "end_date": day + dt.timedelta(days=60),
        "signed_on": day,
    }
    values.update(changes)
    return contract(**values)


# Every minimum wage change, a cent under and at the rate, the day before and the day of:
# test_it_holds_every_boundary.py.


def test_federal_minimum_wage_is_never_applied_to_provincial_work():
    slip = one_day_slip(dt.date(2025, 7, 1), province="AB", hourly_rate=D("15.50"))
    assert of_rule(slip, "MW-CA-FED") == []


def test_a_pay_period_across_a_change_uses_each_version_for_its_days():
    # 7 days at 17.85 (fine at 18.00) and 7 days from 2026-06-01 at 18.25 (uncertain).
    slip = pay_slip(
        start_date=dt.date(2026, 5, 25),
        end_date=dt.date(2026, 6, 7),
        hourly_rate=D("18.00"),
        hours_worked=D("112"),
        gross_pay=D("2016.00"),
        program_rate=None,
    )
    [finding] = of_rule(slip, "MW-BC")
    figures = {f.label: f.value for f in finding.figures}
    assert finding.severity == "ask"
    assert figures["Minimum in force from"] == "2026-06-01"
    assert figures["Minimum in force until"] == "2026-06-07"
    # half the period, 56 hours, 0.25 short an hour
    assert figures["Estimated pay missing for these days"] == "14.00"


def test_paying_less_than_the_stated_rate_counts_as_the_rate_paid():
    slip = pay_slip(hourly_rate=D("18.00"), hours_worked=D("100"), gross_pay=D("1700.00"))
    [finding] = of_rule(slip, "MW-BC")
    assert {f.label: f.value for f in finding.figures}["Hourly pay"] == "17.00"


HOUSING = [
    (dt.date(2024, 12, 31), NONE, ""),
    (dt.date(2025, 1, 1), V, "2025-01-01"),
    (dt.date(2025, 1, 2), V, "2025-01-01"),
    (dt.date(2025, 12, 31), V, "2025-01-01"),
    (dt.date(2026, 1, 1), ASK, "2026-01-01"),
    (dt.date(2026, 1, 2), ASK, "2026-01-01"),
]


@pytest.mark.parametrize(("pay_day", "expected", "version"), HOUSING)
def test_bc_housing_cap_by_pay_day(pay_day, expected, version):
    # 10 working days allow 71.10; 80.00 is above the cap.
    slip = pay_slip(
        start_date=pay_day - dt.timedelta(days=13),
        end_date=pay_day,
        working_days=10,
        deductions={"housing": D("80.00")},
    )
    found = of_rule(slip, "SAWP-BC-HOUSING-DEDUCTION")
    assert [f.severity for f in found] == expected
    if expected:
        assert found[0].effective_from == version


@pytest.mark.parametrize(("amount", "expected"), [(D("71.10"), NONE), (D("71.11"), V)])
def test_bc_housing_cap_boundary_amount(amount, expected):
    slip = pay_slip(working_days=10, deductions={"housing": amount})
    assert severities(slip, "SAWP-BC-HOUSING-DEDUCTION") == expected


def test_bc_housing_season_cap_limits_a_long_period():
    # 62 days x 7.11 = 440.82, under the season cap; the cap itself is 946.95.
    slip = pay_slip(
        start_date=dt.date(2025, 5, 1),
        end_date=dt.date(2025, 7, 1),
        working_days=None,
        deductions={"housing": D("440.82")},
    )
    assert severities(slip, "SAWP-BC-HOUSING-DEDUCTION") == NONE


@pytest.mark.parametrize("province", ["ON", "QC"])
def test_rent_outside_bc_breaks_the_contract_from_2025_and_is_a_question_before(province):
    slip = pay_slip(province=province, deductions={"housing": D("50")})
    assert severities(slip, "SAWP-NO-RENT-OUTSIDE-BC") == V
    earlier = pay_slip(
        province=province,
        start_date=dt.date(2024, 7, 1),
        end_date=dt.date(2024, 7, 14),
        deductions={"housing": D("50")},
    )
    assert severities(earlier, "SAWP-NO-RENT-OUTSIDE-BC") == ASK
    assert severities(pay_slip(deductions={"housing": D("50")}), "SAWP-NO-RENT-OUTSIDE-BC") == NONE


UTILITIES = [
    (dt.date(2023, 12, 31), NONE),  # no version yet
    (dt.date(2024, 1, 1), V),  # 2.70 > 2.68
    (dt.date(2024, 12, 31), V),
    (dt.date(2025, 1, 1), NONE),  # 2.70 <= 2.75
    (dt.date(2025, 12, 31), NONE),
    (dt.date(2026, 1, 1), NONE),
]


@pytest.mark.parametrize(("first_day", "expected"), UTILITIES)
def test_utilities_per_day_in_a_contract(first_day, expected):
    document = offer_from(first_day, deductions={"utilities": D("2.70")})
    assert severities(document, "SAWP-UTILITY-DEDUCTION") == expected


def test_utilities_above_the_2026_amount_is_only_a_question():
    document = offer_from(dt.date(2026, 3, 1), deductions={"utilities": D("3.00")})
    assert severities(document, "SAWP-UTILITY-DEDUCTION") == ASK


@pytest.mark.parametrize(("province", "expected"), [("BC", V), ("ON", NONE)])
def test_airfare_deduction_is_forbidden_in_bc_only(province, expected):
    slip = pay_slip(province=province, deductions={"airfare": D("20")})
    assert severities(slip, "SAWP-NO-AIRFARE-RECOVERY-BC") == expected


@pytest.mark.parametrize(("amount", "expected"), [(D("172.80"), NONE), (D("172.81"), ASK)])
def test_airfare_recovery_above_ten_percent_is_a_question(amount, expected):
    slip = pay_slip(province="ON", deductions={"airfare": amount})
    assert severities(slip, "SAWP-AIRFARE-RECOVERY") == expected


FEES = [
    ("TFWP-NO-RECRUITMENT-FEES", "NB", "2022-09-26"),
    ("BC-TFWPA-NO-FEES", "BC", "2019-10-01"),
    ("MB-WRAPA-NO-FEES", "MB", "2009-04-01"),
    ("ON-EPFNA-NO-FEES", "ON", "2015-11-20"),
    ("SK-NO-FEES", "SK", "2013-10-11"),
    ("SK-NO-FEES", "SK", "2024-07-01"),
    ("NS-LSC-NO-FEES", "NS", "2013-05-01"),
    ("AB-EABLR-NO-FEES", "AB", "2012-09-01"),
    ("QC-NO-FEES", "QC", "2020-01-01"),
]


@pytest.mark.parametrize(("rule_id", "province", "starts"), FEES)
def test_recruitment_fee_rules_apply_from_their_first_day(rule_id, province, starts):
    first = dt.date.fromisoformat(starts)
    before = of_rule(
        offer_from(first - dt.timedelta(days=1), province=province, recruiter_fees=D("500")),
        rule_id,
    )
    for day in (first, first + dt.timedelta(days=1)):
        found = of_rule(offer_from(day, province=province, recruiter_fees=D("500")), rule_id)
        assert [f.severity for f in found] == V
        assert found[0].effective_from == starts
    assert all(f.effective_from != starts for f in before)


def test_a_recruitment_fee_taken_from_pay_counts_too():
    slip = pay_slip(deductions={"recruitment-fee": D("100")})
    assert severities(slip, "TFWP-NO-RECRUITMENT-FEES") == V
    assert severities(slip, "SAWP-LISTED-DEDUCTIONS") == NONE


LICENCES = [
    ("BC-TFWPA-RECRUITER-LICENCE", "BC", "2019-10-01"),
    ("MB-WRAPA-RECRUITER-LICENCE", "MB", "2009-04-01"),
    ("ON-ESA-RECRUITER-LICENCE", "ON", "2024-07-01"),
    ("NS-LSC-RECRUITER-LICENCE", "NS", "2013-05-01"),
    ("SK-RECRUITER-LICENCE", "SK", "2013-10-11"),
    ("AB-EABLR-AGENCY-LICENCE", "AB", "2012-09-01"),
    ("QC-RECRUITMENT-AGENCY-PERMIT", "QC", "2020-01-01"),
]


@pytest.mark.parametrize(("rule_id", "province", "starts"), LICENCES)
def test_recruiter_licence_rules_apply_from_their_first_day(rule_id, province, starts):
    first = dt.date.fromisoformat(starts)
    unlicensed = {"province": province, "recruiter_used": True, "recruiter_licensed": "no"}
    assert severities(offer_from(first - dt.timedelta(days=1), **unlicensed), rule_id) == NONE
    assert severities(offer_from(first, **unlicensed), rule_id) == V
    assert severities(offer_from(first + dt.timedelta(days=1), **unlicensed), rule_id) == V
    unknown = {**unlicensed, "recruiter_licensed": "unknown"}
    assert severities(offer_from(first, **unknown), rule_id) == ["info"]
    licensed = {**unlicensed, "recruiter_licensed": "yes"}
    assert severities(offer_from(first, **licensed), rule_id) == NONE


@pytest.mark.parametrize(
    ("rule_id", "program"),
    [("SAWP-IRPR-EMPLOYMENT-AGREEMENT", "sawp-car"), ("TFWP-EMPLOYMENT-AGREEMENT", "ag-stream")],
)
def test_agreement_signed_after_the_first_day(rule_id, program):
    first = dt.date(2022, 9, 26)
    for start, expected in (
        (first - dt.timedelta(days=1), NONE),
        (first, V),
        (first + dt.timedelta(days=1), V),
    ):
        late = offer_from(start, program=program, signed_on=start + dt.timedelta(days=1))
        assert severities(late, rule_id) == expected, start
        on_time = offer_from(start, program=program, signed_on=start)
        assert severities(on_time, rule_id) == NONE


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2025-01-01", "2025-08-31", NONE),
        ("2024-12-31", "2025-06-30", V),
        ("2025-06-01", "2025-12-15", NONE),
        ("2025-06-01", "2025-12-16", V),
    ],
)
def test_sawp_season_window(start, end, expected):
    document = contract(
        start_date=dt.date.fromisoformat(start), end_date=dt.date.fromisoformat(end)
    )
    assert severities(document, "SAWP-SEASON-WINDOW") == expected


@pytest.mark.parametrize(
    ("end", "expected"), [("2025-08-30", NONE), ("2025-08-31", NONE), ("2025-09-01", V)]
)
def test_sawp_maximum_eight_months(end, expected):
    document = contract(start_date=dt.date(2025, 1, 1), end_date=dt.date.fromisoformat(end))
    assert severities(document, "SAWP-MAX-DURATION") == expected


@pytest.mark.parametrize(
    ("weekly", "transferred", "expected"),
    [(D("40"), False, NONE), (D("39.5"), False, V), (D("30"), True, NONE)],
)
def test_sawp_minimum_guaranteed_hours(weekly, transferred, expected):
    document = contract(guaranteed_weekly_hours=weekly, transferred_after_completion=transferred)
    assert severities(document, "SAWP-MIN-HOURS") == expected


@pytest.mark.parametrize(
    ("program_rate", "same_work_rate", "expected"),
    [
        (D("18.00"), None, NONE),
        (D("18.01"), None, V),
        (None, D("18.50"), V),
        (None, None, ["info"]),
    ],
)
def test_sawp_wage_floor_is_the_highest_rate(program_rate, same_work_rate, expected):
    document = contract(program_rate=program_rate, same_work_rate=same_work_rate)
    assert severities(document, "SAWP-WAGE-FLOOR") == expected


def test_the_wage_floor_does_not_apply_outside_the_sawp():
    assert severities(contract(program="low-wage", program_rate=D("30")), "SAWP-WAGE-FLOOR") == NONE


def test_an_unlisted_deduction_is_a_question():
    slip = pay_slip(deductions={"work-permit-fee": D("155")})
    assert severities(slip, "SAWP-LISTED-DEDUCTIONS") == ASK


def test_hours_and_percentages_read_as_plain_numbers():
    [hours] = of_rule(contract(guaranteed_weekly_hours=D("39.50")), "SAWP-MIN-HOURS")
    assert hours.summary == (
        "39.5 hours a week guarantees 237 hours in 6 weeks; at least 240 are required."
    )
    assert [f.value for f in hours.figures] == ["39.5", "6", "237", "240"]
    slip = pay_slip(province="ON", deductions={"airfare": D("200")})
    [airfare] = of_rule(slip, "SAWP-AIRFARE-RECOVERY")
    assert "more than 10% of your gross pay" in airfare.summary
    assert {f.unit: f.value for f in airfare.figures}["percent"] == "10"


@pytest.mark.parametrize(
    ("province", "program", "expected", "exemption"),
    [
        ("ON", "ag-stream", ASK, "AGX-ON-FARM-EMPLOYEE"),
        ("SK", "ag-stream", ASK, "AGX-SK-PRIMARY"),
        ("AB", "ag-stream", ASK, "AGX-AB-FARM-RANCH"),
        ("ON", "low-wage", V, ""),
        ("MB", "ag-stream", V, ""),
    ],
)
def test_farm_exemptions_turn_a_minimum_wage_shortfall_into_a_question(
    province, program, expected, exemption
):
    slip = one_day_slip(
        dt.date(2025, 11, 3), province=province, program=program, hourly_rate=D("14")
    )
    [finding] = of_rule(slip, f"MW-{province}")
    assert [finding.severity] == expected
    assert (exemption in finding.summary) if exemption else ("Farm work" not in finding.summary)


def test_the_alberta_exemption_starts_on_january_31_2020():
    def slip(day):
        return one_day_slip(day, province="AB", program="ag-stream", hourly_rate=D("14"))

    assert severities(slip(dt.date(2020, 1, 30)), "MW-AB") == V
    assert severities(slip(dt.date(2020, 1, 31)), "MW-AB") == ASK
    assert severities(slip(dt.date(2020, 2, 1)), "MW-AB") == ASK
    assert of_rule(slip(dt.date(2020, 2, 1)), "AGX-AB-FARM-RANCH") == []
