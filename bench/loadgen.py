"""A small closed-loop load generator: threads with keep-alive connections to loopback only."""

from __future__ import annotations

import http.client
import json
import secrets
import string
import threading
import time
import urllib.parse
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bench.api import Request, Scenario

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Django accepts an unmasked 32-character secret as both the cookie and the submitted token.
CSRF_TOKEN = secrets.token_hex(16)
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# The bench's URL that answers with the id of the server process that served it.
WORKER_PATH = "/bench/worker"
# Connections tried per connection wanted before the kernel's placement is taken as it comes.
SPREAD_TRIES = 12


@dataclass
class Outcome:
    """What one scenario's measured requests gave."""

    latencies_ms: list[float] = field(default_factory=list)
    ok: int = 0
    warmup_ok: int = 0
    planned: int = 0
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    error_samples: list[str] = field(default_factory=list)
    seconds: float = 0.0
    stopped_early: bool = False
    # How many of the load's connections each server process held, largest first.
    spread: tuple[int, ...] = ()
    # Connections left where the kernel placed them (the spreading ran out of tries).
    unplaced: int = 0


def _encode(req: Request) -> tuple[bytes | None, dict[str, str]]:
    headers = {"Host": "127.0.0.1", "Accept-Encoding": "identity", **req.headers}
    cookies = dict(req.session.cookies) if req.session else {}
    body: bytes | None = None
    if req.method in WRITE_METHODS:
        cookies["csrftoken"] = CSRF_TOKEN
        headers["X-CSRFToken"] = CSRF_TOKEN
    if req.form is not None:
        form = dict(req.form)
        if req.method in WRITE_METHODS:
            form["csrfmiddlewaretoken"] = CSRF_TOKEN
        body = urllib.parse.urlencode(form, doseq=True).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif req.json is not None:
        body = json.dumps(req.json).encode()
        headers["Content-Type"] = "application/json"
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    return body, headers


def _ascii(path: str) -> str:
    """Percent-encode what is not ASCII (e.g. a search for "défaut"); keep the rest as given."""
    return urllib.parse.quote(path, safe=string.punctuation)


class _Worker:
    def __init__(self, host: str, port: int) -> None:
        if host not in LOOPBACK:
            raise ValueError(f"the bench only sends traffic to loopback, not {host}")
        self.conn = http.client.HTTPConnection(host, port, timeout=30)

    def send(self, req: Request) -> tuple[int, float, str]:
        """Status, ms, and the start of the body when the status was not the expected one."""
        status, elapsed, payload = self.exchange(req)
        detail = "" if status in req.expect else payload[:200]
        return status, elapsed, detail

    def exchange(self, req: Request) -> tuple[int, float, str]:
        """Status, ms and the whole body (or the socket error, with status 0)."""
        body, headers = _encode(req)
        started = time.perf_counter()
        try:
            self.conn.request(req.method, _ascii(req.path), body=body, headers=headers)
            response = self.conn.getresponse()
            payload = response.read()
        except (OSError, http.client.HTTPException) as exc:
            self.conn.close()
            return 0, (time.perf_counter() - started) * 1000, f"{type(exc).__name__}: {exc}"
        elapsed = (time.perf_counter() - started) * 1000
        if response.getheader("Connection", "").lower() == "close":
            self.conn.close()
        return response.status, elapsed, payload.decode(errors="replace")


def run(
    scenario: Scenario,
    state: Any,
    *,
    host: str,
    port: int,
    count: int,
    warmup: int,
    concurrency: int,
    server_workers: int = 0,
) -> Outcome:
    """Send requests 0..warmup-1 unmeasured, then warmup..warmup+count-1 measured.

    Each index is requested exactly once, so a scenario may map index i to person i. Warm-up
    runs from as many threads as the load, so every server worker has loaded its templates and
    translations before the clock starts. With `server_workers`, the connections are first
    spread evenly over the server's processes (see `spread`).
    """
    outcome = Outcome(planned=count)
    deadline = time.monotonic() + scenario.max_seconds
    threads = max(1, concurrency)
    if server_workers:
        workers, outcome.spread = spread(host, port, threads, server_workers)
        outcome.unplaced = threads - sum(outcome.spread)
    else:
        workers = [_Worker(host, port) for _ in range(threads)]
    try:
        _pump(scenario, state, range(warmup), workers, deadline, outcome, False)
        started = time.perf_counter()
        _pump(scenario, state, range(warmup, warmup + count), workers, deadline, outcome, True)
        outcome.seconds = time.perf_counter() - started
    finally:
        for worker in workers:
            worker.conn.close()
    return outcome


def spread(
    host: str, port: int, wanted: int, server_workers: int
) -> tuple[list[_Worker], tuple[int, ...]]:
    """`wanted` keep-alive connections, as evenly shared by the server's processes as it can.

    A keep-alive connection stays with the process that accepted it, and which one accepts is
    a race: left to it, four connections to two processes were held 3 and 1 most of the time,
    so a page's latency depended on how its connections had landed (one process, one core's
    worth of Python, serving three requests at once while the other core idled). Many clients
    behind a proxy spread evenly. So each connection asks `WORKER_PATH` which process holds
    it; one that would give a process more than its share is closed and another opened. After
    SPREAD_TRIES tries per connection, what is still missing is taken as the kernel places it.
    Returns the connections and how many each known process holds, largest first.
    """
    share = -(-wanted // server_workers)
    held: Counter[str] = Counter()
    kept: list[_Worker] = []
    for _ in range(wanted * SPREAD_TRIES):
        if len(kept) == wanted:
            break
        worker = _Worker(host, port)
        status, _, body = worker.exchange(Request(WORKER_PATH))
        if status == 200 and held[body] < share:
            held[body] += 1
            kept.append(worker)
        else:
            worker.conn.close()
    placed = [_Worker(host, port) for _ in range(wanted - len(kept))]
    return kept + placed, tuple(sorted(held.values(), reverse=True))


def _pump(
    scenario: Scenario, state: Any, indices: range, workers: list[_Worker], deadline: float,
    outcome: Outcome, measured: bool,
) -> None:  # fmt: skip
    """Send the indices' requests, one thread per connection, until none is left."""
    lock = threading.Lock()
    pending = iter(indices)

    def loop(worker: _Worker) -> None:
        while True:
            with lock:
                index = next(pending, None)
            if index is None:
                break
            if time.monotonic() > deadline:
                outcome.stopped_early = True
                break
            try:
                req = scenario.make_request(index, state)
                status, ms, detail = worker.send(req)
            except Exception as exc:  # a scenario's bug must show as an error, not a lost thread
                req = Request(f"request #{index}", expect=())
                status, ms, detail = 0, 0.0, f"{type(exc).__name__}: {exc}"
            with lock:
                _record(outcome, req, status, ms, detail, measured)

    running = [threading.Thread(target=loop, args=(w,), daemon=True) for w in workers]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join()


def _record(
    outcome: Outcome, req: Request, status: int, ms: float, detail: str, measured: bool
) -> None:
    if not measured:
        outcome.warmup_ok += status in req.expect
        return
    outcome.latencies_ms.append(ms)
    outcome.statuses[status] = outcome.statuses.get(status, 0) + 1
    if status in req.expect:
        outcome.ok += 1
        return
    outcome.errors += 1
    if len(outcome.error_samples) < 3:
        outcome.error_samples.append(f"{req.method} {req.path} -> {status} {detail}")
