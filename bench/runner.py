"""Set up a seeded database, serve it with gunicorn on loopback, run the scenarios, report."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from bench import loadgen, wrk
from bench.api import Scenario

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results"


@dataclass
class Options:
    smoke: bool = False
    only: list[str] = field(default_factory=list)
    workers: int = 2
    keep: bool = False


def production_environment(tmp: Path) -> dict[str, str]:
    """Production settings for plain HTTP on loopback, with everything written under tmp."""
    return {
        "DJANGO_SETTINGS_MODULE": "bench.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_SECURE_HSTS_SECONDS": "0",
        "DJANGO_SESSION_COOKIE_SECURE": "0",
        "DJANGO_CSRF_COOKIE_SECURE": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_STATIC_ROOT": str(tmp / "static"),
        "DJANGO_MEDIA_ROOT": str(tmp / "media"),
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}",
        "JUNTOS_LOG_LEVEL": "WARNING",
        "JUNTOS_TASKS_BACKEND": "juntos.core.task_backend.DatabaseBackend",
    }


def prepare_database(modules: list[tuple[str, ModuleType]]) -> dict[str, Any]:
    """Migrate, seed the demo and run each scenario module's prepare(); returns their states."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("createcachetable", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("seed_demo", quiet=True)
    states = {}
    for name, module in modules:
        prepare = getattr(module, "prepare", None)
        started = time.perf_counter()
        states[name] = prepare() if prepare else None
        if prepare:
            print(f"prepared {name} in {time.perf_counter() - started:.1f}s", flush=True)
    from django.db import DatabaseError, connection, connections

    if connection.vendor == "postgresql":
        # Settle the freshly loaded data as a running site's would be: statistics gathered, no
        # autovacuum racing the measurements for the CPU, and the loaded pages written out by a
        # checkpoint now rather than by the background writer in the middle of a scenario.
        started = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
            try:
                cursor.execute("CHECKPOINT")
                done = "vacuumed, analysed and checkpointed"
            except DatabaseError:  # neither a superuser nor granted pg_checkpoint
                done = "vacuumed and analysed (no right to CHECKPOINT)"
        print(f"{done} in {time.perf_counter() - started:.1f}s", flush=True)
    connections.close_all()
    return states


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_gunicorn(
    port: int, workers: int, tmp: Path, *, env: dict[str, str] | None = None, name: str = "gunicorn"
) -> subprocess.Popen[bytes]:
    """gunicorn with threaded workers (keep-alive), as a deployment would run it."""
    process = spawn_gunicorn(port, workers, tmp, env=env, name=name)
    wait_healthy(process, port, tmp / f"{name}.log")
    return process


def spawn_gunicorn(
    port: int, workers: int, tmp: Path, *, env: dict[str, str] | None = None, name: str = "gunicorn"
) -> subprocess.Popen[bytes]:
    """Start gunicorn (log in tmp/<name>.log) without waiting for it to answer."""
    with (tmp / f"{name}.log").open("wb") as log:
        command = [
            sys.executable, "-m", "gunicorn", "juntos.wsgi:application",
            "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
            "--worker-class", "gthread", "--threads", "4", "--keep-alive", "5",
            "--error-logfile", "-", "--log-level", "warning",
        ]  # fmt: skip
        return subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, env=env)


def wait_healthy(process: subprocess.Popen[bytes], port: int, log_path: Path) -> None:
    """Wait until gunicorn answers /healthz (60 s at most); kill it and raise if it does not."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {log_path.read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # polling for the server to accept connections
    process.kill()
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def selected(scenarios: list[Scenario], only: list[str]) -> list[Scenario]:
    """Baselines always, then the scenarios whose names start with one of `only` (or all)."""
    baselines = [s for s in scenarios if s.is_baseline]
    wanted = [
        s for s in scenarios
        if not s.is_baseline and (not only or any(s.name.startswith(o) for o in only))
    ]  # fmt: skip
    return baselines + wanted


def run_one(scenario: Scenario, state: Any, port: int, options: Options) -> loadgen.Outcome:
    count = min(scenario.smoke_count, scenario.count) if options.smoke else scenario.count
    outcome = loadgen.run(
        scenario, state, host="127.0.0.1", port=port, count=count,
        warmup=1 if options.smoke else scenario.warmup,
        concurrency=min(2, scenario.concurrency) if options.smoke else scenario.concurrency,
        server_workers=options.workers,
    )  # fmt: skip
    print(f"ran {scenario.name}: {count} requests", flush=True)
    return outcome


def cross_check(
    scenarios: list[Scenario],
    states: dict[str, Any],
    owners: dict[str, str],
    port: int,
    options: Options,
) -> dict[str, wrk.WrkOutcome]:
    """wrk against the scenarios marked `wrk=True` (hello first), if wrk is installed."""
    if not wrk.available():
        print("wrk is not installed (scripts/setup-system --bench): no cross-check", flush=True)
        return {}
    found = {}
    seconds = wrk.SMOKE_SECONDS if options.smoke else wrk.SECONDS
    for scenario in scenarios:
        req = wrk.request_of(scenario, states[owners[scenario.name]]) if scenario.wrk else None
        if req is None:
            continue
        connections = min(2, scenario.concurrency) if options.smoke else scenario.concurrency
        found[scenario.name] = wrk.run(
            req, host="127.0.0.1", port=port, connections=connections, seconds=seconds
        )
        print(f"ran {scenario.name} with wrk: {seconds} s, {connections} connections", flush=True)
    return found


def merge(first: loadgen.Outcome, second: loadgen.Outcome) -> loadgen.Outcome:
    """Two passes of one scenario as one outcome."""
    statuses = dict(first.statuses)
    for status, n in second.statuses.items():
        statuses[status] = statuses.get(status, 0) + n
    return loadgen.Outcome(
        latencies_ms=first.latencies_ms + second.latencies_ms,
        ok=first.ok + second.ok,
        warmup_ok=first.warmup_ok + second.warmup_ok,
        planned=first.planned + second.planned,
        errors=first.errors + second.errors,
        statuses=statuses,
        error_samples=(first.error_samples + second.error_samples)[:3],
        seconds=first.seconds + second.seconds,
        stopped_early=first.stopped_early or second.stopped_early,
        spread=first.spread,
        unplaced=max(first.unplaced, second.unplaced),
    )


def main(options: Options) -> int:
    tmp = Path(tempfile.mkdtemp(prefix="juntos-bench-"))
    os.environ.update(production_environment(tmp))
    # Scenario modules read this in prepare() to load a small data set in a smoke run.
    os.environ["JUNTOS_BENCH_SMOKE"] = "1" if options.smoke else ""
    from bench.discovery import scenario_modules
    from bench.report import evaluate, write_results

    modules = scenario_modules()
    owners = {s.name: name for name, m in modules for s in m.SCENARIOS}
    scenarios = selected([s for _, m in modules for s in m.SCENARIOS], options.only)
    process = None
    try:
        needed = {owners[s.name] for s in scenarios}
        states = prepare_database([(n, m) for n, m in modules if n in needed])
        port = free_port()
        process = start_gunicorn(port, options.workers, tmp)
        outcomes = {s.name: run_one(s, states[owners[s.name]], port, options) for s in scenarios}
        # The machine's load drifts during a run; hello is measured again at the end and its
        # figures combine both passes, so early and late scenarios meet the same yardstick.
        hello = next((s for s in scenarios if s.name == "hello"), None)
        if hello is not None:
            outcomes["hello"] = merge(outcomes["hello"], run_one(hello, None, port, options))
        checked = cross_check(scenarios, states, owners, port, options)
        rows = evaluate(scenarios, outcomes, states, owners, checked)
        for row in rows if options.smoke else []:
            row["concurrency"] = min(2, row["concurrency"])  # as run_one ran it
        text = write_results(rows, options, RESULTS)
        print(text)
        if any(row["failures"] for row in rows):
            return 1
        if any(row["budget_breaches"] for row in rows) and not options.smoke:
            return 1
        return 0
    finally:
        if process is not None:
            stop(process)
        if options.keep:
            print(f"kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
