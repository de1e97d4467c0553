"""Every list page and list endpoint runs the same number of queries for 2 rows as for 10."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from juntos.funding import services
from juntos.funding.tests.factories import adopted_recommendation, make_application, make_call
from juntos.testing.personas import logged_in_client
from juntos.testing.queries import assert_queries_do_not_grow


@pytest.fixture
def call(personas: Any) -> Any:
    return make_call(personas)


def _calls(personas: Any) -> Any:
    recommendation_id = adopted_recommendation(personas)
    return lambda n: [make_call(personas, recommendation_id=recommendation_id) for _ in range(n)]


def _applications(personas: Any, call: Any, partner: Any, *, submitted: bool = False) -> Any:
    return lambda n: [
        make_application(personas, call, partner, submitted=submitted) for _ in range(n)
    ]


def _projects(personas: Any, call: Any, partner: Any) -> Any:
    today = timezone.localdate()

    def add(n: int) -> None:
        for application in _applications(personas, call, partner, submitted=True)(n):
            project = services.award_make(
                actor=personas.ben,
                application=application,
                amount=Decimal("1000.00"),
                starts_on=today,
                ends_on=today + dt.timedelta(days=100),
                milestones=[],
            )
            report = project.reports.get(pk=project.reports.first().pk)  # type: ignore[union-attr]
            indicator = call.indicators.get()
            services.report_file(
                actor=personas.amina,
                report=report,
                narrative="Done.",
                actuals={indicator.pk: {"total": 2, "gender:man": 2}},
            )
            services.report_approve(actor=personas.ben, report=report)

    return add


def test_the_calls_page_and_endpoint(personas: Any, client: Any) -> None:
    add = _calls(personas)
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get(reverse("funding:index")), limit=6
    )
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get("/api/funding/calls"), limit=4
    )


def test_the_applications_page_and_endpoint(personas: Any, call: Any, partner: Any) -> None:
    amina = logged_in_client(personas.amina)
    add = _applications(personas, call, partner)
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: amina.get(reverse("funding:applications")), limit=12
    )
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: amina.get("/api/funding/applications"), limit=12
    )


def test_the_review_queue_page_and_endpoint(personas: Any, call: Any, partner: Any) -> None:
    services.reviewer_assign(actor=personas.ben, call=call, reviewer=personas.ines)
    ines = logged_in_client(personas.ines)
    add = _applications(personas, call, partner, submitted=True)
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: ines.get(reverse("funding:reviews")), limit=12
    )
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: ines.get("/api/funding/reviews"), limit=12
    )


def test_the_review_board(personas: Any, call: Any, partner: Any) -> None:
    ben = logged_in_client(personas.ben)
    assert_queries_do_not_grow(
        add_items=_applications(personas, call, partner, submitted=True),
        fetch=lambda: ben.get(reverse("funding:board", kwargs={"call_id": call.pk})),
        limit=16,
    )


def test_projects_grants_and_the_360giving_file(
    personas: Any, call: Any, partner: Any, client: Any
) -> None:
    ben = logged_in_client(personas.ben)
    add = _projects(personas, call, partner)
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: ben.get(reverse("funding:projects")), limit=14
    )
    assert_queries_do_not_grow(
        add_items=add, fetch=lambda: client.get(reverse("funding:grants")), limit=10
    )
    assert_queries_do_not_grow(
        add_items=add,
        fetch=lambda: client.get("/api/funding/360giving.json"),
        limit=10,
        rows=lambda response: len(response.json()["grants"]),
    )
