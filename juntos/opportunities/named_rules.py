"""SAWP named-worker rules as data (data/named_worker_rules.toml), with their certainty."""

from __future__ import annotations

import datetime as dt
import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path

RULES_FILE = Path(__file__).with_name("data") / "named_worker_rules.toml"


@dataclass(frozen=True)
class NamedWorkerRule:
    """When a change of name on a named-worker request is refused, and how sure we are."""

    id: str
    programs: tuple[str, ...]
    notice_weeks: int
    refuse_when_permit_in_process: bool
    effective_from: dt.date
    certainty: str
    source_url: str
    source_title: str

    def change_deadline(self, start: dt.date) -> dt.date:
        """The last day a change of name is accepted for work starting on `start`."""
        return start - dt.timedelta(weeks=self.notice_weeks)


@functools.cache
def named_worker_rules() -> tuple[NamedWorkerRule, ...]:
    raw = tomllib.loads(RULES_FILE.read_text(encoding="utf-8"))
    return tuple(
        NamedWorkerRule(
            id=row["id"],
            programs=tuple(row["programs"]),
            notice_weeks=int(row["name_change_notice_weeks"]),
            refuse_when_permit_in_process=bool(row["refuse_when_permit_in_process"]),
            effective_from=row["effective_from"],
            certainty=row["certainty"],
            source_url=row["source_url"],
            source_title=row["source_title"],
        )
        for row in raw["rule"]
    )


def rule_for(program: str, on: dt.date) -> NamedWorkerRule | None:
    """The rule for a program on a day, or None when the file has none (then: ask)."""
    for rule in named_worker_rules():
        if program in rule.programs and rule.effective_from <= on:
            return rule
    return None
