"""The scale-out run: PostgreSQL primary + streaming replica, Redis, two gunicorn processes, two
RQ workers and the scheduler, with writers in four processes at once.

    make bench BENCH_ARGS=--scale-out        (python -m bench --scale-out [--smoke])

Without PostgreSQL URLs in the environment it runs itself under `scripts/with-postgres
--replica` (a throwaway primary and a streaming replica on loopback ports). Redis is started on
a free loopback port; everything it started is stopped at the end, also after a failure or a
signal. What it measures and checks (issue 22's budgets), written to bench/results/scale-out.*:

1. Audited writes from 4 processes against the two app processes (reports, ballots in a secret
   vote and enrolments spread over 200 sessions, in equal numbers) with the audit log as it is
   (appends take no shared lock) and, in the same run and with the same kind of load, with the
   single lock every audited append waited for until its transaction committed, as the old
   chain head did: a trigger the run adds on core_auditentry takes one advisory transaction
   lock before each append. (Anonymous flows queue their entries in another table, without that
   lock, then as now.) The two modes alternate, twice each. Budget: at least 3x.
2. A mixed load from 4 processes at once: reports (emergencies among them), ballots in a secret
   vote and enrolments in a session that fills up. Then every write is looked up by what its
   response returned (a report's receipt code, a ballot's tracking code, the enrolled person):
   each must be stored exactly once, and nothing stored that no response accounted for. The
   vote is closed and counted; the count must equal the accepted ballots' choices. The waiting
   list must be consistent, the emergencies' alerts delivered by the RQ worker, and
   `audit_verify` must pass after the sealer task ran on the RQ worker.
3. Anonymous public pages through an app process that reads from the replica and through one
   that has no replica, requests alternating between them. Budget: p50 and p95 at most 1.2x.

Correctness problems fail every run (exit 1); budget breaches fail all but a --smoke run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import multiprocessing
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import loadgen
from bench.api import Request
from bench.report import percentile
from bench.runner import (
    RESULTS,
    ROOT,
    free_port,
    production_environment,
    spawn_gunicorn,
    wait_healthy,
)

WRITERS = 4  # client processes
THREADS = 4  # keep-alive connections per client process
APP_PROCESSES = 2  # gunicorn servers sharing the database and Redis
GUNICORN_WORKERS = 2  # per gunicorn server, each with 4 threads (bench.runner.start_gunicorn)
RQ_WORKERS = 2  # `manage.py rqworker` processes; the data set-up leaves ~2,000 jobs to work off
MIN_WRITE_RATIO = 3.0
MAX_READ_RATIO = 1.2
PROVINCES = ("BC", "AB", "SK", "MB", "ON", "QC", "NB", "NS", "PE", "NL")
PUBLIC_PAGES = ("/en/rights/", "/es/learning/", "/en/registry/")
LOCK_KEY = 2202
# The old chain head was locked by every append to the audit log; anonymous flows' entries were
# queued without it (core_pendinganonymousauditentry), then as now.
AUDIT_TABLE = "core_auditentry"
ONE_LOCK_FUNCTION = f"""
CREATE OR REPLACE FUNCTION bench_one_lock() RETURNS trigger AS $$
BEGIN PERFORM pg_advisory_xact_lock({LOCK_KEY}); RETURN NEW; END $$ LANGUAGE plpgsql
"""
STARTED = time.monotonic()
TRACKING_CODE = re.compile(r'<p class="code">\s*([^<\s][^<]*?)\s*</p>')


@dataclass(frozen=True)
class Counts:
    per_round: int  # of each kind (report, ballot, enrolment) in each of the 4 timed rounds
    reports: int
    emergencies: int
    ballots: int
    enrolments: int
    reads: int  # per side (replica / primary)


# Ballots: the mixed load's, then 4 rounds' (bench.scenarios.network has 510 voters). Timed
# enrolments: person k in catalogue session k % 200 (bench.scenarios.learning: 400 people).
FULL = Counts(per_round=50, reports=160, emergencies=12, ballots=300, enrolments=160, reads=240)
SMOKE = Counts(per_round=10, reports=20, emergencies=4, ballots=20, enrolments=20, reads=20)


@dataclass(frozen=True)
class Sent:
    """One request's answer, with the index of the request it answers."""

    index: int
    status: int
    ms: float
    body: str


@dataclass
class Writes:
    """What the responses say was written, to be found in the database exactly once each."""

    receipts: list[str] = field(default_factory=list)
    emergencies: int = 0
    tracking: list[tuple[str, str]] = field(default_factory=list)  # (code, choice)
    voters: list[int] = field(default_factory=list)  # user ids whose ballot was accepted
    enrolled: list[tuple[int, int]] = field(default_factory=list)  # accepted (user, session)
    refused: list[str] = field(default_factory=list)


# Pure parts (tests/quality/test_it_bench.py)


def shares(count: int, writers: int) -> list[list[int]]:
    """The request indices each writer process sends: interleaved, every index once."""
    return [list(range(first, count, writers)) for first in range(writers)]


def matched(count: int, batches: Iterable[list[Sent]]) -> list[Sent]:
    """Each request's own answer, put back in request order by the index it carries.

    Processes finish in any order and each sends an interleaved share, so answers are never
    taken by position. An index answered twice or not at all is a bug of the run: it raises."""
    by_index: dict[int, Sent] = {}
    for batch in batches:
        for sent in batch:
            if sent.index in by_index:
                raise ValueError(f"request {sent.index} was answered twice")
            if not 0 <= sent.index < count:
                raise ValueError(f"answer for request {sent.index}, but {count} were sent")
            by_index[sent.index] = sent
    missing = [i for i in range(count) if i not in by_index]
    if missing:
        raise ValueError(f"{len(missing)} requests have no answer (first: {missing[0]})")
    return [by_index[i] for i in range(count)]


def exactly_once(kind: str, accepted: Iterable[Any], stored: Iterable[Any]) -> list[str]:
    """Problems, if the writes the responses accepted are not each stored exactly once.

    `stored` is every key found in the database for this load (several times if stored several
    times). Lost: accepted, not stored. Duplicated: stored more than once, or accepted twice.
    Unaccounted: stored, but no response accepted it."""
    wanted, found = Counter(accepted), Counter(stored)
    problems = []
    lost = [key for key in wanted if key not in found]
    duplicated = [key for key in {*wanted, *found} if max(wanted[key], found[key]) > 1]
    unaccounted = [key for key in found if key not in wanted]
    for label, keys in (("lost", lost), ("duplicated", duplicated), ("unaccounted", unaccounted)):
        if keys:
            problems.append(f"{kind}: {len(keys)} {label} (e.g. {sorted(map(str, keys))[0]})")
    return problems


def tracking_code(body: str) -> str | None:
    """The code a ballot's receipt page shows once, or None (the form came back instead)."""
    found = TRACKING_CODE.search(body)
    return found.group(1) if found else None


def ratio(numerator: float, denominator: float) -> float:
    return round(numerator / denominator, 2) if denominator else float("inf")


def breaches(write_ratio: float, p50_ratio: float, p95_ratio: float) -> list[str]:
    found = []
    if write_ratio < MIN_WRITE_RATIO:
        found.append(
            f"audited writes {write_ratio:.2f}x the one-lock baseline "
            f"(budget >= {MIN_WRITE_RATIO}x)"
        )
    for label, value in (("p50", p50_ratio), ("p95", p95_ratio)):
        if value > MAX_READ_RATIO:
            found.append(
                f"replica reads {label} {value:.2f}x the primary's (budget <= {MAX_READ_RATIO}x)"
            )
    return found


# Sending


def _send(job: tuple[list[tuple[int, Request]], list[int]]) -> tuple[list[Sent], float]:
    """One writer process: THREADS keep-alive connections per app process, each request once.
    Returns the answers and the CPU seconds this process spent sending them."""
    import threading

    cpu = time.process_time()
    numbered, ports = job
    answers: list[Sent] = []
    lock = threading.Lock()
    pending = iter(numbered)

    def loop(slot: int) -> None:
        workers = [loadgen._Worker("127.0.0.1", port) for port in ports]
        n = slot
        while True:
            with lock:
                item = next(pending, None)
            if item is None:
                break
            index, request = item
            status, ms, body = workers[n % len(workers)].exchange(request)
            n += 1
            with lock:
                answers.append(Sent(index, status, ms, body))
        for worker in workers:
            worker.conn.close()

    threads = [threading.Thread(target=loop, args=(slot,)) for slot in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers, time.process_time() - cpu


def _warm(_: int) -> int:
    return os.getpid()


def in_processes(
    pool: ProcessPoolExecutor, requests: list[Request], ports: list[int]
) -> tuple[list[Sent], float, float]:
    """Send the requests from WRITERS processes at once: each answer by index, the seconds it
    took, and the CPU seconds the client processes spent."""
    jobs = [([(i, requests[i]) for i in share], ports) for share in shares(len(requests), WRITERS)]
    started = time.perf_counter()
    sent = list(pool.map(_send, jobs))
    seconds = time.perf_counter() - started
    return matched(len(requests), [a for a, _ in sent]), seconds, sum(c for _, c in sent)


def _cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used, from /proc; 0 once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(roots: Iterable[int]) -> float:
    """CPU seconds of these processes and their children (gunicorn's workers, PostgreSQL's
    backends): where a request's time goes, for the profile in the results."""
    wanted = set(roots)
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if int(entry.name) in wanted or parent in wanted:
            total += _cpu(int(entry.name))
    return total


def postmaster_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        backend = int(cursor.fetchone()[0])
    return int(Path(f"/proc/{backend}/stat").read_text().rsplit(")", 1)[1].split()[1])


def _report(i: int, tag: str, *, emergency: bool = False) -> Request:
    body = {
        "category": "emergency" if emergency else "wage-theft",
        # A national network: reports from every province (emergencies where staff are on call).
        "province": "BC" if emergency else PROVINCES[i % len(PROVINCES)],
        "language": "es",
        "details": f"{tag} {i} El patrón no nos pagó las horas extra de las últimas semanas.",
    }
    return Request("/api/reports/intake", method="POST", json=body, expect=(201,))


def _ballot(i: int, state: dict[str, Any]) -> Request:
    from bench.scenarios.network import CHOICES

    return Request(
        f"/en/network/votes/{state['vote_id']}/ballot/",
        method="POST",
        form={"choice": CHOICES[i % len(CHOICES)]},
        session=state["sessions"][i],
        expect=(200,),
    )


def _enrol(i: int, state: dict[str, Any], session_id: int | None = None) -> Request:
    return Request(
        f"/es/learning/sessions/{session_id or state['rush']}/enrol/",
        method="POST",
        session=state["workers"][i % len(state["workers"])],
        expect=(302,),
    )


def interleave(*streams: list[Request]) -> list[Request]:
    """One of each kind in turn, so every kind is written while the others are."""
    merged = []
    for n in range(max(len(s) for s in streams)):
        merged += [s[n] for s in streams if n < len(s)]
    return merged


def collect(requests: list[Request], answers: list[Sent], writes: Writes) -> None:
    """What each accepted request wrote, by what its own response returned."""
    for request, sent in zip(requests, answers, strict=True):
        if request.path.startswith("/api/reports/"):
            if sent.status == 201:
                answer = json.loads(sent.body)
                writes.receipts.append(answer["receipt_code"])
                writes.emergencies += bool(answer["emergency"])
                continue
        elif "/ballot/" in request.path:
            code = tracking_code(sent.body) if sent.status == 200 else None
            if code is not None and request.session is not None and request.form is not None:
                writes.tracking.append((code, request.form["choice"]))
                writes.voters.append(int(request.session.label))
                continue
        elif sent.status == 302 and request.session is not None:
            session_id = int(request.path.split("/sessions/")[1].split("/")[0])
            writes.enrolled.append((int(request.session.label), session_id))
            continue
        writes.refused.append(f"{request.method} {request.path} -> {sent.status} {sent.body[:120]}")


# Checking against the database


def check_reports(writes: Writes, before: set[Any]) -> list[str]:
    from juntos.core import crypto
    from juntos.reports.models import Report

    accepted = [crypto.keyed_hash("receipt", crypto.normalise_code(c)) for c in writes.receipts]
    stored = Report.objects.filter(source="api").exclude(pk__in=before)
    return exactly_once("reports", accepted, stored.values_list("receipt_hash", flat=True))


def check_ballots(writes: Writes, state: dict[str, Any]) -> list[str]:
    from bench.scenarios.network import TRUSTEE_PASSPHRASE
    from juntos.accounts.models import User
    from juntos.network import services
    from juntos.network.models import Ballot, NetworkMember, Participation, Vote

    vote_id = state["vote_id"]
    stored = Ballot.objects.filter(vote_id=vote_id).values_list("tracking_code", flat=True)
    problems = exactly_once("ballots", [code for code, _ in writes.tracking], stored)
    members = dict(
        NetworkMember.objects.filter(user_id__in=writes.voters).values_list("pk", "user_id")
    )
    voted = Participation.objects.filter(vote_id=vote_id).values_list("voter_id", flat=True)
    problems += exactly_once("participations", writes.voters, [members.get(v, -v) for v in voted])
    vote = services.vote_close(actor=None, vote=Vote.objects.get(pk=vote_id))
    for trustee in User.objects.filter(pk__in=state["trustee_ids"]):
        vote = services.tally_share_open(actor=trustee, vote=vote, passphrase=TRUSTEE_PASSPHRASE)
    cast = Counter(choice for _, choice in writes.tracking)
    counted = {"yes": vote.yes_count, "no": vote.no_count, "abstain": vote.abstain_count}
    if not vote.counted or any(counted[c] != cast[c] for c in counted):
        problems.append(f"ballots: counted {counted}, accepted {dict(cast)}")
    return problems


def check_enrolments(writes: Writes, state: dict[str, Any]) -> list[str]:
    from bench.scenarios.learning import CAPACITY
    from juntos.learning.models import Enrolment

    people = [int(session.label) for session in state["workers"]]
    stored = Enrolment.objects.filter(user_id__in=people).values_list("user_id", "session_id")
    problems = exactly_once("enrolments", writes.enrolled, stored)
    rows = Enrolment.objects.filter(session_id=state["rush"])
    enrolled = rows.filter(status="enrolled").count()
    waiting = rows.filter(status="waitlisted").count()
    if enrolled > CAPACITY:
        problems.append(f"enrolments: {enrolled} people hold {CAPACITY} places")
    if waiting and enrolled < CAPACITY:
        problems.append(f"enrolments: {waiting} wait while {CAPACITY - enrolled} places are free")
    return problems


def wait_for(ready: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while not ready():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.25)  # polling what other processes do
    return True


def queues_idle() -> bool:
    import django_rq
    from django.conf import settings
    from rq.registry import StartedJobRegistry

    for name in settings.TASK_QUEUES:
        queue = django_rq.get_queue(name)
        if queue.count or StartedJobRegistry(queue=queue).count:
            return False
    return True


def check_alerts(writes: Writes, pending_before: set[Any], outbox_before: int) -> list[str]:
    """The messages this load queued (not those already waiting for the anonymous round) are
    all delivered by the RQ worker, and the emergencies' alerts are among them."""
    from juntos.core.models import OutboxMessage, PendingMessage

    def queued() -> int:
        return PendingMessage.objects.exclude(pk__in=pending_before).count()

    problems = []
    if not wait_for(lambda: queued() == 0, 90):
        problems.append(f"alerts: {queued()} messages of this load not delivered by the RQ worker")
    delivered = OutboxMessage.objects.count() - outbox_before
    if writes.emergencies and delivered < writes.emergencies:
        problems.append(f"alerts: {delivered} delivered for {writes.emergencies} emergencies")
    if not writes.emergencies:
        problems.append("alerts: no emergency report was accepted, so none could be checked")
    return problems


def check_audit() -> tuple[list[str], int]:
    """The sealer task runs on the RQ worker; then every entry up to here is chained and
    `audit_verify --no-seal` passes. Returns the problems and how many entries are chained."""
    from django.core.management import CommandError, call_command
    from django_tasks import TaskResultStatus

    from juntos.core.models import AuditEntry
    from juntos.core.tasks import seal_audit_chain

    last = AuditEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    result = seal_audit_chain.enqueue()

    def finished() -> bool:
        result.refresh()
        return result.status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)

    problems = []
    if not wait_for(finished, 90) or result.status != TaskResultStatus.SUCCESSFUL:
        problems.append(
            f"audit: the sealer task did not succeed on the RQ worker ({result.status})"
        )
    unsealed = AuditEntry.objects.filter(id__lte=last, sequence__isnull=True).count()
    if unsealed:
        problems.append(f"audit: {unsealed} entries still unchained after the sealer ran")
    try:
        call_command("audit_verify", "--no-seal", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    except CommandError as error:
        problems.append(f"audit: {error}")
    return problems, AuditEntry.objects.filter(sequence__isnull=False).count()


# The phases


def one_lock(on: bool) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if on:
            cursor.execute(ONE_LOCK_FUNCTION)
        cursor.execute(f"DROP TRIGGER IF EXISTS bench_one_lock ON {AUDIT_TABLE}")
        if on:
            cursor.execute(
                f"CREATE TRIGGER bench_one_lock BEFORE INSERT ON {AUDIT_TABLE} "
                "FOR EACH ROW EXECUTE FUNCTION bench_one_lock()"
            )


def timed_round(
    round_: int, counts: Counts, states: dict[str, Any], sessions: list[int]
) -> list[Request]:
    """One timed round: reports, ballots and enrolments, none repeating another round's."""
    first = round_ * counts.per_round
    ks = range(first, first + counts.per_round)
    return interleave(
        [_report(k, f"round-{round_}") for k in ks],
        [_ballot(counts.ballots + k, states["network"]) for k in ks],
        [_enrol(k, states["learning"], sessions[k % len(sessions)]) for k in ks],
    )


def accepted(writes: Writes) -> int:
    return len(writes.receipts) + len(writes.tracking) + len(writes.enrolled)


def throughput(
    pool: ProcessPoolExecutor, ports: list[int], counts: Counts, states: dict[str, Any],
    writes: Writes, servers: list[int], database: int,
) -> dict[str, Any]:  # fmt: skip
    """Audited writes per second with the single lock and without, alternating twice, the
    same kind of load; and the CPU each write cost in the app processes, the database and the
    clients."""
    from bench.scenarios.learning import CAPACITY
    from juntos.learning.models import Session

    sessions = list(
        Session.objects.exclude(pk=states["learning"]["rush"])
        .filter(course__texts__title__startswith="Bench course", capacity__lt=CAPACITY)
        .order_by("pk")
        .values_list("pk", flat=True)
        .distinct()
    )
    keys = ("ok", "seconds", "app_cpu", "db_cpu", "client_cpu")
    found = {mode: dict.fromkeys(keys, 0.0) for mode in ("one_lock", "no_lock")}
    for round_, mode in enumerate(("one_lock", "no_lock", "one_lock", "no_lock")):
        one_lock(mode == "one_lock")
        requests = timed_round(round_, counts, states, sessions)
        app, db, before = cpu_seconds(servers), cpu_seconds([database]), accepted(writes)
        answers, seconds, client = in_processes(pool, requests, ports)
        found[mode]["app_cpu"] += cpu_seconds(servers) - app
        found[mode]["db_cpu"] += cpu_seconds([database]) - db
        found[mode]["client_cpu"] += client
        found[mode]["seconds"] += seconds
        collect(requests, answers, writes)
        found[mode]["ok"] += accepted(writes) - before
    one_lock(False)
    rates = {mode: round(f["ok"] / f["seconds"], 1) for mode, f in found.items()}
    row: dict[str, Any] = {
        "writes_per_mode": counts.per_round * 3 * 2,
        "one_lock_per_s": rates["one_lock"],
        "no_lock_per_s": rates["no_lock"],
        "ratio": ratio(rates["no_lock"], rates["one_lock"]),
    }
    for mode, f in found.items():
        for part in ("app", "db", "client"):
            row[f"{mode}_{part}_cpu_ms"] = round(f[f"{part}_cpu"] * 1000 / max(f["ok"], 1), 1)
        # CPU the run's own processes kept busy, in cores (the machine has os.cpu_count()).
        used = f["app_cpu"] + f["db_cpu"] + f["client_cpu"]
        row[f"{mode}_cores_busy"] = round(used / f["seconds"], 2) if f["seconds"] else 0.0
    return row


def mixed(
    pool: ProcessPoolExecutor, ports: list[int], counts: Counts, states: dict[str, Any],
    writes: Writes,
) -> dict[str, Any]:  # fmt: skip
    reports = [_report(i, "mixed", emergency=i < counts.emergencies) for i in range(counts.reports)]
    ballots = [_ballot(i, states["network"]) for i in range(counts.ballots)]
    enrolments = [_enrol(i, states["learning"]) for i in range(counts.enrolments)]
    requests = interleave(reports, ballots, enrolments)
    answers, seconds, _ = in_processes(pool, requests, ports)
    collect(requests, answers, writes)
    return {"requests": len(requests), "seconds": round(seconds, 1)}


def replica_scans() -> int:
    """Scans of the product's tables on the replica (its own statistics): only the pages the
    router sends there read them, the lag check reads none."""
    from django.db import connections

    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute(
            "SELECT COALESCE(SUM(COALESCE(seq_scan, 0) + COALESCE(idx_scan, 0)), 0) "
            "FROM pg_stat_user_tables"
        )
        return int(cursor.fetchone()[0])


def settled(measure: Callable[[], int]) -> int:
    """A statistic once every backend has reported: an idle PostgreSQL backend flushes its
    counts to pg_stat_database at most 10 s after its last transaction (PGSTAT_IDLE_INTERVAL)."""
    time.sleep(11)
    return measure()


def reads(replica_port: int, primary_port: int, count: int) -> dict[str, Any]:
    """The same public pages from both app processes, one request each in turn."""
    timings: dict[int, list[float]] = {replica_port: [], primary_port: []}
    workers = {port: loadgen._Worker("127.0.0.1", port) for port in timings}
    # Ten unmeasured rounds first: the replica's buffers start cold, the primary's do not.
    for n in range(-len(PUBLIC_PAGES) * 10, count):
        path = PUBLIC_PAGES[n % len(PUBLIC_PAGES)]
        for port in (replica_port, primary_port) if n % 2 else (primary_port, replica_port):
            status, ms, detail = workers[port].send(Request(path))
            if status != 200:
                raise RuntimeError(f"{path} on port {port}: {status} {detail}")
            if n >= 0:
                timings[port].append(ms)
    for worker in workers.values():
        worker.conn.close()
    replica, primary = timings[replica_port], timings[primary_port]
    figures = {
        f"{side}_p{pct}_ms": round(percentile(values, pct), 2)
        for side, values in (("replica", replica), ("primary", primary))
        for pct in (50, 95)
    }
    return {
        "pages": list(PUBLIC_PAGES),
        "requests_per_side": count,
        **figures,
        "p50_ratio": ratio(figures["replica_p50_ms"], figures["primary_p50_ms"]),
        "p95_ratio": ratio(figures["replica_p95_ms"], figures["primary_p95_ms"]),
    }


# Processes


def say(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:5.0f} s] {message}", flush=True)


@contextlib.contextmanager
def terminated_on_signals() -> Iterator[None]:
    """SIGTERM and SIGHUP end the run through its `finally`, so nothing is left running."""

    def leave(signum: int, _frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = {s: signal.signal(s, leave) for s in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def stop_all(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to every process at once, then wait (20 s at most each) and kill what is left."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + 20
    for process in processes:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def manage(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip


def scale_environment(tmp: Path, redis_url: str, smoke: bool) -> dict[str, str]:
    base = redis_url.rsplit("/", 1)[0]
    env = {**os.environ, **production_environment(tmp)}
    env.update({
        "REDIS_URL": f"{base}/0",
        "JUNTOS_THROTTLE_STORE": "juntos.core.ratelimit.RedisThrottleStore",
        "JUNTOS_THROTTLE_REDIS_URL": f"{base}/1",
        "JUNTOS_TASKS_BACKEND": "django_tasks_rq.RQBackend",
        "JUNTOS_RQ_URL": f"{base}/2",
        "JUNTOS_BENCH_SMOKE": "1" if smoke else "",
    })  # fmt: skip
    return env


def write_results(result: dict[str, Any], directory: Path) -> str:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "scale-out.json").write_text(json.dumps(result, indent=2))
    t, m, r, a = result["writes"], result["mixed"], result["reads"], result["accepted"]
    lines = [
        f"Juntos scale-out run ({result['mode']}, {result['when']})",
        f"PostgreSQL primary + streaming replica, Redis (cache, throttles, RQ), "
        f"{APP_PROCESSES} gunicorn processes ({GUNICORN_WORKERS} workers x 4 threads each), "
        f"{RQ_WORKERS} RQ workers, the scheduler; "
        f"{WRITERS} client processes x {THREADS} connections.",
        f"audited writes, one lock (baseline)   {t['one_lock_per_s']:>8.1f} writes/s "
        f"({t['writes_per_mode']} reports, ballots and enrolments)",
        f"audited writes, no shared lock        {t['no_lock_per_s']:>8.1f} writes/s",
        f"write ratio                           {t['ratio']:>8.2f}x (budget >= {MIN_WRITE_RATIO}x)",
        f"CPU per write, one lock / no lock     app {t['one_lock_app_cpu_ms']} / "
        f"{t['no_lock_app_cpu_ms']} ms, database {t['one_lock_db_cpu_ms']} / "
        f"{t['no_lock_db_cpu_ms']} ms, clients {t['one_lock_client_cpu_ms']} / "
        f"{t['no_lock_client_cpu_ms']} ms",
        f"cores kept busy, one lock / no lock   {t['one_lock_cores_busy']} / "
        f"{t['no_lock_cores_busy']} (of {os.cpu_count()})",
        f"mixed load                            {m['requests']:>8} requests in {m['seconds']} s: "
        f"{m['reports']} reports ({m['emergencies']} emergencies), {m['ballots']} ballots, "
        f"{m['enrolments']} enrolments accepted; {m['refused']} refused",
        f"exactly once, every write of the run  {result['exactly_once']} "
        f"({a['reports']} reports, {a['ballots']} ballots, {a['enrolments']} enrolments)",
        f"alerts delivered by the RQ worker     {m['alerts_delivered']:>8}",
        f"audit entries chained                 {result['audit_chained']:>8} (audit_verify passed: "
        f"{'no' if any(p.startswith('audit') for p in result['failures']) else 'yes'})",
        f"public pages p50 replica / primary    {r['replica_p50_ms']:.1f} / "
        f"{r['primary_p50_ms']:.1f} ms = {r['p50_ratio']:.2f}x (budget <= {MAX_READ_RATIO}x)",
        f"public pages p95 replica / primary    {r['replica_p95_ms']:.1f} / "
        f"{r['primary_p95_ms']:.1f} ms = {r['p95_ratio']:.2f}x (budget <= {MAX_READ_RATIO}x)",
        f"table scans on the replica (reads)    {r['replica_table_scans']:>8}",
        f"run took                              {result['seconds']:>8.0f} s; "
        f"load average {result['load_average']}",
    ]  # fmt: skip
    lines += [f"FAILURE {f}" for f in result["failures"]]
    note = " (not enforced in --smoke)" if result["mode"] == "smoke" else ""
    lines += [f"BUDGET BREACH {b}{note}" for b in result["budget_breaches"]]
    if not result["failures"] and not result["budget_breaches"]:
        lines.append("All checks passed, all budgets met.")
    text = "\n".join(lines) + "\n"
    (directory / "scale-out.txt").write_text(text)
    return text


def run(smoke: bool) -> int:
    from juntos.testing.redis import RedisMissing, redis_process

    try:
        return _run(smoke, redis_process)
    except RedisMissing as missing:
        print(f"the scale-out run cannot start: {missing}", file=sys.stderr)
        return 1


def _run(smoke: bool, redis_process: Callable[..., Any]) -> int:

    counts = SMOKE if smoke else FULL
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix="juntos-scale-"))
    processes: list[subprocess.Popen[bytes]] = []
    try:
        with terminated_on_signals(), redis_process() as redis_url:
            env = scale_environment(tmp, redis_url, smoke)
            os.environ.update(env)
            try:
                result = _measure(counts, env, tmp, processes)
            finally:
                stop_all(processes)  # before Redis stops, so the workers end cleanly
            result.update(
                mode="smoke" if smoke else "full",
                seconds=round(time.perf_counter() - started),
            )
            print(write_results(result, RESULTS), end="")
            if result["failures"]:
                return 1
            return 1 if result["budget_breaches"] and not smoke else 0
    finally:
        stop_all(processes)
        # The app processes', the workers' and the scheduler's logs, for a run that failed.
        logs = RESULTS / "scale-out-logs"
        shutil.rmtree(logs, ignore_errors=True)
        logs.mkdir(parents=True, exist_ok=True)
        for log in tmp.glob("*.log"):
            shutil.copy(log, logs / log.name)
        shutil.rmtree(tmp, ignore_errors=True)


def _measure(
    counts: Counts, env: dict[str, str], tmp: Path, processes: list[subprocess.Popen[bytes]]
) -> dict[str, Any]:
    from django.db import connections

    from bench.runner import prepare_database
    from bench.scenarios import learning, network

    say("preparing the database")
    states = prepare_database([("network", network), ("learning", learning)])
    say("prepared")
    from juntos.core.models import OutboxMessage, PendingMessage
    from juntos.reports.models import Report

    # The worker and the scheduler first: the scheduler's first pass enqueues every periodic
    # job, which the worker works through while the app processes start.
    worker = ["rqworker", *env_queues(), "--job-class", "django_tasks_rq.Job"]
    for n in range(RQ_WORKERS):
        processes.append(manage(worker, env, tmp / f"rqworker-{n}.log"))
    processes.append(manage(["schedule_periodic", "--loop"], env, tmp / "scheduler.log"))
    apps = [free_port() for _ in range(APP_PROCESSES)]
    no_replica = {k: v for k, v in env.items() if k != "JUNTOS_DATABASE_REPLICA_URL"}
    primary_port = free_port()
    servers = [(port, env, f"app-{n}") for n, port in enumerate(apps)]
    servers.append((primary_port, no_replica, "primary-only"))
    for port, server_env, name in servers:
        processes.append(spawn_gunicorn(port, GUNICORN_WORKERS, tmp, env=server_env, name=name))
    for process, (port, _, name) in zip(processes[-len(servers) :], servers, strict=True):
        wait_healthy(process, port, tmp / f"{name}.log")
    say("app processes answer")
    # Measured once the workers are idle: the set-up's messages (a vote opened for 500 members)
    # and the periodic jobs' first pass weigh on neither mode.
    if not wait_for(queues_idle, 150):
        raise RuntimeError("the RQ workers did not work through the queued jobs within 150 s")
    say("app processes, RQ worker and scheduler up, queues idle")

    writes = Writes()
    reports_before = set(Report.objects.filter(source="api").values_list("pk", flat=True))
    pending_before = set(PendingMessage.objects.values_list("pk", flat=True))
    outbox_before = OutboxMessage.objects.count()
    connections.close_all()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(WRITERS, mp_context=context) as pool:
        pids = set(pool.map(_warm, range(WRITERS * 4)))
        # Each gunicorn worker has loaded its code, templates and translations before the clock.
        warm = [_report(i, "warm-up") for i in range(WRITERS * THREADS * 2)]
        collect(warm, in_processes(pool, warm, apps)[0], writes)
        app_pids = [p.pid for p in processes[-len(servers) :]][:APP_PROCESSES]
        writes_row = throughput(pool, apps, counts, states, writes, app_pids, postmaster_pid())
        say(f"throughput measured: {writes_row}")
        earlier = (len(writes.receipts), len(writes.tracking), len(writes.enrolled))
        mixed_row = mixed(pool, apps, counts, states, writes)
        mixed_row.update(
            reports=len(writes.receipts) - earlier[0],
            ballots=len(writes.tracking) - earlier[1],
            enrolments=len(writes.enrolled) - earlier[2],
        )
        say(f"mixed load sent: {mixed_row}")
    failures = list(writes.refused[:5])
    if writes.refused:
        failures.insert(0, f"{len(writes.refused)} writes refused")
    failures += check_reports(writes, reports_before)
    failures += check_ballots(writes, states["network"])
    failures += check_enrolments(writes, states["learning"])
    failures += check_alerts(writes, pending_before, outbox_before)
    audit_problems, chained = check_audit()
    failures += audit_problems
    say("writes checked")
    before = replica_scans()
    reads_row = reads(apps[0], primary_port, counts.reads)
    reads_row["replica_table_scans"] = settled(replica_scans) - before
    if reads_row["replica_table_scans"] <= 0:
        failures.append("reads: the replica read none of the product's tables for the pages")
    mixed_row.update(
        emergencies=writes.emergencies, refused=len(writes.refused),
        alerts_delivered=OutboxMessage.objects.count() - outbox_before, client_processes=len(pids),
    )  # fmt: skip
    from django.conf import settings

    return {
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "python": platform.python_version(),
        "load_average": ", ".join(f"{v:.1f}" for v in os.getloadavg()),
        "writers": WRITERS,
        "connections_per_writer": THREADS,
        "app_processes": APP_PROCESSES,
        "gunicorn_workers": GUNICORN_WORKERS,
        "writes": writes_row,
        "mixed": mixed_row,
        "reads": reads_row,
        "accepted": {
            "reports": len(writes.receipts),
            "ballots": len(writes.tracking),
            "enrolments": len(writes.enrolled),
        },
        "exactly_once": "no lost, no duplicated, none unaccounted"
        if not any(k in f for f in failures for k in ("lost", "duplicated", "unaccounted"))
        else "FAILED",
        "audit_chained": chained,
        "failures": failures,
        "budget_breaches": breaches(
            writes_row["ratio"], reads_row["p50_ratio"], reads_row["p95_ratio"]
        ),
    }


def env_queues() -> list[str]:
    from django.conf import settings

    return list(settings.TASK_QUEUES)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench --scale-out", description=__doc__)
    parser.add_argument("--smoke", action="store_true", help="few requests; correctness only")
    smoke = parser.parse_args(argv).smoke
    have_primary = os.environ.get("DATABASE_URL", "").startswith("postgres")
    if not (have_primary and os.environ.get("JUNTOS_DATABASE_REPLICA_URL")):
        # A throwaway primary and streaming replica on loopback, removed afterwards.
        script = str(ROOT / "scripts" / "with-postgres")
        command = [script, "--replica", sys.executable, "-m", "bench.scaleout", *argv]
        return subprocess.run(command, cwd=ROOT, check=False).returncode
    return run(smoke)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
