"""Building an extract: two streamed passes over the consenting workers' seasons.

Pass 1 counts classes (`anonymity.Histogram`), generalisation picks the levels, pass 2 writes
the released rows as gzip-compressed CSV. Each pass is two streamed queries (seasons, and the
courses completed when asked for), merged by worker; nothing holds more than one worker's
seasons, the histogram and the compressed output.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from operator import itemgetter
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone

from juntos.core.crypto import encrypt, keyed_hash, new_key, wrap_key
from juntos.core.services import audit_record
from juntos.learning import selectors as learning
from juntos.research import anonymity
from juntos.research.choices import QUASI_IDENTIFIERS, SENSITIVE, ExtractStatus, Variable
from juntos.research.models import Extract

KEY_PURPOSE = "research-extract"

MOBILITY = (Variable.EMPLOYER_CHANGE, Variable.OCCUPATION_CHANGE, Variable.PROVINCE_CHANGE)


@dataclass(frozen=True)
class Layout:
    """Which columns an extract has, in order: quasi-identifiers and season, others, sensitive."""

    quasi: tuple[str, ...]  # requested quasi-identifiers, then "season"
    other: tuple[str, ...]
    sensitive: tuple[str, ...]

    @classmethod
    def of(cls, variables: list[str]) -> Layout:
        chosen = set(variables)
        return cls(
            quasi=(*(str(v) for v in QUASI_IDENTIFIERS if v in chosen), anonymity.SEASON),
            other=tuple(
                str(v)
                for v in Variable
                if v in chosen and v not in QUASI_IDENTIFIERS and v not in SENSITIVE
            ),
            sensitive=tuple(str(v) for v in SENSITIVE if v in chosen),
        )

    @property
    def header(self) -> list[str]:
        return ["pseudonym", *self.quasi, *self.other, *self.sensitive]


class Record(NamedTuple):
    profile_id: int
    quasi: tuple[str, ...]
    other: tuple[str, ...]
    sensitive: tuple[str, ...]


# Every value `records` works out for a season, in this order; a layout picks its columns.
VALUES = (
    "country",
    "region",
    "gender",
    "age_band",
    "province",
    "occupation_group",
    "season",
    "employer_change",
    "occupation_change",
    "province_change",
    "season_weeks",
    "marginalised_group",
    "courses_completed",
)


def _picker(names: tuple[str, ...]) -> Callable[[tuple[str, ...]], tuple[str, ...]]:
    """A function taking the named values out of a row of VALUES, as a tuple (C speed)."""
    positions = [VALUES.index(name) for name in names]
    if not positions:
        return lambda values: ()
    if len(positions) == 1:
        only = positions[0]
        return lambda values: (values[only],)
    return itemgetter(*positions)


def _change(previous: str | None, current: str) -> str:
    if previous is None:
        return "first"
    return "same" if previous == current else "changed"


@lru_cache(maxsize=65536)
def _weeks(started: str, ended: str | None) -> str:
    """The season's length band, from its dates as ISO text."""
    if ended is None:
        return "ongoing"
    weeks = (dt.date.fromisoformat(ended) - dt.date.fromisoformat(started)).days // 7
    if weeks < 12:
        return "under-12"
    return "12-23" if weeks < 24 else ("24-35" if weeks < 36 else "36-plus")


def _courses_band(count: int) -> str:
    return "0" if count == 0 else ("1-2" if count <= 2 else "3-plus")


def _completed_courses(wanted: bool) -> Iterator[tuple[int, int]]:
    if wanted:
        yield from learning.research_completed_courses()


@lru_cache(maxsize=8192)
def _employer_key(name: str) -> str:
    return " ".join(name.casefold().split())


_age_band = lru_cache(maxsize=8192)(anonymity.age_band)


def records(layout: Layout) -> Iterator[Record]:
    """Every consenting worker's seasons as level-0 values, with her mobility from the last.

    A million seasons go through here twice per extract: the values are one tuple per season
    (in the order of VALUES), the folds of repeated text are remembered, and each layout's
    columns are taken out with `itemgetter`."""
    quasi, other, sensitive = (
        _picker(layout.quasi),
        _picker(layout.other),
        _picker(layout.sensitive),
    )
    not_said = anonymity.NOT_SAID
    region_of, occupation_group = anonymity.region_of, anonymity.occupation_group
    courses = _completed_courses(Variable.COURSES_COMPLETED in layout.sensitive)
    next_course = next(courses, None)
    current, previous = None, None
    for row in learning.research_season_rows():
        (pid, country, state, gender, born, group, started, ended, province, _p, occ, employer) = (
            row
        )
        if pid != current:
            current, previous = pid, None
            while next_course is not None and next_course[0] < pid:
                next_course = next(courses, None)
        completed = next_course[1] if next_course is not None and next_course[0] == pid else 0
        employer_key = _employer_key(employer)
        year = int(started[:4])
        values = (
            country or not_said,
            region_of(state),
            gender or not_said,
            _age_band(born, year),
            province or not_said,
            occupation_group(occ),
            str(year),
            _change(previous and previous[0], employer_key),
            _change(previous and previous[1], occ),
            _change(previous and previous[2], province),
            _weeks(started, ended),
            group or not_said,
            _courses_band(completed),
        )
        previous = (employer_key, occ, province)
        yield Record(pid, quasi(values), other(values), sensitive(values))


def count_classes(layout: Layout) -> tuple[anonymity.Histogram, int]:
    """Pass 1: the histogram of classes at the start levels, and how many workers."""
    histogram = anonymity.Histogram(
        attributes=layout.quasi,
        levels=anonymity.start_levels(layout.quasi),
        sensitive_fields=len(layout.sensitive),
    )
    workers, last = 0, None
    for record in records(layout):
        histogram.add(record.quasi, record.sensitive)
        if record.profile_id != last:
            workers, last = workers + 1, record.profile_id
    return histogram, workers


def write_released(
    layout: Layout, outcome: anonymity.Outcome, histogram: anonymity.Histogram, salt: str
) -> bytes:
    """Pass 2: the released rows as gzip-compressed CSV (RFC 4180, UTF-8), pseudonymised."""
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as packed:
        text = io.TextIOWrapper(packed, encoding="utf-8", newline="")
        writer = csv.writer(text, lineterminator="\r\n")
        writer.writerow(layout.header)
        pseudonym, last = "", None
        for record in records(layout):
            key = histogram.generalised(record.quasi)
            if key not in outcome.kept:
                continue
            if record.profile_id != last:
                last = record.profile_id
                pseudonym = keyed_hash(f"research-pseudonym|{salt}", str(last))[:20]
            writer.writerow([pseudonym, *key, *record.other, *record.sensitive])
        text.flush()
        text.detach()
    return buffer.getvalue()


def extract_build(*, extract_id: int) -> Extract:
    """The system makes the extract: generalise, suppress, pseudonymise, encrypt, store."""
    extract = Extract.objects.select_related("project").get(pk=extract_id)
    started = time.perf_counter()
    layout = Layout.of(extract.variables)
    histogram, workers = count_classes(layout)
    outcome = anonymity.anonymise(histogram)
    content = write_released(layout, outcome, histogram, extract.project.key_salt)
    data_key = new_key()
    version, wrapped = wrap_key(data_key, purpose=KEY_PURPOSE)
    with transaction.atomic():
        extract.content = encrypt(data_key, content, context=f"research-extract:{extract.pk}")
        extract.key_version, extract.wrapped_key = version, wrapped
        extract.workers = workers
        extract.rows, extract.suppressed_rows = outcome.rows, outcome.suppressed
        extract.smallest_class, extract.diversity = outcome.smallest_class, outcome.diversity
        extract.levels = outcome.levels
        extract.status = ExtractStatus.READY
        extract.finished_at = timezone.now()
        extract.seconds = round(time.perf_counter() - started, 3)
        extract.save()
        audit_record(
            actor=None,
            action="research.extract_built",
            target=extract,
            details={"rows": outcome.rows, "suppressed": outcome.suppressed},
        )
    return extract
