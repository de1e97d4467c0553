"""Reading the ledger, with small counts hidden wherever figures leave their owner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import QuerySet, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from juntos.accounts.actors import Actor
from juntos.accounts.selectors import (
    memberships_of,
    organisations_by_slug,
    public_organisations,
)
from juntos.funding.selectors import OrganisationGrant, grants_of_organisation
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
from juntos.monitoring.models import (
    DIMENSIONS,
    Fact,
    Indicator,
    MonthTotal,
    OpenDataFile,
    ReportedValue,
    Target,
)
from juntos.monitoring.policies import (
    can_approve_reported_values,
    can_edit_targets,
    can_view_organisation_figures,
    reporting_organisation_ids,
    sees_exact_figures_of,
)
from juntos.reports.selectors import case_counts_by_month

if TYPE_CHECKING:
    from juntos.accounts.models import Organisation


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
    # One per referral, as the inspectorate first recorded it (by outcome, province, program).
    "reports.inspection_outcome": _("Inspection outcomes of referred reports"),
    "rights.subscription": _("Rights alert subscriptions"),
    "rights.alert": _("Rights alerts sent"),
    "compliance.check": _("Contract and pay slip checks"),
    "compliance.finding": _("Problems found by the checker"),
    "learning.enrolment": _("Course enrolments"),
    "learning.completion": _("Courses completed"),
    "credentials.issued": _("Credentials issued"),
    "credentials.revoked": _("Credentials revoked"),
    # Referrals home by gender, country, kind and outcome, once the outcome is known; the
    # people volunteer technical visits trained. ("opportunities.visit" stays inside: a visit
    # with two kinds of expertise counts twice there.)
    "opportunities.referral-outcome": _("Referrals home with an outcome recorded"),
    "opportunities.visit-people-trained": _("People trained in volunteer technical visits"),
    "network.meeting-held": _("Network meetings held"),
    "network.recommendation-adopted": _("Recommendations adopted"),
    "network.attendance": _("Attendance at network meetings"),
    "funding.application-submitted": _("Funding applications submitted"),
    "funding.award": _("Grants awarded"),
    "funding.organisation-funded": _("Organisations funded for the first time"),
    # category = the channel (sms, whatsapp), language = the reply's language.
    "channels.message": _("Text messages answered (SMS and WhatsApp)"),
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
    figures = publish_cells(kind, span, dimensions, cells)
    threshold = settings.JUNTOS_SUPPRESSION_THRESHOLD
    base = settings.JUNTOS_ROUNDING_BASE
    return PublishedTable(
        kind=kind,
        title=PUBLIC_KINDS[kind],
        period=span,
        dimensions=dimensions,
        figures=figures,
        threshold=threshold,
        rounding_base=base,
    )


def publish_cells(
    kind: str, span: Period, dimensions: tuple[str, ...], cells: dict[Key, int]
) -> list[PublishedFigure]:
    """The figures of a table of true counts: suppressed (primary and secondary) and rounded.

    `cells` maps (row value, column value) to a count; a missing dimension is `()`. The figures
    come cells first, then the margins, the grand total last.
    """
    grid = Grid.from_cells(
        cells,
        rows=list(dict.fromkeys(key[0] for key in cells)) or [()],
        columns=list(dict.fromkeys(key[1] for key in cells)) or [()],
    )
    base = settings.JUNTOS_ROUNDING_BASE
    hidden = suppress(grid, settings.JUNTOS_SUPPRESSION_THRESHOLD)
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
    return figures


# --- the public dashboard --------------------------------------------------------------------


@dataclass(frozen=True)
class GroupResult:
    """A target for one group (gender = woman) against the group's published figure."""

    dimension: str
    value: str
    actual: int | None
    target: int


@dataclass(frozen=True)
class PeriodResult:
    period: Period
    actual: int | None  # None when hidden (fewer than the threshold), or a ratio's part is
    target: int | None
    numerator: int | None = None  # a ratio's published parts
    denominator: int | None = None
    groups: tuple[GroupResult, ...] = ()
    # Why organisations' totals differ from the sum of their parts: (note, its language).
    notes: tuple[tuple[str, str], ...] = ()


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


def ratio_percent(numerator: int | None, denominator: int | None) -> int | None:
    """A ratio of two published figures, in whole percent; None when a part is hidden or 0."""
    if numerator is None or not denominator:
        return None
    return round(100 * numerator / denominator)


def year_quarters(year: int) -> list[Period]:
    """The four calendar quarters of a year."""
    return [period_parse(f"{year}-Q{quarter}") for quarter in range(1, 5)]


def quarter_label(month: dt.date) -> str:
    return f"{month.year}-Q{(month.month - 1) // 3 + 1}"


def dashboard_indicators(
    *, language: str, today: dt.date, public_only: bool = True
) -> list[IndicatorResult]:
    """Each indicator against its targets for the recent quarters, in a constant few queries."""
    return indicator_results(recent_quarters(today), language=language, public_only=public_only)


@dataclass
class _Reported:
    """Approved reported values of the quarters, added up across organisations."""

    totals: dict[tuple[int, str], int]
    parts: dict[tuple[int, str, str], dict[str, int]]
    notes: dict[tuple[int, str], list[tuple[str, str]]]


def _reported(indicator_ids: list[int], labels: list[str]) -> _Reported:
    """One query: every approved value of these indicators and quarters."""
    rows = (
        ReportedValue.objects.filter(
            indicator_id__in=indicator_ids, period__in=labels, status=ReportedValue.Status.APPROVED
        )
        .order_by()
        .values_list(
            "indicator_id",
            "organisation_id",
            "source",
            "period",
            "dimension",
            "dimension_value",
            "value",
            "note",
            "note_language",
        )
    )
    totals: dict[tuple[int, str], int] = {}
    parts: dict[tuple[int, str, str], dict[str, int]] = {}
    # Per organisation and source: what its staff entered here, and each approved grant
    # report's actuals, add up as separate figures.
    own_totals: dict[tuple[int, int, str, str], tuple[int, tuple[str, str]]] = {}
    own_parts: dict[tuple[int, int, str, str, str], int] = {}
    for (
        indicator_id,
        organisation_id,
        source,
        period,
        dimension,
        value_of,
        value,
        note,
        lang,
    ) in rows:
        if not dimension:
            totals[(indicator_id, period)] = totals.get((indicator_id, period), 0) + value
            own_totals[(indicator_id, organisation_id, source, period)] = (value, (note, lang))
            continue
        group = parts.setdefault((indicator_id, period, dimension), {})
        group[value_of] = group.get(value_of, 0) + value
        key = (indicator_id, organisation_id, source, period, dimension)
        own_parts[key] = own_parts.get(key, 0) + value
    notes: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for (indicator_id, organisation_id, source, period, _dimension), added in own_parts.items():
        total = own_totals.get((indicator_id, organisation_id, source, period))
        if total and total[0] != added and total[1][0]:
            found = notes.setdefault((indicator_id, period), [])
            if total[1] not in found:
                found.append(total[1])
    return _Reported(totals=totals, parts=parts, notes=notes)


def _group_figures(
    kind: str, period: Period, dimension: str, counts: dict[str, int]
) -> dict[str, int | None]:
    """A one-dimension table's published cells, the same as the downloadable table's."""
    cells: dict[Key, int] = {(value, ()): count for value, count in counts.items()}
    figures = publish_cells(kind, period, (dimension,), cells)
    return {str(f.dimensions[dimension]): f.count for f in figures if dimension in f.dimensions}


def indicator_results(
    quarters: list[Period], *, language: str, public_only: bool = True
) -> list[IndicatorResult]:
    """Each indicator against its targets for consecutive quarters.

    Every actual is the published total (suppressed and rounded), the same figure as the
    quarter's table with no dimension: the dashboard, the CSV and the IATI file agree. A ratio
    divides two published totals; a reported indicator adds up approved values. Queries: the
    indicators, their targets, the ledger's totals, the reported values, and one per grouping
    that a target names (at most the public dimensions), whatever the number of facts.
    """
    indicators = Indicator.objects.prefetch_related("targets")
    if public_only:
        indicators = indicators.filter(public=True)
    indicators_list = list(indicators)
    labels = [quarter.label for quarter in quarters]
    start, end = quarters[0].start, quarters[-1].end
    ledger = [i for i in indicators_list if i.source == Indicator.Source.LEDGER]
    kinds = {i.kind for i in ledger} | {i.denominator_kind for i in ledger if i.is_ratio}
    totals: dict[tuple[str, str], int] = {}
    if kinds:
        month_totals = MonthTotal.objects.filter(
            kind__in=kinds, month__gte=start, month__lt=end
        ).values_list("kind", "month", "count")
        for kind, month, count in month_totals:
            key = (kind, quarter_label(month))
            totals[key] = totals.get(key, 0) + count
    reported_ids = [i.pk for i in indicators_list if i.source == Indicator.Source.REPORTED]
    reported = _reported(reported_ids, labels) if reported_ids else _Reported({}, {}, {})
    # Targets per group in these quarters, and the ledger's counts for each grouping they name.
    group_targets = {
        i.pk: [t for t in i.targets.all() if t.dimension and t.period in labels]
        for i in indicators_list
    }
    grouped: dict[tuple[str, str, str], dict[str, int]] = {}
    wanted: dict[str, set[str]] = {}
    for indicator in ledger:
        for target in group_targets[indicator.pk]:
            if not indicator.is_ratio and target.dimension in PUBLIC_DIMENSIONS:
                wanted.setdefault(target.dimension, set()).add(indicator.kind)
    for dimension, dimension_kinds in sorted(wanted.items()):
        rows = (
            Fact.objects.filter(kind__in=dimension_kinds, month__gte=start, month__lt=end)
            .values("kind", "month", dimension)
            .annotate(total=Sum("count"))
        )
        for row in rows:
            cell = grouped.setdefault((row["kind"], quarter_label(row["month"]), dimension), {})
            cell[row[dimension]] = cell.get(row[dimension], 0) + row["total"]

    def published(kind: str, quarter: Period) -> int | None:
        return published_total(kind, quarter, totals.get((kind, quarter.label), 0))

    results = []
    for indicator in indicators_list:
        targets = {t.period: t.value for t in indicator.targets.all() if not t.dimension}
        title, translated = indicator.title_in(language)
        periods = []
        for quarter in quarters:
            numerator = denominator = None
            notes: tuple[tuple[str, str], ...] = ()
            if indicator.source == Indicator.Source.REPORTED:
                count = reported.totals.get((indicator.pk, quarter.label), 0)
                actual = published_total(indicator.kind, quarter, count)
                notes = tuple(reported.notes.get((indicator.pk, quarter.label), ()))
            elif indicator.is_ratio:
                numerator = published(indicator.kind, quarter)
                denominator = published(indicator.denominator_kind, quarter)
                actual = ratio_percent(numerator, denominator)
            else:
                actual = published(indicator.kind, quarter)
            groups = []
            for target in group_targets[indicator.pk]:
                if target.period != quarter.label:
                    continue
                if indicator.source == Indicator.Source.REPORTED:
                    counts = reported.parts.get((indicator.pk, quarter.label, target.dimension), {})
                else:
                    counts = grouped.get((indicator.kind, quarter.label, target.dimension), {})
                figures = _group_figures(indicator.kind, quarter, target.dimension, counts)
                groups.append(
                    GroupResult(
                        dimension=target.dimension,
                        value=target.dimension_value,
                        actual=figures.get(target.dimension_value, 0),
                        target=target.value,
                    )
                )
            periods.append(
                PeriodResult(
                    period=quarter,
                    actual=actual,
                    target=targets.get(quarter.label),
                    numerator=numerator,
                    denominator=denominator,
                    groups=tuple(groups),
                    notes=notes,
                )
            )
        results.append(
            IndicatorResult(
                indicator=indicator, title=title, translated=translated, results=periods
            )
        )
    return results


def first_counted_month() -> dt.date | None:
    """The first month the ledger counted anything, or None when it is empty."""
    return Fact.objects.order_by("month").values_list("month", flat=True).first()


def targets_of(indicator: Indicator) -> QuerySet[Target]:
    """An indicator's targets, by period and dimension."""
    return indicator.targets.order_by("period", "dimension", "dimension_value")


def get_editable_indicator_for(actor: Actor, slug: str) -> Indicator:
    """An indicator whose targets the actor may set; 404 otherwise."""
    if not can_edit_targets(actor):
        raise Http404
    return get_object_or_404(Indicator, slug=slug)


# --- reported values and the staff dashboards ----------------------------------------------


def reported_indicators() -> list[Indicator]:
    """The indicators that organisations report (the others are counted by the platform)."""
    return list(Indicator.objects.filter(source=Indicator.Source.REPORTED))


def reported_values_of(organisation_id: int) -> QuerySet[ReportedValue]:
    """An organisation's reported values, newest quarter first."""
    return (
        ReportedValue.objects.filter(organisation_id=organisation_id)
        .select_related("indicator")
        .order_by("-period", "indicator__position", "dimension", "dimension_value")
    )


def reported_values_waiting(actor: Actor) -> QuerySet[ReportedValue]:
    """Values waiting for a coordinator's approval (none for anyone else)."""
    if not can_approve_reported_values(actor):
        return ReportedValue.objects.none()
    return (
        ReportedValue.objects.filter(status=ReportedValue.Status.SUBMITTED)
        .select_related("indicator", "organisation")
        .order_by("period", "organisation__name", "indicator__position", "dimension")
    )


def get_reported_value_to_decide(actor: Actor, reported_id: int) -> ReportedValue:
    if not can_approve_reported_values(actor):
        raise Http404
    return get_object_or_404(
        ReportedValue.objects.select_related("indicator", "organisation"), pk=reported_id
    )


def get_organisation_for_figures(actor: Actor, slug: str) -> Organisation:
    """An organisation whose dashboard the actor may open; 404 otherwise (no existence leak)."""
    organisation = organisations_by_slug([slug]).get(slug)
    if organisation is None or not can_view_organisation_figures(actor, organisation.pk):
        raise Http404
    return organisation


def reporting_organisations_of(actor: Actor) -> list[Organisation]:
    """The organisations whose figures the actor enters."""
    ids = reporting_organisation_ids(actor)
    return [m.organisation for m in memberships_of(actor) if m.organisation_id in ids]


@dataclass(frozen=True)
class OwnFigure:
    label: str | Promise
    counts: list[int | None]  # one per quarter; None when hidden from this viewer


# What an organisation's own dashboard counts from the ledger (facts carrying its id).
ORGANISATION_KINDS: dict[str, str | Promise] = {
    "learning.enrolment": _("Course enrolments"),
    "learning.completion": _("Courses completed"),
}


def organisation_figures(
    actor: Actor, organisation: Organisation, quarters: list[Period]
) -> list[OwnFigure]:
    """The organisation's cases and courses per quarter, in three queries.

    Its own staff see exact counts; anyone else (a coordinator) sees them as the public does:
    a count under the threshold hidden, the others rounded with the organisation in the key.
    """
    exact = sees_exact_figures_of(actor, organisation.pk)
    labels = [quarter.label for quarter in quarters]
    counts: dict[tuple[str, str], int] = {}
    cases = case_counts_by_month(organisation.pk, since=quarters[0].start)
    for (what, month), count in cases.items():
        key = (f"cases.{what}", quarter_label(month))
        counts[key] = counts.get(key, 0) + count
    rows = (
        Fact.objects.filter(
            organisation_id=organisation.pk,
            kind__in=list(ORGANISATION_KINDS),
            month__gte=quarters[0].start,
            month__lt=quarters[-1].end,
        )
        .values("kind", "month")
        .annotate(total=Sum("count"))
    )
    for row in rows:
        key = (row["kind"], quarter_label(row["month"]))
        counts[key] = counts.get(key, 0) + row["total"]
    kinds: dict[str, str | Promise] = {
        "cases.opened": _("Cases opened"),
        "cases.closed": _("Cases closed"),
        **ORGANISATION_KINDS,
    }
    figures = []
    for kind, label in kinds.items():
        shown: list[int | None] = []
        for quarter, period_label in zip(quarters, labels, strict=True):
            count = counts.get((kind, period_label), 0)
            if exact:
                shown.append(count)
            else:
                shown.append(published_total(f"{kind}@{organisation.pk}", quarter, count))
        figures.append(OwnFigure(label=label, counts=shown))
    return figures


def organisation_grants(organisation: Organisation) -> list[OrganisationGrant]:
    """The grants it leads or partners in, read from the funding program (two queries)."""
    return grants_of_organisation(organisation.pk)


def organisations_with_figures() -> list[Organisation]:
    """Organisations that report figures or own cases' facts: the active ones, by name."""
    return list(public_organisations().only("pk", "name", "slug"))


@dataclass(frozen=True)
class OpenDataListing:
    """One generated open-data file as others may cite it: its name, type and version."""

    name: str
    content_type: str
    etag: str
    generated_at: dt.datetime


def open_data_files() -> list[OpenDataListing]:
    """Every open-data file the nightly task generated (public figures only), by name."""
    rows = OpenDataFile.objects.order_by("name").values_list(
        "name", "content_type", "etag", "generated_at"
    )
    return [OpenDataListing(*row) for row in rows]
