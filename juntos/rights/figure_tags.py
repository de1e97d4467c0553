"""Rule figures in article texts: `[[MW-MB.hourly]]` stands for a rule's amount.

An article states a rule's figure by naming it: `[[RULE-ID.parameter]]` is the parameter of
the rule's version in force on the day the page is read, with the day it started;
`[[RULE-ID.parameter@2025-10-01]]` the one in force on that day. Each is shown in the reader's
language with how sure it is (nothing for a confirmed figure, "reported by an unofficial
source" or "not yet verified" otherwise), and as "unknown: ask a caseworker" for a day no
version covers. The rule data (the compliance app, which registers the resolver when it
starts) is then the only place an amount is written: the checker and the article cannot
disagree, and approving a rule version changes the article at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.utils import timezone

TAG = re.compile(r"\[\[([A-Z0-9][A-Z0-9-]*)\.([a-z_]+)(?:@(\d{4}-\d{2}-\d{2}))?\]\]")

# (rule id, parameter, day, dated, language) -> the figure as a reader sees it.
Resolver = Callable[[str, str, dt.date, bool, str], str]
# (rule id, parameter, day) -> its certainty ("" when no version covers the day).
CertaintyOf = Callable[[str, str, dt.date], str]

_resolvers: list[tuple[Resolver, CertaintyOf]] = []


def figure_resolver_register(resolver: Resolver, certainty_of: CertaintyOf) -> None:
    """Called once by the compliance app at start-up."""
    _resolvers[:] = [(resolver, certainty_of)]


def tags_in(text: str) -> list[tuple[str, str, dt.date | None]]:
    """The figures a text names: (rule id, parameter, day or None for "the reading day")."""
    return [
        (rule_id, param, dt.date.fromisoformat(day) if day else None)
        for rule_id, param, day in TAG.findall(text or "")
    ]


def render_figures(text: str, language: str, today: dt.date | None = None) -> str:
    """The text with every figure tag replaced by the rule's figure in the language."""
    if not text or "[[" not in text:
        return text
    if not _resolvers:
        raise RuntimeError("no rule figures are installed (is juntos.compliance installed?)")
    resolver = _resolvers[0][0]
    reading_day = today or timezone.localdate()

    def one(match: re.Match[str]) -> str:
        rule_id, param, day = match.groups()
        if day:
            try:
                return resolver(rule_id, param, dt.date.fromisoformat(day), True, language)
            except ValueError:
                return match.group(0)
        return resolver(rule_id, param, reading_day, False, language)

    return TAG.sub(one, text)


def certainties_of(text: str, day: dt.date) -> set[str]:
    """How sure the figures a text names are on a day ("" for a figure no version covers)."""
    if not _resolvers:
        return set()
    certainty_of = _resolvers[0][1]
    return {certainty_of(rule_id, param, at or day) for rule_id, param, at in tags_in(text)}
