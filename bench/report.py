"""Statistics, budgets and the results files."""

from __future__ import annotations

import json
import math
import platform
import time
from pathlib import Path
from typing import Any

from bench.api import Scenario
from bench.loadgen import Outcome


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile; 0 for no values."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, math.ceil(pct / 100 * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def stats(outcome: Outcome) -> dict[str, Any]:
    lat = outcome.latencies_ms
    return {
        "requests": len(lat),
        "ok": outcome.ok,
        "errors": outcome.errors,
        "statuses": {str(k): v for k, v in sorted(outcome.statuses.items())},
        "seconds": round(outcome.seconds, 3),
        "rps": round(len(lat) / outcome.seconds, 1) if outcome.seconds else 0.0,
        "p50_ms": round(percentile(lat, 50), 2),
        "p95_ms": round(percentile(lat, 95), 2),
        "p99_ms": round(percentile(lat, 99), 2),
        "error_samples": outcome.error_samples,
        "stopped_early": outcome.stopped_early,
        "connections_per_process": list(outcome.spread),
        "connections_placed_by_kernel": outcome.unplaced,
    }


def budget_breaches(scenario: Scenario, row: dict[str, Any]) -> list[str]:
    """Latency, throughput and time budgets (not enforced in --smoke)."""
    b = scenario.budget
    limits = [
        ("ratio", b.max_ratio, row["ratio"], "x"),
        ("p95 ratio", b.max_p95_ratio, row.get("p95_ratio"), "x"),
        ("p50", b.p50_ms, row["p50_ms"], " ms"),
        ("p95", b.p95_ms, row["p95_ms"], " ms"),
        ("p99", b.p99_ms, row["p99_ms"], " ms"),
        ("seconds", b.max_seconds, row["seconds"], " s"),
    ]
    found = [
        f"{scenario.name}: {label} {value}{unit} > budget {limit}{unit}"
        for label, limit, value, unit in limits
        if limit is not None and value is not None and value > limit
    ]
    if b.min_rps is not None and row["rps"] < b.min_rps:
        found.append(f"{scenario.name}: {row['rps']} req/s < budget {b.min_rps} req/s")
    return found


def correctness_failures(scenario: Scenario, outcome: Outcome, state: Any) -> list[str]:
    """Wrong statuses, an early stop and failed checks: enforced in every run, smoke too."""
    found = []
    total = len(outcome.latencies_ms)
    if total and outcome.errors / total > scenario.budget.max_error_rate:
        found.append(
            f"{scenario.name}: {outcome.errors}/{total} unexpected responses "
            f"{outcome.error_samples}"
        )
    if total < outcome.planned and not outcome.stopped_early:
        found.append(f"{scenario.name}: only {total} of {outcome.planned} requests were measured")
    if outcome.stopped_early:
        found.append(f"{scenario.name}: stopped at max_seconds={scenario.max_seconds}")
    if scenario.check is not None:
        found += [f"{scenario.name}: {msg}" for msg in scenario.check(outcome, state)]
    return found


def evaluate(
    scenarios: list[Scenario],
    outcomes: dict[str, Outcome],
    states: dict[str, Any],
    owners: dict[str, str],
    checked: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """One row per scenario with statistics, ratio to its baseline, and any breach.

    `checked` holds wrk's figures (`bench.wrk.WrkOutcome`) for the scenarios it ran: they go
    in the row as `wrk`, with their own ratio to wrk's figure for the same baseline.
    """
    checked = checked or {}
    base = {name: stats(o) for name, o in outcomes.items()}
    rows = []
    for scenario in scenarios:
        row = {"name": scenario.name, "baseline": scenario.baseline, **base[scenario.name]}
        ref = base.get(scenario.baseline)
        ratio = p95_ratio = None
        if ref and ref["p50_ms"] and scenario.name != scenario.baseline:
            ratio = round(row["p50_ms"] / ref["p50_ms"], 2)
        if ref and ref["p95_ms"] and scenario.name != scenario.baseline:
            p95_ratio = round(row["p95_ms"] / ref["p95_ms"], 2)
        row["ratio"] = ratio
        row["p95_ratio"] = p95_ratio
        row["concurrency"] = scenario.concurrency
        row["wrk"] = _wrk_row(scenario, checked)
        state = states[owners[scenario.name]]
        row["failures"] = correctness_failures(scenario, outcomes[scenario.name], state)
        if row["wrk"] and row["wrk"]["errors"]:
            row["failures"].append(
                f"{scenario.name}: wrk saw {row['wrk']['errors']} errors or unexpected statuses"
            )
        row["budget_breaches"] = budget_breaches(scenario, row)
        row["breaches"] = row["failures"] + row["budget_breaches"]
        rows.append(row)
    return rows


def _wrk_row(scenario: Scenario, checked: dict[str, Any]) -> dict[str, Any] | None:
    found = checked.get(scenario.name)
    if found is None:
        return None
    row = found.as_dict()
    ref = checked.get(scenario.baseline)
    row["ratio"] = None
    if ref is not None and ref.p50_ms and scenario.name != scenario.baseline:
        row["ratio"] = round(found.p50_ms / ref.p50_ms, 2)
    return row


def wrk_table(rows: list[dict[str, Any]]) -> list[str]:
    """The cross-check: both generators' figures side by side for the scenarios wrk ran."""
    checked = [r for r in rows if r.get("wrk")]
    if not checked:
        return []
    head = f"{'cross-check':<28}{'gen':>6}{'conns':>6}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}"
    head += f"{'ratio':>8}"
    lines = ["", "Same scenarios driven by wrk (C, little CPU per request) after the run:", head]
    lines.append("-" * len(head))
    for r in checked:
        w = r["wrk"]
        for gen, conns, rps, p50, p99, ratio in (
            ("bench", str(r["concurrency"]), r["rps"], r["p50_ms"], r["p99_ms"], r["ratio"]),
            ("wrk", str(w["connections"]), w["rps"], w["p50_ms"], w["p99_ms"], w["ratio"]),
        ):
            shown = f"{ratio:.2f}x" if ratio is not None else "-"
            lines.append(
                f"{r['name'] if gen == 'bench' else '':<28}{gen:>6}{conns:>6}{rps:>9.1f}"
                f"{p50:>9.2f}{p99:>9.2f}{shown:>8}"
            )
    return lines


def table(rows: list[dict[str, Any]], mode: str) -> str:
    head = f"{'scenario':<28}{'reqs':>6}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
    head += f"{'ratio':>8}{'p95 r.':>8}  vs"
    lines = [f"Juntos load benchmark ({mode})", head, "-" * len(head)]
    for r in rows:
        ratio = f"{r['ratio']:.2f}x" if r["ratio"] is not None else "-"
        p95_ratio = f"{r['p95_ratio']:.2f}x" if r.get("p95_ratio") is not None else "-"
        lines.append(
            f"{r['name']:<28}{r['requests']:>6}{r['rps']:>9.1f}{r['p50_ms']:>9.1f}"
            f"{r['p95_ms']:>9.1f}{r['p99_ms']:>9.1f}{ratio:>8}{p95_ratio:>8}  "
            f"{r['baseline'] if r['ratio'] is not None else ''}"
        )
    failures = [f for r in rows for f in r["failures"]]
    breaches = [b for r in rows for b in r["budget_breaches"]]
    for f in failures:
        lines.append(f"FAILURE {f}")
    for b in breaches:
        lines.append(
            f"BUDGET BREACH {b}" + (" (not enforced in --smoke)" if mode == "smoke" else "")
        )
    if not failures and not breaches:
        lines.append("All scenarios within budget.")
    lines += wrk_table(rows)
    return "\n".join(lines) + "\n"


def spread_line(rows: list[dict[str, Any]]) -> str:
    """How the load's connections were held by the server's processes (see loadgen.spread)."""
    uneven = []
    for row in rows:
        held = row.get("connections_per_process") or []
        placed = row.get("connections_placed_by_kernel") or 0
        if placed or (held and max(held) - min(held) > 1):
            uneven.append(f"{row['name']} {'+'.join(map(str, held))} (+{placed} unplaced)")
    if uneven:
        return "connections per server process, uneven: " + ", ".join(uneven) + "\n"
    return "connections per server process: even in every scenario\n"


def write_results(rows: list[dict[str, Any]], options: Any, directory: Path) -> str:
    """Write latest.json and latest.txt; return the text table."""
    from django.conf import settings

    mode = "smoke" if options.smoke else "full"
    directory.mkdir(parents=True, exist_ok=True)
    meta = {
        "mode": mode,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "database": settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1],
        "gunicorn_workers": options.workers,
        "python": platform.python_version(),
    }
    (directory / "latest.json").write_text(json.dumps({**meta, "scenarios": rows}, indent=2))
    text = table(rows, mode) + f"database: {meta['database']}, workers: {options.workers}\n"
    text += spread_line(rows)
    (directory / "latest.txt").write_text(text)
    return text
