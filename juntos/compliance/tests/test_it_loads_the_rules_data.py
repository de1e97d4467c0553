"""The rules file: loaded once, complete in three languages, figures as the reference gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from juntos.compliance.engine import EVALUATORS, load_evaluators
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
    load_evaluators()
    for rule in read_rules():
        assert rule.kind in EVALUATORS, rule.rule_id
        for version in rule.versions:
            assert check_params(rule.kind, version.params) == [], rule.rule_id
            assert version.certainty in ("confirmed", "uncertain")
            assert version.source_url.startswith("http") and version.source_title
            for language in ("en", "es", "fr"):
                text = version.texts[language]
                assert text.title and text.worker_text and text.employer_text
                assert "{" not in text.worker_text + text.employer_text + text.title


def _versions(rule_id: str) -> dict[str, tuple[dict, str]]:
    [rule] = [r for r in read_rules() if r.rule_id == rule_id]
    return {v.effective_from.isoformat(): (v.params, v.certainty) for v in rule.versions}


@pytest.mark.parametrize(
    ("rule_id", "starts", "hourly", "certainty"),
    [
        ("MW-CA-FED", "2025-04-01", "17.75", "confirmed"),
        ("MW-CA-FED", "2026-04-01", "18.10", "uncertain"),
        ("MW-AB", "2018-10-01", "15.00", "confirmed"),
        ("MW-BC", "2025-06-01", "17.85", "confirmed"),
        ("MW-BC", "2026-06-01", "18.25", "uncertain"),
        ("MW-SK", "2025-10-01", "15.35", "confirmed"),
        ("MW-MB", "2025-10-01", "16.00", "confirmed"),
        ("MW-ON", "2025-10-01", "17.60", "confirmed"),
        ("MW-ON", "2026-10-01", "18.00", "uncertain"),
        ("MW-QC", "2025-05-01", "16.10", "confirmed"),
        ("MW-QC", "2026-05-01", "16.60", "confirmed"),
        ("MW-NB", "2026-04-01", "15.90", "uncertain"),
        ("MW-NS", "2026-10-01", "17.00", "uncertain"),
        ("MW-PE", "2026-04-01", "17.00", "uncertain"),
        ("MW-NL", "2026-04-01", "16.35", "uncertain"),
        ("MW-YT", "2026-04-01", "18.51", "uncertain"),
        ("MW-NT", "2025-01-01", "16.95", "uncertain"),
        ("MW-NU", "2025-01-01", "19.75", "uncertain"),
    ],
)
def test_minimum_wages_are_those_of_the_reference(rule_id, starts, hourly, certainty):
    params, found_certainty = _versions(rule_id)[starts]
    assert Decimal(params["hourly"]) == Decimal(hourly)
    assert found_certainty == certainty


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
