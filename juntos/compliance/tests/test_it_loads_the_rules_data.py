"""The rules file: loaded once, complete in three languages, figures as the reference gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from juntos.compliance.engine import EVALUATORS
from juntos.compliance.loader import read_rules
from juntos.compliance.models import Rule, RuleExplanation, RuleVersion
from juntos.compliance.params import check_params
from juntos.compliance.services import rules_load
from juntos.core.models import AuditEntry


@pytest.mark.django_db
def test_loading_twice_changes_nothing():
    first = rules_load()
    counts = (Rule.objects.count(), RuleVersion.objects.count(), RuleExplanation.objects.count())
    assert first == RuleVersion.objects.count() > 40
    assert rules_load() == 0
    assert counts == (
        Rule.objects.count(),
        RuleVersion.objects.count(),
        RuleExplanation.objects.count(),
    )
    assert AuditEntry.objects.filter(action="compliance.rules_loaded").count() == 1


@pytest.mark.django_db
def test_loading_keeps_a_coordinators_correction():
    rules_load()
    version = RuleVersion.objects.get(rule__rule_id="MW-BC", effective_from=dt.date(2026, 6, 1))
    version.certainty = "confirmed"
    version.save()
    rules_load()
    version.refresh_from_db()
    assert version.certainty == "confirmed"


def test_every_version_is_worded_in_three_languages_and_its_parameters_fit_its_check():
    for rule in read_rules():
        assert rule.kind in EVALUATORS, rule.rule_id
        for version in rule.versions:
            assert check_params(rule.kind, version.params) == [], rule.rule_id
            assert version.certainty in ("confirmed", "secondary", "uncertain")
            assert version.source_kind in ("official", "secondary")
            assert version.source_url.startswith("http") and version.source_title
            for language in ("en", "es", "fr"):
                text = version.texts[language]
                assert text.title and text.worker_text and text.employer_text
                assert "{" not in text.worker_text + text.employer_text + text.title
        assert rule.family, rule.rule_id


def _versions(rule_id: str) -> dict[str, tuple[dict, str]]:
    [rule] = [r for r in read_rules() if r.rule_id == rule_id]
    return {v.effective_from.isoformat(): (v.params, v.certainty) for v in rule.versions}


# Section 8 of domain-rules.md (2026-12-01): jurisdiction, start, rate, source kind, certainty.
SECTION_8 = [
    ("MW-CA-FED", "2022-04-01", "15.55", "official", "confirmed"),
    ("MW-CA-FED", "2023-04-01", "16.65", "official", "confirmed"),
    ("MW-CA-FED", "2024-04-01", "17.30", "official", "confirmed"),
    ("MW-CA-FED", "2025-04-01", "17.75", "official", "confirmed"),
    ("MW-CA-FED", "2026-04-01", "18.15", "secondary", "secondary"),
    ("MW-BC", "2022-06-01", "15.65", "secondary", "confirmed"),
    ("MW-BC", "2023-06-01", "16.75", "secondary", "confirmed"),
    ("MW-BC", "2024-06-01", "17.40", "secondary", "confirmed"),
    ("MW-BC", "2025-06-01", "17.85", "secondary", "confirmed"),
    ("MW-BC", "2026-06-01", "18.25", "secondary", "secondary"),
    ("MW-ON", "2022-10-01", "15.50", "secondary", "confirmed"),
    ("MW-ON", "2023-10-01", "16.55", "secondary", "confirmed"),
    ("MW-ON", "2024-10-01", "17.20", "secondary", "confirmed"),
    ("MW-ON", "2025-10-01", "17.60", "secondary", "confirmed"),
    ("MW-ON", "2026-10-01", "18.00", "secondary", "uncertain"),
    ("MW-QC", "2022-05-01", "14.25", "secondary", "confirmed"),
    ("MW-QC", "2023-05-01", "15.25", "official", "confirmed"),
    ("MW-QC", "2024-05-01", "15.75", "official", "confirmed"),
    ("MW-QC", "2025-05-01", "16.10", "secondary", "confirmed"),
    ("MW-QC", "2026-05-01", "16.60", "official", "confirmed"),
    ("MW-AB", "2018-10-01", "15.00", "official", "confirmed"),
    ("MW-SK", "2022-10-01", "13.00", "official", "confirmed"),
    ("MW-SK", "2023-10-01", "14.00", "official", "confirmed"),
    ("MW-SK", "2024-10-01", "15.00", "official", "confirmed"),
    ("MW-SK", "2025-10-01", "15.35", "secondary", "confirmed"),
    ("MW-MB", "2022-10-01", "13.50", "secondary", "confirmed"),
    ("MW-MB", "2023-04-01", "14.15", "secondary", "confirmed"),
    ("MW-MB", "2023-10-01", "15.30", "secondary", "confirmed"),
    ("MW-MB", "2024-10-01", "15.80", "secondary", "confirmed"),
    ("MW-MB", "2025-10-01", "16.00", "secondary", "confirmed"),
    ("MW-MB", "2026-10-01", "16.40", "secondary", "secondary"),
    ("MW-NS", "2022-10-01", "13.60", "secondary", "confirmed"),
    ("MW-NS", "2023-04-01", "14.50", "secondary", "confirmed"),
    ("MW-NS", "2023-10-01", "15.00", "secondary", "confirmed"),
    ("MW-NS", "2024-04-01", "15.20", "secondary", "confirmed"),
    ("MW-NS", "2025-04-01", "15.70", "secondary", "confirmed"),
    ("MW-NS", "2025-10-01", "16.50", "secondary", "confirmed"),
    ("MW-NS", "2026-04-01", "16.75", "secondary", "confirmed"),
    ("MW-NS", "2026-10-01", "17.00", "secondary", "confirmed"),
    ("MW-NB", "2022-10-01", "13.75", "secondary", "confirmed"),
    ("MW-NB", "2023-04-01", "14.75", "secondary", "confirmed"),
    ("MW-NB", "2024-04-01", "15.30", "secondary", "confirmed"),
    ("MW-NB", "2025-04-01", "15.65", "secondary", "confirmed"),
    ("MW-NB", "2026-04-01", "15.90", "secondary", "confirmed"),
    ("MW-PE", "2023-01-01", "14.50", "secondary", "confirmed"),
    ("MW-PE", "2023-10-01", "15.00", "secondary", "confirmed"),
    ("MW-PE", "2024-04-01", "15.40", "secondary", "confirmed"),
    ("MW-PE", "2024-10-01", "16.00", "secondary", "confirmed"),
    ("MW-PE", "2025-10-01", "16.50", "official", "confirmed"),
    ("MW-PE", "2026-04-01", "17.00", "official", "confirmed"),
    ("MW-NL", "2022-10-01", "13.70", "secondary", "confirmed"),
    ("MW-NL", "2023-04-01", "14.50", "secondary", "confirmed"),
    ("MW-NL", "2023-10-01", "15.00", "secondary", "confirmed"),
    ("MW-NL", "2024-04-01", "15.60", "secondary", "confirmed"),
    ("MW-NL", "2025-04-01", "16.00", "secondary", "confirmed"),
    ("MW-NL", "2026-04-01", "16.35", "secondary", "secondary"),
    ("MW-YT", "2022-04-01", "15.70", "secondary", "confirmed"),
    ("MW-YT", "2023-04-01", "16.77", "secondary", "confirmed"),
    ("MW-YT", "2024-04-01", "17.59", "official", "confirmed"),
    ("MW-YT", "2025-04-01", "17.94", "secondary", "confirmed"),
    ("MW-YT", "2026-04-01", "18.51", "secondary", "secondary"),
    ("MW-NT", "2021-09-01", "15.20", "secondary", "confirmed"),
    ("MW-NT", "2023-09-01", "16.05", "official", "confirmed"),
    ("MW-NT", "2024-09-01", "16.70", "secondary", "confirmed"),
    ("MW-NT", "2025-09-01", "16.95", "secondary", "confirmed"),
    ("MW-NU", "2020-04-01", "16.00", "secondary", "confirmed"),
    ("MW-NU", "2024-01-01", "19.00", "official", "confirmed"),
    ("MW-NU", "2025-09-01", "19.75", "secondary", "confirmed"),
]


@pytest.mark.parametrize(("rule_id", "starts", "hourly", "source_kind", "certainty"), SECTION_8)
def test_minimum_wages_are_those_of_section_8(rule_id, starts, hourly, source_kind, certainty):
    [rule] = [r for r in read_rules() if r.rule_id == rule_id]
    [version] = [v for v in rule.versions if v.effective_from.isoformat() == starts]
    assert Decimal(version.params["hourly"]) == Decimal(hourly)
    assert (version.source_kind, version.certainty) == (source_kind, certainty)


def test_every_minimum_wage_version_is_one_of_section_8():
    listed = {(rule_id, starts) for rule_id, starts, *_rest in SECTION_8}
    found = {
        (rule.rule_id, version.effective_from.isoformat())
        for rule in read_rules()
        if rule.kind == "minimum-wage"
        for version in rule.versions
    }
    assert found == listed


def test_every_province_and_territory_has_a_minimum_wage_known_since_2023():
    known = {
        rule.jurisdiction: min(v.effective_from for v in rule.versions)
        for rule in read_rules()
        if rule.family == "minimum-wage"
    }
    provinces = {"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"}
    assert set(known) == provinces
    assert all(first <= dt.date(2023, 1, 1) for first in known.values())


def test_rules_expire_where_section_8_stops_knowing():
    until = {rule.rule_id: rule.known_until for rule in read_rules()}
    assert until["MW-SK"] == dt.date(2026, 9, 30)
    assert until["MW-NT"] == until["MW-NU"] == dt.date(2026, 8, 31)
    assert until["MW-ON"] == until["SAWP-BC-HOUSING-DEDUCTION"] == dt.date(2026, 12, 31)
    assert all(until.values()), "every rule knows its last known day"


def test_deduction_figures_are_those_of_the_reference():
    housing = _versions("SAWP-BC-HOUSING-DEDUCTION")
    assert housing["2025-01-01"] == (
        {"deduction": "housing", "per_working_day": "7.11", "season_cap": "946.95"},
        "confirmed",
    )
    assert housing["2026-01-01"][1] == "uncertain"
    utilities = _versions("SAWP-UTILITY-DEDUCTION")
    assert utilities["2024-01-01"][0]["per_working_day"] == "2.68"
    assert utilities["2025-01-01"][0]["per_working_day"] == "2.75"
    assert _versions("SAWP-AIRFARE-RECOVERY")["2024-01-01"][1] == "uncertain"
    assert _versions("SAWP-MIN-HOURS")["2016-01-01"][0] == {"min_hours": 240, "within_weeks": 6}


def test_the_spanish_wording_uses_spanish_numbers():
    [housing] = [r for r in read_rules() if r.rule_id == "SAWP-BC-HOUSING-DEDUCTION"]
    text = housing.versions[0].texts["es"].worker_text
    assert "7,11 $" in text and "946,95 $" in text
