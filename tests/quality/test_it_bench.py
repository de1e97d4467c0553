"""The load benchmark's own parts: statistics, budgets, CSRF, sessions, loopback only."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from bench.api import Budget, Request, Scenario, login_sessions
from bench.loadgen import CSRF_TOKEN, Outcome, _encode, _Worker
from bench.report import budget_breaches, correctness_failures, percentile, table


def test_percentiles_are_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile(values, 99) == 99.0
    assert percentile([7.0], 99) == 7.0
    assert percentile([], 50) == 0.0


def test_a_budget_breach_is_named_with_its_numbers():
    scenario = Scenario("x.page", budget=Budget(max_ratio=2.0, p99_ms=100))
    row = {"ratio": 3.5, "p50_ms": 1, "p95_ms": 1, "p99_ms": 150.0, "seconds": 1, "rps": 10}
    assert budget_breaches(scenario, row) == [
        "x.page: ratio 3.5x > budget 2.0x",
        "x.page: p99 150.0 ms > budget 100 ms",
    ]
    assert budget_breaches(Scenario("x.ok", budget=Budget(max_ratio=4.0)), row) == []


def test_wrong_statuses_and_failed_checks_fail_even_a_smoke_run():
    outcome = Outcome(latencies_ms=[1.0, 2.0], ok=1, errors=1, error_samples=["GET / -> 500"])
    scenario = Scenario("x.page", check=lambda o, state: [f"{state} ballots, {o.ok} votes"])
    failures = correctness_failures(scenario, outcome, 0)
    assert failures == [
        "x.page: 1/2 unexpected responses ['GET / -> 500']",
        "x.page: 0 ballots, 1 votes",
    ]
    rows = [{"name": "x.page", "baseline": "hello", "requests": 2, "rps": 1.0, "p50_ms": 1.0,
             "p95_ms": 2.0, "p99_ms": 2.0, "ratio": None, "failures": failures,
             "budget_breaches": ["x.page: p99 2 ms > budget 1 ms"]}]  # fmt: skip
    text = table(rows, "smoke")
    assert "FAILURE x.page: 0 ballots, 1 votes" in text
    assert "BUDGET BREACH x.page: p99 2 ms > budget 1 ms (not enforced in --smoke)" in text


def test_posts_carry_a_csrf_cookie_and_the_matching_token():
    body, headers = _encode(Request("/en/login/", method="POST", form={"identifier": "rosa"}))
    assert f"csrftoken={CSRF_TOKEN}" in headers["Cookie"]
    assert headers["X-CSRFToken"] == CSRF_TOKEN
    assert body is not None and f"csrfmiddlewaretoken={CSRF_TOKEN}".encode() in body
    _, get_headers = _encode(Request("/en/"))
    assert "Cookie" not in get_headers


@pytest.mark.django_db
def test_a_csrf_protected_form_accepts_the_bench_token():
    body, headers = _encode(
        Request("/en/login/", method="POST", form={"identifier": "x", "password": "y"})
    )
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = CSRF_TOKEN
    response = client.post("/en/login/", data=body, content_type=headers["Content-Type"])
    assert response.status_code == 200  # the form answered (wrong password), not a 403


@pytest.mark.django_db
def test_login_sessions_sign_people_in_with_their_second_factor(personas: Any):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.create(user=personas.amina, name="phone", confirmed=True)
    rosa, amina = login_sessions([personas.rosa, personas.amina])
    for session in (rosa, amina):
        client = Client()
        for name, value in session.cookies.items():
            client.cookies[name] = value
        response = client.get("/en/account/")
        assert response.status_code == 200, response.get("Location")


def test_the_load_generator_refuses_any_host_but_loopback():
    with pytest.raises(ValueError, match="loopback"):
        _Worker("192.168.1.10", 80)


def test_paths_that_are_not_ascii_are_percent_encoded():
    from bench.loadgen import _ascii

    assert _ascii("/es/rights/search/?q=défaut de paiement&p=1") == (
        "/es/rights/search/?q=d%C3%A9faut%20de%20paiement&p=1"
    )
    assert _ascii("/en/?q=a%20b") == "/en/?q=a%20b"


def test_a_scenario_that_raises_counts_as_errors_and_keeps_going():
    from bench.loadgen import run

    def broken(i: int, state: Any) -> Request:
        raise KeyError(i)

    outcome = run(Scenario("x.broken", request=broken), None, host="127.0.0.1", port=9,
                  count=5, warmup=0, concurrency=2)  # fmt: skip
    assert (outcome.ok, outcome.errors, len(outcome.latencies_ms)) == (0, 5, 5)
    assert "KeyError" in outcome.error_samples[0]
