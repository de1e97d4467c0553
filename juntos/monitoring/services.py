"""Recording facts. Every module calls `fact_record`; nothing else writes the ledger."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record, rows_rewrite
from juntos.monitoring.disclosure import DisclosureError, period_parse
from juntos.monitoring.models import DIMENSIONS, Fact, Indicator, Target
from juntos.monitoring.policies import can_edit_targets

MAX_TARGET = 10_000_000

KIND_PATTERN = re.compile(r"^[a-z][a-z0-9_.-]{1,79}$")


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
    }
    key = "|".join(f"{name}={values[name] or ''}" for name in DIMENSIONS)
    cell = {"kind": kind, "month": first_of_month(month), "dimension_key": key}
    with transaction.atomic(savepoint=False):  # a transaction, but no savepoint round trip
        if Fact.objects.filter(**cell).update(count=F("count") + count):
            return
        try:
            with transaction.atomic():
                Fact.objects.create(**cell, **values, count=count)
        except IntegrityError:  # another process created the cell first
            Fact.objects.filter(**cell).update(count=F("count") + count)


def facts_day_rewrite(since: dt.date | None, before: dt.date) -> list[type[models.Model]]:
    """The daily seal's part here: the cells of the sealed days' months, shuffled, new ids.

    A cell's id would tell which combination first happened before which; its place and its
    transaction id would tie its last count to the anonymous write beside it.
    """
    cells = Fact.objects.all()
    if since is not None:
        cells = cells.filter(month__gte=first_of_month(since))
    rows_rewrite(cells, new_ids=True)
    return [Fact]


def target_set(*, actor: Actor, indicator: Indicator, period: str, value: int | None) -> None:
    """Set (or, with no value, remove) an indicator's target for a quarter or a year."""
    if not can_edit_targets(actor):
        raise PermissionDenied
    try:
        span = period_parse(period)
    except DisclosureError as error:
        raise ValidationError({"period": str(error)}) from error
    if span.kind == "month":
        raise ValidationError({"period": _("Targets are set per quarter or per year.")})
    if value is not None and not 0 <= value <= MAX_TARGET:
        raise ValidationError(
            {"value": _("A target is a whole number from 0 to %(max)s.") % {"max": MAX_TARGET}}
        )
    with transaction.atomic():
        before = Target.objects.filter(indicator=indicator, period=span.label).first()
        if value is None:
            Target.objects.filter(indicator=indicator, period=span.label).delete()
        else:
            Target.objects.update_or_create(
                indicator=indicator, period=span.label, defaults={"value": value}
            )
        audit_record(
            actor=actor,
            action="monitoring.target_set",
            target=indicator,
            details={
                "period": span.label,
                "before": before.value if before else None,
                "after": value,
            },
        )
