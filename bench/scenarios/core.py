"""The baseline and the core pages: the home page (en) and the login page."""

from __future__ import annotations

from bench.api import Budget, Scenario

SCENARIOS = [
    Scenario("hello", path="/bench/hello", count=600, is_baseline=True, concurrency=4),
    Scenario("core.home", path="/en/", count=400, budget=Budget(max_ratio=6.0, p95_ms=250)),
    Scenario("core.login", path="/en/login/", count=400, budget=Budget(max_ratio=6.0, p95_ms=250)),
]
