"""Factories for rules, versions, kept results and engine documents."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory

from juntos.compliance.documents import Document
from juntos.compliance.models import Rule, RuleExplanation, RuleVersion, SavedCheck


class RuleFactory(factory.django.DjangoModelFactory[Rule]):
    class Meta:
        model = Rule

    rule_id = factory.Sequence(lambda n: f"TEST-RULE-{n}")
    kind = "minimum-wage"
    jurisdiction = "BC"
    programs: list[str] = []


class RuleVersionFactory(factory.django.DjangoModelFactory[RuleVersion]):
    class Meta:
        model = RuleVersion

    rule = factory.SubFactory(RuleFactory)
    effective_from = dt.date(2025, 1, 1)
    params = factory.LazyFunction(lambda: {"hourly": "17.85"})
    certainty = "confirmed"
    source_url = "https://example.org/source"
    source_title = "A source"


class RuleExplanationFactory(factory.django.DjangoModelFactory[RuleExplanation]):
    class Meta:
        model = RuleExplanation

    version = factory.SubFactory(RuleVersionFactory)
    language = "en"
    title = "A rule"
    worker_text = "What the rule means for workers."
    employer_text = "What the rule means for employers."


def explained_rule(**rule_fields: Any) -> Rule:
    """A rule with one version worded in the three languages."""
    rule = RuleFactory.create(**rule_fields)
    version = RuleVersionFactory.create(rule=rule)
    for language in ("en", "es", "fr"):
        RuleExplanationFactory(
            version=version, language=language, title=f"{rule.rule_id} {language}"
        )
    return rule


class SavedCheckFactory(factory.django.DjangoModelFactory[SavedCheck]):
    class Meta:
        model = SavedCheck

    kind = "payslip"
    saved_on = factory.LazyFunction(dt.date.today)
    language = "es"
    province = "BC"
    program = "sawp-mx"
    facts = factory.LazyFunction(lambda: {"province": "BC"})
    findings = factory.LazyFunction(list)


def pay_slip(**changes: Any) -> Document:
    """A BC SAWP pay slip that breaks no rule, changed as asked."""
    values: dict[str, Any] = {
        "kind": "payslip",
        "province": "BC",
        "program": "sawp-mx",
        "start_date": dt.date(2025, 7, 1),
        "end_date": dt.date(2025, 7, 14),
        "hourly_rate": _d("18.00"),
        "program_rate": _d("17.90"),
        "hours_worked": _d("96"),
        "working_days": 12,
        "gross_pay": _d("1728.00"),
        "deductions": {},
    }
    values.update(changes)
    return Document(**values)


def contract(**changes: Any) -> Document:
    """A BC SAWP contract that breaks no rule, changed as asked."""
    values: dict[str, Any] = {
        "kind": "contract",
        "province": "BC",
        "program": "sawp-mx",
        "start_date": dt.date(2025, 5, 1),
        "end_date": dt.date(2025, 10, 31),
        "hourly_rate": _d("18.00"),
        "program_rate": _d("17.90"),
        "guaranteed_weekly_hours": _d("40"),
        "signed_on": dt.date(2025, 4, 15),
        "deductions": {},
    }
    values.update(changes)
    return Document(**values)


def _d(value: str) -> Any:
    from decimal import Decimal

    return Decimal(value)
