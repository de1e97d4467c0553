"""Ratios, targets per group, and the coordinators' and organisations' own dashboards."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from juntos.accounts.models import Organisation
from juntos.monitoring.models import Indicator, ReportedValue, Target
from juntos.monitoring.selectors import (
    dashboard_indicators,
    published_table,
    ratio_percent,
    recent_quarters,
)
from juntos.monitoring.services import fact_record, reported_value_enter, target_set
from juntos.testing.queries import assert_max_queries, assert_queries_do_not_grow

pytestmark = pytest.mark.django_db


def _quarter():
    return recent_quarters(timezone.localdate())[-1]


def _result(slug: str):
    [result] = [
        r.results[-1]
        for r in dashboard_indicators(language="en", today=timezone.localdate())
        if r.indicator.slug == slug
    ]
    return result


def test_a_ratio_divides_the_two_published_figures(settings):
    quarter = _quarter()
    fact_record(kind="reports.received", month=quarter.start, count=40)
    fact_record(kind="reports.inspectorate_referral", month=quarter.start, count=10)
    result = _result("share-referred")
    received = published_table("reports.received", period=quarter.label).figures[-1].count
    referred = published_table("reports.inspectorate_referral", period=quarter.label)
    assert result.denominator == received
    assert result.numerator == referred.figures[-1].count
    assert result.actual == ratio_percent(result.numerator, received)


def test_a_ratio_with_a_hidden_part_is_hidden():
    quarter = _quarter()
    fact_record(kind="reports.received", month=quarter.start, count=40)
    fact_record(kind="reports.inspectorate_referral", month=quarter.start, count=3)
    result = _result("share-referred")
    assert result.numerator is None and result.actual is None
    body = Client().get("/en/monitoring/").content.decode()
    assert "not shown: a part is hidden or zero" in body


def test_the_dashboard_shows_the_logic_models_levels_in_order():
    body = Client().get("/es/monitoring/").content.decode()
    positions = [
        body.index(f'<h2 class="level-heading">{name}</h2>')
        for name in ("Impacto", "Resultado", "Producto", "Actividad")
    ]
    assert positions == sorted(positions)


def test_a_target_per_group_is_shown_against_the_groups_published_cell(personas, settings):
    settings.JUNTOS_ROUNDING_BASE = 1
    quarter = _quarter()
    fact_record(kind="learning.completion", month=quarter.start, gender="woman", count=12)
    fact_record(kind="learning.completion", month=quarter.start, gender="man", count=2)
    indicator = Indicator.objects.get(slug="courses-completed")
    target_set(
        actor=personas.ben,
        indicator=indicator,
        period=quarter.label,
        value=20,
        dimension="gender",
        dimension_value="woman",
    )
    [group] = _result("courses-completed").groups
    table = published_table("learning.completion", period=quarter.label, group_by=["gender"])
    [cell] = [f for f in table.figures if f.dimensions == {"gender": "woman"}]
    assert (group.value, group.target, group.actual) == ("woman", 20, cell.count)
    # The man's cell (2) is hidden, so the woman's cell would give it away with the total:
    # both are hidden, on the dashboard as in the table.
    assert group.actual is None


def test_a_group_target_names_a_public_dimension_and_not_a_ratio(personas):
    from django.core.exceptions import ValidationError

    counted = Indicator.objects.get(slug="courses-completed")
    with pytest.raises(ValidationError):
        target_set(
            actor=personas.ben,
            indicator=counted,
            period="2026",
            value=1,
            dimension="organisation_id",
            dimension_value="3",
        )
    with pytest.raises(ValidationError):
        target_set(
            actor=personas.ben,
            indicator=Indicator.objects.get(slug="share-referred"),
            period="2026",
            value=1,
            dimension="gender",
            dimension_value="woman",
        )
    assert not Target.objects.filter(dimension__gt="").exists()


def test_the_dashboards_queries_do_not_grow_with_group_targets(personas):
    quarter = _quarter()
    indicator = Indicator.objects.get(slug="courses-completed")
    target_set(
        actor=personas.ben,
        indicator=indicator,
        period=quarter.label,
        value=5,
        dimension="gender",
        dimension_value="woman",
    )
    for group in ("man", "non-binary", "unstated"):
        Target.objects.create(
            indicator=indicator,
            period=quarter.label,
            dimension="gender",
            dimension_value=group,
            value=3,
        )
    with assert_max_queries(5):  # indicators, targets, totals, reported values, by gender
        assert Client().get("/en/monitoring/").status_code == 200


def _learning_fact(organisation: Organisation, count: int) -> None:
    fact_record(
        kind="learning.enrolment",
        month=_quarter().start,
        count=count,
        organisation_id=organisation.pk,
    )


def test_an_organisations_own_staff_see_its_exact_small_figures(personas, client_as):
    niagara = Organisation.objects.get(slug="niagara-workers-centre")
    _learning_fact(niagara, 2)
    own = client_as("dana").get("/en/monitoring/organisations/niagara-workers-centre/")
    assert own.status_code == 200
    assert "<td>2</td>" in own.content.decode()
    outside = client_as("ben").get("/en/monitoring/organisations/niagara-workers-centre/")
    assert outside.status_code == 200
    body = outside.content.decode()
    assert "<td>2</td>" not in body and "fewer than 5" in body
    for key in ("amina", "carl", "rosa", "ines"):
        page = client_as(key).get("/en/monitoring/organisations/niagara-workers-centre/")
        assert page.status_code == 404, key


def test_the_organisation_dashboard_takes_the_same_queries_however_much_it_reported(
    personas, client_as
):
    niagara = Organisation.objects.get(slug="niagara-workers-centre")
    indicator = Indicator.objects.get(slug="workers-reached")
    dana = client_as("dana")
    made = []

    def add(n: int) -> None:
        for _ in range(n):
            made.append(1)
            reported_value_enter(
                actor=personas.dana,
                indicator=indicator,
                organisation_id=niagara.pk,
                period=_quarter().label,
                value=10,
                dimension="gender",
                dimension_value=f"group-{len(made)}",
            )

    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: dana.get("/en/monitoring/organisations/niagara-workers-centre/"),
        limit=14,
    )


def test_the_staff_dashboard_takes_the_same_queries_however_many_values_wait(personas, client_as):
    niagara = Organisation.objects.get(slug="niagara-workers-centre")
    indicator = Indicator.objects.get(slug="workers-reached")
    ben = client_as("ben")

    def add(n: int) -> None:
        start = ReportedValue.objects.count()
        for index in range(n):
            ReportedValue.objects.create(
                indicator=indicator,
                organisation=niagara,
                period=_quarter().label,
                dimension="gender",
                dimension_value=f"group-{start + index}",
                value=10,
            )

    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: ben.get("/en/monitoring/staff/"), limit=16
    )


def test_the_staff_dashboard_is_for_coordinators_only(client_as):
    assert client_as("ben").get("/en/monitoring/staff/").status_code == 200
    for key in ("amina", "dana", "carl", "rosa", "ines"):
        assert client_as(key).get("/en/monitoring/staff/").status_code == 404, key
