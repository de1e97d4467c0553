"""The evaluations JSON API: the employer's seasons to evaluate, and the liaison's list of
sealed evaluations (routing fields only; opening happens on the page, with the unlock cookie)."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema
from ninja.security import django_auth

from juntos.accounts.actors import signed_in
from juntos.evaluations import selectors
from juntos.evaluations.choices import EvaluationKind
from juntos.evaluations.policies import liaison_organisations_of
from juntos.opportunities.policies import employer_organisations_of

router = Router(tags=["evaluations"])
MAX_ROWS = 100


class SeasonToEvaluateOut(Schema):
    engagement_id: int
    worker: str
    season: int
    sent: bool


class SealedOut(Schema):
    id: int
    kind: str
    season: int
    submitted_on: dt.date
    amends: int | None


@router.get(
    "/to-evaluate",
    response=list[SeasonToEvaluateOut],
    auth=django_auth,
    summary="The employer's workers to evaluate, per season",
)
def to_evaluate(request: HttpRequest) -> list[dict[str, object]]:
    user = signed_in(request)
    if not employer_organisations_of(user):
        raise Http404
    return [
        {
            "engagement_id": row.engagement.pk,
            "worker": row.engagement.worker.display_name,
            "season": row.engagement.year,
            "sent": EvaluationKind.EMPLOYER_OF_WORKER in row.sent,
        }
        for row in selectors.seasons_to_evaluate(user, limit=MAX_ROWS)
    ]


@router.get(
    "/sealed",
    response=list[SealedOut],
    auth=django_auth,
    summary="Evaluations sealed to the liaison's organisation (still sealed)",
)
def sealed(request: HttpRequest) -> list[dict[str, object]]:
    user = signed_in(request)
    if not liaison_organisations_of(user):
        raise Http404
    return [
        {
            "id": e.pk,
            "kind": e.kind,
            "season": e.season_year,
            "submitted_on": e.submitted_on,
            "amends": e.amends_id,
        }
        for e in selectors.sealed_for_liaison(user)[:MAX_ROWS]
    ]
