"""Reading the ledger, with small counts hidden wherever figures leave their owner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor
from juntos.monitoring.disclosure import (
    TOTAL,
    DisclosureError,
    Grid,
    Key,
    Period,
    dimensions_check,
    period_parse,
    place_of,
    rounded,
    suppress,
)
from juntos.monitoring.models import DIMENSIONS, Fact, Indicator
from juntos.monitoring.policies import can_edit_targets


@dataclass(frozen=True)
class Cell:
    """One row of a table: its dimension values and its count (None when suppressed)."""

    dimensions: dict[str, object]
    count: int | None


def fact_table(
    kind: str,
    *,
    group_by: tuple[str, ...] = (),
    threshold: int | None = None,
    **filters: object,
) -> list[Cell]:
    """Totals of one kind grouped by dimensions, for the platform's own checks and tests.

    Only primary suppression: never publish its output. Whatever leaves the platform goes
    through `published_table`, which fixes the periods and adds secondary suppression.
    """
    unknown = set(group_by) - {*DIMENSIONS, "month"}
    if unknown:
        raise ValueError(f"unknown dimensions: {sorted(unknown)}")
    threshold = settings.JUNTOS_SUPPRESSION_THRESHOLD if threshold is None else threshold
    facts = Fact.objects.filter(kind=kind, **filters)
    rows = facts.values(*group_by).annotate(total=Sum("count")).order_by(*group_by)
    return [
        Cell(
            dimensions={name: row[name] for name in group_by},
            count=row["total"] if row["total"] >= threshold else None,
        )
        for row in rows
    ]


# --- published tables ------------------------------------------------------------------------

# The kinds that may be published, with what they count. Organisations are never a public
# dimension: a cell per organisation would describe its handful of cases.
PUBLIC_KINDS: dict[str, str | Promise] = {
    "reports.received": _("Reports received"),
    "reports.inspectorate_referral": _("Reports referred to inspectors"),
    "reports.closed": _("Cases closed"),
    "rights.subscription": _("Rights alert subscriptions"),
    "rights.alert": _("Rights alerts sent"),
    "compliance.check": _("Contract and pay slip checks"),
    "compliance.finding": _("Problems found by the checker"),
    "learning.enrolment": _("Course enrolments"),
    "learning.completion": _("Courses completed"),
    "network.meeting-held": _("Network meetings held"),
    "network.recommendation-adopted": _("Recommendations adopted"),
    "network.attendance": _("Attendance at network meetings"),
}
PUBLIC_DIMENSIONS = tuple(name for name in DIMENSIONS if name != "organisation_id")


@dataclass(frozen=True)
class PublishedFigure:
    """One published figure: a cell or a total. Hidden figures have no count, never a zero."""

    dimensions: dict[str, object]  # a margin or the total lacks the dimensions it adds up
    count: int | None

    @property
    def suppressed(self) -> bool:
        return self.count is None


@dataclass(frozen=True)
class PublishedTable:
    kind: str
    title: str | Promise
    period: Period
    dimensions: tuple[str, ...]
    figures: list[PublishedFigure]  # cells first, then margins, the grand total last
    threshold: int
    rounding_base: int


def published_table(
    kind: str, *, period: str, group_by: tuple[str, ...] | list[str] = ()
) -> PublishedTable:
    """A table fit for anyone: fixed period, two dimensions at most, suppressed and rounded."""
    if kind not in PUBLIC_KINDS:
        raise DisclosureError(
            _("Unknown indicator: %(kind)s. Choose from: %(kinds)s.")
            % {"kind": kind[:80], "kinds": ", ".join(sorted(PUBLIC_KINDS))},
            field="kind",
        )
    span = period_parse(period)
    dimensions = dimensions_check(group_by, PUBLIC_DIMENSIONS)
    facts = Fact.objects.filter(kind=kind, month__gte=span.start, month__lt=span.end)
    if dimensions:
        rows = list(facts.values(*dimensions).annotate(total=Sum("count")).order_by(*dimensions))
    else:  # `.values()` with no field would group by every column
        rows = [{"total": facts.aggregate(total=Sum("count"))["total"] or 0}]
    cells: dict[Key, int] = {}
    for row in rows:
        values = [row[name] for name in dimensions] + [(), ()]
        cells[(values[0], values[1])] = row["total"]
    grid = Grid.from_cells(
        cells,
        rows=list(dict.fromkeys(key[0] for key in cells)) or [()],
        columns=list(dict.fromkeys(key[1] for key in cells)) or [()],
    )
    threshold = settings.JUNTOS_SUPPRESSION_THRESHOLD
    base = settings.JUNTOS_ROUNDING_BASE
    hidden = suppress(grid, threshold)
    figures = []
    for key in grid.published_keys():
        named = {
            name: value for name, value in zip(dimensions, key, strict=False) if value != TOTAL
        }
        count = None
        if key not in hidden:
            place = place_of(kind, span, dimensions, key)
            count = rounded(grid.counts[key], base=base, place=place)
        figures.append(PublishedFigure(dimensions=named, count=count))
    return PublishedTable(
        kind=kind,
        title=PUBLIC_KINDS[kind],
        period=span,
        dimensions=dimensions,
        figures=figures,
        threshold=threshold,
        rounding_base=base,
    )


# --- the public dashboard --------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodResult:
    period: Period
    actual: int | None  # None when hidden (fewer than the threshold)
    target: int | None


@dataclass(frozen=True)
class IndicatorResult:
    indicator: Indicator
    title: str
    translated: bool  # False when the title is shown in English for want of a translation
    results: list[PeriodResult]


def recent_quarters(today: dt.date, count: int = 4) -> list[Period]:
    """The current calendar quarter and the ones before it, oldest first."""
    first = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    quarters = []
    for back in range(count - 1, -1, -1):
        index = first.year * 12 + first.month - 1 - 3 * back
        quarters.append(period_parse(f"{index // 12}-Q{(index % 12) // 3 + 1}"))
    return quarters


def published_total(kind: str, period: Period, count: int) -> int | None:
    """A period's total as published: the same figure as the table with no dimension."""
    if 0 < count < settings.JUNTOS_SUPPRESSION_THRESHOLD:
        return None
    place = place_of(kind, period, (), (TOTAL, TOTAL))
    return rounded(count, base=settings.JUNTOS_ROUNDING_BASE, place=place)


def year_quarters(year: int) -> list[Period]:
    """The four calendar quarters of a year."""
    return [period_parse(f"{year}-Q{quarter}") for quarter in range(1, 5)]


def dashboard_indicators(
    *, language: str, today: dt.date, public_only: bool = True
) -> list[IndicatorResult]:
    """Each indicator against its targets for the recent quarters, in three queries."""
    return indicator_results(recent_quarters(today), language=language, public_only=public_only)


def indicator_results(
    quarters: list[Period], *, language: str, public_only: bool = True
) -> list[IndicatorResult]:
    """Each indicator against its targets for consecutive quarters, in three queries.

    Every actual is the published total (suppressed and rounded), the same figure as the
    quarter's table with no dimension: the dashboard, the CSV and the IATI file agree.
    """
    indicators = Indicator.objects.prefetch_related("targets")
    if public_only:
        indicators = indicators.filter(public=True)
    indicators_list = list(indicators)
    kinds = {indicator.kind for indicator in indicators_list}
    totals: dict[tuple[str, str], int] = {}
    rows = (
        Fact.objects.filter(
            kind__in=kinds, month__gte=quarters[0].start, month__lt=quarters[-1].end
        )
        .values("kind", "month")
        .annotate(total=Sum("count"))
    )
    for row in rows:
        label = f"{row['month'].year}-Q{(row['month'].month - 1) // 3 + 1}"
        totals[(row["kind"], label)] = totals.get((row["kind"], label), 0) + row["total"]
    results = []
    for indicator in indicators_list:
        targets = {target.period: target.value for target in indicator.targets.all()}
        title, translated = indicator.title_in(language)
        results.append(
            IndicatorResult(
                indicator=indicator,
                title=title,
                translated=translated,
                results=[
                    PeriodResult(
                        period=quarter,
                        actual=published_total(
                            indicator.kind, quarter, totals.get((indicator.kind, quarter.label), 0)
                        ),
                        target=targets.get(quarter.label),
                    )
                    for quarter in quarters
                ],
            )
        )
    return results


def first_counted_month() -> dt.date | None:
    """The first month the ledger counted anything, or None when it is empty."""
    return Fact.objects.order_by("month").values_list("month", flat=True).first()


def get_indicator_for_editing(actor: Actor, slug: str) -> Indicator:
    """An indicator whose targets the actor may set; 404 otherwise."""
    if not can_edit_targets(actor):
        raise Http404
    return get_object_or_404(Indicator, slug=slug)
