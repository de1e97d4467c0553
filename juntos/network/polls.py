"""Counting the polls that choose among options: ranked choice and scores; and consent.

Pure functions of the ballots, with no database and no order: shuffling the ballots never
changes a result (tests check this with hypothesis). Options are numbered 0..n-1 in the order
the coordinator listed them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

SCORE_MAX = 5


@dataclass(frozen=True)
class IrvRound:
    """One round of an instant-runoff count: votes per continuing option, and who goes out."""

    counts: dict[int, int]
    continuing_ballots: int
    exhausted: int
    eliminated: tuple[int, ...] = ()


@dataclass(frozen=True)
class IrvResult:
    rounds: list[IrvRound] = field(default_factory=list)
    # None when the last options left are tied, or nobody ranked anything.
    winner: int | None = None


def irv_count(rankings: Sequence[Sequence[int]], options: int) -> IrvResult:
    """Instant-runoff: each ballot counts for its highest-ranked option still in the count.

    An option wins with more than half of the ballots still counting. Otherwise every option
    tied for fewest votes goes out together (no tie-break that would depend on ballot order or
    on luck); if that would remove all that remain, the count ends in a tie with no winner.
    """
    continuing = set(range(options))
    rounds: list[IrvRound] = []
    while continuing:
        counts = dict.fromkeys(sorted(continuing), 0)
        exhausted = 0
        for ranking in rankings:
            top = next((o for o in ranking if o in continuing), None)
            if top is None:
                exhausted += 1
            else:
                counts[top] += 1
        live = len(rankings) - exhausted
        leader = max(counts, key=lambda o: counts[o])
        if live and 2 * counts[leader] > live:
            rounds.append(IrvRound(counts, live, exhausted))
            return IrvResult(rounds, leader)
        fewest = min(counts.values())
        out = tuple(o for o in counts if counts[o] == fewest)
        if len(out) == len(continuing):
            rounds.append(IrvRound(counts, live, exhausted))
            return IrvResult(rounds, None)
        rounds.append(IrvRound(counts, live, exhausted, out))
        continuing -= set(out)
    return IrvResult(rounds, None)


@dataclass(frozen=True)
class OptionScore:
    option: int
    # How many gave each score 0..SCORE_MAX.
    distribution: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(score * n for score, n in enumerate(self.distribution))

    @property
    def count(self) -> int:
        return sum(self.distribution)

    @property
    def mean(self) -> float:
        return self.total / self.count if self.count else 0.0


@dataclass(frozen=True)
class ScoreResult:
    options: list[OptionScore]
    # The option with the highest mean, or None when several share it (or nobody voted).
    winner: int | None


def score_count(scores: Sequence[Sequence[int]], options: int) -> ScoreResult:
    """Each ballot gives every option a score from 0 to SCORE_MAX; highest mean wins."""
    per_option = [Counter(ballot[o] for ballot in scores) for o in range(options)]
    summary = [
        OptionScore(o, tuple(per_option[o][s] for s in range(SCORE_MAX + 1)))
        for o in range(options)
    ]
    if not scores:
        return ScoreResult(summary, None)
    # Compare totals, not float means: every option has the same number of scores.
    best = max(s.total for s in summary)
    top = [s.option for s in summary if s.total == best]
    return ScoreResult(summary, top[0] if len(top) == 1 else None)


def consent_carried(*, agree: int, block: int) -> bool:
    """Consent: adopted when nobody blocks and at least one agrees (stand-asides do not stop it)."""
    return block == 0 and agree > 0
