"""The baseline and the core pages: the home page (en) and the login page."""

from __future__ import annotations

from bench.api import Budget, Scenario

# Full runs on the shared 2-core machine measured home 1.7-3.6x and login 2.2-4.5x hello (p50),
# p95 under 45 ms; the budgets leave room for a noisy neighbour, not for a regression of 2x.
SCENARIOS = [
    Scenario("hello", path="/bench/hello", count=600, is_baseline=True, concurrency=4, wrk=True),
    Scenario("core.home", path="/en/", count=400, budget=Budget(max_ratio=8.0, p95_ms=250)),
    Scenario("core.login", path="/en/login/", count=400, budget=Budget(max_ratio=8.0, p95_ms=250)),
]
