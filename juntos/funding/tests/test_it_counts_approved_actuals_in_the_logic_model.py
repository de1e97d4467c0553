"""A grantee report's actuals count in the logic model once the coordinator approves them;
the organisations an award funds for the first time are counted; an organisation's dashboard
lists its grants."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from importlib import import_module
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from juntos.core.services import reported_figures_record
from juntos.funding import services
from juntos.funding.models import Project
from juntos.funding.tests.factories import (
    fraser,
    make_application,
    make_call,
    organisation_with_staff,
)
from juntos.monitoring.models import Fact, Indicator, MonthTotal, ReportedValue
from juntos.monitoring.selectors import dashboard_indicators, recent_quarters
from juntos.monitoring.services import reported_value_decide, reported_value_enter
from juntos.testing.queries import assert_queries_do_not_grow

FIGURES = {
    "total": 30,
    "gender:woman": 18,
    "gender:man": 9,
    "gender:undisclosed": 3,
    "group:indigenous": 6,
}


def _quarter() -> Any:
    return recent_quarters(timezone.localdate())[-1]


def _award(personas: Any, partner: Any, **call: Any) -> Project:
    application = make_application(personas, make_call(personas, **call), partner, submitted=True)
    start = _quarter().start
    return services.award_make(
        actor=personas.ben,
        application=application,
        amount=Decimal("20000.00"),
        starts_on=start,
        ends_on=start + dt.timedelta(days=364),
        milestones=[],
    )


def _file_first(personas: Any, project: Project, figures: dict[str, int] = FIGURES) -> Any:
    first = project.reports.order_by("period_start").first()
    assert first is not None
    actuals = {i.pk: figures for i in project.application.call.indicators.all()}
    services.report_file(actor=personas.amina, report=first, narrative="Q1", actuals=actuals)
    return first


def _workers_reached() -> Any:
    [result] = [
        r.results[-1]
        for r in dashboard_indicators(language="en", today=timezone.localdate(), public_only=False)
        if r.indicator.slug == "workers-reached"
    ]
    return result


def test_actuals_count_only_once_the_report_is_approved(personas: Any, partner: Any) -> None:
    project = _award(personas, partner)
    first = _file_first(personas, project)
    assert not ReportedValue.objects.exists()
    assert _workers_reached().actual == 0
    services.report_approve(actor=personas.ben, report=first)
    values = {
        (v.dimension, v.dimension_value): v.value
        for v in ReportedValue.objects.filter(source=f"funding.report:{first.pk}")
    }
    assert values == {
        ("", ""): 30,
        ("gender", "woman"): 18,
        ("gender", "man"): 9,
        ("gender", "undisclosed"): 3,
        ("marginalised_group", "indigenous"): 6,
    }
    assert set(ReportedValue.objects.values_list("status", "organisation_id", "period")) == {
        ("approved", fraser(personas).pk, _quarter().label)
    }
    assert _workers_reached().actual == 30  # a multiple of the rounding base stays as it is


def test_the_organisations_own_figures_add_to_its_grants(personas: Any, partner: Any) -> None:
    project = _award(personas, partner)
    services.report_approve(actor=personas.ben, report=_file_first(personas, project))
    own = reported_value_enter(
        actor=personas.amina,
        indicator=Indicator.objects.get(slug="workers-reached"),
        organisation_id=fraser(personas).pk,
        period=_quarter().label,
        value=9,
    )
    reported_value_decide(actor=personas.ben, reported=own, approve=True)
    assert _workers_reached().actual == 39
    # entering its own figure again replaces its own, never the grant's
    reported_value_enter(
        actor=personas.amina,
        indicator=Indicator.objects.get(slug="workers-reached"),
        organisation_id=fraser(personas).pk,
        period=_quarter().label,
        value=12,
    )
    assert ReportedValue.objects.filter(source__startswith="funding.report:").count() == 5


def test_a_counted_or_unknown_indicator_linked_by_a_call_is_left_to_the_platform(
    personas: Any, partner: Any
) -> None:
    project = _award(
        personas,
        partner,
        indicators=[
            ("workers-reached", "Workers reached"),
            ("reports-received", "Reports received"),
            ("not-in-the-model", "Something else"),
        ],
    )
    services.report_approve(actor=personas.ben, report=_file_first(personas, project))
    slugs = set(ReportedValue.objects.values_list("indicator__slug", flat=True))
    assert slugs == {"workers-reached"}


def test_only_a_coordinator_or_the_system_hands_figures_over(personas: Any) -> None:
    figures = [{"indicator": "workers-reached", "dimension": "", "value_key": "", "value": 5}]
    for outsider in (personas.amina, personas.dana, personas.carl):
        with pytest.raises(PermissionDenied):
            reported_figures_record(
                actor=outsider,
                source="funding.report:1",
                organisation_id=fraser(personas).pk,
                period_start=_quarter().start,
                figures=figures,  # type: ignore[arg-type]
            )
    assert not ReportedValue.objects.exists()


def test_an_organisation_is_counted_as_funded_once(personas: Any, partner: Any) -> None:
    _award(personas, partner)
    _award(personas, partner)  # the same lead and partner again
    newcomer = organisation_with_staff(
        "valle-newcomers", "Valle Newcomers", "valle@example.org", province="ON"
    )
    _award(personas, newcomer)
    facts = {
        (f.province, f.category): f.count
        for f in Fact.objects.filter(kind="funding.organisation-funded")
    }
    assert facts == {("BC", "support-nonprofit"): 2, ("ON", "support-nonprofit"): 1}
    assert Indicator.objects.get(slug="organisations-funded").kind == "funding.organisation-funded"


def test_an_organisations_dashboard_lists_its_grants(
    personas: Any, partner: Any, client_as: Any
) -> None:
    project = _award(personas, partner)
    services.report_approve(actor=personas.ben, report=_file_first(personas, project))
    own = client_as("amina").get("/en/monitoring/organisations/fraser-valley-support/")
    body = own.content.decode()
    assert own.status_code == 200
    assert "Housing inspections with workers" in body and "20000.00 CAD" in body
    assert "1 approved, 0 waiting for approval, 3 to file" in body
    assert f'href="/en/funding/projects/{project.pk}/"' in body
    assert "from an approved grant report" in body
    coordinator = client_as("ben").get("/en/monitoring/organisations/fraser-valley-support/")
    assert f'href="/en/funding/projects/{project.pk}/"' in coordinator.content.decode()
    slug = partner.organisation.slug
    partner_page = client_as("ben").get(f"/en/monitoring/organisations/{slug}/")
    assert "Housing inspections with workers" in partner_page.content.decode()
    assert "partner" in partner_page.content.decode()
    outsider = client_as("dana").get("/en/monitoring/organisations/fraser-valley-support/")
    assert outsider.status_code == 404


def test_an_organisations_grants_take_the_same_queries_however_many(
    personas: Any, partner: Any, client_as: Any
) -> None:
    call = make_call(personas)
    start = _quarter().start

    def add(n: int) -> None:
        for _ in range(n):
            application = make_application(personas, call, partner, submitted=True)
            services.award_make(
                actor=personas.ben,
                application=application,
                amount=Decimal("1000.00"),
                starts_on=start,
                ends_on=start + dt.timedelta(days=180),
                milestones=[],
            )

    amina = client_as("amina")
    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: amina.get("/en/monitoring/organisations/fraser-valley-support/"),
        limit=16,
    )


def test_grants_made_before_the_hand_over_are_carried_over_once(
    personas: Any, partner: Any
) -> None:
    from django.apps import apps

    carry_over = import_module("juntos.monitoring.migrations.0011_carry_over_grants")
    project = _award(personas, partner)
    first = _file_first(personas, project)
    services.report_approve(actor=personas.ben, report=first)
    expected_values = sorted(ReportedValue.objects.values_list("dimension", "value"))
    expected_facts = sorted(
        Fact.objects.filter(kind="funding.organisation-funded").values_list(
            "month", "dimension_key", "count"
        )
    )
    ReportedValue.objects.all().delete()  # as it was before the hand-over existed
    Fact.objects.filter(kind="funding.organisation-funded").delete()
    MonthTotal.objects.filter(kind="funding.organisation-funded").delete()
    for _ in range(2):  # the second run finds everything there and writes nothing
        carry_over.forwards(apps, None)
    assert sorted(ReportedValue.objects.values_list("dimension", "value")) == expected_values
    facts = Fact.objects.filter(kind="funding.organisation-funded")
    assert sorted(facts.values_list("month", "dimension_key", "count")) == expected_facts
    assert MonthTotal.objects.get(kind="funding.organisation-funded").count == 2
