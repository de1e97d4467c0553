"""The boundary suite: for every minimum wage change of every province and territory, a cent
under and at the rate, on the day before and the day of the change; a day before the first
known version and a day after the last known day; in English, Spanish and French.

The figures themselves are pinned to section 8 of the reference in test_it_loads_the_rules_data.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from juntos.compliance.loader import read_rules
from juntos.compliance.tests.factories import pay_slip
from juntos.compliance.tests.rules_file import findings

CENT = Decimal("0.01")
DAY = dt.timedelta(days=1)


def _changes() -> list[tuple[str, str, dt.date, Decimal, str, Decimal | None]]:
    """(rule, province, first day, rate, certainty, rate the day before) per version."""
    rows: list[tuple[str, str, dt.date, Decimal, str, Decimal | None]] = []
    for rule in read_rules():
        if rule.family != "minimum-wage":
            continue
        previous: Decimal | None = None
        for version in sorted(rule.versions, key=lambda v: v.effective_from):
            rate = Decimal(version.params["hourly"])
            rows.append(
                (
                    rule.rule_id,
                    rule.jurisdiction,
                    version.effective_from,
                    rate,
                    version.certainty,
                    previous,
                )
            )
            previous = rate
    return rows


CHANGES = _changes()


def one_day(province: str, day: dt.date, rate: Decimal, language: str = "en"):
    slip = pay_slip(
        province=province,
        program="low-wage",
        start_date=day,
        end_date=day,
        hourly_rate=rate,
        program_rate=None,
        hours_worked=Decimal("8"),
        working_days=1,
        gross_pay=None,
    )
    return findings(slip, language=language)


def wage_verdicts(province: str, day: dt.date, rate: Decimal) -> list[str]:
    return [f.severity for f in one_day(province, day, rate) if f.rule_id.startswith("MW-")]


def expected_under(certainty: str) -> list[str]:
    return ["violation"] if certainty == "confirmed" else ["ask"]


@pytest.mark.parametrize(
    ("rule_id", "province", "first", "rate", "certainty", "previous"),
    CHANGES,
    ids=[f"{row[0]}-{row[2]}" for row in CHANGES],
)
def test_a_cent_under_and_at_each_rate_on_the_day_before_and_the_day_of(
    rule_id, province, first, rate, certainty, previous
):
    assert wage_verdicts(province, first, rate) == []
    assert wage_verdicts(province, first, rate - CENT) == expected_under(certainty)
    if previous is not None and previous < rate:
        # The day before, the old rate applies: paying it is no finding, a cent under is.
        assert wage_verdicts(province, first - DAY, previous) == []
        assert wage_verdicts(province, first - DAY, previous - CENT) != []


def _first_and_last() -> list[tuple[str, dt.date, dt.date]]:
    return [
        (rule.jurisdiction, min(v.effective_from for v in rule.versions), rule.known_until)
        for rule in read_rules()
        if rule.family == "minimum-wage" and rule.known_until is not None
    ]


@pytest.mark.parametrize(("province", "first", "last"), _first_and_last())
@pytest.mark.parametrize("language", ["en", "es", "fr"])
def test_before_the_first_and_after_the_last_known_day_is_not_covered(
    province, first, last, language
):
    for day in (first - DAY, last + DAY):
        found = one_day(province, day, Decimal("30"), language)
        assert [(f.rule_id, f.severity) for f in found] == [
            ("NOT-COVERED-minimum-wage", "not-covered")
        ], (province, day)
        assert found[0].summary and found[0].title != found[0].rule_id
    inside = one_day(province, last, Decimal("30"), language)
    assert not [f for f in inside if f.severity == "not-covered"]
