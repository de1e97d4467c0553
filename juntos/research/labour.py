"""Labour-need signals: positions asked for and workers available, by occupation and province,
for one calendar month, published with the monitoring app's disclosure control.

Each count (demand, filled, supply) is one table of occupation by province with its margins,
through `monitoring.selectors.publish_cells`: counts under the threshold are hidden, enough
others that none can be solved from the margins, and every shown figure is rounded by a keyed
draw. Fill rate divides two published figures (so it reveals nothing the tables hide) and the
median time to fill is shown only where the filled count is published and at least the
threshold of vacancies in the cell have a time.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

from juntos.learning import selectors as learning
from juntos.monitoring.selectors import Period, publish_cells
from juntos.opportunities import selectors as opportunities

NOT_STATED = "not-stated"
ANYWHERE = "anywhere"
TOTAL = "total"
COUNTS = ("demand", "filled", "supply")
MEASURES = (*COUNTS, "fill_rate", "time_to_fill_days")
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")

HXL_TAGS = {
    "month": "#date+month",
    "occupation": "#sector+occupation+code",
    "province": "#adm1+code",
    "measure": "#indicator+type",
    "value": "#indicator+num",
    "suppressed": "#meta+suppressed",
}


class MonthError(ValueError):
    """A month that cannot be published; the message is translated."""


def month_parse(text: str, *, today: dt.date) -> Period:
    """`2026-05`, a calendar month from 2000 to next year; anything else is refused."""
    match = MONTH_PATTERN.match((text or "").strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise MonthError(_("Give a month as a year and a month, like 2026-05."))
    year, month = int(match[1]), int(match[2])
    if not 2000 <= year <= today.year + 1:
        raise MonthError(_("Months from 2000 to %(last)s only.") % {"last": f"{today.year + 1}-12"})
    start = dt.date(year, month, 1)
    end = dt.date(year + month // 12, month % 12 + 1, 1)
    return Period("month", start, end)


@dataclass(frozen=True)
class Figure:
    measure: str
    occupation: str  # TOTAL for a margin
    province: str  # TOTAL for a margin
    value: float | int | None  # None: hidden
    suppressed: bool


@dataclass(frozen=True)
class LabourTable:
    month: Period
    figures: list[Figure]
    threshold: int
    rounding_base: int

    def rows(self) -> list[dict[str, object]]:
        """One row per occupation and province (margins last), each measure a column."""
        rows: dict[tuple[str, str], dict[str, object]] = {}
        for figure in self.figures:
            row = rows.setdefault(
                (figure.occupation, figure.province),
                {"occupation": figure.occupation, "province": figure.province},
            )
            row[figure.measure] = figure.value
        return sorted(
            rows.values(),
            key=lambda r: (
                r["occupation"] == TOTAL,
                r["occupation"],
                r["province"] == TOTAL,
                r["province"],
            ),
        )


def _cells(
    span: Period,
) -> tuple[dict[str, Counter[tuple[str, str]]], dict[tuple[str, str], list[int]]]:
    demand: Counter[tuple[str, str]] = Counter()
    filled: Counter[tuple[str, str]] = Counter()
    days: dict[tuple[str, str], list[int]] = {}
    for row in opportunities.labour_demand_rows(span.start, span.end):
        key = (row.occupation or NOT_STATED, row.province or NOT_STATED)
        demand[key] += 1
        if row.filled_on is not None:
            filled[key] += 1
            if row.opened_on is not None:
                days.setdefault(key, []).append(max((row.filled_on - row.opened_on).days, 0))
    supply: Counter[tuple[str, str]] = Counter()
    available = opportunities.labour_supply_rows(span.start, span.end)
    wanted = {row[0] for row in available}
    occupations: dict[int, set[str]] = {}
    for user_id, occupation in learning.skill_occupations():
        if user_id in wanted:
            occupations.setdefault(user_id, set()).add(occupation)
    for user_id, _begins, _ends, provinces in available:
        for occupation in sorted(occupations.get(user_id, {NOT_STATED})):
            for province in sorted(set(provinces)) or [ANYWHERE]:
                supply[(occupation, province)] += 1
    return {"demand": demand, "filled": filled, "supply": supply}, days


def _place(key: dict[str, object]) -> tuple[str, str]:
    return (str(key.get("occupation", TOTAL)), str(key.get("province", TOTAL)))


def labour_table(month: str, *, today: dt.date) -> LabourTable:
    """The month's published labour-need figures (see the module's docstring)."""
    span = month_parse(month, today=today)
    counts, days = _cells(span)
    published: dict[str, dict[tuple[str, str], int | None]] = {}
    figures: list[Figure] = []
    for measure in COUNTS:
        cells = {key: n for key, n in counts[measure].items()}
        found = publish_cells(f"research.{measure}", span, ("occupation", "province"), cells)  # type: ignore[arg-type]
        published[measure] = {_place(f.dimensions): f.count for f in found}
        figures += [Figure(measure, *_place(f.dimensions), f.count, f.suppressed) for f in found]
    threshold = settings.JUNTOS_SUPPRESSION_THRESHOLD
    for place, demand in published["demand"].items():
        filled = published["filled"].get(place)
        rate = None if not demand or filled is None else min(100, round(100 * filled / demand))
        figures.append(Figure("fill_rate", *place, rate, rate is None))
        times = _times_for(place, days)
        median = None
        if filled is not None and len(times) >= threshold:
            median = round(statistics.median(times))
        figures.append(Figure("time_to_fill_days", *place, median, median is None))
    return LabourTable(
        month=span,
        figures=figures,
        threshold=threshold,
        rounding_base=settings.JUNTOS_ROUNDING_BASE,
    )


def _times_for(place: tuple[str, str], days: dict[tuple[str, str], list[int]]) -> list[int]:
    occupation, province = place
    return [
        value
        for (occ, prov), values in days.items()
        if occupation in (TOTAL, occ) and province in (TOTAL, prov)
        for value in values
    ]


def labour_csv_text(table: LabourTable) -> str:
    """CSV (RFC 4180, UTF-8): a header row, an HXL hashtag row, then one figure a line."""
    body = io.StringIO(newline="")
    writer = csv.writer(body, lineterminator="\r\n")
    columns = list(HXL_TAGS)
    writer.writerow(columns)
    writer.writerow([HXL_TAGS[c] for c in columns])
    for figure in table.figures:
        value = "" if figure.value is None else str(figure.value)
        writer.writerow(
            [
                table.month.label,
                figure.occupation,
                figure.province,
                figure.measure,
                value,
                "true" if figure.suppressed else "false",
            ]
        )
    return body.getvalue()


def labour_json(table: LabourTable) -> dict[str, object]:
    return {
        "month": table.month.label,
        "threshold": table.threshold,
        "rounding_base": table.rounding_base,
        "figures": [
            {
                "measure": f.measure,
                "occupation": f.occupation,
                "province": f.province,
                "value": f.value,
                "suppressed": f.suppressed,
            }
            for f in table.figures
        ],
    }
