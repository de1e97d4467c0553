"""Recording facts. Every module calls `fact_record`; nothing else writes the ledger."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TypedDict

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor, SignedIn
from juntos.core.services import ReportedFigure, audit_record, rows_rewrite
from juntos.monitoring.disclosure import DisclosureError, period_parse
from juntos.monitoring.models import (
    DIMENSIONS,
    Fact,
    Indicator,
    MonthTotal,
    ReportedValue,
    Target,
)
from juntos.monitoring.policies import (
    can_approve_reported_values,
    can_edit_targets,
    can_report_for,
)

MAX_TARGET = 10_000_000
# The dimensions a target or a reported part may name (never the organisation).
PUBLIC_DIMENSIONS = tuple(name for name in DIMENSIONS if name != "organisation_id")

KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_.-]{1,79}$")
# Where approved figures came from: an app's record and its id ("funding.report:17").
SOURCE_PATTERN = re.compile(r"^[a-z][a-z0-9_.-]{1,28}:[0-9]{1,10}$")


def first_of_month(day: dt.date | None = None) -> dt.date:
    day = day or timezone.localdate()
    return day.replace(day=1)


def fact_record(
    *,
    kind: str,
    month: dt.date | None = None,
    count: int = 1,
    province: str = "",
    program: str = "",
    sector: str = "",
    gender: str = "",
    country_of_origin: str = "",
    language: str = "",
    category: str = "",
    outcome: str = "",
    organisation_id: int | None = None,
    marginalised_group: str = "",
) -> None:
    """Add `count` to the ledger cell for this kind, month and combination of dimensions."""
    if not KIND_PATTERN.match(kind):
        raise ValueError(f"fact kind {kind!r} must be lower-case letters, digits, '.', '_' or '-'")
    if count < 1:
        raise ValueError("a fact counts at least one event")
    values = {
        "province": province,
        "program": program,
        "sector": sector,
        "gender": gender,
        "country_of_origin": country_of_origin,
        "language": language,
        "category": category,
        "outcome": outcome,
        "organisation_id": organisation_id,
        "marginalised_group": marginalised_group,
    }
    key = "|".join(f"{name}={values[name] or ''}" for name in DIMENSIONS)
    cell = {"kind": kind, "month": first_of_month(month), "dimension_key": key}
    with transaction.atomic(savepoint=False):  # a transaction, but no savepoint round trip
        _add(Fact, cell, count, values)
        _add(MonthTotal, {"kind": kind, "month": cell["month"]}, count, {})


class TargetCell(TypedDict):
    """Which target: an indicator, a period and a group (or none)."""

    indicator: Indicator
    period: str
    dimension: str
    dimension_value: str


class ReportedCell(TargetCell):
    """Which reported figure: a target's cell, for one organisation."""

    organisation_id: int


def _add(
    model: type[Fact] | type[MonthTotal],
    cell: dict[str, object],
    count: int,
    values: Mapping[str, object],
) -> None:
    """Add to a counter row, creating it when it is the first of its kind."""
    if model.objects.filter(**cell).update(count=F("count") + count):
        return
    try:
        with transaction.atomic():
            model.objects.create(**cell, **values, count=count)
    except IntegrityError:  # another process created the row first
        model.objects.filter(**cell).update(count=F("count") + count)


def facts_day_rewrite(since: dt.date | None, before: dt.date) -> list[type[models.Model]]:
    """The daily seal's part here: the cells of the sealed days' months, shuffled, new ids.

    A cell's id would tell which combination first happened before which; its place and its
    transaction id would tie its last count to the anonymous write beside it.
    """
    cells = Fact.objects.all()
    totals = MonthTotal.objects.all()
    if since is not None:
        cells = cells.filter(month__gte=first_of_month(since))
        totals = totals.filter(month__gte=first_of_month(since))
    rows_rewrite(cells, new_ids=True)
    rows_rewrite(totals, new_ids=True)
    return [Fact, MonthTotal]


def _quarter_or_year(period: str) -> str:
    try:
        span = period_parse(period)
    except DisclosureError as error:
        raise ValidationError({"period": str(error)}) from error
    if span.kind == "month":
        raise ValidationError({"period": _("Targets are set per quarter or per year.")})
    return span.label


def _group_check(dimension: str, value: str) -> tuple[str, str]:
    """A group is a public dimension and a value, or neither (the total)."""
    dimension, value = dimension.strip(), value.strip()
    if not dimension and not value:
        return "", ""
    if dimension not in PUBLIC_DIMENSIONS:
        raise ValidationError(
            {"dimension": _("Choose one of: %(names)s.") % {"names": ", ".join(PUBLIC_DIMENSIONS)}}
        )
    if not value or len(value) > 40:
        raise ValidationError({"dimension_value": _("Name the group (up to 40 characters).")})
    return dimension, value


def target_set(
    *,
    actor: Actor,
    indicator: Indicator,
    period: str,
    value: int | None,
    dimension: str = "",
    dimension_value: str = "",
) -> None:
    """Set (or, with no value, remove) an indicator's target for a quarter or a year.

    With a dimension and a value, the target is for that group (gender = woman) only.
    """
    if not can_edit_targets(actor):
        raise PermissionDenied
    label = _quarter_or_year(period)
    dimension, dimension_value = _group_check(dimension, dimension_value)
    if dimension and indicator.is_ratio:
        raise ValidationError({"dimension": _("Targets by group are for counts, not ratios.")})
    limit = 100 if indicator.is_ratio else MAX_TARGET
    if value is not None and not 0 <= value <= limit:
        raise ValidationError(
            {"value": _("A target is a whole number from 0 to %(max)s.") % {"max": limit}}
        )
    cell: TargetCell = {
        "indicator": indicator,
        "period": label,
        "dimension": dimension,
        "dimension_value": dimension_value,
    }
    with transaction.atomic():
        before = Target.objects.filter(**cell).first()
        if value is None:
            Target.objects.filter(**cell).delete()
        else:
            Target.objects.update_or_create(**cell, defaults={"value": value})
        audit_record(
            actor=actor,
            action="monitoring.target_set",
            target=indicator,
            details={
                "period": label,
                "dimension": dimension,
                "group": dimension_value,
                "before": before.value if before else None,
                "after": value,
            },
        )


def reported_value_enter(
    *,
    actor: Actor,
    indicator: Indicator,
    organisation_id: int,
    period: str,
    value: int,
    dimension: str = "",
    dimension_value: str = "",
    note: str = "",
    note_language: str = "",
) -> ReportedValue:
    """An organisation's staff enter its figure for a quarter; it counts once approved.

    Entering again replaces the figure and waits for approval again.
    """
    if not can_report_for(actor, organisation_id):
        raise PermissionDenied
    if indicator.source != Indicator.Source.REPORTED:
        raise ValidationError(
            {"indicator": _("This indicator is counted by the platform, not reported.")}
        )
    try:
        span = period_parse(period)
    except DisclosureError as error:
        raise ValidationError({"period": str(error)}) from error
    if span.kind != "quarter":
        raise ValidationError({"period": _("Report per quarter (2026-Q3).")})
    if span.start > timezone.localdate():
        raise ValidationError({"period": _("That quarter has not begun yet.")})
    if not 0 <= value <= MAX_TARGET:
        raise ValidationError(
            {"value": _("A value is a whole number from 0 to %(max)s.") % {"max": MAX_TARGET}}
        )
    dimension, dimension_value = _group_check(dimension, dimension_value)
    cell: ReportedCell = {
        "indicator": indicator,
        "organisation_id": organisation_id,
        "period": span.label,
        "dimension": dimension,
        "dimension_value": dimension_value,
    }
    with transaction.atomic():
        own = ReportedValue.objects.filter(source="")
        before = own.select_for_update().filter(**cell).first()
        reported, _created = own.update_or_create(
            **cell,
            defaults={
                "value": value,
                "note": note.strip()[:1000],
                "note_language": note_language[:8] if note.strip() else "",
                "status": ReportedValue.Status.SUBMITTED,
                "entered_by_id": actor.pk,
                "decided_by_id": None,
                "decision_note": "",
            },
        )
        audit_record(
            actor=actor,
            action="monitoring.reported_value_entered",
            target=reported,
            organisation_id=organisation_id,
            details={
                "indicator": indicator.slug,
                "period": span.label,
                "dimension": dimension,
                "group": dimension_value,
                "before": before.value if before else None,
                "after": value,
            },
        )
    return reported


def _parts_sum(reported: ReportedValue) -> int | None:
    """The sum of the organisation's approved parts for the total's quarter, if it has any."""
    parts = ReportedValue.objects.filter(
        indicator_id=reported.indicator_id,
        organisation_id=reported.organisation_id,
        period=reported.period,
        source=reported.source,
        status=ReportedValue.Status.APPROVED,
    ).exclude(dimension="")
    sums: dict[str, int] = {}
    for dimension, value in parts.values_list("dimension", "value"):
        sums[dimension] = sums.get(dimension, 0) + value
    differing = [total for total in sums.values() if total != reported.value]
    return differing[0] if differing else None


def reported_value_decide(
    *, actor: Actor, reported: ReportedValue, approve: bool, reason: str = ""
) -> None:
    """A coordinator approves a reported value (it then counts) or returns it with a reason.

    A total that differs from the sum of the organisation's approved parts is approved only
    when its note says why (people who did not say, say).
    """
    if not can_approve_reported_values(actor):
        raise PermissionDenied
    if reported.status != ReportedValue.Status.SUBMITTED:
        raise ValidationError(_("This value was already decided."))
    reason = reason.strip()[:1000]
    if not approve and not reason:
        raise ValidationError({"reason": _("Say why the value goes back to the organisation.")})
    with transaction.atomic():
        reported = ReportedValue.objects.select_for_update().get(pk=reported.pk)
        if approve and not reported.dimension and not reported.note:
            added = _parts_sum(reported)
            if added is not None:
                raise ValidationError(
                    _(
                        "The total (%(total)s) differs from the sum of its parts (%(parts)s) "
                        "and has no note saying why: return it so that the organisation "
                        "explains the difference."
                    )
                    % {"total": reported.value, "parts": added}
                )
        reported.status = (
            ReportedValue.Status.APPROVED if approve else ReportedValue.Status.RETURNED
        )
        reported.decided_by_id = actor.pk
        reported.decision_note = "" if approve else reason
        reported.save(update_fields=["status", "decided_by", "decision_note"])
        audit_record(
            actor=actor,
            action="monitoring.reported_value_approved"
            if approve
            else "monitoring.reported_value_returned",
            target=reported,
            organisation_id=reported.organisation_id,
            details={"indicator_id": reported.indicator_id, "period": reported.period},
        )


def reported_figures_take(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    source: str,
    organisation_id: int,
    period_start: dt.date,
    figures: list[ReportedFigure],
) -> int:
    """Count figures a coordinator approved elsewhere (a grantee report's actuals), as approved.

    Registered with core (`reported_figures_record`), so the funding app, a layer below, hands
    them over without importing monitoring. The figures count for the calendar quarter in which
    the reporting period starts, for the reported indicators among the slugs (a slug that names
    a counted or unknown indicator is left out: the platform counts those itself). Taking the
    same source again replaces what it gave before. Returns how many figures count.
    """
    if actor is not None and not (
        isinstance(actor, SignedIn | AnonymousUser) and can_approve_reported_values(actor)
    ):
        raise PermissionDenied
    if not SOURCE_PATTERN.match(source):
        raise ValueError(f"not a source: {source!r}")
    label = period_parse(f"{period_start.year}-Q{(period_start.month - 1) // 3 + 1}").label
    indicators = {
        i.slug: i
        for i in Indicator.objects.filter(
            slug__in={f["indicator"] for f in figures}, source=Indicator.Source.REPORTED
        )
    }
    rows = {}
    for figure in figures:
        indicator = indicators.get(figure["indicator"])
        dimension = figure["dimension"]
        if indicator is None or (dimension and dimension not in PUBLIC_DIMENSIONS):
            continue
        value_key = figure["value_key"][:40] if dimension else ""
        rows[(indicator.pk, dimension, value_key)] = ReportedValue(
            indicator=indicator,
            organisation_id=organisation_id,
            period=label,
            dimension=dimension,
            dimension_value=value_key,
            value=max(0, min(int(figure["value"]), MAX_TARGET)),
            source=source,
            status=ReportedValue.Status.APPROVED,
            entered_by_id=getattr(actor, "pk", None),
            decided_by_id=getattr(actor, "pk", None),
        )
    with transaction.atomic():
        ReportedValue.objects.filter(source=source).delete()
        ReportedValue.objects.bulk_create(rows.values())
        audit_record(
            actor=actor,
            action="monitoring.reported_figures_taken",
            organisation_id=organisation_id,
            details={"source": source, "period": label, "figures": len(rows)},
        )
    return len(rows)
