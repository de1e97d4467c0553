"""Calls for proposals: opened by the coordinator from adopted recommendations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from juntos.accounts.actors import Actor
from juntos.core.services import audit_record, fact_record
from juntos.funding.choices import (
    CALL_TIME_ZONES,
    BudgetCategory,
    Currency,
)
from juntos.funding.models import (
    Call,
    CallIndicator,
    CallRecommendation,
    CategoryCap,
    Criterion,
)
from juntos.funding.services._common import (
    LANGUAGES,
    _money,
    _person,
    _require_coordinator,
    _text,
)
from juntos.network.selectors import adopted_recommendations


def _rubric_check(criteria: list[tuple[str, int]]) -> None:
    if not criteria:
        raise ValidationError({"criteria": _("Add at least one criterion to the rubric.")})
    total = sum(weight for _name, weight in criteria)
    if total != 100 or any(weight <= 0 for _name, weight in criteria):
        raise ValidationError(
            {
                "criteria": _("The rubric's weights must total exactly 100; these total %(total)s.")
                % {"total": total}
            }
        )


def _recommendations_check(ids: list[int]) -> None:
    if not ids:
        raise ValidationError(
            {"recommendations": _("Link at least one recommendation the plenary adopted.")}
        )
    adopted = {ref.id for ref in adopted_recommendations(ids)}
    if set(ids) - adopted:
        raise ValidationError(
            {"recommendations": _("A call may only take up recommendations the plenary adopted.")}
        )


def deadline_from_local(local: dt.datetime, time_zone: str) -> dt.datetime:
    """The deadline typed as a local date and time in the call's zone, made aware."""
    if time_zone not in dict(CALL_TIME_ZONES):
        raise ValidationError({"time_zone": _("Choose one of the listed time zones.")})
    return local.replace(tzinfo=ZoneInfo(time_zone))


def call_open(
    *,
    actor: Actor,
    titles: dict[str, str],
    descriptions: dict[str, str],
    eligibility: dict[str, str],
    amount: Decimal,
    currency: str,
    deadline_local: dt.datetime,
    time_zone: str,
    required_partners: int,
    criteria: list[tuple[str, int]],
    recommendation_ids: list[int],
    category_caps: dict[str, Decimal] | None = None,
    indicators: list[tuple[str, str]] | None = None,
    reviews_needed: int = 2,
) -> Call:
    """The coordinator opens a call that takes up at least one adopted recommendation."""
    _require_coordinator(actor)
    texts = {
        f"title_{lang}": _text(
            titles.get(lang, ""), field=f"title_{lang}", limit=200, required=False
        )
        for lang in LANGUAGES
    }
    if not any(texts.values()):
        raise ValidationError({"title_en": _("Give the call a title in at least one language.")})
    if currency not in Currency.values:
        raise ValidationError({"currency": _("Choose CAD or MXN.")})
    _money(amount, field="amount")
    deadline = deadline_from_local(deadline_local, time_zone)
    if deadline <= timezone.now():
        raise ValidationError({"deadline": _("The deadline must be in the future.")})
    _rubric_check(criteria)
    _recommendations_check(recommendation_ids)
    caps = category_caps or {}
    if any(c not in BudgetCategory.values or not 0 <= p <= 100 for c, p in caps.items()):
        raise ValidationError({"category_caps": _("Each cap is a percentage from 0 to 100.")})
    with transaction.atomic():
        call = Call.objects.create(
            **texts,
            **{f"description_{lang}": descriptions.get(lang, "").strip() for lang in LANGUAGES},
            **{f"eligibility_{lang}": eligibility.get(lang, "").strip() for lang in LANGUAGES},
            amount=amount,
            currency=currency,
            deadline=deadline,
            time_zone=time_zone,
            required_partners=required_partners,
            reviews_needed=max(1, reviews_needed),
            opened_by=_person(actor),
        )
        CallRecommendation.objects.bulk_create(
            CallRecommendation(call=call, recommendation_id=i)
            for i in sorted(set(recommendation_ids))
        )
        Criterion.objects.bulk_create(
            Criterion(call=call, name=name.strip()[:200], weight=weight, position=i)
            for i, (name, weight) in enumerate(criteria)
        )
        CategoryCap.objects.bulk_create(
            CategoryCap(call=call, category=c, percent=p) for c, p in caps.items()
        )
        CallIndicator.objects.bulk_create(
            CallIndicator(call=call, slug=slug, title=title) for slug, title in indicators or []
        )
        audit_record(actor=actor, action="funding.call_open", target=call)
        fact_record(kind="funding.call-opened", category=currency)
    return call
