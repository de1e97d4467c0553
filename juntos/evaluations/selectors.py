"""Reads of the evaluations app. Nothing here decrypts: opening is a service (it is audited)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from juntos.accounts.actors import Actor
from juntos.core.crypto import keyed_hash
from juntos.evaluations.choices import WORKER_KINDS, EvaluationKind
from juntos.evaluations.models import LiaisonKey, LiaisonUnlock, RehireWatch, SealedEvaluation
from juntos.evaluations.policies import liaison_organisations_of
from juntos.evaluations.sealing import parse_cookie
from juntos.opportunities import selectors as opportunities

if TYPE_CHECKING:
    from juntos.opportunities.models import SeasonEngagement

__all__ = [
    "SeasonRow",
    "first_evaluation",
    "get_own_season_for",
    "get_sealed_for",
    "get_season_to_evaluate_for",
    "liaison_key_of",
    "live_unlock_of",
    "own_season_rows",
    "raised_watches_for",
    "sealed_for_liaison",
    "season_ref",
    "seasons_to_evaluate",
    "sent_kinds",
]


def season_ref(engagement_id: int) -> str:
    """The reference a sealed row and its HPKE info carry for one season worked."""
    return keyed_hash("evaluations.season", str(engagement_id))[:40]


@dataclass(frozen=True)
class SeasonRow:
    """A season worked, and which of its evaluations are already sealed and sent."""

    engagement: SeasonEngagement
    sent: frozenset[str]
    employer: str


def sent_kinds(engagement_ids: list[int]) -> dict[int, frozenset[str]]:
    """For each season, the kinds of evaluation already sent (in one query)."""
    refs = {season_ref(pk): pk for pk in engagement_ids}
    found: dict[int, set[str]] = {pk: set() for pk in engagement_ids}
    rows = SealedEvaluation.objects.filter(season_ref__in=refs, amends=None)
    for ref, kind in rows.values_list("season_ref", "kind"):
        found[refs[ref]].add(kind)
    return {pk: frozenset(kinds) for pk, kinds in found.items()}


def _rows(engagements: list[SeasonEngagement]) -> list[SeasonRow]:
    sent = sent_kinds([e.pk for e in engagements])
    names = opportunities.organisation_names({e.employer_organisation_id for e in engagements})
    return [
        SeasonRow(e, sent[e.pk], names.get(e.employer_organisation_id, "")) for e in engagements
    ]


def seasons_to_evaluate(actor: Actor, limit: int = 200) -> list[SeasonRow]:
    """The employer's seasons, newest first, each saying whether its evaluation is sent."""
    return _rows(list(opportunities.seasons_worked_for(actor).order_by("-year", "id")[:limit]))


def own_season_rows(actor: Actor, limit: int = 50) -> list[SeasonRow]:
    """Her seasons, saying which of her two evaluations are sent (never the employer's)."""
    rows = _rows(list(opportunities.own_seasons(actor).order_by("-year", "id")[:limit]))
    return [SeasonRow(r.engagement, r.sent & frozenset(WORKER_KINDS), r.employer) for r in rows]


def get_season_to_evaluate_for(actor: Actor, engagement_id: int) -> SeasonEngagement:
    """A season worked for the actor's employer, or 404."""
    return opportunities.get_season_worked_for(actor, engagement_id)


def get_own_season_for(actor: Actor, engagement_id: int) -> SeasonEngagement:
    """One of her own seasons, or 404."""
    return opportunities.get_own_season_for(actor, engagement_id)


def first_evaluation(engagement_id: int, kind: str) -> SealedEvaluation | None:
    """The first sealed evaluation of this kind for a season, if it was sent."""
    return SealedEvaluation.objects.filter(
        season_ref=season_ref(engagement_id), kind=kind, amends=None
    ).first()


def liaison_key_of(organisation_id: int | None) -> LiaisonKey | None:
    """The liaison organisation's key, if it set one up."""
    if organisation_id is None:
        return None
    return LiaisonKey.objects.filter(organisation_id=organisation_id).first()


def sealed_for_liaison(actor: Actor) -> QuerySet[SealedEvaluation]:
    """The sealed evaluations of the actor's liaison organisations: routing fields only."""
    return SealedEvaluation.objects.filter(
        liaison_organisation_id__in=liaison_organisations_of(actor)
    ).select_related("rehire_watch")


def get_sealed_for(actor: Actor, evaluation_id: int) -> SealedEvaluation:
    """One sealed evaluation of the actor's liaison organisation, or 404 (still sealed)."""
    evaluation = (
        sealed_for_liaison(actor).select_related("liaison_key").filter(pk=evaluation_id).first()
    )
    if evaluation is None:
        raise Http404
    return evaluation


def live_unlock_of(actor: Actor, cookie: str | None) -> LiaisonUnlock | None:
    """The actor's unexpired unlock named by her cookie (the row alone opens nothing)."""
    parsed = parse_cookie(cookie or "")
    if parsed is None or not actor.is_authenticated:
        return None
    return (
        LiaisonUnlock.objects.filter(pk=parsed[0], user_id=actor.pk, expires_at__gt=timezone.now())
        .select_related("liaison_key")
        .first()
    )


def raised_watches_for(actor: Actor) -> QuerySet[RehireWatch]:
    """Her seasons where the employer said "would rehire" and then did not name her."""
    seasons = opportunities.own_seasons(actor).values_list("pk", flat=True)
    return RehireWatch.objects.filter(engagement_id__in=list(seasons), raised_on__isnull=False)


def kind_label(kind: str) -> str:
    return str(EvaluationKind(kind).label)
