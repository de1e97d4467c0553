"""Cross-check of the bench's own load generator with wrk (Debian's package), on loopback only.

The Python generator spends CPU on the same two cores as the server, so it tops out near
2,000 req/s on the bare `hello` view and lifts that baseline's latency: ratios to `hello` come
out compressed. wrk is written in C and costs far less per request; running it against the
same URLs gives a second figure whose ceiling is the server's, not the client's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

from bench.api import Request, Scenario
from bench.loadgen import LOOPBACK, _ascii, _encode

SECONDS = 5
SMOKE_SECONDS = 1
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class WrkOutcome:
    requests: int = 0
    rps: float = 0.0
    p50_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    seconds: int = 0
    connections: int = 0

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def available() -> bool:
    return shutil.which("wrk") is not None


def _ms(value: str, unit: str) -> float:
    return round(float(value) * UNITS_MS[unit], 3)


def parse(output: str) -> WrkOutcome:
    """The figures of `wrk --latency`'s report."""
    found = WrkOutcome()
    if m := re.search(r"^\s*(\d+) requests in", output, re.M):
        found.requests = int(m.group(1))
    if m := re.search(r"^Requests/sec:\s*([\d.]+)", output, re.M):
        found.rps = float(m.group(1))
    if m := re.search(r"^\s*50%\s+([\d.]+)(us|ms|s|m)\b", output, re.M):
        found.p50_ms = _ms(m.group(1), m.group(2))
    if m := re.search(r"^\s*99%\s+([\d.]+)(us|ms|s|m)\b", output, re.M):
        found.p99_ms = _ms(m.group(1), m.group(2))
    if m := re.search(r"Non-2xx or 3xx responses:\s*(\d+)", output):
        found.errors += int(m.group(1))
    socket = r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"
    if m := re.search(socket, output):
        found.errors += sum(int(g) for g in m.groups())
    return found


def request_of(scenario: Scenario, state: Any) -> Request | None:
    """The GET request wrk repeats for a scenario (its first measured one), or None."""
    req = scenario.make_request(scenario.warmup, state)
    return req if req.method == "GET" and req.expect == (200,) else None


def run(req: Request, *, host: str, port: int, connections: int, seconds: int) -> WrkOutcome:
    """wrk with a fixed number of keep-alive connections for a fixed time against loopback."""
    if host not in LOOPBACK:
        raise ValueError(f"the bench only sends traffic to loopback, not {host}")
    _body, headers = _encode(req)
    command = [
        "wrk", "--latency", f"--threads={min(2, connections)}",
        f"--connections={connections}", f"--duration={seconds}s", "--timeout=10s",
    ]  # fmt: skip
    for name, value in headers.items():
        if name != "Host":
            command += ["--header", f"{name}: {value}"]
    command.append(f"http://{host}:{port}{_ascii(req.path)}")
    done = subprocess.run(
        command, capture_output=True, text=True, timeout=seconds + 30, check=False
    )
    found = parse(done.stdout)
    found.seconds, found.connections = seconds, connections
    if done.returncode != 0 or not found.requests:
        found.errors += 1
    return found
