"""The public dashboard: indicators against targets, hidden small figures, coordinators' targets."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from juntos.core.models import AuditEntry
from juntos.monitoring.models import Indicator, Target
from juntos.monitoring.selectors import dashboard_indicators, published_table, recent_quarters
from juntos.monitoring.services import fact_record
from juntos.testing.queries import assert_max_queries

pytestmark = pytest.mark.django_db


def _current_quarter():
    return recent_quarters(timezone.localdate())[-1]


def test_the_recent_quarters_end_with_the_current_one():
    quarters = recent_quarters(dt.date(2026, 2, 10))
    assert [q.label for q in quarters] == ["2025-Q2", "2025-Q3", "2025-Q4", "2026-Q1"]


def test_a_visitor_sees_the_indicators_in_spanish_against_their_targets(settings):
    settings.JUNTOS_ROUNDING_BASE = 1
    quarter = _current_quarter()
    fact_record(kind="reports.inspectorate_referral", month=quarter.start, count=12)
    indicator = Indicator.objects.get(slug="reports-to-inspectors")
    Target.objects.create(indicator=indicator, period=quarter.label, value=15)
    page = Client().get("/es/monitoring/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "Denuncias enviadas a la inspección" in body
    assert "<svg" in body and "<desc" in body and "<table" in body
    assert f'<th scope="row">{quarter.label}</th>\n        <td>12</td>\n        <td>15</td>' in body
    assert "<script" not in body


def test_a_small_figure_is_never_shown_and_the_page_says_why(settings):
    quarter = _current_quarter()
    fact_record(kind="reports.inspectorate_referral", month=quarter.start, count=3)
    body = Client().get("/en/monitoring/").content.decode()
    assert "fewer than 5" in body
    [result] = [
        r.results[-1]
        for r in dashboard_indicators(language="en", today=timezone.localdate())
        if r.indicator.slug == "reports-to-inspectors"
    ]
    assert result.actual is None


def test_the_dashboard_agrees_with_the_published_table():
    quarter = _current_quarter()
    fact_record(kind="reports.received", month=quarter.start, province="BC", count=7)
    fact_record(kind="reports.received", month=quarter.start, province="ON", count=9)
    table = published_table("reports.received", period=quarter.label)
    [shown] = [
        r.results[-1].actual
        for r in dashboard_indicators(language="en", today=timezone.localdate())
        if r.indicator.kind == "reports.received"
    ]
    assert shown == table.figures[-1].count


def test_the_dashboard_takes_the_same_queries_however_many_indicators():
    # indicators, targets, ledger totals, reported values
    with assert_max_queries(4):
        Client().get("/en/monitoring/")
    for n in range(10):
        Indicator.objects.create(
            slug=f"extra-{n}", level="output", kind="reports.closed", title_en=f"Extra {n}"
        )
    with assert_max_queries(4) as context:
        page = Client().get("/en/monitoring/")
    assert page.content.decode().count('class="indicator"') >= 16
    assert len(context.captured_queries) <= 4


def test_a_missing_translation_is_shown_in_english_and_said(settings):
    Indicator.objects.create(
        slug="new-one",
        level="output",
        kind="reports.closed",
        title_en="Cases closed with an outcome",
        position=99,
    )
    body = Client().get("/fr/monitoring/").content.decode()
    assert 'lang="en">Cases closed with an outcome' in body
    assert "pas encore traduit" in body


def test_ben_edits_a_target_and_sees_it_move(client_as):
    quarter = _current_quarter()
    ben = client_as("ben")
    response = ben.post(
        "/en/monitoring/indicators/reports-to-inspectors/targets/",
        {"period": quarter.label, "value": "20"},
    )
    assert response.status_code == 302
    body = Client().get("/en/monitoring/").content.decode()
    assert "<td>20</td>" in body
    entry = AuditEntry.objects.filter(action="monitoring.target_set").get()
    assert entry.details["after"] == 20


@pytest.mark.parametrize("persona", ["amina", "carl", "dana", "rosa", "ines"])
def test_only_coordinators_set_targets(client_as, persona):
    response = client_as(persona).post(
        "/en/monitoring/indicators/reports-to-inspectors/targets/",
        {"period": "2026-Q4", "value": "20"},
    )
    assert response.status_code == 404
    assert not Target.objects.exists()


def test_anonymous_visitors_are_sent_to_log_in():
    response = Client().get("/en/monitoring/indicators/reports-to-inspectors/targets/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


@pytest.mark.parametrize(
    "period,value,message",
    [
        ("2026-07", "20", "Los objetivos se fijan por trimestre o por año."),
        ("Q3", "20", "Indica un periodo"),
        ("2026-Q3", "-4", "mayor o igual a 0"),
        ("2026-Q3", "veinte", "número entero"),
    ],
)
def test_a_bad_target_keeps_what_was_typed_and_says_why_in_spanish(
    client_as, period, value, message
):
    response = client_as("ben").post(
        "/es/monitoring/indicators/reports-to-inspectors/targets/",
        {"period": period, "value": value},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert f'value="{period}"' in body
    assert not Target.objects.exists()
