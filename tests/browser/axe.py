"""axe-core (from npm) run in the page: what blocks, and a readable account of it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}
RUN = "async () => await axe.run(document, {resultTypes: ['violations', 'incomplete']})"


@cache
def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: run `npm ci`"
    return AXE.read_text(encoding="utf-8")


def invisible_text(incomplete: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Text the same colour as its background: axe calls a 1:1 ratio "incomplete" (it might be
    hidden on purpose), but here it is always a bug: white buttons on white pages were invisible.
    """
    found = []
    for result in incomplete:
        if result["id"] != "color-contrast":
            continue
        nodes = [
            node
            for node in result["nodes"]
            if any(
                (check.get("data") or {}).get("messageKey") == "equalRatio" for check in node["any"]
            )
        ]
        if nodes:
            found.append({**result, "nodes": nodes, "help": "Text is the colour of its background"})
    return found


def _equal_ratio(node: dict[str, Any]) -> bool:
    return any((check.get("data") or {}).get("messageKey") == "equalRatio" for check in node["any"])


def blocking_violations(page: Any) -> list[dict[str, Any]]:
    """Run axe in the page: contrast failures (1:1 included) and every serious or critical one."""
    page.evaluate(axe_source())
    result = page.evaluate(RUN)
    violations = [
        v for v in result["violations"] if v["id"] == "color-contrast" or v["impact"] in BLOCKING
    ]
    return violations + invisible_text(result["incomplete"])


def readable(violations: list[dict[str, Any]]) -> str:
    """One block per rule: id, impact, help, and the selectors of the failing elements."""
    lines = []
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} [{v.get('helpUrl', '')}]")
        for node in v["nodes"][:10]:
            summary = " ".join((node.get("failureSummary") or "").split("\n")[:2])
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary}")
    return "\n".join(lines)
