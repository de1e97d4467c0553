"""A small closed-loop load generator: threads with keep-alive connections to loopback only."""

from __future__ import annotations

import http.client
import json
import secrets
import string
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from bench.api import Request, Scenario

LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Django accepts an unmasked 32-character secret as both the cookie and the submitted token.
CSRF_TOKEN = secrets.token_hex(16)
WRITE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


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
) -> Outcome:
    """Send requests 0..warmup-1 unmeasured, then warmup..warmup+count-1 measured.

    Each index is requested exactly once, so a scenario may map index i to person i. Warm-up
    runs from as many threads as the load, so every server worker has loaded its templates and
    translations before the clock starts.
    """
    outcome = Outcome(planned=count)
    deadline = time.monotonic() + scenario.max_seconds
    _pump(scenario, state, host, port, range(warmup), concurrency, deadline, outcome, False)
    started = time.perf_counter()
    _pump(
        scenario, state, host, port, range(warmup, warmup + count), concurrency, deadline,
        outcome, True,
    )  # fmt: skip
    outcome.seconds = time.perf_counter() - started
    return outcome


def _pump(
    scenario: Scenario, state: Any, host: str, port: int, indices: range, threads: int,
    deadline: float, outcome: Outcome, measured: bool,
) -> None:  # fmt: skip
    lock = threading.Lock()
    pending = iter(indices)

    def loop() -> None:
        worker = _Worker(host, port)
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
        worker.conn.close()

    running = [threading.Thread(target=loop, daemon=True) for _ in range(max(1, threads))]
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
