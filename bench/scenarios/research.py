"""Research: an extract of 100,000 consenting workers × 10 seasons, made in ≤ 60 s.

`prepare()` loads the workers and their seasons in two `INSERT … SELECT` statements (a
recursive CTE on SQLite, generate_series on PostgreSQL): 100,000 × 10 in a full run, 1,000 × 10
in a smoke run so that CI stays fast. It then builds one extract with every variable but the
courses (the product's own `extract_build`, two streamed passes) and times it; the check fails
the run when the build took more than 60 s or the extract is not k-anonymous (k ≥ 10). The
measured requests download the extract through its link.
"""

from __future__ import annotations

import os
import resource
import time
from typing import Any

from bench.api import Budget, Request, Scenario

FULL_WORKERS = 100_000
SMOKE_WORKERS = 1_000
SEASONS = 10
BUILD_BUDGET_S = 60.0
VARIABLES = [
    "country",
    "region",
    "gender",
    "age_band",
    "province",
    "occupation_group",
    "employer_change",
    "occupation_change",
    "province_change",
    "season_weeks",
    "marginalised_group",
]


def _case(expression: str, values: list[str]) -> str:
    """SQL picking values[expression % len(values)] (modulo doubled: sent with parameters)."""
    whens = " ".join(f"WHEN {i} THEN '{v}'" for i, v in enumerate(values))
    return f"(CASE ({expression}) %% {len(values)} {whens} END)"


def _series(vendor: str) -> tuple[str, str]:
    """(prefix, source) producing rows n = 1..%s."""
    if vendor == "postgresql":
        return "", "generate_series(1, %s) AS g(n)"
    return "WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < %s) ", "g"


def _load(workers: int) -> float:
    """Insert the workers (consenting) and their seasons; returns the seconds it took."""
    from django.db import connection

    started = time.perf_counter()
    vendor = connection.vendor
    prefix, source = _series(vendor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT COALESCE(MAX(id), 0) FROM learning_workerprofile")
        base = int(cursor.fetchone()[0])
        now = "now()" if vendor == "postgresql" else "datetime('now')"
        truth = "true" if vendor == "postgresql" else "1"
        profiles = (
            "INSERT INTO learning_workerprofile (id, display_name, contact_hash, "
            "claim_code_hash, home_country, home_state, home_municipality, gender, "
            "marginalised_group, birth_year, research_consent, created_at) "
            f"{prefix}SELECT %s + n, 'Bench worker ' || n, '', '', "
            f"{_case('n * 7', ['MX', 'MX', 'MX', 'GT', 'JM', 'HN', 'TT', 'PH'])}, "
            f"{_case('n / 3', ['Oaxaca', 'Puebla', 'Michoacán', 'Jalisco', 'Guerrero', ''])}, '', "
            f"{_case('n / 5', ['woman', 'man', 'man', 'non-binary', ''])}, "
            f"{_case('n / 11', ['', '', 'indigenous', 'disability', 'none', '2slgbtqi'])}, "
            f"1960 + (n * 13) %% 45, {truth}, {now} FROM {source}"
        )
        if prefix:
            cursor.execute(profiles, [workers, base])
        else:
            cursor.execute(profiles, [base, workers])
        if vendor == "postgresql":
            started_on = (
                "('2016-04-01'::date + make_interval(years => (n %% 10)::int, "
                "days => (n %% 53)::int))::date"
            )
            ended_on = f"({started_on} + ((6 + n %% 30) * 7))"
        else:
            started_on = (
                "date('2016-04-01', '+' || (n %% 10) || ' years', '+' || (n %% 53) || ' days')"
            )
            ended_on = f"date({started_on}, '+' || ((6 + n %% 30) * 7) || ' days')"
        seasons = (
            "INSERT INTO learning_season (profile_id, employer_name, province, program, "
            "occupation, started_on, ended_on) "
            f"{prefix}SELECT %s + 1 + (n - 1) / {SEASONS}, 'Farm ' || ((n * 31) %% 200), "
            f"{_case('n * 3 + n / 10', ['BC', 'ON', 'ON', 'QC', 'AB', 'NS', 'MB'])}, 'sawp-mx', "
            f"{_case('n / 10 + n / 7', ['85101', '85103', '85100', '84120', '82030', ''])}, "
            f"{started_on}, {ended_on} FROM {source}"
        )
        if prefix:
            cursor.execute(seasons, [workers * SEASONS, base])
        else:
            cursor.execute(seasons, [base, workers * SEASONS])
        if vendor == "postgresql":
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('learning_workerprofile', 'id'), "
                "(SELECT MAX(id) FROM learning_workerprofile))"
            )
    return time.perf_counter() - started


def prepare() -> dict[str, Any]:
    from juntos.accounts.selectors import user_by_identifier
    from juntos.research import services

    workers = SMOKE_WORKERS if os.environ.get("JUNTOS_BENCH_SMOKE") else FULL_WORKERS
    seconds = _load(workers)
    print(f"loaded {workers:,} workers × {SEASONS} seasons in {seconds:.1f}s", flush=True)
    ben = user_by_identifier("ben@mwsn.example.org")
    assert ben is not None
    import datetime as dt

    project = services.project_approve(
        actor=ben,
        title="Bench: job mobility",
        purpose="Benchmark of the extract.",
        ethics_reference="BENCH-1",
        expires_on=dt.date.today() + dt.timedelta(days=30),
        variables=VARIABLES,
    )
    extract = services.extract_request(actor=ben, project=project)
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    extract = services.extract_build(extract_id=extract.pk)
    build = time.perf_counter() - started
    memory_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        f"extract of {extract.workers:,} workers, {extract.rows + extract.suppressed_rows:,} "
        f"seasons in {build:.1f}s: {extract.rows:,} rows released, {extract.suppressed_rows:,} "
        f"left out, k = {extract.smallest_class}, l = {extract.diversity}, levels "
        f"{extract.levels}; peak memory {memory_before / 1024:.0f} → {memory_after / 1024:.0f} MB",
        flush=True,
    )
    link = services.link_issue(actor=ben, extract=extract)
    return {
        "build_seconds": build,
        "workers": extract.workers,
        "k": extract.smallest_class,
        "path": f"/en/research/download/{services.link_token(link)}/",
    }


def _built_in_time(outcome: Any, state: dict[str, Any]) -> list[str]:
    problems = []
    if state["build_seconds"] > BUILD_BUDGET_S:
        problems.append(
            f"the extract of {state['workers']:,} workers took {state['build_seconds']:.1f}s "
            f"(budget {BUILD_BUDGET_S:.0f}s)"
        )
    if state["k"] < 10:
        problems.append(f"the extract's smallest class has {state['k']} rows (k < 10)")
    return problems


def _download(i: int, state: dict[str, Any]) -> Request:
    return Request(state["path"])


SCENARIOS = [
    Scenario(
        "research.extract",
        request=_download,
        count=10,
        concurrency=2,
        budget=Budget(max_seconds=120),
        check=_built_in_time,
    ),
]
