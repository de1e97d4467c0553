"""Awarded grants reach the open data (360Giving, listed in monitoring's data package) and
the ledger gets coarse facts: calls, applications, awards and amounts, never a person."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from django.test import Client
from django.utils import timezone

from juntos.funding import services
from juntos.funding.tests.factories import make_application, make_call
from juntos.funding.tests.giving_schema import giving_errors
from juntos.monitoring.models import Fact


def _award(personas: Any, partner: Any) -> Any:
    application = make_application(personas, make_call(personas), partner, submitted=True)
    today = timezone.localdate()
    return services.award_make(
        actor=personas.ben,
        application=application,
        amount=Decimal("18500.50"),
        starts_on=today,
        ends_on=today + dt.timedelta(days=365),
        milestones=[],
    )


def test_the_360giving_file_validates_and_the_check_can_fail(personas: Any, partner: Any) -> None:
    project = _award(personas, partner)
    package = json.loads(Client().get("/api/funding/360giving.json").content)
    assert giving_errors(package) == []
    grant = package["grants"][0]
    assert grant["amountAwarded"] == 18500.5 and grant["currency"] == "CAD"
    assert grant["recipientOrganization"][0]["name"] == "Fraser Valley Migrant Worker Support"
    assert grant["id"].endswith(f"-{project.pk}")
    broken = {**package, "grants": [{**grant, "currency": "pesos", "awardDate": "01/12/2026"}]}
    assert len(giving_errors(broken)) == 2
    assert giving_errors({"grants": []})  # the standard wants at least one grant


def test_the_data_package_lists_the_grants_once_there_are_some(personas: Any, partner: Any) -> None:
    def names() -> list[str]:
        package = Client().get("/api/monitoring/datapackage.json?year=2026").json()
        return [r["name"] for r in package["resources"]]

    assert "funding-grants-360giving" not in names()
    _award(personas, partner)
    assert "funding-grants-360giving" in names()


def test_the_ledger_counts_calls_applications_awards_and_amounts(
    personas: Any, partner: Any
) -> None:
    _award(personas, partner)
    facts = {
        (f.kind, f.province, f.category): f.count
        for f in Fact.objects.filter(kind__startswith="funding.")
    }
    assert facts == {
        ("funding.call-opened", "", "CAD"): 1,
        ("funding.application-submitted", "BC", "support-nonprofit"): 1,
        ("funding.award", "BC", "support-nonprofit"): 1,
        ("funding.amount-awarded", "BC", "CAD"): 18500,
        # the lead and its confirmed partner, each funded for the first time
        ("funding.organisation-funded", "BC", "support-nonprofit"): 2,
    }
