"""Funding: the call page, the application form and the 360Giving export, over 500 grants.

Budget (issue 19): the call page and the application form stay within the harness budgets,
100 KB and no JavaScript, whatever the number of grants and applications (checked in process
after the load, with a ceiling on their query counts). The 360Giving file of
every awarded grant must stay valid against the standard's schema at that size. The issue sets
no latency budget for these; the run reports their figures. `prepare()` adds 500 awarded
projects (20 in a smoke run) to the demo's call, each with its budget and quarterly reports.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from decimal import Decimal
from typing import Any

from bench.api import Budget, Request, Scenario, login_sessions

GRANTS = 500
SMOKE_GRANTS = 20
PAGE_LIMIT = 100 * 1024
PAGE_QUERIES = 40  # a ceiling for the pages' own queries (session, menus, the call)
AMINA = "amina@fraservalley.example.org"  # the demo's caseworker at the lead organisation


def prepare() -> dict[str, Any]:
    from juntos.accounts.selectors import user_by_identifier
    from juntos.funding.models import Application
    from juntos.funding.selectors import calls_listed
    from juntos.testing.personas import logged_in_client

    call = calls_listed().first()
    if call is None:
        raise RuntimeError("the demo seeded no funding call")
    demo = Application.objects.filter(call=call).order_by("id").first()
    if demo is None:
        raise RuntimeError("the demo seeded no application")
    count = SMOKE_GRANTS if os.environ.get("JUNTOS_BENCH_SMOKE") else GRANTS
    _grants(call, demo, count)
    amina = user_by_identifier(AMINA)
    logged_in_client(amina)  # gives her a confirmed second factor, as staff have
    return {
        "call": call.pk,
        "application": demo.pk,
        "amina": login_sessions([amina])[0],
        "grants": count,
    }


def _grants(call: Any, demo: Any, count: int) -> None:
    """Awarded projects like the demo's, written in bulk (the services are measured elsewhere)."""
    from juntos.funding.choices import ApplicationStatus
    from juntos.funding.models import Application, BudgetLine, Project, Report
    from juntos.funding.services import quarterly_schedule

    today = dt.date.today()
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            lead_organisation_id=demo.lead_organisation_id,
            title=f"Bench project {n}",
            summary="Housing visits with workers on farms.",
            language="en",
            lead_share=Decimal("20000.00"),
            status=ApplicationStatus.AWARDED,
            created_by_id=demo.created_by_id,
        )
        for n in range(count)
    )
    BudgetLine.objects.bulk_create(
        BudgetLine(
            application=a,
            category=category,
            description=category,
            amount=Decimal("10000.00"),
            currency=call.currency,
            amount_in_call_currency=Decimal("10000.00"),
        )
        for a in applications
        for category in ("staff", "activities")
    )
    projects = Project.objects.bulk_create(
        Project(
            application=a,
            amount=Decimal("18000.00"),
            currency=call.currency,
            awarded_on=today,
            starts_on=today,
            ends_on=today + dt.timedelta(days=364),
        )
        for a in applications
    )
    Report.objects.bulk_create(
        Report(project=p, period_start=s, period_end=e, due_on=d)
        for p in projects
        for s, e, d in quarterly_schedule(p.starts_on, p.ends_on)
    )


def _call_page(i: int, state: Any) -> Request:
    return Request(f"/es/funding/calls/{state['call']}/")


def _application_form(i: int, state: Any) -> Request:
    return Request(f"/es/funding/applications/{state['application']}/", session=state["amina"])


def _page_fits(path: str, *, signed_in: bool) -> list[str]:
    """Size, no script, and the page's query count, measured in process after the load."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from juntos.accounts.selectors import user_by_identifier
    from juntos.testing.personas import logged_in_client

    client = logged_in_client(user_by_identifier(AMINA)) if signed_in else Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path, HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        return [f"{path} answered {response.status_code}"]
    problems = []
    if len(response.content) > PAGE_LIMIT:
        problems.append(f"{path} is {len(response.content):,} bytes (over 100 KB)")
    if b"<script" in response.content:
        problems.append(f"{path} carries a script")
    if len(queries.captured_queries) > PAGE_QUERIES:
        problems.append(f"{path} took {len(queries.captured_queries)} queries")
    print(
        f"{path}: {len(response.content):,} bytes, {len(queries.captured_queries)} queries",
        flush=True,
    )
    return problems


def _call_fits(outcome: Any, state: dict[str, Any]) -> list[str]:
    return _page_fits(f"/es/funding/calls/{state['call']}/", signed_in=False)


def _form_fits(outcome: Any, state: dict[str, Any]) -> list[str]:
    return _page_fits(f"/es/funding/applications/{state['application']}/", signed_in=True)


def _giving_valid(outcome: Any, state: dict[str, Any]) -> list[str]:
    """The export of every grant still validates against the 360Giving schema."""
    from django.test import Client

    from juntos.funding.tests.giving_schema import giving_errors

    response = Client(HTTP_HOST="127.0.0.1").get("/api/funding/360giving.json")
    if response.status_code != 200:
        return [f"the 360Giving file answered {response.status_code}"]
    package = json.loads(response.content)
    problems = [f"360Giving: {error}" for error in giving_errors(package)[:5]]
    if len(package["grants"]) < state["grants"]:
        problems.append(f"the 360Giving file has {len(package['grants'])} grants")
    print(
        f"360Giving file: {len(package['grants'])} grants, {len(response.content):,} bytes",
        flush=True,
    )
    return problems


SCENARIOS = [
    Scenario("funding.call", request=_call_page, count=300, budget=Budget(), check=_call_fits),
    Scenario(
        "funding.application_form",
        request=_application_form,
        count=300,
        budget=Budget(),
        check=_form_fits,
    ),
    Scenario(
        "funding.360giving",
        path="/api/funding/360giving.json",
        count=60,
        concurrency=2,
        budget=Budget(max_seconds=120),
        check=_giving_valid,
    ),
]
