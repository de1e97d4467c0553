"""Disclosure control for published tables: fixed periods, primary and secondary suppression,
and keyed rounding.

A published table is a grid of counts (at most two grouping dimensions) with its row totals,
column totals and grand total. Three rules keep a small count from being published or worked
out:

1. Primary suppression: a count from 1 to the threshold minus one is never shown.
2. Secondary suppression: enough other counts are hidden that no hidden count can be solved
   from the shown counts and totals. With the totals written into the grid with their sign
   flipped, every row and column of the grid adds up to zero; a change that keeps every shown
   figure is then any cycle of +1/-1 steps through hidden cells. A hidden cell that lies on such
   a cycle can move both ways (every hidden cell is at least 1), so it keeps at least three
   feasible values. We hide cells until every hidden cell lies on a cycle, that is until no
   hidden cell is a bridge of the graph whose nodes are rows and columns and whose edges are the
   hidden cells.
3. Keyed rounding: every shown figure is rounded to a multiple of the rounding base, up or down
   with a probability that keeps the rounding unbiased, drawn from a keyed hash of the figure's
   place and true value. Asking again gives the same answer, so averaging repeated answers
   learns nothing, and figures from overlapping publications (a month and its quarter) do not
   add up exactly either.

Periods are calendar months, quarters or years only: an arbitrary date range would let two
overlapping ranges be subtracted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import heapq
import re
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from django.utils.translation import gettext as _

from juntos.core.crypto import keyed_hash

PeriodKind = Literal["month", "quarter", "year"]
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_DIMENSIONS = 2
TOTAL = "__total__"


class DisclosureError(ValueError):
    """A request for a table that cannot be published as asked; the message is translated."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Period:
    """A calendar month, quarter or year, the only periods that are published."""

    kind: PeriodKind
    start: dt.date  # first day
    end: dt.date  # first day of the next period

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"{self.start.year}"
        if self.kind == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start:%Y-%m}"

    def months(self) -> list[dt.date]:
        """The first day of each month in the period."""
        months, day = [], self.start
        while day < self.end:
            months.append(day)
            day = _add_months(day, 1)
        return months


PERIOD_PATTERN = re.compile(r"^(?P<year>\d{4})(?:-(?:Q(?P<quarter>[1-4])|(?P<month>\d{2})))?$")


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def period_parse(text: str) -> Period:
    """`2026`, `2026-Q2` or `2026-07`; anything else is refused with a translated message."""
    match = PERIOD_PATTERN.match(text.strip().upper())
    if not match:
        raise DisclosureError(
            _("Give a period as a year (2026), a quarter (2026-Q2) or a month (2026-07)."),
            field="period",
        )
    year = int(match["year"])
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DisclosureError(
            _("Periods from %(first)s to %(last)s only.")
            % {"first": FIRST_YEAR, "last": LAST_YEAR},
            field="period",
        )
    if match["quarter"]:
        start = dt.date(year, 3 * (int(match["quarter"]) - 1) + 1, 1)
        return Period("quarter", start, _add_months(start, 3))
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise DisclosureError(_("A month is from 01 to 12."), field="period")
        start = dt.date(year, month, 1)
        return Period("month", start, _add_months(start, 1))
    start = dt.date(year, 1, 1)
    return Period("year", start, dt.date(year + 1, 1, 1))


def dimensions_check(group_by: Iterable[str], allowed: Iterable[str]) -> tuple[str, ...]:
    """At most two known grouping dimensions, each once."""
    chosen = tuple(group_by)
    known = set(allowed)
    unknown = [name for name in chosen if name not in known]
    if unknown:
        raise DisclosureError(
            _("Unknown dimension: %(names)s. Choose from: %(allowed)s.")
            % {"names": ", ".join(unknown), "allowed": ", ".join(sorted(known))},
            field="by",
        )
    if len(set(chosen)) != len(chosen):
        raise DisclosureError(_("Each dimension may be chosen once."), field="by")
    if len(chosen) > MAX_DIMENSIONS:
        raise DisclosureError(
            _("At most %(n)s dimensions can be combined in a published table.")
            % {"n": MAX_DIMENSIONS},
            field="by",
        )
    return chosen


# --- the grid and its suppression -----------------------------------------------------------

Key = tuple[Hashable, Hashable]  # (row, column); TOTAL stands for a margin


@dataclass
class Grid:
    """Counts by (row, column), with every margin; a one-dimensional table has one column."""

    rows: list[Hashable]
    columns: list[Hashable]
    counts: dict[Key, int]  # every cell and margin, zeros included

    @classmethod
    def from_cells(
        cls, cells: Mapping[Key, int], rows: Sequence[Hashable], columns: Sequence[Hashable]
    ) -> Grid:
        counts: dict[Key, int] = {}
        for row in rows:
            for column in columns:
                counts[(row, column)] = cells.get((row, column), 0)
        for row in rows:
            counts[(row, TOTAL)] = sum(counts[(row, c)] for c in columns)
        for column in columns:
            counts[(TOTAL, column)] = sum(counts[(r, column)] for r in rows)
        counts[(TOTAL, TOTAL)] = sum(counts[(r, TOTAL)] for r in rows)
        return cls(rows=list(rows), columns=list(columns), counts=counts)

    def published_keys(self) -> list[Key]:
        """What a release shows: the cells, the margins when both sides vary, and the total.

        With one row (or one column) the margins repeat cells or the total, so they are left out.
        """
        if self.is_scalar:
            return [(TOTAL, TOTAL)]
        keys: list[Key] = [(r, c) for r in self.rows for c in self.columns]
        if len(self.rows) > 1 and len(self.columns) > 1:
            keys += [(r, TOTAL) for r in self.rows]
            keys += [(TOTAL, c) for c in self.columns]
        keys.append((TOTAL, TOTAL))
        return keys

    @property
    def is_scalar(self) -> bool:
        return self.rows == [()] and self.columns == [()]

    @property
    def is_line(self) -> bool:
        """One equation (the figures add up to the total) rather than a grid of them."""
        return not self.is_scalar and (len(self.rows) == 1 or len(self.columns) == 1)


def _is_primary(count: int, threshold: int) -> bool:
    return 0 < count < threshold


def _bridges(edges: list[tuple[Hashable, Hashable, Key]]) -> list[Key]:
    """Edges that lie on no cycle (Tarjan's bridge search, iterative, parallel edges kept)."""
    adjacency: dict[Hashable, list[tuple[Hashable, int]]] = {}
    for index, (a, b, _key) in enumerate(edges):
        adjacency.setdefault(a, []).append((b, index))
        adjacency.setdefault(b, []).append((a, index))
    order: dict[Hashable, int] = {}
    low: dict[Hashable, int] = {}
    found: list[Key] = []
    for root in adjacency:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[Hashable, int, int]] = [(root, -1, 0)]
        while stack:
            node, via, position = stack.pop()
            neighbours = adjacency[node]
            if position < len(neighbours):
                stack.append((node, via, position + 1))
                neighbour, edge = neighbours[position]
                if edge == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = len(order)
                    stack.append((neighbour, edge, 0))
            elif via >= 0:
                a, b, key = edges[via]
                parent = a if b == node else b
                low[parent] = min(low[parent], low[node])
                if low[node] > order[parent]:
                    found.append(key)
    return found


def _edge(key: Key) -> tuple[Hashable, Hashable, Key]:
    """A figure of a grid as an edge between its row node and its column node."""
    return (("row", key[0]), ("column", key[1]), key)


def _cheapest_closing_path(
    grid: Grid, published: list[Key], hidden: set[Key], bridge: Key
) -> list[Key] | None:
    """The figures to hide, smallest total first, that close a cycle through the bridge.

    Dijkstra from the bridge's row side to its column side over every figure but the bridge:
    hidden figures cost nothing, zeros cannot be used, the others cost their count.
    """
    start, goal, _key = _edge(bridge)
    adjacency: dict[Hashable, list[tuple[Hashable, Key]]] = {}
    for key in published:
        if key == bridge or (key not in hidden and grid.counts[key] <= 0):
            continue
        a, b, _same = _edge(key)
        adjacency.setdefault(a, []).append((b, key))
        adjacency.setdefault(b, []).append((a, key))
    best: dict[Hashable, int] = {start: 0}
    came: dict[Hashable, tuple[Hashable, Key]] = {}
    queue: list[tuple[int, str, Hashable]] = [(0, repr(start), start)]
    while queue:
        cost, _tie, node = heapq.heappop(queue)
        if node == goal:
            path = []
            while node != start:
                node, key = came[node]
                if key not in hidden:
                    path.append(key)
            return path
        if cost > best.get(node, cost):
            continue
        for neighbour, key in adjacency.get(node, []):
            step = cost + (0 if key in hidden else grid.counts[key])
            if step < best.get(neighbour, step + 1):
                best[neighbour] = step
                came[neighbour] = (node, key)
                heapq.heappush(queue, (step, repr(neighbour), neighbour))
    return None


def _smallest(grid: Grid, keys: Iterable[Key], hidden: set[Key]) -> Key | None:
    """The smallest non-zero figure not hidden yet (a zero is never hidden: it cannot move
    down, so hiding it protects nothing)."""
    candidates = [key for key in keys if key not in hidden and grid.counts[key] > 0]
    return min(candidates, key=lambda key: (grid.counts[key], repr(key))) if candidates else None


def suppress(grid: Grid, threshold: int) -> set[Key]:
    """The figures to hide: the small ones, and enough others that none can be solved."""
    published = grid.published_keys()
    hidden = {key for key in published if _is_primary(grid.counts[key], threshold)}
    if grid.is_scalar or not hidden:
        return hidden
    if grid.is_line:
        # One equation: a single hidden figure would be the total minus the rest.
        if len(hidden) == 1:
            extra = _smallest(grid, published, hidden)
            return hidden | {extra} if extra else set(published)
        return hidden
    for _round in range(len(published)):
        bridges = _bridges([_edge(key) for key in hidden])
        if not bridges:
            return hidden
        path = _cheapest_closing_path(grid, published, hidden, bridges[0])
        if path is None:
            return set(published)  # nothing can protect it: hide everything
        hidden.update(path)
    return set(published)


def rounded(count: int, *, base: int, place: str) -> int:
    """Unbiased rounding to a multiple of base, with the direction drawn from a keyed hash."""
    if base <= 1 or count % base == 0:
        return count
    remainder = count % base
    draw = int(keyed_hash("monitoring-rounding", f"{place}|{count}")[:8], 16) / 0xFFFFFFFF
    down = count - remainder
    return down + base if draw < remainder / base else down


def place_of(kind: str, period: Period, dimensions: tuple[str, ...], key: Key) -> str:
    """A stable name for one figure of one release, for the rounding draw."""
    text = f"{kind}|{period.label}|{','.join(dimensions)}|{key[0]!r}|{key[1]!r}"
    return hashlib.sha256(text.encode()).hexdigest()
