"""Reading the ledger, with small counts hidden wherever figures leave their owner."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Sum

from juntos.monitoring.models import DIMENSIONS, Fact


@dataclass(frozen=True)
class Cell:
    """One row of a table: its dimension values and its count (None when suppressed)."""

    dimensions: dict[str, object]
    count: int | None


def fact_table(
    kind: str,
    *,
    group_by: tuple[str, ...] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
    threshold: int | None = None,
    **filters: object,
) -> list[Cell]:
    """Totals of one kind grouped by dimensions; counts below the threshold become None."""
    unknown = set(group_by) - {*DIMENSIONS, "month"}
    if unknown:
        raise ValueError(f"unknown dimensions: {sorted(unknown)}")
    threshold = settings.JUNTOS_SUPPRESSION_THRESHOLD if threshold is None else threshold
    facts = Fact.objects.filter(kind=kind, **filters)
    if since:
        facts = facts.filter(month__gte=since)
    if until:
        facts = facts.filter(month__lte=until)
    rows = facts.values(*group_by).annotate(total=Sum("count")).order_by(*group_by)
    return [
        Cell(
            dimensions={name: row[name] for name in group_by},
            count=row["total"] if row["total"] >= threshold else None,
        )
        for row in rows
    ]
