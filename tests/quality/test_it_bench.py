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


WRK_REPORT = """Running 5s test @ http://127.0.0.1:40000/bench/hello
  2 threads and 4 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency   812.10us  301.22us   9.87ms   90.12%
    Req/Sec     2.51k   120.33     2.80k    71.00%
  Latency Distribution
     50%  750.00us
     75%    0.90ms
     90%    1.10ms
     99%    2.05ms
  25012 requests in 5.00s, 6.10MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:   5002.40
Transfer/sec:      1.22MB
"""


def test_wrk_figures_are_read_from_its_report():
    from bench.wrk import parse

    found = parse(WRK_REPORT)
    assert (found.requests, found.rps, found.p50_ms, found.p99_ms) == (25012, 5002.4, 0.75, 2.05)
    assert found.errors == 6  # three socket errors and three unexpected statuses


def test_wrk_is_sent_to_loopback_only():
    from bench.wrk import run

    with pytest.raises(ValueError, match="only sends traffic to loopback"):
        run(Request("/"), host="10.0.0.1", port=80, connections=1, seconds=1)


def test_both_generators_figures_are_in_the_results_table():
    from bench.report import _wrk_row
    from bench.wrk import WrkOutcome

    checked = {
        "hello": WrkOutcome(requests=9, rps=5000.0, p50_ms=0.5, p99_ms=2.0, connections=4),
        "x.page": WrkOutcome(requests=9, rps=250.0, p50_ms=10.0, p99_ms=30.0, connections=4),
    }
    assert _wrk_row(Scenario("x.page"), checked)["ratio"] == 20.0  # type: ignore[index]
    row = {"name": "x.page", "baseline": "hello", "requests": 3, "rps": 100.0, "p50_ms": 20.0,
           "p95_ms": 30.0, "p99_ms": 40.0, "ratio": 8.0, "concurrency": 4, "failures": [],
           "budget_breaches": [], "wrk": _wrk_row(Scenario("x.page"), checked)}  # fmt: skip
    text = table([row], "full")
    assert "Same scenarios driven by wrk" in text
    assert "   wrk     4    250.0    10.00    30.00  20.00x" in text


@pytest.mark.django_db(transaction=True)  # as the bench runs it: PostgreSQL alters the table
def test_the_monitoring_bench_loads_facts_into_todays_schema():
    """The bulk insert names every column by hand: a new NOT NULL column must be added there too."""
    from bench.scenarios.monitoring import _facts_load
    from juntos.monitoring.models import Fact, MonthTotal

    _facts_load(40)
    assert Fact.objects.count() == 40
    assert sum(MonthTotal.objects.values_list("count", flat=True)) == sum(
        Fact.objects.values_list("count", flat=True)
    )


# The scale-out run (bench/scaleout.py): its pure parts.


def test_scale_out_answers_are_matched_to_their_requests_by_index():
    from bench.scaleout import Sent, matched, shares

    parts = shares(7, 3)
    assert parts == [[0, 3, 6], [1, 4], [2, 5]]
    assert sorted(i for part in parts for i in part) == list(range(7))
    # Processes finish in any order and each answers its interleaved share in its own order.
    batches = [[Sent(i, 201, 1.0, f"body {i}") for i in reversed(part)] for part in parts[::-1]]
    assert [sent.body for sent in matched(7, batches)] == [f"body {i}" for i in range(7)]
    with pytest.raises(ValueError, match="answered twice"):
        matched(2, [[Sent(0, 201, 1.0, "a"), Sent(1, 201, 1.0, "b")], [Sent(1, 201, 1.0, "c")]])
    with pytest.raises(ValueError, match="1 requests have no answer"):
        matched(3, [[Sent(0, 201, 1.0, "a"), Sent(2, 201, 1.0, "c")]])


def test_scale_out_exactly_once_catches_a_loss_a_duplicate_and_a_stray_write():
    from bench.scaleout import exactly_once

    assert exactly_once("reports", ["a", "b", "c"], ["c", "a", "b"]) == []
    assert exactly_once("reports", ["a", "b", "c"], ["a", "b"]) == ["reports: 1 lost (e.g. c)"]
    assert exactly_once("reports", ["a", "b"], ["a", "b", "b"]) == [
        "reports: 1 duplicated (e.g. b)"
    ]
    assert exactly_once("ballots", ["a", "a"], ["a"]) == ["ballots: 1 duplicated (e.g. a)"]
    assert exactly_once("enrolments", [1], [1, 2]) == ["enrolments: 1 unaccounted (e.g. 2)"]


def test_scale_out_reads_what_each_response_wrote():
    from bench.api import Session
    from bench.scaleout import Sent, Writes, _report, collect

    vote, enrol = "/en/network/votes/3/ballot/", "/es/learning/sessions/4/enrol/"
    requests = [
        _report(0, "t", emergency=True),
        Request(vote, method="POST", form={"choice": "no"}, session=Session({}, "11")),
        Request(vote, method="POST", form={"choice": "yes"}, session=Session({}, "12")),
        Request(enrol, method="POST", session=Session({}, "13")),
        _report(1, "t"),
    ]
    answers = [
        Sent(0, 201, 1.0, '{"receipt_code": "ABCD-1234", "emergency": true, "stage": "new"}'),
        Sent(1, 200, 1.0, '<h1>Your vote is counted</h1>\n<p class="code">7Q2F 9XKD</p>'),
        Sent(2, 200, 1.0, "<form>the ballot form again, no code</form>"),
        Sent(3, 302, 1.0, ""),
        Sent(4, 400, 1.0, '{"detail": "refused"}'),
    ]
    writes = Writes()
    collect(requests, answers, writes)
    assert (writes.receipts, writes.emergencies) == (["ABCD-1234"], 1)
    assert (writes.tracking, writes.voters) == ([("7Q2F 9XKD", "no")], [11])
    assert writes.enrolled == [(13, 4)]  # the person and the session
    assert len(writes.refused) == 2 and "-> 400" in writes.refused[1]


def test_scale_out_finds_the_tracking_code_on_the_real_receipt_page(rf: Any):
    from django.template.loader import render_to_string

    from bench.scaleout import tracking_code
    from juntos.network.services.votes import CastReceipt

    request = rf.get("/en/")
    page = render_to_string(
        "network/receipt.html",
        {"vote": {"pk": 3}, "receipt": CastReceipt(code="K7P2-QX9D-44RT", secret=True)},
        request=request,
    )
    assert tracking_code(page) == "K7P2-QX9D-44RT"
    assert tracking_code("<p>the form again</p>") is None


def test_scale_out_budgets_fail_below_three_times_and_above_1_2_times():
    from bench.scaleout import breaches

    assert breaches(3.0, 1.2, 1.2) == []
    assert breaches(2.99, 1.0, 1.21) == [
        "audited writes 2.99x the one-lock baseline (budget >= 3.0x)",
        "replica reads p95 1.21x the primary's (budget <= 1.2x)",
    ]


def test_the_load_is_spread_evenly_over_the_server_processes():
    """A server whose first three connections are all held by one process: the generator
    closes what would overload it and keeps two connections on each of the two processes."""
    import http.server
    import threading

    from bench.loadgen import WORKER_PATH, spread

    accepted = iter(["a", "a", "a"] + ["b", "a"] * 20)
    names: dict[int, str] = {}
    lock = threading.Lock()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            with lock:
                name = names.setdefault(id(self.connection), next(accepted))
            body = (name if self.path == WORKER_PATH else "hello").encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        kept, held = spread("127.0.0.1", server.server_address[1], 4, 2)
        assert held == (2, 2)
        answers = sorted(w.exchange(Request(WORKER_PATH))[2] for w in kept)
        assert answers == ["a", "a", "b", "b"]
        for worker in kept:
            worker.conn.close()
    finally:
        server.shutdown()
        server.server_close()


def test_without_the_worker_address_the_kernels_placement_is_kept_and_said():
    from bench.loadgen import spread
    from bench.report import spread_line

    kept, held = spread("127.0.0.1", 9, 2, 2)  # nothing listens on port 9
    assert (len(kept), held) == (2, ())
    row = {"name": "x.page", "connections_per_process": [], "connections_placed_by_kernel": 2}
    assert "x.page" in spread_line([row]) and "uneven" in spread_line([row])
    even = {"name": "x.page", "connections_per_process": [2, 2], "connections_placed_by_kernel": 0}
    assert spread_line([even]) == "connections per server process: even in every scenario\n"
