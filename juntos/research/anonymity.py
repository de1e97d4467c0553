"""Generalise quasi-identifiers until an extract is k-anonymous and l-diverse; suppress the rest.

The method is full-domain generalisation chosen greedily, as in Sweeney's Datafly: every value
of a quasi-identifier moves up its hierarchy together (all ages become ten-year groups, never
only some), one attribute a step at a time, the attribute with the most distinct values first
(the season last, so that the extract stays longitudinal). It stops when the rows in classes
that still fail are at most `MAX_SUPPRESSED_SHARE` of the total; those rows are suppressed.

A class is the set of rows sharing every generalised quasi-identifier. It passes when it has at
least k rows and, for each sensitive field, at least l distinct values.

Memory is bounded whatever the population: the algorithm works on a histogram of classes,
never on rows. Before any data is read, attributes are generalised (largest estimated domain
first) until the product of their estimated domain sizes is at most `MAX_START_CELLS`, so the
histogram built from the stream has at most about that many entries; later steps only merge
entries.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

NOT_SAID = "not said"
ANY = "*"
K_MINIMUM = 10
L_MINIMUM = 2
MAX_SUPPRESSED_SHARE = 0.05
MAX_START_CELLS = 100_000

COUNTRY_AREA = {
    "MX": "north-america",
    "GT": "central-america",
    "HN": "central-america",
    "JM": "caribbean",
    "TT": "caribbean",
    "PH": "asia",
    "ZZ": "other",
}
PROVINCE_REGION = {
    "BC": "west",
    "AB": "west",
    "SK": "prairies",
    "MB": "prairies",
    "ON": "central",
    "QC": "central",
    "NB": "atlantic",
    "NS": "atlantic",
    "PE": "atlantic",
    "NL": "atlantic",
    "YT": "north",
    "NT": "north",
    "NU": "north",
}


def _keep_not_said(step: Callable[[str], str]) -> Callable[[str], str]:
    return lambda value: value if value in (NOT_SAID, ANY) else step(value)


def _to_any(value: str) -> str:
    return ANY


def _ten_years(band: str) -> str:
    if band.endswith("+"):
        return "60+"
    low = int(band.split("-")[0]) // 10 * 10
    return f"{low}-{low + 9}"


def _two_seasons(year: str) -> str:
    first = int(year) - int(year) % 2
    return f"{first}-{first + 1}"


@dataclass(frozen=True)
class Hierarchy:
    """Steps up from the finest value (level 0) to ANY, and estimated domain sizes per level."""

    steps: tuple[Callable[[str], str], ...]
    domain: tuple[int, ...]  # an estimate of distinct values at each level, for the start

    @property
    def top(self) -> int:
        return len(self.steps)


HIERARCHIES: dict[str, Hierarchy] = {
    "country": Hierarchy(
        (_keep_not_said(lambda code: COUNTRY_AREA.get(code, "other")), _to_any), (8, 6, 1)
    ),
    "region": Hierarchy((_to_any,), (64, 1)),
    "gender": Hierarchy((_to_any,), (5, 1)),
    "age_band": Hierarchy((_keep_not_said(_ten_years), _to_any), (12, 7, 1)),
    "province": Hierarchy(
        (_keep_not_said(lambda code: PROVINCE_REGION.get(code, "other")), _to_any), (14, 6, 1)
    ),
    "occupation_group": Hierarchy((_keep_not_said(lambda group: group[:1]), _to_any), (12, 6, 1)),
    "season": Hierarchy((_two_seasons, _to_any), (12, 6, 1)),
}
SEASON = "season"


# --- level-0 values from what the worker entered ----------------------------------------------


def age_band(birth_year: int | None, season_year: int) -> str:
    """Five-year age group in the season's year; 65 and over together."""
    if not birth_year:
        return NOT_SAID
    age = season_year - birth_year
    if age >= 65:
        return "65+"
    low = max(age, 15) // 5 * 5
    return f"{low}-{low + 4}"


@lru_cache(maxsize=4096)
def region_of(text: str) -> str:
    """A home region as typed, folded so that 'Michoacán ' and 'michoacan' are one value."""
    folded = unicodedata.normalize("NFKD", text.strip().casefold())
    plain = " ".join("".join(c for c in folded if not unicodedata.combining(c)).split())
    return plain or NOT_SAID


def occupation_group(code: str) -> str:
    """The NOC 2021 major group: the first two digits of the five-digit code."""
    return code[:2] if code else NOT_SAID


# --- the algorithm --------------------------------------------------------------------------

Key = tuple[str, ...]


@dataclass
class Histogram:
    """Rows per class, and per class one bit mask of seen values per sensitive field."""

    attributes: tuple[str, ...]
    levels: list[int]
    sensitive_fields: int
    cells: dict[Key, list[int]] = field(default_factory=dict)
    _bits: list[dict[Hashable, int]] = field(default_factory=list)
    _maps: list[dict[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._bits = [{} for _ in range(self.sensitive_fields)]
        self._maps = [{} for _ in self.attributes]

    def generalised(self, finest: Sequence[str]) -> Key:
        """A row's class at the current levels, from its level-0 values (cached per value)."""
        maps = self._maps
        try:
            return tuple([maps[position][value] for position, value in enumerate(finest)])
        except KeyError:
            pass  # a value not seen at these levels yet: work it out once
        key = []
        for position, value in enumerate(finest):
            cache = self._maps[position]
            found = cache.get(value)
            if found is None:
                found = value
                for step in HIERARCHIES[self.attributes[position]].steps[: self.levels[position]]:
                    found = step(found)
                cache[value] = found
            key.append(found)
        return tuple(key)

    def add(self, finest: Sequence[str], sensitive: Sequence[Hashable]) -> None:
        key = self.generalised(finest)
        cell = self.cells.get(key)
        if cell is None:
            cell = self.cells[key] = [0] * (1 + self.sensitive_fields)
        cell[0] += 1
        for position, value in enumerate(sensitive):
            bits = self._bits[position]
            bit = bits.setdefault(value, 1 << len(bits))
            cell[1 + position] |= bit

    def step_up(self, position: int) -> None:
        """Generalise one attribute by one level, merging the classes that become equal."""
        step = HIERARCHIES[self.attributes[position]].steps[self.levels[position]]
        self.levels[position] += 1
        self._maps[position] = {}
        merged: dict[Key, list[int]] = {}
        for key, cell in self.cells.items():
            new_key = (*key[:position], step(key[position]), *key[position + 1 :])
            into = merged.get(new_key)
            if into is None:
                merged[new_key] = list(cell)
            else:
                into[0] += cell[0]
                for index in range(1, len(cell)):
                    into[index] |= cell[index]
        self.cells = merged

    def distinct(self, position: int) -> int:
        return len({key[position] for key in self.cells})

    @property
    def total(self) -> int:
        return sum(cell[0] for cell in self.cells.values())


def start_levels(attributes: Iterable[str], max_cells: int = MAX_START_CELLS) -> list[int]:
    """Levels to read the data at: coarse enough that the histogram stays small."""
    names = tuple(attributes)
    levels = [0] * len(names)

    def size() -> int:
        return math.prod(HIERARCHIES[n].domain[lvl] for n, lvl in zip(names, levels, strict=True))

    while size() > max_cells:
        movable = [
            i for i, n in enumerate(names) if levels[i] < HIERARCHIES[n].top and n != SEASON
        ] or [i for i, n in enumerate(names) if levels[i] < HIERARCHIES[n].top]
        if not movable:
            break
        widest = max(movable, key=lambda i: HIERARCHIES[names[i]].domain[levels[i]])
        levels[widest] += 1
    return levels


def _passes(cell: list[int], k: int, l_minimum: int) -> bool:
    return cell[0] >= k and all(mask.bit_count() >= l_minimum for mask in cell[1:])


def _failing_rows(histogram: Histogram, k: int, l_minimum: int) -> int:
    return sum(cell[0] for cell in histogram.cells.values() if not _passes(cell, k, l_minimum))


@dataclass(frozen=True)
class Outcome:
    """What generalisation reached: levels per attribute, the classes released, the figures."""

    levels: dict[str, int]
    kept: frozenset[Key]
    rows: int
    suppressed: int
    smallest_class: int  # the k reached (0 when nothing is released)
    diversity: int  # the l reached (0 when no sensitive field is asked for)


def anonymise(
    histogram: Histogram,
    *,
    k: int = K_MINIMUM,
    l_minimum: int = L_MINIMUM,
    max_suppressed_share: float = MAX_SUPPRESSED_SHARE,
) -> Outcome:
    """Generalise until few enough rows fail, then suppress those; the histogram is changed."""
    total = histogram.total
    names = histogram.attributes
    while _failing_rows(histogram, k, l_minimum) > max_suppressed_share * total:
        movable = [
            i
            for i, n in enumerate(names)
            if histogram.levels[i] < HIERARCHIES[n].top and n != SEASON
        ] or [i for i, n in enumerate(names) if histogram.levels[i] < HIERARCHIES[n].top]
        if not movable:
            break
        histogram.step_up(max(movable, key=lambda i: (histogram.distinct(i), -i)))
    kept = {key: cell for key, cell in histogram.cells.items() if _passes(cell, k, l_minimum)}
    released = sum(cell[0] for cell in kept.values())
    masks = [mask for cell in kept.values() for mask in cell[1:]]
    return Outcome(
        levels=dict(zip(names, histogram.levels, strict=True)),
        kept=frozenset(kept),
        rows=released,
        suppressed=total - released,
        smallest_class=min((cell[0] for cell in kept.values()), default=0),
        diversity=min((mask.bit_count() for mask in masks), default=0),
    )
