"""Monitoring: the public dashboard over a large fact ledger, and the stored open-data files.

A full run on PostgreSQL loads 5 million facts (one SQL statement over generate_series), on
SQLite 500,000 (a recursive CTE); a smoke run 20,000 whatever the database, so that CI stays
fast. The facts spread over the 60 months up to the current one, the twelve public kinds and a
few values of each dimension, as years of a busy network's cells would.
"""

from __future__ import annotations

import os
import time
from typing import Any

from bench.api import Budget, Scenario

FULL_POSTGRES = 5_000_000
FULL_SQLITE = 500_000
SMOKE = 20_000
MONTHS = 60
PAGE_LIMIT = 100 * 1024
DASHBOARD_QUERIES = 5


def _case(expression: str, values: list[str]) -> str:
    """SQL picking values[expression % len(values)], portable to SQLite and PostgreSQL."""
    whens = " ".join(f"WHEN {i} THEN '{v}'" for i, v in enumerate(values))
    return f"(CASE ({expression}) %% {len(values)} {whens} END)"


def _facts_load(total: int) -> float:
    """Insert `total` distinct fact cells in one statement; returns the seconds it took.

    The SQL doubles each modulo sign: it is sent with parameters, in the pyformat style.
    """
    from django.db import connection
    from django.utils import timezone

    from juntos.monitoring.selectors import PUBLIC_KINDS

    this_month = timezone.localdate().replace(day=1)
    kinds = _case("n", list(PUBLIC_KINDS))
    province = _case("n / 12", ["BC", "ON", "QC", "AB", "MB", "NS", "SK", "NB"])
    gender = _case("n / 7", ["woman", "man", "non-binary", ""])
    category = _case("n / 5", ["wages", "housing", "safety", "contract", "health", ""])
    program = _case("n / 3", ["sawp", "low-wage", "high-wage", "ag-stream"])
    columns = (
        "kind, month, province, program, sector, gender, country_of_origin, language, "
        "category, outcome, marginalised_group, organisation_id, dimension_key, count"
    )
    if connection.vendor == "postgresql":
        month = f"(%s::date - make_interval(months => ((n / 12) %% {MONTHS})::int))::date"
        source = "generate_series(1, %s) AS g(n)"
        key = "'bench|' || n"
        prefix = ""
    else:
        month = f"date(%s, '-' || ((n / 12) %% {MONTHS}) || ' months')"
        source = "g"
        key = "'bench|' || n"
        prefix = "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < %s) "
    select = (
        f"SELECT {kinds}, {month}, {province}, {program}, '', {gender}, 'MX', 'es', "
        f"{category}, '', '', NULL, {key}, 1 + n %% 7 FROM {source}"
    )
    if prefix:
        sql = f"INSERT INTO monitoring_fact ({columns}) {prefix}{select}"
        params: list[Any] = [total, this_month.isoformat()]
    else:
        sql = f"INSERT INTO monitoring_fact ({columns}) {select}"
        params = [this_month.isoformat(), total]
    totals = (
        "DELETE FROM monitoring_monthtotal",
        "INSERT INTO monitoring_monthtotal (kind, month, count) "
        "SELECT kind, month, SUM(count) FROM monitoring_fact GROUP BY kind, month",
    )  # what fact_record keeps up to date event by event
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute(sql, params)
            for statement in totals:
                cursor.execute(statement)
            return time.perf_counter() - started
        # Building the indexes once after the load is many times faster than keeping them up
        # to date over 5 million inserts.
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'monitoring_fact' "
            "AND indexname NOT IN ('monitoring_fact_pkey', 'fact_unique_cell')"
        )
        indexes = cursor.fetchall()
        cursor.execute("ALTER TABLE monitoring_fact DROP CONSTRAINT fact_unique_cell")
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute(sql, params)
        cursor.execute(
            "ALTER TABLE monitoring_fact ADD CONSTRAINT fact_unique_cell "
            "UNIQUE (kind, month, dimension_key)"
        )
        for _name, definition in indexes:
            cursor.execute(definition)
        for statement in totals:
            cursor.execute(statement)
    return time.perf_counter() - started


def prepare() -> dict[str, Any]:
    from django.db import connection
    from django.utils import timezone

    from juntos.monitoring.models import Fact
    from juntos.monitoring.opendata import open_data_regenerate

    if os.environ.get("JUNTOS_BENCH_SMOKE"):
        total = SMOKE
    else:
        total = FULL_POSTGRES if connection.vendor == "postgresql" else FULL_SQLITE
    seconds = _facts_load(total)
    print(f"loaded {total:,} facts in {seconds:.1f}s", flush=True)
    started = time.perf_counter()
    open_data_regenerate()
    print(f"generated the open-data files in {time.perf_counter() - started:.1f}s", flush=True)
    return {"facts": Fact.objects.count(), "year": timezone.localdate().year}


def _dashboard_fits(outcome: Any, state: dict[str, Any]) -> list[str]:
    """The page's size and query count, measured in process against the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    problems = []
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/es/monitoring/", HTTP_HOST="127.0.0.1")
    if response.status_code != 200:
        return [f"the dashboard answered {response.status_code}"]
    if len(response.content) > PAGE_LIMIT:
        problems.append(f"the dashboard is {len(response.content):,} bytes (over 100 KB)")
    if len(queries.captured_queries) > DASHBOARD_QUERIES:
        problems.append(f"the dashboard took {len(queries.captured_queries)} queries")
    print(
        f"dashboard over {state['facts']:,} facts: {len(response.content):,} bytes, "
        f"{len(queries.captured_queries)} queries",
        flush=True,
    )
    return problems


def _year_path(template: str) -> Any:
    from bench.api import Request

    def request(i: int, state: dict[str, Any]) -> Request:
        return Request(template.format(year=state["year"]))

    return request


SCENARIOS = [
    Scenario(
        "monitoring.dashboard",
        path="/es/monitoring/",
        count=200,
        concurrency=4,
        budget=Budget(p95_ms=300, max_seconds=120),
        check=_dashboard_fits,
    ),
    Scenario(
        "monitoring.datapackage",
        request=_year_path("/api/monitoring/datapackage.json?year={year}"),
        count=400,
        budget=Budget(max_ratio=1.5),
    ),
    Scenario(
        "monitoring.csv",
        request=_year_path("/api/monitoring/tables/reports.received/csv?period={year}&by=province"),
        count=400,
        budget=Budget(max_ratio=1.5),
    ),
]
